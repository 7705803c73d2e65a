package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
)

// The targets of issues 15, 16 and 17, written once: the summary table
// states each as met or not met from the result lines of the generated
// sections. Ratios of pairs are medians of per-pair ratios
// (internal/benchtools/pairbench); A is the first command of the pair.
const (
	startupMax      = 1.5  // issue 17: `infragame version` ≤ 1.5× a Go hello-world
	gameMedianMin   = 2.0  // issue 16: median lrsnash ÷ infragame over 8×8–20×20 ≥ 2
	importMax       = 2.0  // issue 17: import ≤ 2× sqlite3 .import, wall and CPU
	searchMaxMs     = 50.0 // issue 17: a search over 21,000 records ≤ 50 ms
	workersMin      = 1.8  // issues 15, 17: 2 workers ≥ 1.8× one
	shardingMax     = 0.10 // issue 15: 8 shards cost ≤ 10 % more CPU than one process
	tenBiddersMaxMs = 20.0 // issue 17: ten asymmetric bidders ≤ 20 ms in process
	twoBiddersMaxMs = 0.5  // issue 17: two bidders outside the collocation domain ≤ 0.5 ms
	webP99MaxMs     = 20.0 // web: p99 < 20 ms at 1,000 req/s
	// issue 15: peak memory of sweep run and merge "flat in the number of
	// points"; read here as at most 1.25× the peak RSS for 8× the points.
	memFlatMax = 1.25
	// issue 16: game solve's peak memory "tens of MB at 20×20, never GB".
	gameRSSMaxMiB = 100.0
)

// gameSizes are the sizes the game target covers ("every size 8–20").
var gameSizes = []int{8, 10, 12, 14, 16, 18, 20}

type summaryRow struct {
	what, figure, peer, ratio, target, verdict, where string
}

// stamps gives, for each section, "commit `abc1234`, 2026-12-07" from its
// stamp line, and whether it was a quick run.
func stamps(secs []section) map[string]string {
	out := map[string]string{}
	for _, s := range secs {
		body := strings.Join(s.body, "\n")
		st := "stamp missing"
		if c := commitRE.FindString(body); c != "" {
			st = c
		}
		if strings.Contains(body, "QUICK RUN") {
			st += ", **quick run**"
		}
		out[s.name] = st
	}
	return out
}

func f2(v float64) string { return fmt.Sprintf("%.2f", v) }

// ratioCell is "1.23 (1.10–1.40)" for the named ratio of a pair result.
func ratioCell(r result, name string) string {
	v, _ := r.num(name)
	lo, ok1 := r.num(name + "min")
	hi, ok2 := r.num(name + "max")
	if ok1 && ok2 {
		return fmt.Sprintf("%.2f (%.2f–%.2f)", v, lo, hi)
	}
	return f2(v)
}

func verdict(ok bool) string {
	if ok {
		return "**met**"
	}
	return "**not met**"
}

