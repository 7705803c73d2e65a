package market

import (
	"embed"
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"path"
	"sort"
	"strings"

	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/internal/yamlpos"
	"github.com/infragame/infragame/units"
)

// Adaptation is how exporters revise their bid policy between years.
type Adaptation string

const (
	// Fixed keeps every policy as given.
	Fixed Adaptation = "none"
	// BestResponse moves each exporter's markup by one grid step
	// (adapt.step) to the best reply, replayed on the year's projects,
	// against the others' current markups.
	BestResponse Adaptation = "best-response"
	// Replicator moves each exporter's mix over a markup grid one step of
	// the replicator dynamics (package game).
	Replicator Adaptation = "replicator"
)

// Scenario is a named simulation set-up: the years, the adaptation rule and
// parameter values that differ from the calibrated defaults ([Params]).
type Scenario struct {
	Name        string     `yaml:"name" json:"name"`
	Title       string     `yaml:"title" json:"title"`
	Description string     `yaml:"description,omitempty" json:"description,omitempty"`
	Source      string     `yaml:"source,omitempty" json:"source,omitempty"`
	Start       int        `yaml:"start" json:"start"`
	End         int        `yaml:"end" json:"end"`
	Adaptation  Adaptation `yaml:"adaptation,omitempty" json:"adaptation"`
	Params      Values     `yaml:"params,omitempty" json:"params,omitempty"`
}

// Limits of a scenario file.
const (
	MaxScenarioBytes = 1 << 20
	MaxYears         = 200
)

// Validate checks the scenario; errors name the field.
func (s *Scenario) Validate() error {
	var errs []error
	if s.Name == "" || strings.ContainsAny(s.Name, " \t/") {
		errs = append(errs, parseerr.Fieldf("name", "must be a non-empty name without spaces or slashes"))
	}
	if s.Start < 1900 || s.Start > 2200 {
		errs = append(errs, parseerr.Fieldf("start", "year %d outside 1900–2200", s.Start))
	}
	if s.End < s.Start || s.End-s.Start >= MaxYears {
		errs = append(errs, parseerr.Fieldf("end", "%d must be ≥ start %d and within %d years of it", s.End, s.Start, MaxYears))
	}
	switch s.Adaptation {
	case "", Fixed, BestResponse, Replicator:
	default:
		errs = append(errs, parseerr.Fieldf("adaptation", "unknown %q (want none, best-response or replicator)", s.Adaptation))
	}
	if _, err := resolve(s.Params); err != nil {
		errs = append(errs, prefixParams(err))
	}
	return errors.Join(errs...)
}

// prefixParams makes a parameter error ("NAME: …") point at its field.
func prefixParams(err error) error {
	return parseerr.Prefix("params", err)
}

// ReadScenario reads a scenario from YAML strictly (unknown keys are
// errors): syntax errors carry line and column, semantic errors the line
// of the field. Rates and shares among the params are percentages under
// their _pct names (jp.guarantee_share_pct: 50); files written before
// that rule give decimal fractions under the names without the suffix
// (jp.guarantee_share: 0.5), still read ("infragame sim migrate"
// rewrites them). The percentages become the same float64 fractions as
// the old form (the decimal point is moved in the text: [pctyaml]); a
// percentage almost certainly on the wrong scale ([units.Check]: a
// financed share of 0.85 %) is an error unless opts allow unusual values.
func ReadScenario(name string, data []byte, opts ...units.Options) (*Scenario, error) {
	if len(data) > MaxScenarioBytes {
		return nil, parseerr.At(name, 0, 0, "", "%d bytes, more than the limit of %d", len(data), MaxScenarioBytes)
	}
	var s Scenario
	doc, err := yamlpos.Load(name, data)
	if err != nil {
		return nil, err
	}
	conv, err := pctyaml.NormalizeNotes(doc.Root(), PctFields(), units.Allow(opts))
	if err != nil {
		return nil, parseerr.InFile(name, err)
	}
	if err := doc.DecodeRoot(&s); err != nil {
		return nil, err
	}
	if s.Adaptation == "" {
		s.Adaptation = Fixed
	}
	if err := s.Validate(); err != nil {
		return nil, pctyaml.Explain(doc.Locate(err), conv)
	}
	return &s, nil
}

