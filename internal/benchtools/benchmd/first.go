package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// firstLine runs cmd (split at blanks, no shell) and returns the time
// from its start until it prints a line beginning with prefix; the
// process is killed then. ok is false if it ends or cap passes first.
func firstLine(cmd, prefix string, limit time.Duration) (d time.Duration, ok bool, err error) {
	f := strings.Fields(cmd)
	if len(f) == 0 {
		return 0, false, errors.New("empty command")
	}
	c := exec.Command(f[0], f[1:]...)
	out, err := c.StdoutPipe()
	if err != nil {
		return 0, false, err
	}
	start := time.Now()
	if err := c.Start(); err != nil {
		return 0, false, err
	}
	timer := time.AfterFunc(limit, func() { _ = c.Process.Kill() })
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix) {
			d, ok = time.Since(start), true
			break
		}
	}
	timer.Stop()
	_ = c.Process.Kill()
	_ = c.Wait()
	return d, ok, nil
}

// firstPairCmd times, alternately, how long two commands take to print
// their first equilibrium (a line with the given prefix), and prints one
// Markdown row: medians and the median (min–max) of the per-pair ratios
// A ÷ B, after one warm-up pair. A command that prints none within -cap
// gives "none".
func firstPairCmd(args []string) error {
	fs := flag.NewFlagSet("firstpair", flag.ExitOnError)
	n := fs.Int("n", 3, "pairs")
	limit := fs.Duration("cap", 2*time.Minute, "time a command may take to its first line")
	label := fs.String("label", "", "first cell of the row")
	key := fs.String("key", "", "key of the result line")
	resFile := fs.String("results", "", "append a result line to this file")
	_ = fs.Parse(args)
	if fs.NArg() != 4 {
		return fmt.Errorf("usage: benchmd firstpair [-n N] [-cap D] 'A' A-PREFIX 'B' B-PREFIX")
	}
	var aw, bw, r []float64
	for i := range *n + 1 { // the first pair is a warm-up, or says "none"
		da, oka, err := firstLine(fs.Arg(0), fs.Arg(1), *limit)
		if err != nil {
			return err
		}
		db, okb, err := firstLine(fs.Arg(2), fs.Arg(3), *limit)
		if err != nil {
			return err
		}
		if !oka || !okb {
			cell := func(ok bool, d time.Duration) string {
				if ok {
					return fmt.Sprintf("%.1f", ms(d))
				}
				return fmt.Sprintf("none within %v", *limit)
			}
			fmt.Printf("| %s | 1 | %s | %s | – |\n", *label, cell(oka, da), cell(okb, db))
			return nil
		}
		if i == 0 {
			continue
		}
		aw, bw = append(aw, ms(da)), append(bw, ms(db))
		r = append(r, ms(da)/ms(db))
	}
	fmt.Printf("| %s | %d | %.1f | %.1f | **%.2f** (%.2f–%.2f) |\n", *label, *n, median(aw), median(bw), median(r), slices.Min(r), slices.Max(r))
	if *resFile != "" {
		f, err := os.OpenFile(*resFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		fmt.Fprintf(f, "%s pairs=%d a=%.1f b=%.1f wall=%.4g wallmin=%.4g wallmax=%.4g\n", *key, *n, median(aw), median(bw), median(r), slices.Min(r), slices.Max(r))
		return f.Close()
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