func summarize(res map[string]result, st map[string]string) []summaryRow {
	var rows []summaryRow
	where := func(keys ...string) string {
		var w []string
		for _, k := range keys {
			if r, ok := res[k]; ok {
				s := r.section + ": " + st[r.section]
				if !slices.Contains(w, s) {
					w = append(w, s)
				}
			}
		}
		return strings.Join(w, "; ")
	}
	missing := func(what, target, section string) summaryRow {
		return summaryRow{what, "not measured", "", "", target, "not measured: run `scripts/bench.sh " + section + "`", ""}
	}

	// Start-up.
	tgt := fmt.Sprintf("≤ %.1f× (wall and CPU)", startupMax)
	if r, ok := res["startup.version"]; ok {
		w, _ := r.num("wall")
		c, _ := r.num("cpu")
		rows = append(rows, summaryRow{"`infragame version`", r.vals["a"] + " ms wall, " + r.vals["acpu"] + " ms CPU", "Go hello-world, " + r.vals["b"] + " ms",
			"wall " + ratioCell(r, "wall") + ", CPU " + ratioCell(r, "cpu"), tgt, verdict(w <= startupMax && c <= startupMax), where("startup.version")})
	} else {
		rows = append(rows, missing("`infragame version`", tgt, "startup"))
	}
	if r, ok := res["startup.version-full"]; ok {
		rows = append(rows, summaryRow{"`infragame-full version` (the binary store and web commands run in)", r.vals["a"] + " ms wall", "Go hello-world, " + r.vals["b"] + " ms",
			"wall " + ratioCell(r, "wall") + ", CPU " + ratioCell(r, "cpu"), "—", "—", where("startup.version-full")})
	}

	// Games.
	tgt = "infragame faster (ratio < 1)"
	for _, class := range []string{"uniform", "degenerate"} {
		k := "game." + class + ".6"
		if r, ok := res[k]; ok {
			w, _ := r.num("wall")
			rows = append(rows, summaryRow{"`game solve` " + class + " 6×6, all extreme equilibria", r.vals["a"] + " ms wall", "`lrsnash`, " + r.vals["b"] + " ms",
				"infragame ÷ lrsnash: wall " + ratioCell(r, "wall") + ", CPU " + ratioCell(r, "cpu"), tgt, verdict(w < 1), where(k)})
		} else {
			rows = append(rows, missing("`game solve` "+class+" 6×6", tgt, "game"))
		}
	}
	rows = append(rows, gameRow(res, where))
	tgt = fmt.Sprintf("tens of MB (≤ %.0f MiB)", gameRSSMaxMiB)
	if u, ok := res["game.uniform.20"]; ok {
		d, okd := res["game.degenerate.20"]
		a, _ := u.num("rss_mib")
		b, _ := d.num("rss_mib")
		if _, has := u.vals["rss_mib"]; has && okd {
			rows = append(rows, summaryRow{"`game solve` peak memory, 20×20 uniform / degenerate", fmt.Sprintf("%.1f / %.1f MiB", a, b), "—", "—", tgt,
				verdict(max(a, b) <= gameRSSMaxMiB), where("game.uniform.20", "game.degenerate.20")})
		}
	}

	// Import and search.
	tgt = fmt.Sprintf("≤ %.0f× (wall and CPU)", importMax)
	for _, k := range []string{"import.fresh", "import.seeded"} {
		what := "import of a 21,000-row GCDF CSV into a fresh store"
		if k == "import.seeded" {
			what = "the same into a seeded store"
		}
		if r, ok := res[k]; ok {
			w, _ := r.num("wall")
			c, _ := r.num("cpu")
			rows = append(rows, summaryRow{what, r.vals["a"] + " ms wall, " + r.vals["acpu"] + " ms CPU", "`sqlite3 .import`, " + r.vals["b"] + " ms wall, " + r.vals["bcpu"] + " ms CPU",
				"wall " + ratioCell(r, "wall") + ", CPU " + ratioCell(r, "cpu"), tgt, verdict(w <= importMax && c <= importMax), where(k)})
		} else {
			rows = append(rows, missing(what, tgt, "import"))
		}
	}
	tgt = fmt.Sprintf("≤ %.0f ms above the process start (whole command − `infragame version`)", searchMaxMs)
	// the narrow search, and the broad one (2,252 hits, of which a table
	// prints the best 50)
	rows = append(rows,
		searchRow(res, where, missing, "search.cmd", "search.narrow.SearchHits", "`data search 雅万`, 21,000 records", "`data search`", tgt),
		searchRow(res, where, missing, "search.broad", "search.SearchHits", "`data search Hydropower`, 21,000 records (2,252 hits, the best 50 printed)", "`data search Hydropower`", tgt))

	// Two workers against one.
	tgt = fmt.Sprintf("≥ %.1f×", workersMin)
	for _, w := range []struct{ key, what string }{
		{"workers.lcc", "`lcc run`, 100,000 runs"},
		{"workers.tender", "`tender evaluate`, 100,000 runs"},
		{"workers.sim", "`sim run baseline --runs 1000`"},
		{"workers.tendersweep", "tender-case `sweep run`"},
		{"workers.simsweep", "`sim` `sweep run`"},
	} {
		if r, ok := res[w.key]; ok {
			v, _ := r.num("wall")
			rows = append(rows, summaryRow{w.what + ", 2 workers", r.vals["b"] + " ms wall", "1 worker, " + r.vals["a"] + " ms",
				"1 ÷ 2 workers: " + ratioCell(r, "wall"), tgt, verdict(v >= workersMin), where(w.key)})
		} else {
			rows = append(rows, missing(w.what+", 2 workers", tgt, "workers"))
		}
	}
	// The same in process. A paired benchmark (internal/benchtools/paired:
	// one and two workers alternately within one benchmark) gives the
	// median per-pair speed-up; without one, the ratio of the medians of
	// the one- and two-worker benchmarks, which run seconds apart.
	for _, w := range []struct{ paired, one, two, what string }{
		{"lcc.Simulate10kPaired", "lcc.Simulate10kOneWorker", "lcc.Simulate10k", "lcc Monte Carlo, 10,000 runs, in process"},
		{"tender.Simulate10kPaired", "tender.Simulate10kOneWorker", "tender.Simulate10kTwoWorkers", "tender Monte Carlo, 10,000 runs, in process"},
		{"sweep.TenderSweepLarge/paired", "sweep.TenderSweepLarge/workers=1", "sweep.TenderSweepLarge/workers=2", "tender-case sweep, 12,288 points, in process"},
	} {
		if r, ok := res[w.paired]; ok {
			sp, ok1 := r.num("speedup")
			a, ok2 := r.num("ms_1w")
			b, ok3 := r.num("ms_2w")
			if ok1 && ok2 && ok3 {
				rows = append(rows, summaryRow{w.what + ", 2 workers", fmt.Sprintf("%.3g ms", b), fmt.Sprintf("1 worker, %.3g ms", a),
					fmt.Sprintf("1 ÷ 2 workers: %.2f (median of %s runs of the median per-pair ratio, the two alternating)", sp, r.vals["runs"]),
					tgt, verdict(sp >= workersMin), where(w.paired)})
				continue
			}
		}
		r1, ok1 := res[w.one]
		r2, ok2 := res[w.two]
		if !ok1 || !ok2 {
			continue
		}
		a, _ := r1.num("ms")
		b, _ := r2.num("ms")
		rows = append(rows, summaryRow{w.what + ", 2 workers", fmt.Sprintf("%.3g ms", b), fmt.Sprintf("1 worker, %.3g ms", a),
			fmt.Sprintf("1 ÷ 2 workers: %.2f (medians of %s runs)", a/b, r1.vals["runs"]), tgt, verdict(a/b >= workersMin), where(w.one, w.two)})
	}
	tgt = fmt.Sprintf("≤ %.0f %%", shardingMax*100)
	if r, ok := res["sharding.8"]; ok {
		c, _ := r.num("cpu")
		rows = append(rows, summaryRow{"sharding overhead, 8 shard processes (" + r.vals["points"] + " points)", r.vals["acpu"] + " ms CPU", "1 process, " + r.vals["bcpu"] + " ms CPU",
			fmt.Sprintf("%.0f %% more CPU (8 ÷ 1: %s)", (c-1)*100, ratioCell(r, "cpu")), tgt, verdict(c-1 <= shardingMax), where("sharding.8")})
	} else {
		rows = append(rows, missing("sharding overhead, 8 shards", tgt, "sweep"))
	}

	tgt = fmt.Sprintf("flat: ≤ %.2f× the peak RSS for 8× the points", memFlatMax)
	for _, m := range []struct{ small, large, what string }{
		{"sweepmem.98304", "sweepmem.786432", "`sweep run` peak memory, 98,304 → 786,432 points"},
		{"merge.csv.98304", "merge.csv.786432", "`sweep merge` → CSV peak memory, 98,304 → 786,432 rows"},
		{"merge.parquet.98304", "merge.parquet.786432", "`sweep merge` → Parquet peak memory, 98,304 → 786,432 rows"},
	} {
		r1, ok1 := res[m.small]
		r2, ok2 := res[m.large]
		if !ok1 || !ok2 {
			rows = append(rows, missing(m.what, tgt, "sweep"))
			continue
		}
		a, _ := r1.num("rss_mib")
		b, _ := r2.num("rss_mib")
		rows = append(rows, summaryRow{m.what, fmt.Sprintf("%.1f → %.1f MiB", a, b), "—", fmt.Sprintf("%.2f×", b/a), tgt, verdict(b/a <= memFlatMax), where(m.small, m.large)})
	}

	// Auctions.
	for _, a := range []struct {
		key, what string
		max       float64
	}{
		{"auction.TenBidders", "ten asymmetric bidders, mixed distributions, in process", tenBiddersMaxMs},
		{"auction.TwoBidderDifferentLow", "two bidders, different lower bounds (outside collocation), in process", twoBiddersMaxMs},
		{"auction.TwoBidderReserve", "two bidders, binding reserve (outside collocation), in process", twoBiddersMaxMs},
	} {
		tgt = fmt.Sprintf("≤ %g ms", a.max)
		if r, ok := res[a.key]; ok {
			v, _ := r.num("ms")
			lo, _ := r.num("msmin")
			hi, _ := r.num("msmax")
			rows = append(rows, summaryRow{a.what, fmt.Sprintf("%.3g ms (%.3g–%.3g), median of %s runs", v, lo, hi, r.vals["runs"]), "—", "—", tgt, verdict(v <= a.max), where(a.key)})
		} else {
			rows = append(rows, missing(a.what, tgt, "auction"))
		}
	}

	// Web.
	tgt = fmt.Sprintf("p99 < %.0f ms at 1,000 req/s", webP99MaxMs)
	if r, ok := res["web.load"]; ok {
		p, _ := r.num("p99")
		rate, _ := r.num("rate")
		rows = append(rows, summaryRow{"web API, 9 read endpoints", "p50 " + r.vals["p50"] + " ms, p99 " + r.vals["p99"] + " ms at " + r.vals["rate"] + " req/s", "—", "—", tgt,
			verdict(p < webP99MaxMs && rate >= 1000 && r.vals["errors"] == "0"), where("web.load")})
	} else {
		rows = append(rows, missing("web API under load", tgt, "web"))
	}
	return rows
}

