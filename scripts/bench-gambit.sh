#!/usr/bin/env bash
# bench-gambit.sh regenerates the Gambit tables of BENCHMARKS.md (run by
# `GAMBIT_BIN=DIR scripts/bench.sh --write gambit`; "Game
# solvers"): infragame's solvers against Gambit's command-line tools, process
# against process, on the same .nfg files, with the equilibria of both
# compared.
#
#   * Lemke–Howson, one path: `game solve --method lcp --label 1` against
#     `gambit-lcp -q -e 1` (Gambit's default exact arithmetic) on random
#     N×N games, N in LCP_SIZES;
#   * all extreme equilibria: `game solve --method enummixed` against
#     `gambit-enummixed -q` on random and degenerate N×N games, N in
#     ENUM_SIZES.
#
# Usage: GAMBIT_BIN=DIR scripts/bench-gambit.sh [OUTDIR]   (default ./bench-gambit.out)
# Environment:
#   GAMBIT_BIN  directory holding gambit-lcp and gambit-enummixed (default:
#               found on PATH)
#   LCP_SIZES   default "50 100 150 200"
#   ENUM_SIZES  default "6 8 10 12"
#   PAIRS       interleaved pairs per comparison (default 10)
#   CAP         seconds a Gambit run may take (default 120); a comparison
#               whose Gambit run is stopped gives a lower bound ("> CAP")
#   LONG        a probe run longer than this many seconds (default 10) is
#               the comparison's only run, timed by GNU time
#   INFRAGAME   infragame binary (default: built from this checkout as the
#               README installs it)
#
# Gambit is not a dependency of infragame or of its tests, and this script
# does not build it: install Gambit's command-line tools by Gambit's own
# instructions and point GAMBIT_BIN at them.
#
# Pairs run through internal/benchtools/pairbench: the two commands
# alternate (A B A B …, one warm-up each), so a change in machine load hits
# both alike; the table gives medians and the median of the per-pair
# ratios Gambit ÷ infragame (> 1: infragame is faster) with its min–max.
set -euo pipefail

