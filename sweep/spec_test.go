package sweep

import (
	"strings"
	"testing"
)

const goodSpec = `name: demo
model:
  kind: ishigami
  args: [7, 0.1]
seed: 5
runs: 2
design:
  kind: saltelli
  points: 64
params:
  - name: x1
    range: [-3.14159, 3.14159]
  - name: x2
    dist: {kind: uniform, low: -3.14159, high: 3.14159}
  - name: x3
    dist: {kind: triangular, low: -3, mode: 0, high: 3}
`

func TestParseSpec(t *testing.T) {
	s, err := ParseSpec("demo.yaml", []byte(goodSpec))
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Len() != 64*5 || s.Runs != 2 || p.Role(0) != "A" || p.Role(2) != "AB:x2" || p.Role(4) != "B" {
		t.Errorf("len %d runs %d roles %q %q %q", p.Len(), s.Runs, p.Role(0), p.Role(2), p.Role(4))
	}
}

func TestParseSpecErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown field", strings.Replace(goodSpec, "seed: 5", "sead: 5", 1), "sead"},
		{"bad design", strings.Replace(goodSpec, "kind: saltelli", "kind: factorial", 1), "demo.yaml:8:9: design.kind: unknown design \"factorial\""},
		{"range order", strings.Replace(goodSpec, "[-3.14159, 3.14159]", "[3, 1]", 1), "demo.yaml:12:12: params[0].range: must be finite with lo ≤ hi"},
		{"bad dist", strings.Replace(goodSpec, "mode: 0", "mode: 9", 1), "demo.yaml:16:11: params[2].dist: triangular"},
		{"duplicate", strings.Replace(goodSpec, "name: x3", "name: x1", 1), "demo.yaml:15:11: params[2].name: \"x1\" repeats params[0]"},
		{"reserved", strings.Replace(goodSpec, "name: x3", "name: seed", 1), "reserved column"},
		{"no points", strings.Replace(goodSpec, "points: 64", "points: 0", 1), "design.points: must be ≥ 1"},
		{"too many", strings.Replace(goodSpec, "points: 64", "points: 1000000000000", 1), "more than"},
		{"morris odd", strings.Replace(goodSpec, "kind: saltelli\n  points: 64", "kind: morris\n  levels: 5\n  trajectories: 4", 1), "design.levels: Morris needs an even number"},
		{"syntax", "params: [", "demo.yaml"},
		{"levels outside grid", strings.Replace(goodSpec, "    range: [-3.14159, 3.14159]", "    range: [-3.14159, 3.14159]\n    levels: 3", 1), "params[0].levels: only a grid"},
	} {
		_, err := ParseSpec("demo.yaml", []byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
	big := strings.Repeat("#", MaxSpecBytes+1)
	if _, err := ParseSpec("big.yaml", []byte(big)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("oversized spec: %v", err)
	}
}

// FuzzParseSpec: the reader never panics, and an accepted spec gives a
// plan whose first and last points can be computed.
func FuzzParseSpec(f *testing.F) {
	f.Add([]byte(goodSpec))
	f.Add([]byte("model: {kind: x}\ndesign: {kind: grid, levels: 3}\nparams: [{name: a, range: [0, 1]}]\n"))
	f.Add([]byte("model: {kind: x}\ndesign: {kind: morris, trajectories: 3}\nparams: [{name: a, dist: {kind: normal, mean: 0, sd: 1}}]\n"))
	f.Add([]byte("model: {kind: x}\ndesign: {kind: lhs, points: 9}\nparams: [{name: a, dist: {kind: lognormal, mu: 0, sigma: 1}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSpec("fuzz.yaml", data)
		if err != nil {
			return
		}
		p, err := NewPlan(s)
		if err != nil {
			t.Fatalf("validated spec rejected by NewPlan: %v", err)
		}
		if p.Len() > 1<<16 {
			return
		}
		u, x := make([]float64, p.Dim()), make([]float64, p.Dim())
		p.Point(0, u, x)
		p.Point(p.Len()-1, u, x)
		_ = p.Role(p.Len() - 1)
	})
}