// gameRow decides "faster than lrsnash at every size 8–20, median ≥ 2×"
// from the game results of both classes.
func gameRow(res map[string]result, where func(...string) string) summaryRow {
	what := "`game solve` 8×8–20×20, uniform and degenerate, all extreme equilibria"
	tgt := fmt.Sprintf("faster at every size, median lrsnash ÷ infragame ≥ %.0f×", gameMedianMin)
	var speed []float64
	var keys, missingSizes, slower []string
	bound := false
	for _, class := range []string{"uniform", "degenerate"} {
		for _, n := range gameSizes {
			k := fmt.Sprintf("game.%s.%d", class, n)
			r, ok := res[k]
			if !ok {
				missingSizes = append(missingSizes, fmt.Sprintf("%s %d×%d", class, n, n))
				continue
			}
			keys = append(keys, k)
			w, _ := r.num("wall")
			if r.vals["bound"] == "upper" {
				// lrsnash was stopped: the true ratio is below w, which
				// decides nothing when w ≥ 1.
				if w >= 1 {
					missingSizes = append(missingSizes, fmt.Sprintf("%s %d×%d (lrsnash stopped before infragame finished)", class, n, n))
					continue
				}
				bound = true
			}
			if w >= 1 {
				slower = append(slower, fmt.Sprintf("%s %d×%d (%.2f)", class, n, n, w))
			}
			speed = append(speed, 1/w)
		}
	}
	if len(speed) == 0 {
		return summaryRow{what, "not measured", "`lrsnash`", "", tgt, "not measured: run `scripts/bench.sh game game-large`", ""}
	}
	med := median(speed)
	fig := fmt.Sprintf("lrsnash ÷ infragame, wall: %.2f–%.2f, median %.2f over %d games", slices.Min(speed), slices.Max(speed), med, len(speed))
	if bound {
		fig += " (where lrsnash was stopped, the ratio is a lower bound)"
	}
	var v string
	switch {
	case len(slower) > 0:
		v = "**not met**: infragame ÷ lrsnash ≥ 1 at " + strings.Join(slower, ", ")
	case med < gameMedianMin:
		v = "**not met**: median below the target"
	case len(missingSizes) > 0:
		v = "not decided: " + strings.Join(missingSizes, ", ") + " not measured"
	default:
		v = "**met**"
	}
	if len(slower) > 0 && len(missingSizes) > 0 {
		v += "; not measured: " + strings.Join(missingSizes, ", ")
	}
	return summaryRow{what, fig, "`lrsnash` process", "per size in [Game solvers](#game-solvers)", tgt, v, where(keys...)}
}

