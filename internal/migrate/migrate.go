// Package migrate rewrites input files written before the one-unit rule,
// whose rates and shares are decimal fractions (discount_rate: 0.05), to
// the percentage fields every file now uses (discount_rate_pct: 5): the
// one code path of `infragame lcc|tender|sim migrate` and of the web app's
// /migrate page and /api/v1/migrate/{kind}.
package migrate

import (
	"errors"
	"fmt"
	"sort"

	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// ErrUnknownKind is returned for a kind of file that has no migration.
var ErrUnknownKind = errors.New("migrate: unknown kind of file (want lcc, tender or sim)")

// Kind is a file format with percentage fields.
type Kind struct {
	// Name is the command group: lcc, tender or sim.
	Name string
	// What names the file in messages: study, tender or case, scenario.
	What string
	// Before and After show one field of this kind of file in its decimal
	// form and as migrated, for help texts.
	Before, After string
	fields        func() []pctyaml.Field
	sourcesKey    string
	parse         func([]byte) error
}

var kinds = map[string]Kind{
	"lcc": {Name: "lcc", What: "study", Before: "analysis: {discount_rate: 0.05}", After: "analysis: {discount_rate_pct: 5}", fields: lcc.StudyPctFields, parse: func(b []byte) error {
		_, err := lcc.ParseStudy(b, units.Options{AllowUnusual: true})
		return err
	}},
	"tender": {Name: "tender", What: "tender or case", Before: "offers: [{id: jp, loan: {rate: 0.001}}]", After: "offers: [{id: jp, loan: {rate_pct: 0.1}}]", fields: tender.PctFields, sourcesKey: "sources", parse: func(b []byte) error {
		_, err := tender.ParseFile(b, units.Options{AllowUnusual: true})
		return err
	}},
	"sim": {Name: "sim", What: "scenario", Before: "params: {jp.concessional.rate: 0.01}", After: "params: {jp.concessional.rate_pct: 1}", fields: market.PctFields, parse: func(b []byte) error {
		_, err := market.ReadScenario("", b, units.Options{AllowUnusual: true})
		return err
	}},
}

// Kinds returns the names of the kinds, sorted.
func Kinds() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the kind named name.
func Lookup(name string) (Kind, error) {
	k, ok := kinds[name]
	if !ok {
		return Kind{}, fmt.Errorf("%w: %q", ErrUnknownKind, name)
	}
	return k, nil
}

// Result is a migrated file: the JSON document of /api/v1/migrate/{kind}.
type Result struct {
	// Kind is lcc, tender or sim.
	Kind string `json:"kind"`
	// Name is the file's name as given (it prefixes the messages).
	Name string `json:"name"`
	// Rewritten counts the fields renamed to _pct (0: already migrated, the
	// file is returned unchanged).
	Rewritten int `json:"rewritten"`
	// File is the migrated text, byte for byte what `infragame KIND migrate
	// FILE` prints.
	File string `json:"file"`
	// Notes say what was done, as the command's -w message does.
	Notes []string `json:"notes"`
}

// File migrates data, the text of a file of kind k named name (used in
// messages, "file.yaml:3:3: ..."), and checks that the result reads. A
// file giving both names of one quantity, or a rate that is not a plain
// number, is an error naming its line.
func (k Kind) File(name string, data []byte) (*Result, error) {
	out, n, err := pctyaml.Migrate(name, data, k.fields(), k.sourcesKey)
	if err != nil {
		return nil, err
	}
	if err := k.parse(out); err != nil {
		return nil, fmt.Errorf("%s: the migrated file does not read (please report this): %w", name, err)
	}
	notes := []string{fmt.Sprintf("%s: %d field(s) rewritten as percentages", name, n)}
	if n == 0 {
		notes = append(notes, "the file has no decimal rate or share left: it is returned unchanged")
	} else {
		notes = append(notes, "only those keys and numbers changed (the decimal point is moved in the text, so the file gives the same results to the last digit); comments, order and layout are kept")
	}
	return &Result{Kind: k.Name, Name: name, Rewritten: n, File: string(out), Notes: notes}, nil
}
