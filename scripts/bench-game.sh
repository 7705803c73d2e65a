#!/usr/bin/env bash
# Superseded by `scripts/bench.sh game game-large`, which writes BENCHMARKS.md
# itself; kept to reproduce the tables of docs/benchmarks-history.md.
#
# bench-game.sh regenerates the game-solver tables of BENCHMARKS.md
# ("Game solvers"): infragame's all-extreme-equilibria enumeration
# (game solve --method enummixed) against lrsnash (lrslib), process against
# process, both commands in the same hyperfine invocation; peak memory
# (max RSS, GNU time) of both on the same games; and Lemke–Howson
# (--method lcp --label 1) against the time lrsnash needs to print its first
# equilibrium.
#
# Usage: scripts/bench-game.sh [OUTDIR]          (default: ./bench-game.out)
# Environment:
#   SIZES      square sizes N (default "8 10 12 14 16 18 20")
#   CLASSES    uniform and/or degenerate (default both)
#   SEEDS      game seeds (default "1")
#   RUNS       hyperfine runs for N ≤ 12 / ≤ 16 / larger (default "10 5 1")
#   LH_SIZES   sizes for the Lemke–Howson table (default "8 12 16 20 30 50")
#   LH_CAP     seconds lrsnash may take to its first equilibrium (default 120)
#   LRS_CAP    seconds lrsnash may take on a one-run size (default 3600); a
#              row where it was stopped gives lower bounds ("> …")
#   INFRAGAME  infragame binary (default: built from this checkout)
# Needs: lrsnash, hyperfine, jq, GNU time (/usr/bin/time), python3, stdbuf.
# Prints Markdown tables on stdout; raw hyperfine JSON stays in OUTDIR.
# Sizes with one run (RUNS' last figure, N > 16) are timed by GNU time, one
# run of each command back to back, instead of hyperfine.
set -euo pipefail

out=${1:-bench-game.out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"8 10 12 14 16 18 20"}
CLASSES=${CLASSES:-"uniform degenerate"}
SEEDS=${SEEDS:-"1"}
read -r runs_small runs_mid runs_large <<<"${RUNS:-10 5 1}"
LH_SIZES=${LH_SIZES:-"8 12 16 20 30 50"}
LH_CAP=${LH_CAP:-120}
LRS_CAP=${LRS_CAP:-3600}

for tool in lrsnash hyperfine jq python3 stdbuf; do
	command -v "$tool" >/dev/null || { echo "bench-game.sh: $tool not found" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench-game.sh: GNU time (/usr/bin/time) not found" >&2; exit 1; }
if [ -z "${INFRAGAME:-}" ]; then
	INFRAGAME=$out/infragame
	(cd "$root" && go build -o "$INFRAGAME" ./cmd/infragame)
fi
ig=$INFRAGAME

echo "machine: $(nproc) cores; $(uptime)"
echo "lrsnash: $(dpkg-query -W -f='${Package} ${Version}' lrslib 2>/dev/null || echo unknown); $($ig version 2>/dev/null | head -1)"
echo

median() { jq -r ".results[$1].median * 1000" "$2"; }
rss() { # max RSS in MiB of one run of the command
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1/1024}'
}

