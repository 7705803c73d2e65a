package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/sweep/models"
	"github.com/infragame/infragame/sweep/shards"
	"github.com/infragame/infragame/units"
)

// sweepGCPercent is the garbage collector's target of "sweep run" (GOGC).
const sweepGCPercent = 400

func (a *App) sweepCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "sweep",
		Short: "Parameter sweeps and global sensitivity analysis, on one machine or a Slurm cluster",
		Long: `sweep runs a design (full grid, Latin hypercube, Sobol' sequence, Saltelli scheme
for Sobol' indices, Morris trajectories) over named parameters of a tender case,
an LCC study or a contest, with Monte Carlo runs per point, and computes Morris
and Sobol' sensitivity indices. The work splits into shards (--shard K/N) that
run anywhere (a Slurm job array, a Kubernetes Indexed Job) and merge into one
result identical to a single-process run. See docs/sweeps.md.`,
	}
	a.addSubcommands(c, subcommand{"design", a.sweepDesignCmd}, subcommand{"run", a.sweepRunCmd}, subcommand{"merge", a.sweepMergeCmd},
		subcommand{"analyze", a.sweepAnalyzeCmd}, subcommand{"slurm", a.sweepSlurmCmd})
	return c
}

// sweepJob is a loaded spec: its plan, its model and their description.
type sweepJob struct {
	path  string
	spec  *sweep.Spec
	plan  *sweep.Plan
	model sweep.Model
	info  *shards.PlanInfo
}