out=${1:-bench-gambit.out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
LCP_SIZES=${LCP_SIZES:-"50 100 150 200"}
ENUM_SIZES=${ENUM_SIZES:-"6 8 10 12"}
PAIRS=${PAIRS:-10}
CAP=${CAP:-120}
LONG=${LONG:-10}
if [ -n "${GAMBIT_BIN:-}" ]; then
	PATH=$GAMBIT_BIN:$PATH
fi
for tool in gambit-lcp gambit-enummixed jq; do
	command -v "$tool" >/dev/null || {
		echo "bench-gambit.sh: $tool not found: set GAMBIT_BIN to the directory of Gambit's command-line tools" >&2
		exit 1
	}
done
[ -x /usr/bin/time ] || { echo "bench-gambit.sh: GNU time (/usr/bin/time) not found" >&2; exit 1; }
if [ -z "${INFRAGAME:-}" ]; then
	INFRAGAME=$out/infragame
	(cd "$root" && CGO_ENABLED=0 go build -ldflags='-s -w' -trimpath -o "$INFRAGAME" ./cmd/infragame)
fi
(cd "$root" && go build -o "$out/pairbench" ./internal/benchtools/pairbench)
ig=$INFRAGAME

echo "machine: $(nproc) cores; $(uptime)"
echo "gambit: $(gambit-lcp -h 2>&1 | grep -m1 'Gambit version'); $($ig version 2>/dev/null | head -1)"
echo

# compare IG_OUT GAMBIT_OUT GAME: "N = M (same set)" from the distinct NE
# lines of both (gambit-enummixed prints an equilibrium of a degenerate game
# once per vertex pair that gives it: the repeats are counted apart); when
# the sets differ, every profile of both is checked exactly with
# `infragame game check` (regret 0 for every player, in rationals).
compare() {
	local a b na nb rep
	a=$(grep '^NE,' "$1" | sort -u)
	b=$(grep '^NE,' "$2" | sort -u)
	na=$(printf '%s' "$a" | grep -c '^NE,' || true)
	nb=$(printf '%s' "$b" | grep -c '^NE,' || true)
	rep=$(($(grep -c '^NE,' "$2" || true) - nb))
	local note=""
	[ "$rep" -gt 0 ] && note="; Gambit prints $rep repeated lines"
	if [ "$a" = "$b" ]; then
		echo "$na = $nb (same set$note)"
	else
		local ok=yes line
		while IFS= read -r line; do
			"$ig" game check "$3" "${line#NE,}" >/dev/null 2>&1 || ok=no
		done < <(printf '%s\n%s\n' "$a" "$b")
		if [ "$ok" = yes ]; then
			echo "$na / $nb: different equilibria, each verified exactly$note"
		else
			echo "$na / $nb (**differ**; not every profile is an equilibrium$note)"
		fi
	fi
}

# row LABEL IGCMD GAMBITCMD: one table row, Gambit as A and infragame as B.
row() {
	local label=$1 icmd=$2 gcmd=$3 base=$4
	local load
	load=$(cut -d' ' -f1 /proc/loadavg)
	sh -c "$icmd" >"$base.ig.out"
	set +e
	/usr/bin/time -o "$base.probe.time" -f '%e %U %S' timeout "$CAP" sh -c "$gcmd" >"$base.gambit.out"
	local rc=$?
	set -e
	local eq
	if [ "$rc" = 124 ]; then
		/usr/bin/time -o "$base.ig.time" -f '%e %U %S' sh -c "$icmd" >/dev/null
		read -r iw ic < <(awk '{printf "%.1f %.1f\n", $1*1000, ($2+$3)*1000}' "$base.ig.time")
		printf '| %s | 1 | > %d000 | %s | **> %.1f** | — / %s | — (Gambit stopped after %d s) | %s |\n' \
			"$label" "$CAP" "$iw" "$(echo "$CAP * 1000 / $iw" | bc -l)" "$ic" "$CAP" "$load"
		return
	fi
	[ "$rc" = 0 ] || { echo "bench-gambit.sh: $gcmd failed ($rc)" >&2; exit 1; }
	eq=$(compare "$base.ig.out" "$base.gambit.out" "$base.nfg")
	local probe
	probe=$(awk '{print $1}' "$base.probe.time")
	if [ "$(echo "$probe > $LONG" | bc -l)" = 1 ]; then
		/usr/bin/time -o "$base.ig.time" -f '%e %U %S' sh -c "$icmd" >/dev/null
		read -r gw gc < <(awk '{printf "%.1f %.1f\n", $1*1000, ($2+$3)*1000}' "$base.probe.time")
		read -r iw ic < <(awk '{printf "%.1f %.1f\n", $1*1000, ($2+$3)*1000}' "$base.ig.time")
		printf '| %s | 1 | %s | %s | **%.2f** | %s / %s | %s | %s |\n' \
			"$label" "$gw" "$iw" "$(echo "$gw / $iw" | bc -l)" "$gc" "$ic" "$eq" "$load"
		return
	fi
	# pairbench prints: | label | pairs | A wall | B wall | **A÷B** (min–max) | A cpu | B cpu | A÷B cpu |
	"$out/pairbench" -n "$PAIRS" -label x "$gcmd >/dev/null" "$icmd >/dev/null" |
		awk -F'|' -v label="$label" -v eq="$eq" -v load="$load" \
			'{printf "| %s |%s|%s|%s|%s|%s /%s | %s | %s |\n", label, $3, $4, $5, $6, $7, $8, eq, load}'
}

hdr='| game | pairs | Gambit wall ms | infragame wall ms | **Gambit ÷ infragame, wall** (min–max) | CPU ms Gambit / infragame | equilibria infragame = Gambit | load (1 min) |'
sep='|---|---:|---:|---:|---:|---:|---|---:|'

echo "### Lemke–Howson, one path: game solve --method lcp --label 1 vs gambit-lcp -q -e 1"
echo
echo "$hdr"
echo "$sep"
for n in $LCP_SIZES; do
	g=$out/lh$n
	$ig game random --strategies "${n}x$n" --seed "$n" -o "$g.nfg"
	row "uniform ${n}x$n seed $n" "$ig game solve $g.nfg --method lcp --label 1 --format gambit" "gambit-lcp -q -e 1 $g.nfg" "$g"
done
echo

echo "### All extreme equilibria: game solve --method enummixed vs gambit-enummixed -q"
echo
echo "$hdr"
echo "$sep"
for class in uniform degenerate; do
	for n in $ENUM_SIZES; do
		g=$out/${class:0:1}$n
		$ig game random --class "$class" --strategies "${n}x$n" --seed 1 -o "$g.nfg"
		row "$class ${n}x$n seed 1" "$ig game solve $g.nfg --method enummixed --format gambit --no-progress" "gambit-enummixed -q $g.nfg" "$g"
	done
done
echo
echo "finished: $(uptime)"
