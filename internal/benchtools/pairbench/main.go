// Command pairbench times two shell commands against each other, run
// alternately (A B A B …) so that a change in machine load hits both
// alike: one warm-up run each, then n counted pairs. It prints, as one
// Markdown table row, the medians of wall time and of CPU time (user + sys
// of the finished child, from the kernel's accounting) of each command and
// the median and range of the per-pair ratios A ÷ B.
//
//	go run ./internal/benchtools/pairbench -n 15 -label "import" 'cmd A' 'cmd B'
//
// Commands run under sh -c with stdout and stderr discarded; a command
// that fails stops the measurement. With -N (as hyperfine's) a command is
// split at blanks and run without a shell, so that a start-up of a few
// milliseconds is not measured together with the shell's own. With -key K
// -results FILE it also appends one line "K name=value …" to FILE (the
// medians, ratios and ranges of the row) for scripts/bench.sh, whose
// summary table is computed from them (internal/benchtools/benchmd).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

type sample struct{ wall, cpu time.Duration }

// noShell is the -N flag: run commands directly instead of under sh -c.
var noShell bool

func run(cmd string) (sample, error) {
	c := exec.Command("sh", "-c", cmd)
	if noShell {
		f := strings.Fields(cmd)
		if len(f) == 0 {
			return sample{}, fmt.Errorf("empty command")
		}
		c = exec.Command(f[0], f[1:]...)
	}
	start := time.Now()
	err := c.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w", cmd, err)
	}
	ru := c.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return sample{wall, cpu}, nil
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

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func main() {
	n := flag.Int("n", 15, "counted pairs")
	label := flag.String("label", "", "first cell of the row")
	header := flag.Bool("header", false, "print the table header first")
	flag.BoolVar(&noShell, "N", false, "run each command without a shell, split at blanks")
	warm := flag.Int("w", 1, "warm-up runs of each command")
	key := flag.String("key", "", "key of the result line (with -results)")
	results := flag.String("results", "", "append a result line to this file")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: pairbench [-N] [-n N] [-label L] [-header] 'command A' 'command B'")
		os.Exit(2)
	}
	a, b := flag.Arg(0), flag.Arg(1)
	if *header {
		fmt.Println("| comparison | pairs | A wall ms | B wall ms | **A ÷ B wall** (min–max) | A CPU ms | B CPU ms | A ÷ B CPU |")
		fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|")
	}
	for range *warm {
		for _, c := range []string{a, b} {
			if _, err := run(c); err != nil {
				fmt.Fprintln(os.Stderr, "pairbench:", err)
				os.Exit(1)
			}
		}
	}
	var aw, bw, ac, bc, rw, rc []float64
	for range *n {
		sa, err := run(a)
		if err != nil {
			fmt.Fprintln(os.Stderr, "pairbench:", err)
			os.Exit(1)
		}
		sb, err := run(b)
		if err != nil {
			fmt.Fprintln(os.Stderr, "pairbench:", err)
			os.Exit(1)
		}
		aw, bw = append(aw, ms(sa.wall)), append(bw, ms(sb.wall))
		ac, bc = append(ac, ms(sa.cpu)), append(bc, ms(sb.cpu))
		rw = append(rw, ms(sa.wall)/ms(sb.wall))
		if sb.cpu > 0 {
			rc = append(rc, ms(sa.cpu)/ms(sb.cpu))
		}
	}
	cpuRatio := "–"
	cpuVals := ""
	if len(rc) > 0 {
		cpuRatio = fmt.Sprintf("%.2f", median(rc))
		cpuVals = fmt.Sprintf(" cpu=%.4g cpumin=%.4g cpumax=%.4g", median(rc), slices.Min(rc), slices.Max(rc))
	}
	if *results != "" {
		f, err := os.OpenFile(*results, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = fmt.Fprintf(f, "%s pairs=%d a=%.1f b=%.1f acpu=%.1f bcpu=%.1f wall=%.4g wallmin=%.4g wallmax=%.4g%s\n",
				*key, *n, median(aw), median(bw), median(ac), median(bc), median(rw), slices.Min(rw), slices.Max(rw), cpuVals)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "pairbench:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("| %s | %d | %.1f | %.1f | **%.2f** (%.2f–%.2f) | %.1f | %.1f | %s |\n",
		*label, *n, median(aw), median(bw), median(rw), slices.Min(rw), slices.Max(rw), median(ac), median(bc), cpuRatio)
}