// loadSweep reads a spec and its model file (relative to the spec, or
// case:ID for a case of the library) with [models.Open], as the web app
// does, and describes the plan.
func loadSweep(path string, opt units.Options) (*sweepJob, error) {
	data, err := shards.ReadLimited(path, sweep.MaxSpecBytes)
	if err != nil {
		return nil, err
	}
	j, err := models.Open(path, data, func(mp string) ([]byte, error) {
		if !filepath.IsAbs(mp) {
			mp = filepath.Join(filepath.Dir(path), mp)
		}
		return shards.ReadLimited(mp, models.MaxModelFile)
	}, opt)
	if err != nil {
		return nil, err
	}
	pi, err := shards.NewPlanInfo(j.Plan, j.Model, j.ModelFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &sweepJob{path: path, spec: j.Spec, plan: j.Plan, model: j.Model, info: pi}, nil
}

func (a *App) sweepDesignCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "design SPEC",
		Short: "Print the plan of a sweep: one row per point (point_id, role, parameter values)",
		Long: `design prints the points of the spec's design with their stable ids (the id is the
position in the plan; shards are contiguous ranges of ids). role is A, B or
AB:name for the Saltelli scheme, tT or tT:name (the parameter moved) for Morris.
--format csv streams any number of points; table and json hold them in memory.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			j, err := loadSweep(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			p := j.plan
			cols := append([]string{"point_id", "role"}, p.Names()...)
			x := make([]float64, p.Dim())
			if f == report.FormatCSV {
				w := bufio.NewWriter(a.Out)
				fmt.Fprintln(w, strings.Join(cols, ","))
				for id := range p.Len() {
					p.Point(id, nil, x)
					fmt.Fprintf(w, "%d,%s", id, p.Role(id))
					for _, v := range x {
						w.WriteByte(',')
						w.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
					}
					w.WriteByte('\n')
				}
				return w.Flush()
			}
			doc := sweep.Design(p, -1)
			t := &report.Table{Title: fmt.Sprintf("%s design: %d points × %d runs", j.spec.Design.Kind, p.Len(), j.spec.Runs), Columns: cols}
			for _, pt := range doc.Plan {
				cells := []any{pt.ID, pt.Role}
				for _, n := range p.Names() {
					cells = append(cells, pt.Values[n])
				}
				t.AddRow(cells...)
			}
			return report.Write(a.Out, f, doc, t)
		},
	}
}

// parseShard reads K/N.
func parseShard(s string) (k, n int, err error) {
	ks, ns, ok := strings.Cut(s, "/")
	if ok {
		k, err = strconv.Atoi(ks)
		if err == nil {
			n, err = strconv.Atoi(ns)
		}
	}
	if !ok || err != nil || n < 1 || k < 0 || k >= n {
		return 0, 0, usagef("--shard %q: want K/N with 0 ≤ K < N (e.g. 3/8)", s)
	}
	return k, n, nil
}

// defaultSweepDir is the shard directory of a spec when --out is not given.
func defaultSweepDir(spec string) string {
	return strings.TrimSuffix(spec, filepath.Ext(spec)) + ".sweep"
}

func (a *App) sweepRunCmd() *cobra.Command {
	var workers int
	var shard, out string
	c := &cobra.Command{
		Use:   "run SPEC",
		Short: "Run a sweep, or one shard of it, into a shard directory",
		Long: `run evaluates the points of shard K of N (--shard K/N, default 0/1: the whole plan)
and writes DIR/shard-K-of-N.csv, .parquet and .json (the manifest, written last:
a shard is complete exactly when it exists). A rerun skips complete shards, so
resubmitting after a node failure or pre-emption redoes only what is missing.
Run r of point p is seeded from (seed, p, r): results do not depend on --workers
or on the split. Ctrl-C leaves no partial shard. Merge with "sweep merge DIR".`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, n, err := parseShard(shard)
			if err != nil {
				return err
			}
			if workers < 0 {
				return usagef("--workers %d: want ≥ 0 (0 = all cores)", workers)
			}
			j, err := loadSweep(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			if out == "" {
				out = defaultSweepDir(args[0])
			}
			// A shard's live heap is small (a window of points and one
			// Parquet row group) while models allocate fast: at the default
			// GOGC the collector runs so often that it costs a large share
			// of a small shard's work (measured in BENCHMARKS.md). A user's
			// GOGC is respected.
			if os.Getenv("GOGC") == "" {
				debug.SetGCPercent(sweepGCPercent)
			}
			lo, hi, _ := j.plan.Shard(k, n)
			update, finish := a.progress(hi-lo, fmt.Sprintf("shard %d/%d", k, n))
			st, err := shards.WriteShard(cmd.Context(), out, j.info, j.plan, j.model,
				sweep.RunOptions{Shard: k, Shards: n, Workers: workers, Progress: func(done, _ int) { update(done) }})
			finish()
			if err != nil {
				return err
			}
			name := filepath.Join(out, shards.Name(k, n))
			if st == shards.Skipped {
				_, err = fmt.Fprintf(a.Out, "shard %d/%d already complete: %s.csv (skipped)\n", k, n, name)
				return err
			}
			_, err = fmt.Fprintf(a.Out, "shard %d/%d: points %d–%d × %d runs written to %s.csv and .parquet\n", k, n, lo, hi-1, j.spec.Runs, name)
			return err
		},
	}
	c.Flags().IntVar(&workers, "workers", 0, "points evaluated in parallel (0 = all cores)")
	c.Flags().StringVar(&shard, "shard", "0/1", "the shard K/N to run, 0 ≤ K < N")
	c.Flags().StringVar(&out, "out", "", "shard directory (default: SPEC without its extension + .sweep)")
	return c
}

func (a *App) sweepMergeCmd() *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "merge DIR -o RESULT",
		Short: "Merge the shards of a sweep into one CSV or Parquet result",
		Long: `merge checks that every shard 0 … N−1 of the directory's plan is present exactly
once and complete (missing, duplicated or foreign shards are errors naming them),
verifies each shard's SHA-256 and row count, and writes RESULT (.csv or .parquet)
in point order: byte-identical to the result of a single-process run. The plan
description goes to RESULT.plan.json, which "sweep analyze" reads.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usagef("-o RESULT is required (a .csv or .parquet file)")
			}
			pi, _, err := shards.Shards(args[0])
			if err != nil {
				return err
			}
			update, finish := a.progress(pi.Points*pi.Runs, "merge")
			rows, err := shards.Merge(cmd.Context(), args[0], out, func(r int64) { update(int(r)) })
			finish()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.Out, "%d rows (%d points × %d runs) merged into %s\n", rows, pi.Points, pi.Runs, out)
			return err
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "result file (.csv or .parquet)")
	return c
}