echo "### All extreme equilibria: infragame game solve --method enummixed vs lrsnash"
echo
echo "| game | equilibria infragame = lrsnash | runs | lrsnash wall ms (median) | infragame wall ms (median) | lrsnash ÷ infragame, wall | CPU ms (user+sys) lrsnash / infragame | **lrsnash ÷ infragame, CPU** | max RSS MiB lrsnash / infragame | load (1 min) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for class in $CLASSES; do
	for n in $SIZES; do
		for seed in $SEEDS; do
			name=${class:0:1}${n}s$seed
			g=$out/$name
			$ig game random --class "$class" --strategies "${n}x$n" --seed "$seed" -o "$g.nfg"
			$ig game random --class "$class" --strategies "${n}x$n" --seed "$seed" --lrsnash -o "$g.lrs"
			runs=$runs_large
			[ "$n" -le 16 ] && runs=$runs_mid
			[ "$n" -le 12 ] && runs=$runs_small
			warm=1
			[ "$runs" -le 1 ] && warm=0
			load=$(cut -d' ' -f1 /proc/loadavg)
			lcmd=(lrsnash "$g.lrs")
			icmd=("$ig" game solve "$g.nfg" --method enummixed --format gambit --no-progress)
			if [ "$runs" -gt 1 ]; then
				hyperfine -N --style none --warmup "$warm" --runs "$runs" --export-json "$g.json" \
					"${lcmd[*]}" "${icmd[*]}" >/dev/null 2>"$g.hyperfine.err"
				lrs=$(median 0 "$g.json")
				ours=$(median 1 "$g.json")
				lcpu=$(jq -r '(.results[0].user + .results[0].system) * 1000' "$g.json")
				icpu=$(jq -r '(.results[1].user + .results[1].system) * 1000' "$g.json")
				r1=$(rss "${lcmd[@]}")
				r2=$(rss "${icmd[@]}")
			else
				# One run each, back to back, timed by GNU time (wall, CPU, max
				# RSS); lrsnash is stopped after LRS_CAP seconds.
				set +e
				/usr/bin/time -o "$g.lrs.time" -f '%e %U %S %M' timeout "$LRS_CAP" "${lcmd[@]}" >"$g.lrs.out"
				lrc=$?
				/usr/bin/time -o "$g.ig.time" -f '%e %U %S %M' "${icmd[@]}" >"$g.ig.out"
				set -e
				read -r lrs lcpu r1 < <(tail -1 "$g.lrs.time" | awk '{printf "%f %f %.1f\n", $1*1000, ($2+$3)*1000, $4/1024}')
				read -r ours icpu r2 < <(tail -1 "$g.ig.time" | awk '{printf "%f %f %.1f\n", $1*1000, ($2+$3)*1000, $4/1024}')
			fi
			if [ "$runs" -le 1 ]; then
				nl=$(sed -n 's/^\*Number of equilibria found: *\([0-9]*\).*/\1/p' "$g.lrs.out")
				no=$(grep -c '^NE,' "$g.ig.out" || true)
				if [ "$lrc" = 124 ]; then
					# lrsnash did not finish: its figures are lower bounds.
					printf '| %s %dx%d seed %s | %s = (lrsnash stopped after %s s) | 1 | > %.0f | %.1f | > %.2f | > %.0f / %.0f | **> %.2f** | %s / %s | %s |\n' \
						"$class" "$n" "$n" "$seed" "$no" "$LRS_CAP" "$lrs" "$ours" \
						"$(echo "$lrs / $ours" | bc -l)" "$lcpu" "$icpu" "$(echo "$lcpu / $icpu" | bc -l)" "$r1" "$r2" "$load"
					continue
				fi
			else
				nl=$(lrsnash "$g.lrs" | sed -n 's/^\*Number of equilibria found: *\([0-9]*\).*/\1/p')
				no=$("${icmd[@]}" | grep -c '^NE,')
			fi
			same=no
			[ "$nl" = "$no" ] && same=yes
			printf '| %s %dx%d seed %s | %s = %s (%s) | %s | %.1f | %.1f | %.2f | %.0f / %.0f | **%.2f** | %s / %s | %s |\n' \
				"$class" "$n" "$n" "$seed" "$no" "$nl" "$same" "$runs" "$lrs" "$ours" \
				"$(echo "$lrs / $ours" | bc -l)" "$lcpu" "$icpu" "$(echo "$lcpu / $icpu" | bc -l)" "$r1" "$r2" "$load"
		done
	done
done
echo

# Time until lrsnash has printed its first complete equilibrium (a "1 …"
# line after its "2 …" lines), process start included; lrsnash is killed
# then. stdbuf makes its output line-buffered so the line is seen at once.
first_lrs() {
	python3 - "$1" "$LH_CAP" <<'EOF'
import subprocess, sys, threading, time
t0 = time.monotonic()
p = subprocess.Popen(["stdbuf", "-oL", "lrsnash", sys.argv[1]], stdout=subprocess.PIPE, text=True)
timer = threading.Timer(float(sys.argv[2]), p.kill)
timer.start()
found = False
for line in p.stdout:
    if line.startswith("1 "):
        found = True
        break
dt = time.monotonic() - t0
timer.cancel()
p.kill(); p.wait()
print("%.1f" % (dt * 1000) if found else "none")
EOF
}

echo "### Lemke–Howson (--method lcp --label 1) vs lrsnash's first equilibrium"
echo
echo "| game | lrsnash to first equilibrium ms (median of 3) | infragame lcp median ms | **lrsnash ÷ infragame** | load (1 min) |"
echo "|---|---:|---:|---:|---:|"
for n in $LH_SIZES; do
	g=$out/lh$n
	$ig game random --strategies "${n}x$n" --seed "$n" -o "$g.nfg"
	$ig game random --strategies "${n}x$n" --seed "$n" --lrsnash -o "$g.lrs"
	load=$(cut -d' ' -f1 /proc/loadavg)
	hyperfine -N --style none --warmup 1 --runs 5 --export-json "$g.json" \
		"$ig game solve $g.nfg --method lcp --label 1 --format gambit" >/dev/null
	ours=$(median 0 "$g.json")
	ts=()
	for _ in 1 2 3; do ts+=("$(first_lrs "$g.lrs")"); done
	lrs=$(printf '%s\n' "${ts[@]}" | sort -g | sed -n 2p)
	if [ "$lrs" = none ]; then
		printf '| uniform %dx%d seed %d | none within %s s | %.1f | — | %s |\n' "$n" "$n" "$n" "$LH_CAP" "$ours" "$load"
	else
		printf '| uniform %dx%d seed %d | %s | %.1f | **%.2f** | %s |\n' "$n" "$n" "$n" "$lrs" "$ours" \
			"$(echo "$lrs / $ours" | bc -l)" "$load"
	fi
done
echo
echo "finished: $(uptime)"
