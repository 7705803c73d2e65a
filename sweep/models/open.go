package models

import (
	"fmt"
	"strings"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/internal/parseerr"
	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/units"
)

// MaxModelFile bounds a model file read by a sweep.
const MaxModelFile = 16 << 20

// Job is a loaded spec: its plan, its model and the model file's bytes.
type Job struct {
	Spec      *sweep.Spec
	Plan      *sweep.Plan
	Model     sweep.Model
	ModelFile []byte
}

// Open reads a spec (name is its file name in messages) and its model
// file, and checks that the model knows every parameter. A model.file
// "case:ID" is a case of the library, "scenario:NAME" a shipped simulation
// scenario; any other is read by readFile, which resolves it (the command
// line: relative to the spec's directory; the web app: among the shipped
// examples). Errors are [parseerr.Error]s naming the file, line and field
// where the spec has them. The command line's "sweep design|run|slurm" and
// the web app's /sweep both call it. A swept rate or share whose range or
// distribution is almost certainly on the wrong scale is refused
// ([sweep.Spec.CheckUnits]) unless opts (at most one) allow unusual values.
func Open(name string, data []byte, readFile func(path string) ([]byte, error), opts ...units.Options) (*Job, error) {
	s, err := sweep.ParseSpec(name, data)
	if err != nil {
		return nil, err
	}
	var file []byte
	if NeedsFile(s.Model.Kind) {
		if s.Model.File == "" {
			return nil, s.Errorf("model.file", fmt.Errorf("a %s model needs a file", s.Model.Kind))
		}
		if strings.HasPrefix(s.Model.File, "scenario:") {
			// a shipped simulation scenario, resolved by the model
		} else if id, ok := strings.CutPrefix(s.Model.File, "case:"); ok {
			if file, err = cases.Raw(id + ".yaml"); err != nil {
				return nil, s.Errorf("model.file", fmt.Errorf("no case %q (see \"infragame tender cases\")", id))
			}
		} else if file, err = readFile(s.Model.File); err != nil {
			return nil, s.Errorf("model.file", err)
		}
	}
	m, err := Load(s.Model, file)
	if err != nil {
		// The model's own errors name their field (model.args); others
		// (a case file that does not read) are about model:.
		return nil, s.Locate(parseerr.Map(err, func(e error) error {
			if _, ok := e.(*parseerr.Error); ok {
				return e
			}
			return s.Errorf("model", e)
		}))
	}
	p, err := sweep.NewPlan(s)
	if err != nil {
		return nil, err
	}
	if _, err := m.Bind(p.Names()); err != nil {
		return nil, parseerr.InFile(name, s.Locate(err))
	}
	if uk, ok := m.(sweep.UnitKinds); ok && !units.Allow(opts) {
		if err := s.CheckUnits(uk.UnitKind); err != nil {
			return nil, err
		}
	}
	return &Job{Spec: s, Plan: p, Model: m, ModelFile: file}, nil
}