func (a *App) sweepAnalyzeCmd() *cobra.Command {
	var planPath, svgDir, pngDir string
	var opt sweep.AnalyzeOptions
	c := &cobra.Command{
		Use:   "analyze RESULT",
		Short: "Sobol' (S1, ST with bootstrap intervals) or Morris (μ*, σ) indices of a merged sweep",
		Long: `analyze reads a merged result and its plan (RESULT.plan.json), averages each output
over the Monte Carlo runs of every point and computes, for a saltelli design,
the first-order (Saltelli et al. 2010) and total (Jansen 1999) Sobol' indices
with bootstrap percentile intervals, or, for a morris design, μ*, μ and σ of the
elementary effects (per full range of each parameter). --svg DIR (--png DIR)
writes a tornado chart of the indices per output as DIR/OUTPUT.svg (.png).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			an, pi, err := analyzeResult(cmd, args[0], planPath, opt)
			if err != nil {
				return err
			}
			var tables []*report.Table
			for _, o := range an.Outputs {
				tables = append(tables, indexTable(an, o))
				if (svgDir != "" || pngDir != "") && o.Note == "" {
					if err := writeIndexChart(cmd.Context(), svgDir, pngDir, an, o, pi.Spec); err != nil {
						return err
					}
				}
			}
			return report.Write(a.Out, f, an, tables...)
		},
	}
	c.Flags().StringVar(&planPath, "plan", "", "plan description (default: RESULT.plan.json)")
	c.Flags().IntVar(&opt.Bootstrap, "bootstrap", 1000, "bootstrap resamples of the Sobol' intervals")
	c.Flags().Float64Var(&opt.Confidence, "confidence", 0.95, "confidence level of the intervals")
	c.Flags().StringVar(&svgDir, "svg", "", "write a tornado chart OUTPUT.svg per output into this directory")
	c.Flags().StringVar(&pngDir, "png", "", "write a tornado chart OUTPUT.png per output into this directory (needs rsvg-convert, Debian librsvg2-bin)")
	return c
}

func indexTable(an *sweep.Analysis, o sweep.OutputAnalysis) *report.Table {
	if o.Note != "" {
		return &report.Table{Title: o.Output, Columns: []string{"output", "note"}, Rows: [][]string{{o.Output, o.Note}}}
	}
	if an.Design == sweep.Saltelli {
		lvl := fmt.Sprintf("%.0f %%", 100*an.Confidence)
		t := &report.Table{Title: fmt.Sprintf("Sobol' indices of %s (N = %d, mean %s, variance %s)", o.Output, an.Samples, report.FormatFloat(o.Mean), report.FormatFloat(o.Variance)),
			Columns: []string{"param", "S1", "S1 " + lvl + " low", "S1 high", "ST", "ST " + lvl + " low", "ST high"},
			Notes:   []string{fmt.Sprintf("S1: Saltelli et al. (2010); ST: Jansen (1999); percentile intervals from %d bootstrap resamples.", an.Bootstrap)}}
		for _, ix := range o.Sobol {
			t.AddRow(ix.Param, ix.S1, ix.S1Lo, ix.S1Hi, ix.ST, ix.STLo, ix.STHi)
		}
		t.SheetUnits = []string{"", "share of variance", "share of variance", "share of variance", "share of variance", "share of variance", "share of variance"}
		return t
	}
	t := &report.Table{Title: fmt.Sprintf("Morris elementary effects of %s (r = %d trajectories)", o.Output, an.Samples),
		Columns: []string{"param", "mu_star", "mu", "sigma"},
		Notes:   []string{"Effects per full range of each parameter (unit coordinates); μ* = mean |EE| (Campolongo et al. 2007)."}}
	for _, ix := range o.Morris {
		t.AddRow(ix.Param, ix.MuStar, ix.Mu, ix.Sigma)
	}
	u := "units of " + o.Output
	t.SheetUnits = []string{"", u, u, u}
	return t
}

// writeIndexChart writes the tornado of o's indices as OUTPUT.svg into
// svgDir and, rasterised, as OUTPUT.png into pngDir (each when not "").
func writeIndexChart(ctx context.Context, svgDir, pngDir string, an *sweep.Analysis, o sweep.OutputAnalysis, sp *sweep.Spec) error {
	doc, err := report.SVG(publish.SweepIndexChart(i18n.EN, an, o, sp))
	if err != nil {
		return err
	}
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == os.PathSeparator {
			return '_'
		}
		return r
	}, o.Output)
	if svgDir != "" {
		if err := os.MkdirAll(svgDir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(svgDir, name+".svg"), doc, 0o644); err != nil {
			return err
		}
	}
	if pngDir != "" {
		if err := os.MkdirAll(pngDir, 0o755); err != nil {
			return err
		}
		return report.WritePNG(ctx, doc, filepath.Join(pngDir, name+".png"))
	}
	return nil
}

func (a *App) sweepSlurmCmd() *cobra.Command {
	var o sweep.SlurmOptions
	var out, result, binary string
	var submit, wait bool
	c := &cobra.Command{
		Use:   "slurm SPEC --array N",
		Short: "Write (and submit) a Slurm job array running the shards, and a merge job after it",
		Long: `slurm writes DIR/slurm/NAME.sbatch, a job array of N tasks in which task K runs
"sweep run SPEC --shard K/N" (from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT),
and DIR/slurm/NAME-merge.sbatch, which merges the shards into RESULT. With
--submit it submits both with sbatch, the merge with --dependency=afterok on the
array (and --kill-on-invalid-dep=yes, so a failed task cancels it); --wait
blocks until the merge job ends. Resubmitting the array reruns only the shards
that did not complete.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Tasks < 1 {
				return usagef("--array N is required (N ≥ 1 tasks)")
			}
			j, err := loadSweep(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			if o.Tasks > j.plan.Len() {
				return usagef("--array %d: more tasks than the plan's %d points", o.Tasks, j.plan.Len())
			}
			if out == "" {
				out = defaultSweepDir(args[0])
			}
			if result == "" {
				result = strings.TrimSuffix(out, string(os.PathSeparator)) + ".parquet"
			}
			if binary == "" {
				if binary, err = os.Executable(); err != nil {
					return err
				}
			}
			abs := func(p string) string {
				q, err := filepath.Abs(p)
				if err != nil {
					return p
				}
				return q
			}
			o.Binary, o.Spec, o.Dir, o.Result = abs(binary), abs(args[0]), abs(out), abs(result)
			o.Logs = filepath.Join(o.Dir, "slurm")
			if o.Name == "" {
				o.Name = j.spec.Name
				if o.Name == "" {
					o.Name = strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0]))
				}
			}
			arr, merge, err := sweep.SlurmScripts(o)
			if err != nil {
				return usageError{err}
			}
			if err := os.MkdirAll(o.Logs, 0o755); err != nil {
				return err
			}
			arrPath := filepath.Join(o.Logs, o.Name+".sbatch")
			mergePath := filepath.Join(o.Logs, o.Name+"-merge.sbatch")
			for _, f := range []struct{ path, text string }{{arrPath, arr}, {mergePath, merge}} {
				if err := os.WriteFile(f.path, []byte(f.text), 0o755); err != nil {
					return err
				}
			}
			fmt.Fprintf(a.Out, "wrote %s (array of %d tasks) and %s\n", arrPath, o.Tasks, mergePath)
			if !submit {
				_, err = fmt.Fprintf(a.Out, "submit with:\n  jid=$(sbatch --parsable %s)\n  sbatch --dependency=afterok:${jid%%%%;*} --kill-on-invalid-dep=yes %s\n", arrPath, mergePath)
				return err
			}
			sbatch := func(args ...string) (string, error) {
				c := exec.CommandContext(cmd.Context(), "sbatch", args...)
				var stderr strings.Builder
				c.Stderr = &stderr
				b, err := c.Output()
				if err != nil {
					return "", fmt.Errorf("sbatch %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
				}
				id, _, _ := strings.Cut(strings.TrimSpace(string(b)), ";")
				return id, nil
			}
			arrID, err := sbatch("--parsable", arrPath)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.Out, "submitted array job %s\n", arrID)
			margs := []string{"--parsable", "--dependency=afterok:" + arrID, "--kill-on-invalid-dep=yes"}
			if wait {
				margs = append(margs, "--wait")
			}
			mergeID, err := sbatch(append(margs, mergePath)...)
			if err != nil {
				if wait {
					return fmt.Errorf("%w (a failed array task cancels the merge; see %s)", err, o.Logs)
				}
				return err
			}
			if wait {
				_, err = fmt.Fprintf(a.Out, "merge job %s done: %s\n", mergeID, o.Result)
				return err
			}
			_, err = fmt.Fprintf(a.Out, "submitted merge job %s (after array %s): %s\n", mergeID, arrID, o.Result)
			return err
		},
	}
	fl := c.Flags()
	fl.IntVar(&o.Tasks, "array", 0, "number of array tasks (shards)")
	fl.StringVar(&o.Partition, "partition", "", "Slurm partition (default: the cluster's)")
	fl.StringVar(&o.Time, "time", "", "time limit per task, e.g. 01:00:00")
	fl.StringVar(&o.Mem, "mem", "", "memory per task, e.g. 4G")
	fl.IntVar(&o.CPUs, "cpus", 1, "CPUs per task (the workers of each shard)")
	fl.StringVar(&o.Name, "name", "", "job name (default: the spec's name)")
	fl.StringVar(&out, "out", "", "shard directory (default: SPEC without its extension + .sweep)")
	fl.StringVar(&result, "result", "", "merged result (default: DIR.parquet)")
	fl.StringVar(&binary, "binary", "", "infragame executable the jobs run (default: this one)")
	fl.BoolVar(&submit, "submit", false, "submit the jobs with sbatch")
	fl.BoolVar(&wait, "wait", false, "with --submit: wait until the merge job ends")
	return c
}

// analyzeResult reads a merged sweep result and its analysis, as sweep
// analyze and report sweep both do, refusing --bootstrap and --confidence
// when the design has no Sobol' intervals.
func analyzeResult(cmd *cobra.Command, result, planPath string, opt sweep.AnalyzeOptions) (*sweep.Analysis, *shards.PlanInfo, error) {
	an, pi, err := shards.Analyze(result, planPath, opt)
	if err != nil {
		return nil, nil, err
	}
	if an.Design != sweep.Saltelli {
		for _, fl := range []string{"bootstrap", "confidence"} {
			if cmd.Flags().Changed(fl) {
				return nil, nil, usagef("--%s applies to the Sobol' intervals of a saltelli design only; %s is a %s design", fl, result, an.Design)
			}
		}
	}
	return an, pi, nil
}
