// Command benchmd is the Markdown half of scripts/bench.sh: the script runs
// the measurements, benchmd turns them into BENCHMARKS.md's generated
// sections and computes the summary table from them.
//
//	benchmd gobench -key auction -results R < go-test-output   # table + result lines
//	benchmd eqsame IG_OUT LRSNASH_OUT                          # "7 = 7 (same set)"
//	benchmd firstpair -n 3 'A' PREFIX 'B' PREFIX               # time to a first line
//	benchmd splice -file BENCHMARKS.md -section NAME BODY      # replace one section
//	benchmd summary -file BENCHMARKS.md                        # recompute the summary
//	benchmd check -file BENCHMARKS.md                          # markers well formed
//
// A generated section lies between the lines
//
//	<!-- generated:NAME begin -->
//	<!-- generated:NAME end -->
//
// and ends with machine-readable result lines, one per measured figure:
//
//	<!-- result KEY name=value name=value … -->
//
// written by internal/benchtools/pairbench (-key, -results) and by
// "benchmd gobench". The summary reads only those lines, so it always
// agrees with the tables of the file, including sections that were not
// rerun this time (they keep their own stamp).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cmd, args := os.Args[1], os.Args[2:]
	var err error
	switch cmd {
	case "gobench":
		err = gobenchCmd(args)
	case "eqsame":
		err = eqsameCmd(args)
	case "firstpair":
		err = firstPairCmd(args)
	case "splice":
		err = spliceCmd(args)
	case "summary":
		err = summaryCmd(args)
	case "check":
		err = checkCmd(args)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchmd:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: benchmd gobench|eqsame|firstpair|splice|summary|check …")
	os.Exit(2)
}

func fileFlag(fs *flag.FlagSet) *string {
	return fs.String("file", "BENCHMARKS.md", "the Markdown file")
}