func summaryTable(rows []summaryRow) string {
	var b strings.Builder
	b.WriteString("| what | figure | peer | ratio, median (min–max) | target | verdict | measured in |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", r.what, r.figure, r.peer, r.ratio, r.target, r.verdict, r.where)
	}
	return b.String()
}

// summaryBody is the whole generated summary section.
func summaryBody(text string) (string, error) {
	secs, err := parseSections(strings.Split(text, "\n"))
	if err != nil {
		return "", err
	}
	var others []section
	for _, s := range secs {
		if s.name != "summary" {
			others = append(others, s)
		}
	}
	res, err := parseResults(others)
	if err != nil {
		return "", err
	}
	st := stamps(others)
	var commits []string
	for _, s := range others {
		if c := commitRE.FindString(st[s.name]); c != "" && !slices.Contains(commits, c) {
			commits = append(commits, c)
		}
	}
	head := "_Computed by `scripts/bench.sh --write` (`benchmd summary`) from the result lines of the generated sections below, " +
		"measured at " + strings.Join(commits, ", ") + "; the last column names each figure's section and commit. " +
		"Targets are those of issues 15–17, written once in `internal/benchtools/benchmd/summary.go`._\n\n"
	return head + summaryTable(summarize(res, st)), nil
}

func summaryCmd(args []string) error {
	fs := flag.NewFlagSet("summary", flag.ExitOnError)
	file := fileFlag(fs)
	_ = fs.Parse(args)
	text, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	body, err := summaryBody(string(text))
	if err != nil {
		return err
	}
	out, err := splice(string(text), "summary", body)
	if err != nil {
		return err
	}
	return os.WriteFile(*file, []byte(out), 0o644)
}

// searchRow is the summary row of a whole-command search result (key) with
// its in-process benchmark (ipKey): the command's time above start-up
// against searchMaxMs.
func searchRow(res map[string]result, where func(...string) string, missing func(what, target, section string) summaryRow,
	key, ipKey, what, missingWhat, tgt string) summaryRow {
	r, ok := res[key]
	if !ok {
		return missing(missingWhat, tgt, "search")
	}
	a, _ := r.num("a")
	b, _ := r.num("b")
	fig := fmt.Sprintf("%s ms wall, whole command: %.1f ms above start-up", r.vals["a"], a-b)
	if ip, ok := res[ipKey]; ok {
		v, _ := ip.num("ms")
		fig += fmt.Sprintf("; in process %.3g ms", v)
	}
	return summaryRow{what, fig, "`infragame version`, " + r.vals["b"] + " ms",
		"wall " + ratioCell(r, "wall"), tgt, verdict(a-b <= searchMaxMs), where(key, ipKey)}
}
