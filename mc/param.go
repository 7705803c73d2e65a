package mc

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math"
	"sort"
	"strings"
)

// Param is a named numeric input of a model. Ptr points into the
// value it was taken from; Lo and Hi bound the valid values (inclusive, with
// Open marking a strict lower bound).
type Param struct {
	Name   string
	Ptr    *float64
	Lo, Hi float64
	// LoOpen means values must be strictly greater than Lo.
	LoOpen bool
}

// Check reports whether v is a valid value of p.
func (p Param) Check(v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return parseerr.Fieldf(p.Name, "not a finite number")
	case p.LoOpen && v <= p.Lo:
		return parseerr.Fieldf(p.Name, "must be > %g, got %g", p.Lo, v)
	case v < p.Lo:
		return parseerr.Fieldf(p.Name, "must be ≥ %g, got %g", p.Lo, v)
	case v > p.Hi:
		return parseerr.Fieldf(p.Name, "must be ≤ %g, got %g", p.Hi, v)
	}
	return nil
}

// Clamp returns v limited to the valid range of p (a strict lower bound Lo
// is replaced by the next representable value above it).
func (p Param) Clamp(v float64) float64 {
	if p.LoOpen && v <= p.Lo {
		return math.Nextafter(p.Lo, math.Inf(1))
	}
	return math.Min(math.Max(v, p.Lo), p.Hi)
}

// ParamNames returns the sorted names of ps.
func ParamNames(ps []Param) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	sort.Strings(names)
	return names
}

// FindParam returns the parameter called name, or an error listing the
// valid names.
func FindParam(ps []Param, name string) (Param, error) {
	for _, p := range ps {
		if p.Name == name {
			return p, nil
		}
	}
	return Param{}, &UnknownParamError{Name: name, Valid: ParamNames(ps)}
}

// UnknownParamError is returned by [FindParam]: Name is not a parameter;
// Valid lists the names that are, sorted. It matches [ErrUnknownParam].
type UnknownParamError struct {
	Name  string
	Valid []string
}

func (e *UnknownParamError) Error() string {
	return fmt.Sprintf("%v %q; valid names: %s", ErrUnknownParam, e.Name, strings.Join(e.Valid, ", "))
}

// Is makes errors.Is(err, ErrUnknownParam) true.
func (e *UnknownParamError) Is(target error) bool { return target == ErrUnknownParam }

// ErrUnknownParam is returned for a parameter name that does not exist.
var ErrUnknownParam = errors.New("unknown parameter")
