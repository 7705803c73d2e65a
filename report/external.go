package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoRasteriser is returned by [WritePNG] when rsvg-convert is not
// installed (Debian package librsvg2-bin; Homebrew librsvg). Any SVG written
// with --svg can also be converted by hand: rsvg-convert -o out.png in.svg,
// or opened in a browser and saved.
var ErrNoRasteriser = errors.New("report: rsvg-convert not found (install librsvg2-bin), cannot write PNG; write --svg and convert it with any SVG renderer")

// WritePNG rasterises an SVG document to a PNG file with rsvg-convert, at
// twice the SVG's pixel size (sharp on high-density screens and in print).
func WritePNG(ctx context.Context, svg []byte, path string) error {
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		return ErrNoRasteriser
	}
	cmd := exec.CommandContext(ctx, bin, "--zoom", "2", "--format", "png", "--output", path)
	cmd.Stdin = bytes.NewReader(svg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("rsvg-convert: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// ErrNoBrowser is returned by [PrintPDF] when no Chromium or Chrome is
// installed (Debian package chromium).
var ErrNoBrowser = errors.New("report: chromium not found (install Debian package chromium, and fonts-noto-cjk for Chinese), cannot print PDF; open the HTML report in a browser and print it")

// BrowserPath returns the path of a headless-capable Chromium or Chrome:
// $INFRAGAME_CHROMIUM when set, else the first of chromium,
// chromium-browser, google-chrome on the PATH.
func BrowserPath() (string, error) {
	if p := os.Getenv("INFRAGAME_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// PrintPDF prints an HTML document to a PDF file with headless Chromium.
// The browser runs with a throw-away profile and without any network
// service of its own (no sync, updates or background fetches); the report
// itself needs no network since it is self-contained.
func PrintPDF(ctx context.Context, htmlDoc []byte, pdfPath string) error {
	bin, err := BrowserPath()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "infragame-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "report.html")
	if err := os.WriteFile(in, htmlDoc, 0o600); err != nil {
		return err
	}
	abs, err := filepath.Abs(pdfPath)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--no-pdf-header-footer", "--print-to-pdf="+abs, "file://"+in)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chromium: %w: %s", err, strings.TrimSpace(out.String()))
	}
	if st, err := os.Stat(abs); err != nil || st.Size() == 0 {
		return fmt.Errorf("chromium wrote no PDF: %s", strings.TrimSpace(out.String()))
	}
	return nil
}
