// Package publish turns infragame's results into charts and citable
// reports: the brief (the seed paper's whole picture), one tender case, and
// a financing comparison, in English or Chinese.
//
// The chart builders (OrdersChart, TornadoChart, …) map a domain result to
// the plain data of a [report.Chart]; the command line's --svg flags, the
// HTML reports and a web front end all draw through them, so a figure is the
// same wherever it appears. The document builders return a
// [report.Document]; writing it (HTML, PDF) is the caller's business.
//
// Every label comes from the catalogue in package i18n. Every report lists
// the program version, the data's provenance and the parameters it was made
// with ([Meta]), and every source as a numbered footnote.
package publish

import (
	"fmt"
	"strings"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

// Meta is what a report states so it can be cited and reproduced.
type Meta struct {
	Lang    i18n.Lang
	Version string
	// Command is the command line that made the report.
	Command string
	// Provenance says where the data came from (embedded dataset hash,
	// imported records, input files).
	Provenance string
	// Params are the parameters of the analysis, in order.
	Params []report.KV
	// Generated is the date of the report (left out when empty, so that
	// reports can be reproduced byte for byte).
	Generated string
}

func (m Meta) about(extra ...report.KV) []report.KV {
	l := m.Lang
	kv := []report.KV{
		{Key: l.T("about.version"), Value: "infragame " + m.Version},
		{Key: l.T("about.provenance"), Value: m.Provenance},
	}
	if m.Command != "" {
		kv = append(kv, report.KV{Key: l.T("about.command"), Value: m.Command})
	}
	if m.Generated != "" {
		kv = append(kv, report.KV{Key: l.T("about.generated"), Value: m.Generated})
	}
	kv = append(kv, m.Params...)
	return append(kv, extra...)
}

func (m Meta) document(title, subtitle string) *report.Document {
	l := m.Lang
	tag := "en"
	if l == i18n.ZH {
		tag = "zh-Hans"
	}
	return &report.Document{Lang: tag, Title: title, Subtitle: subtitle,
		AboutHeading: l.T("about.heading"), SourcesHeading: l.T("sources.heading"),
		Footer: l.T("footer") + " · infragame " + m.Version}
}

// Provenance describes a record set against the embedded dataset: the
// embedded files' SHA-256 (first 12 hex digits) and how many records were
// imported on top.
func Provenance(l i18n.Lang, set *dataset.Set) string {
	emb, err := dataset.Embedded()
	n := 0
	if err == nil {
		known := map[string]bool{}
		for _, r := range emb.All() {
			known[r.Base().ID] = true
		}
		for _, r := range set.All() {
			if !known[r.Base().ID] {
				n++
			}
		}
	}
	return l.Tf("about.provenance.dataset", dataset.EmbeddedHash()[:12], len(set.All()), n)
}

// cite adds a record's source as a footnote and returns its mark.
func cite(d *report.Document, set *dataset.Set, id string) string {
	if set == nil {
		return ""
	}
	r, ok := set.Get(id)
	if !ok {
		return ""
	}
	return d.Cite(fmt.Sprintf("%s — %s", id, r.Base().Source))
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
