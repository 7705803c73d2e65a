package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// benchRow gathers the runs of one Go benchmark: for each unit (ns/op,
// B/op, allocs/op, points/s, …) the value of each run.
type benchRow struct {
	name  string
	units []string // in order of first appearance
	vals  map[string][]float64
}

var procsRE = regexp.MustCompile(`-[0-9]+$`)

// parseGoBench reads the output of go test -bench (any number of -count
// runs). Lines that are not benchmark results are skipped.
func parseGoBench(r io.Reader) ([]*benchRow, error) {
	var rows []*benchRow
	byName := map[string]*benchRow{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := procsRE.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		row := byName[name]
		if row == nil {
			row = &benchRow{name: name, vals: map[string][]float64{}}
			byName[name] = row
			rows = append(rows, row)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", sc.Text(), err)
			}
			u := f[i+1]
			if _, ok := row.vals[u]; !ok {
				row.units = append(row.units, u)
			}
			row.vals[u] = append(row.vals[u], v)
		}
	}
	return rows, sc.Err()
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// fmtDur formats nanoseconds in the unit that keeps 3 significant digits
// readable.
func fmtDur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.3g s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}

func fmtNum(v float64) string {
	if v >= 100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// goBenchTable writes rows as a Markdown table (median and min–max of the
// time a run, medians of the other units) and returns one result line per
// benchmark, keyed PREFIX.NAME with the time in ms.
func goBenchTable(w io.Writer, prefix string, rows []*benchRow) []string {
	var extra []string // custom units, in order, shared by the table
	for _, r := range rows {
		for _, u := range r.units {
			if u != "ns/op" && u != "B/op" && u != "allocs/op" && !slices.Contains(extra, u) {
				extra = append(extra, u)
			}
		}
	}
	fmt.Fprint(w, "| benchmark | runs | time/op median (min–max) |")
	for _, u := range extra {
		fmt.Fprintf(w, " %s |", u)
	}
	fmt.Fprintln(w, " B/op | allocs/op |")
	fmt.Fprint(w, "|---|---:|---:|")
	for range extra {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprintln(w, "---:|---:|")
	var results []string
	for _, r := range rows {
		t := r.vals["ns/op"]
		if len(t) == 0 {
			continue
		}
		fmt.Fprintf(w, "| %s | %d | %s (%s–%s) |", r.name, len(t), fmtDur(median(t)), fmtDur(slices.Min(t)), fmtDur(slices.Max(t)))
		for _, u := range extra {
			if v := r.vals[u]; len(v) > 0 {
				fmt.Fprintf(w, " %s |", fmtNum(median(v)))
			} else {
				fmt.Fprint(w, " |")
			}
		}
		for _, u := range []string{"B/op", "allocs/op"} {
			if v := r.vals[u]; len(v) > 0 {
				fmt.Fprintf(w, " %s |", fmtNum(median(v)))
			} else {
				fmt.Fprint(w, " – |")
			}
		}
		fmt.Fprintln(w)
		res := fmt.Sprintf("%s.%s ms=%.6g msmin=%.6g msmax=%.6g runs=%d", prefix, r.name, median(t)/1e6, slices.Min(t)/1e6, slices.Max(t)/1e6, len(t))
		for _, u := range extra {
			if v := r.vals[u]; len(v) > 0 {
				res += fmt.Sprintf(" %s=%.6g", unitKey(u), median(v))
			}
		}
		if v := r.vals["allocs/op"]; len(v) > 0 {
			res += fmt.Sprintf(" allocs=%.6g", median(v))
		}
		results = append(results, res)
	}
	return results
}

// unitKey makes a result name of a benchmark unit: "points/s" → "points_s".
func unitKey(u string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return '_'
	}, u)
}

func gobenchCmd(args []string) error {
	fs := flag.NewFlagSet("gobench", flag.ExitOnError)
	key := fs.String("key", "", "prefix of the result keys")
	resFile := fs.String("results", "", "append result lines to this file")
	_ = fs.Parse(args)
	in := io.Reader(os.Stdin)
	if fs.NArg() == 1 {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	rows, err := parseGoBench(in)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return fmt.Errorf("no benchmark results in the input")
	}
	res := goBenchTable(os.Stdout, *key, rows)
	if *resFile != "" {
		f, err := os.OpenFile(*resFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		for _, r := range res {
			fmt.Fprintln(f, r)
		}
		return f.Close()
	}
	return nil
}