// ScenarioCheck is the result of "sim validate": a scenario that reads
// strictly and compiles into a simulation (Valid, with its name, years
// and number of parameters set), or the problems that stop it (Valid
// false; [ValidateScenario]). Problems is empty, never null, when Valid.
type ScenarioCheck struct {
	File     string            `json:"file"`
	Name     string            `json:"scenario"`
	Start    int               `json:"start"`
	End      int               `json:"end"`
	Params   int               `json:"params"`
	Valid    bool              `json:"valid"`
	Problems []ScenarioProblem `json:"problems"`
}

// ScenarioProblem is one problem of a scenario file: where it is (Line
// and Column 1-based, 0 when unknown; Field the path in the file's keys,
// "" for the file as a whole) and the message without that place.
type ScenarioProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// CheckScenario compiles s, read from file ([ReadScenario] or [Named]),
// as "sim validate" does for the command line and the web app: an error
// names the file; ReadScenario's errors already carry line and field.
func CheckScenario(file string, s *Scenario) (*ScenarioCheck, error) {
	if _, err := New(s); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &ScenarioCheck{File: file, Name: s.Name, Start: s.Start, End: s.End, Params: len(s.Params), Valid: true, Problems: []ScenarioProblem{}}, nil
}

// ValidateScenario reads the scenario file data strictly ([ReadScenario])
// and compiles it ([CheckScenario]), and returns the check as one
// document: valid, or every problem found with its file, line, column and
// field ("sim validate --format json", the web app's check). err is the
// error the problems come from (nil when valid), for callers that report
// it as a message.
func ValidateScenario(file string, data []byte, opts ...units.Options) (c *ScenarioCheck, err error) {
	s, err := ReadScenario(file, data, opts...)
	if err == nil {
		if c, err = CheckScenario(file, s); err == nil {
			return c, nil
		}
	}
	c = &ScenarioCheck{File: file}
	if s != nil {
		c.Name, c.Start, c.End, c.Params = s.Name, s.Start, s.End, len(s.Params)
	}
	for _, e := range parseerr.Leaves(err) {
		p := ScenarioProblem{File: file, Message: e.Error()}
		var pe *parseerr.Error
		if errors.As(e, &pe) {
			p.Line, p.Column, p.Field, p.Message = pe.Line, pe.Column, pe.Field, pe.Err.Error()
			if pe.File != "" {
				p.File = pe.File
			}
		} else {
			p.Message = strings.TrimPrefix(p.Message, file+": ")
		}
		c.Problems = append(c.Problems, p)
	}
	return c, err
}

//go:embed scenarios/*.yaml
var shipped embed.FS

// Scenarios returns the shipped scenarios, sorted by name.
func Scenarios() ([]*Scenario, error) {
	ents, err := shipped.ReadDir("scenarios")
	if err != nil {
		return nil, err
	}
	var out []*Scenario
	for _, e := range ents {
		b, err := shipped.ReadFile(path.Join("scenarios", e.Name()))
		if err != nil {
			return nil, err
		}
		s, err := ReadScenario(e.Name(), b)
		if err != nil {
			return nil, err
		}
		if s.Name+".yaml" != e.Name() {
			return nil, parseerr.At(e.Name(), 0, 0, "name", "%q differs from the file name", s.Name)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ShippedFile returns the text of the shipped scenario file called name.
func ShippedFile(name string) ([]byte, error) {
	return shipped.ReadFile(path.Join("scenarios", name+".yaml"))
}

// Named returns the shipped scenario called name.
func Named(name string) (*Scenario, error) {
	all, err := Scenarios()
	if err != nil {
		return nil, err
	}
	names := make([]string, len(all))
	for i, s := range all {
		if s.Name == name {
			return s, nil
		}
		names[i] = s.Name
	}
	return nil, fmt.Errorf("no scenario %q (shipped: %s)", name, strings.Join(names, ", "))
}

// With returns a copy of s with the parameters in v set (overriding s's).
func (s *Scenario) With(v Values) *Scenario {
	c := *s
	c.Params = Values{}
	for k, x := range s.Params {
		c.Params[k] = x
	}
	for k, x := range v {
		// A value given under either name of a rate or share replaces
		// the scenario's under the other.
		if base, ok := fractionName(k); ok {
			delete(c.Params, base)
		} else {
			delete(c.Params, k+pctyaml.Suffix)
		}
		c.Params[k] = x
	}
	return &c
}
