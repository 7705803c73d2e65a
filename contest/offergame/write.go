package offergame

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/game/nfg"
	"github.com/infragame/infragame/units"
)

// ErrInput marks a request the model cannot serve (an unknown form or
// leader, an unreadable markup list): the caller's input is at fault.
var ErrInput = errors.New("offergame: bad input")

// inputError is an error of the caller's input: its message is err's, and
// errors.Is finds ErrInput in it.
type inputError struct{ err error }

func (e inputError) Error() string   { return e.err.Error() }
func (e inputError) Unwrap() []error { return []error{e.err, ErrInput} }

// Document is the JSON document of `infragame game from-case`: the model
// (the offer grid with prices, loan rates and concession costs), the form
// written and, when the game went to a file, its name.
type Document struct {
	Model  *Model `json:"model"`
	Form   string `json:"form"`
	Output string `json:"output,omitempty"`
}

// WriteGame writes the model's game: form "nfg" the simultaneous offer game
// as a Gambit .nfg file (outcome version, strategy names kept), "efg" the
// sequential game led by leader ("" the case's first offer) as a Gambit
// .efg file. An unknown form or leader is an error wrapping [ErrInput].
func (m *Model) WriteGame(w io.Writer, form, leader string) error {
	switch form {
	case "nfg":
		g, err := m.Simultaneous()
		if err != nil {
			return err
		}
		return nfg.Write(w, g, nfg.OutcomeVersion)
	case "efg":
		g, err := m.Sequential(leader)
		if err != nil {
			return inputError{err}
		}
		return efg.Write(w, g)
	}
	return inputError{fmt.Errorf("offergame: form %q: want nfg or efg", form)}
}

// ParseMarkups reads markups over expected cost given as comma-separated
// percentages ("0,10,20" or "0,10%,20%"), each above -100, and returns
// them as fractions. An unreadable list is an error wrapping [ErrInput].
func ParseMarkups(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f), "%"))
		v, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v <= -100 {
			return nil, inputError{fmt.Errorf("offergame: markups %q: want comma-separated percentages above -100 such as 0,10,20", s)}
		}
		out = append(out, units.FractionOf(v))
	}
	return out, nil
}
