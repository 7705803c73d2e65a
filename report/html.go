package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
)

// Document is a self-contained report: headings, paragraphs, tables and
// charts, with the metadata that makes it citable (version, data
// provenance, parameters) and numbered footnotes for every source.
// [Document.WriteHTML] writes it as one HTML file with inline SVG and CSS
// that needs no network.
type Document struct {
	// Lang is the HTML language tag ("en", "zh-Hans").
	Lang     string
	Title    string
	Subtitle string
	// About lists what the reader needs to cite and reproduce the report:
	// version, data provenance, command, parameters.
	About    []KV
	Sections []Section
	// Footnotes are numbered from 1 in order; add them with [Document.Cite].
	Footnotes []string
	// Labels used by the page chrome: "About this report", "Sources".
	AboutHeading, SourcesHeading string
	// Footer is printed at the bottom of every page.
	Footer string
}

// KV is a labelled value.
type KV struct{ Key, Value string }

// Section is a heading followed by paragraphs, figures and tables in that
// order.
type Section struct {
	Heading    string
	Paragraphs []string
	Figures    []Figure
	Tables     []*Table
	// Quotes are source quotations (the seed's own words), set off.
	Quotes []string
}

// Figure is a chart with a caption.
type Figure struct {
	Chart   Chart
	Caption string
}

// Cite adds a footnote (once: an identical text returns its earlier number)
// and returns its reference mark, "[n]".
func (d *Document) Cite(source string) string {
	source = strings.TrimSpace(source)
	if source == "" {
		return ""
	}
	for i, f := range d.Footnotes {
		if f == source {
			return fmt.Sprintf("[%d]", i+1)
		}
	}
	d.Footnotes = append(d.Footnotes, source)
	return fmt.Sprintf("[%d]", len(d.Footnotes))
}

// pageCSS styles the report for screen and print (A4, charts never split).
const pageCSS = `
body { font-family: ` + FontFamily + `; color: #222; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
.subtitle { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.85rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.notes { font-size: 0.8rem; color: #555; }
figure { margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #444; }
blockquote { border-left: 3px solid #bbb; margin: 0.5rem 0; padding: 0.1rem 0.8rem; color: #444; }
dl.about { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; font-size: 0.85rem; }
dl.about dt { font-weight: bold; }
dl.about dd { margin: 0; word-break: break-word; }
ol.footnotes { font-size: 0.8rem; word-break: break-word; }
footer { margin-top: 2rem; font-size: 0.75rem; color: #777; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
`

// pageTmpl is parsed on first use, not at start-up (every command would pay it).
var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{if .Subtitle}}<p class="subtitle">{{.Subtitle}}</p>{{end}}
{{range .Sections}}<section>
<h2>{{.Heading}}</h2>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{range .Quotes}}<blockquote>{{.}}</blockquote>
{{end}}{{range .Figures}}<figure>{{.SVG}}{{if .Caption}}<figcaption>{{.Caption}}</figcaption>{{end}}</figure>
{{end}}{{range .Tables}}<table>{{if .Title}}<caption>{{.Title}}</caption>{{end}}
<thead><tr>{{range .Columns}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td{{if .Num}} class="num"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody></table>
{{range .Notes}}<p class="notes">{{.}}</p>
{{end}}{{end}}</section>
{{end}}<section>
<h2>{{.AboutHeading}}</h2>
<dl class="about">{{range .About}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>{{end}}</dl>
</section>
{{if .Footnotes}}<section>
<h2>{{.SourcesHeading}}</h2>
<ol class="footnotes">{{range .Footnotes}}<li>{{.}}</li>{{end}}</ol>
</section>{{end}}
{{if .Footer}}<footer>{{.Footer}}</footer>{{end}}
</body>
</html>
`))
})

type htmlCell struct {
	Text string
	Num  bool
}

type htmlTable struct {
	Title   string
	Columns []string
	Rows    [][]htmlCell
	Notes   []string
}

type htmlFigure struct {
	SVG     template.HTML
	Caption string
}

type htmlSection struct {
	Heading    string
	Paragraphs []string
	Quotes     []string
	Figures    []htmlFigure
	Tables     []htmlTable
}

// WriteHTML writes the document as a self-contained HTML page. Charts are
// inlined as SVG (generated here, so trusted); all text is escaped.
func (d *Document) WriteHTML(w io.Writer) error {
	page := struct {
		*Document
		CSS      template.CSS
		Sections []htmlSection
	}{Document: d, CSS: template.CSS(pageCSS)}
	if page.AboutHeading == "" {
		page.AboutHeading = "About this report"
	}
	if page.SourcesHeading == "" {
		page.SourcesHeading = "Sources"
	}
	for _, s := range d.Sections {
		hs := htmlSection{Heading: s.Heading, Paragraphs: s.Paragraphs, Quotes: s.Quotes}
		for _, f := range s.Figures {
			svg, err := SVG(f.Chart)
			if err != nil {
				return fmt.Errorf("report: figure %q: %w", f.Caption, err)
			}
			// drop the XML-level width/height so CSS can scale the chart
			svg = bytes.TrimSpace(svg)
			hs.Figures = append(hs.Figures, htmlFigure{SVG: template.HTML(svg), Caption: f.Caption})
		}
		for _, t := range s.Tables {
			ht := htmlTable{Title: t.Title, Columns: t.Columns, Notes: t.Notes}
			for _, r := range t.Rows {
				row := make([]htmlCell, len(r))
				for i, c := range r {
					row[i] = htmlCell{Text: c, Num: LooksNumeric(c)}
				}
				ht.Rows = append(ht.Rows, row)
			}
			hs.Tables = append(hs.Tables, ht)
		}
		page.Sections = append(page.Sections, hs)
	}
	return pageTmpl().Execute(w, page)
}

// LooksNumeric reports whether a cell reads as a number (right-aligned).
func LooksNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+-−.,% ¥$€e", r):
		default:
			return false
		}
	}
	return digits > 0
}
