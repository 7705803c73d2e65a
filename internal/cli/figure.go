package cli

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

// figureFlags are --svg, --png and --lang of every command that draws a
// figure. PNG needs rsvg-convert (Debian librsvg2-bin); without it, write
// --svg and convert it with any SVG renderer.
type figureFlags struct {
	svg, png, lang string
}

func (ff *figureFlags) register(c *cobra.Command, what string) {
	if c.Flags().Lookup("svg") == nil {
		c.Flags().StringVar(&ff.svg, "svg", "", "also write "+what+" as an SVG chart to this file")
	}
	c.Flags().StringVar(&ff.png, "png", "", "also write "+what+" as a PNG image to this file (needs rsvg-convert, Debian librsvg2-bin)")
}

// registerLang adds --lang for charts whose labels come from the catalogue.
func (ff *figureFlags) registerLang(c *cobra.Command) {
	c.Flags().StringVar(&ff.lang, "lang", "en", "language of the chart's labels: en or zh")
}

// wanted reports whether a figure was asked for.
func (ff *figureFlags) wanted() bool { return ff.svg != "" || ff.png != "" }

// write draws c to --svg and --png.
func (ff *figureFlags) write(cmd *cobra.Command, c report.Chart) error {
	if !ff.wanted() {
		return nil
	}
	doc, err := report.SVG(c)
	if err != nil {
		return err
	}
	if ff.svg != "" {
		if err := os.WriteFile(ff.svg, doc, 0o644); err != nil {
			return err
		}
	}
	if ff.png != "" {
		return report.WritePNG(cmd.Context(), doc, ff.png)
	}
	return nil
}

// draw builds the chart in --lang and writes it, when a figure was asked for.
func (ff *figureFlags) draw(cmd *cobra.Command, build func(l i18n.Lang) (report.Chart, error)) error {
	if !ff.wanted() {
		return nil
	}
	l, err := parseLang(ff.lang)
	if err != nil {
		return err
	}
	c, err := build(l)
	if err != nil {
		return err
	}
	return ff.write(cmd, c)
}
