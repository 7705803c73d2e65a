package publish

import (
	"fmt"
	"strings"

	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/sweep"
)

// SweepInput is what a sweep's sensitivity report is made of: the analysis
// of a merged result, the sweep's spec (parameters, model, seed) and the
// result file's name.
type SweepInput struct {
	Analysis *sweep.Analysis
	Spec     *sweep.Spec
	Result   string
}

// Sweep builds the sensitivity report of a sweep: the parameters and their
// ranges, then for each output its mean and variance, the tornado of its
// indices (Sobol' S1 and ST with their bootstrap intervals, or Morris μ*
// and σ) and the table of indices.
func Sweep(in SweepInput, m Meta) *report.Document {
	l := m.Lang
	an, sp := in.Analysis, in.Spec
	d := m.document(l.Tf("sweep.title", sp.Name), l.Tf("sweep.subtitle", an.Design, sp.Model.Kind, an.Samples, sp.Seed))
	params := []report.KV{{Key: l.T("sweep.result"), Value: in.Result}, {Key: l.T("sweep.design"), Value: fmt.Sprintf("%s, N = %d", an.Design, an.Samples)}}
	if an.Design == sweep.Saltelli {
		params = append(params, report.KV{Key: l.T("sweep.bootstrap"), Value: fmt.Sprintf("%d, %g %%", an.Bootstrap, 100*an.Confidence)})
	}
	d.About = m.about(params...)

	pt := &report.Table{Columns: []string{l.T("col.param"), l.T("sweep.range"), l.T("sweep.dist")}}
	for _, p := range sp.Params {
		rng := ""
		if len(p.Range) == 2 {
			rng = fmt.Sprintf("[%s, %s]", report.FormatFloat(p.Range[0]), report.FormatFloat(p.Range[1]))
		}
		dist := l.T("sweep.uniform")
		if p.Dist != nil {
			dist = p.Dist.Kind
		}
		pt.AddRow(p.Name, rng, dist)
	}
	model := sp.Model.Kind
	if len(sp.Model.Args) > 0 {
		var args []string
		for _, a := range sp.Model.Args {
			args = append(args, report.FormatFloat(a))
		}
		model += " (" + strings.Join(args, ", ") + ")"
	}
	d.Sections = append(d.Sections, report.Section{Heading: l.T("sweep.params"),
		Paragraphs: []string{l.Tf("sweep.params_p", model, sp.Runs, sp.Seed)}, Tables: []*report.Table{pt}})

	for _, o := range an.Outputs {
		s := report.Section{Heading: l.Tf("sweep.output", o.Output)}
		if o.Note != "" {
			s.Paragraphs = []string{o.Note}
			d.Sections = append(d.Sections, s)
			continue
		}
		s.Paragraphs = []string{l.Tf("sweep.output_p", report.FormatFloat(o.Mean), report.FormatFloat(o.Variance))}
		var t *report.Table
		if an.Design == sweep.Saltelli {
			s.Paragraphs = append(s.Paragraphs, l.Tf("sweep.sobol_p", 100*an.Confidence, an.Bootstrap))
			t = &report.Table{Columns: []string{l.T("col.param"), "S1", l.T("sweep.low"), l.T("sweep.high"), "ST", l.T("sweep.low"), l.T("sweep.high")}}
			var sum float64
			for _, ix := range o.Sobol {
				t.AddRow(ix.Param, ix.S1, ix.S1Lo, ix.S1Hi, ix.ST, ix.STLo, ix.STHi)
				sum += ix.S1
			}
			t.Notes = []string{l.Tf("sweep.sum_s1", report.FormatFloat(sum))}
		} else {
			s.Paragraphs = append(s.Paragraphs, l.T("sweep.morris_p"))
			t = &report.Table{Columns: []string{l.T("col.param"), "μ*", "μ", "σ"}}
			for _, ix := range o.Morris {
				t.AddRow(ix.Param, ix.MuStar, ix.Mu, ix.Sigma)
			}
		}
		s.Figures = []report.Figure{{Chart: SweepIndexChart(l, an, o, sp)}}
		s.Tables = []*report.Table{t}
		d.Sections = append(d.Sections, s)
	}
	return d
}

// SweepIndexChart draws one output's sensitivity indices as a tornado:
// Sobol' ST and S1 with their intervals, or Morris μ* and σ, the
// parameters sorted by the first, largest on top.
func SweepIndexChart(l i18n.Lang, an *sweep.Analysis, o sweep.OutputAnalysis, sp *sweep.Spec) *report.IndexChart {
	c := &report.IndexChart{}
	if sp != nil {
		c.Source = l.Tf("sweep.source", sp.Name, sp.Seed)
	}
	if an.Design == sweep.Saltelli {
		c.Title, c.XLabel = l.Tf("sweep.sobol_title", o.Output), l.T("sweep.sobol_x")
		s1 := report.IndexSeries{Name: l.T("sweep.s1")}
		st := report.IndexSeries{Name: l.T("sweep.st")}
		for _, ix := range o.Sobol {
			c.Params = append(c.Params, ix.Param)
			s1.Values, s1.Lo, s1.Hi = append(s1.Values, ix.S1), append(s1.Lo, ix.S1Lo), append(s1.Hi, ix.S1Hi)
			st.Values, st.Lo, st.Hi = append(st.Values, ix.ST), append(st.Lo, ix.STLo), append(st.Hi, ix.STHi)
		}
		c.Series = []report.IndexSeries{st, s1}
		return c
	}
	c.Title, c.XLabel = l.Tf("sweep.morris_title", o.Output), l.T("sweep.morris_x")
	mu := report.IndexSeries{Name: "μ*"}
	sd := report.IndexSeries{Name: "σ"}
	for _, ix := range o.Morris {
		c.Params = append(c.Params, ix.Param)
		mu.Values = append(mu.Values, ix.MuStar)
		sd.Values = append(sd.Values, ix.Sigma)
	}
	c.Series = []report.IndexSeries{mu, sd}
	return c
}
