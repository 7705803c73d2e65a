package market_test

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/market"
)

var update = flag.Bool("update", false, "rewrite the generated sections of docs/sim.md")

const simDoc = "../docs/sim.md"

// section replaces or checks the text between <!-- NAME:begin --> and
// <!-- NAME:end --> in docs/sim.md.
func section(t *testing.T, name, body string) {
	t.Helper()
	b, err := os.ReadFile(simDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: markers of section %s missing", simDoc, name)
	}
	cur := doc[i+len(begin) : j]
	if cur == body {
		return
	}
	if *update {
		if err := os.WriteFile(simDoc, []byte(doc[:i+len(begin)]+body+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: section %s is stale; run go test ./market -run %s -update\n--- want\n%s", simDoc, name, t.Name(), body)
}

func g4(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.4g", x)
}

func TestParamsDocumented(t *testing.T) {
	var b strings.Builder
	b.WriteString("| parameter | unit | default | range | meaning | source |\n|---|---|---|---|---|---|\n")
	for _, p := range market.Params() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | [%s, %s] | %s | %s |\n", p.Name, p.Unit, g4(p.Default), g4(p.Lo), g4(p.Hi), p.Doc, p.Source)
		if p.Unit == "" || p.Source == "" || p.Doc == "" {
			t.Errorf("%s: unit, meaning and source are required", p.Name)
		}
	}
	section(t, "params", b.String())
}

// The calibration table and the out-of-sample comparison of docs/sim.md
// are regenerated here, and the calibrated baseline must reproduce every
// moment of its window within the 10th–90th percentile of its runs.
func TestCalibrationTable(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	targets, err := market.SeedMoments(set)
	if err != nil {
		t.Fatal(err)
	}
	sc := named(t, "baseline")
	const runs, seed = 200, 2015
	ms, oos, err := market.Validation(context.Background(), sc, targets, market.JPYRates(set), runs, 0, seed)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Baseline, %d runs, seed %d (`infragame sim calibrate --runs %d --seed %d`):\n\n", runs, seed, runs, seed)
	b.WriteString("| moment | unit | target | simulated (mean) | P10–P90 over runs | error | source |\n|---|---|---|---|---|---|---|\n")
	obj := 0.0
	for _, m := range ms {
		d := m.Percent() // shares in percent, as sim calibrate shows them
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s–%s | %+.1f %% | %s |\n", d.Doc, d.Unit, g4(d.Target), g4(d.Sim), g4(d.P10), g4(d.P90), 100*m.RelError, m.Source)
		if !m.Within() {
			t.Errorf("calibration window not reproduced: %v", m)
		}
		obj += m.RelError * m.RelError
	}
	fmt.Fprintf(&b, "\nObjective Σ(relative error)² = %.4f.\n", obj)
	section(t, "calibration", b.String())

	b.Reset()
	b.WriteString("| year | published | simulated (mean) | P10–P90 over runs | error | source |\n|---|---|---|---|---|---|\n")
	for _, p := range oos {
		fmt.Fprintf(&b, "| %d | %s %s | %s | %s–%s | %+.1f %% | %s |\n", p.Year, g4(p.Value), p.Unit, g4(p.Sim), g4(p.P10), g4(p.P90), 100*p.RelError, p.Source)
	}
	b.WriteString("\nModel dollars converted at each year's yen rate (dataset fx-jpy-YEAR, FRB G.5A):")
	for _, p := range oos {
		fmt.Fprintf(&b, " %d: %s", p.Year, g4(p.FX))
	}
	b.WriteString(".\n")
	section(t, "out-of-sample", b.String())
}

func TestMetricsDocumented(t *testing.T) {
	var b strings.Builder
	b.WriteString("| metric | meaning |\n|---|---|\n")
	var names []string
	for k := range market.Metrics {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(&b, "| `%s` | %s |\n", k, market.Metrics[k])
	}
	b.WriteString("\nOutcomes of a run (`sim compare`, and the sweep entry point `market.Evaluate`):\n\n| outcome | meaning |\n|---|---|\n")
	names = names[:0]
	for k := range market.OutputDocs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(&b, "| `%s` | %s |\n", k, market.OutputDocs[k])
	}
	section(t, "metrics", b.String())
}
