package cli_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/testutil"
)

// checkSVG parses an SVG file as XML and checks it has a title, text and
// no non-finite coordinate.
func checkSVG(t *testing.T, path string, wantText ...string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var texts []string
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not XML: %v", path, err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			inText = x.Name.Local == "text"
			for _, a := range x.Attr {
				if strings.Contains(a.Value, "NaN") || strings.Contains(a.Value, "Inf") {
					t.Errorf("%s: non-finite attribute %s=%q", path, x.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			if inText {
				texts = append(texts, string(x))
			}
		case xml.EndElement:
			inText = false
		}
	}
	all := strings.Join(texts, "\n")
	for _, w := range append(wantText, "Source") {
		if !strings.Contains(all, w) && !(w == "Source" && strings.Contains(all, "资料来源")) {
			t.Errorf("%s: text %q missing", path, w)
		}
	}
}

// TestFigureFlags runs every command that draws a figure with --svg (and
// --png where rsvg-convert is installed).
func TestFigureFlags(t *testing.T) {
	png := true
	if _, err := exec.LookPath("rsvg-convert"); err != nil {
		if testutil.InCI() {
			t.Fatal("rsvg-convert missing; CI=true")
		}
		png = false
	}
	root := filepath.Join("..", "..")
	ex := func(p string) string { return filepath.Join(root, "examples", p) }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"brief", []string{"brief", "--format", "json"}, []string{"2020", "JPY tn"}},
		{"brief-zh", []string{"brief", "--chart", "sectors", "--lang", "zh", "--format", "json"}, []string{"万亿日元", "交通"}},
		{"tornado", []string{"tender", "tornado", "case:jakarta-bandung-2015"}, []string{"Tornado"}},
		{"evaluate", []string{"tender", "evaluate", "case:jakarta-bandung-2015"}, []string{"debt service"}},
		{"tmap", []string{"tender", "map", "case:jakarta-bandung-2015", "--x", "host.shadow_price", "--y", "host.discount_rate", "--nx", "3", "--ny", "3"}, []string{"Winner"}},
		{"schedule", []string{"finance", "schedule", "--principal", "1e9", "--currency", "JPY", "--rate", "0.1", "--maturity", "40", "--grace", "10"}, []string{"interest", "JPY"}},
		{"compare", []string{"finance", "compare", ex("finance/jakarta-bandung.yaml")}, []string{"all-in cost"}},
		{"surface", []string{"finance", "surface", "--rates", "0:4:1", "--y", "0:10:5", "--maturity", "30"}, []string{"interest rate"}},
		{"lcc", []string{"lcc", "run", ex("lcc/hsr_two_offers.yaml")}, []string{"agency PV"}},
		{"lcc-mc", []string{"lcc", "run", ex("lcc/hsr_two_offers.yaml"), "--runs", "200"}, []string{"Monte Carlo", "P90"}},
		{"auction", []string{"auction", "solve", ex("auction/procurement.yaml")}, []string{"bid"}},
		{"sim-fan", []string{"sim", "run", "baseline", "--runs", "20", "--chart", "fan", "--exporter", "jp"}, []string{"Orders won by Japan", "min–max over runs", "USD bn"}},
		{"sim-hist", []string{"sim", "run", "baseline", "--runs", "20", "--chart", "hist"}, []string{"Orders won by China in 2025", "runs", "mean"}},
		{"sim-fan-zh", []string{"sim", "run", "baseline", "--runs", "20", "--chart", "fan", "--lang", "zh"}, []string{"中国中标金额", "均值"}},
		{"contest", []string{"contest", "map", "case:jakarta-bandung-2015", "--synergies", "0,10", "--powers", "0,100"}, []string{"Compete"}},
	}
	dir := t.TempDir()
	db := tempDB(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := filepath.Join(dir, tt.name+".svg")
			args := append(append([]string{}, tt.args...), "--svg", svg)
			var p string
			if png {
				p = filepath.Join(dir, tt.name+".png")
				args = append(args, "--png", p)
			}
			_, errOut, code := run(t, db, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkSVG(t, svg, tt.want...)
			if png {
				b, err := os.ReadFile(p)
				if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
					t.Errorf("png: %v", err)
				}
			}
		})
	}
}

// TestReadmeChartCommand runs the command the README gives for its chart and
// checks the result against the committed image's labels.
func TestReadmeChartCommand(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const cmdLine = "go run ./cmd/infragame brief --chart orders --svg docs/img/brief-orders.svg --png docs/img/brief-orders.png > /dev/null"
	if !strings.Contains(string(readme), cmdLine) {
		t.Fatalf("README no longer gives %q; update this test with it", cmdLine)
	}
	// the image the README shows is the one the command writes
	if !strings.Contains(string(readme), "](docs/img/brief-orders.png)") {
		t.Error("README does not show docs/img/brief-orders.png, the image the command regenerates")
	}
	svg := filepath.Join(t.TempDir(), "orders.svg")
	if _, errOut, code := run(t, tempDB(t), "brief", "--chart", "orders", "--svg", svg); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkSVG(t, svg, "Japan's infrastructure-export orders and the 2020 target", "JPY tn")
	got, _ := os.ReadFile(svg)
	committed, err := os.ReadFile(filepath.Join(root, "docs", "img", "brief-orders.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Errorf("docs/img/brief-orders.svg is out of date: run from the repository root\n  %s", cmdLine)
	}
	if _, err := os.Stat(filepath.Join(root, "docs", "img", "brief-orders.png")); err != nil {
		t.Error(err)
	}
}
