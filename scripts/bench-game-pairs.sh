#!/usr/bin/env bash
# Superseded by `scripts/bench.sh game game-large`, which writes BENCHMARKS.md
# itself; kept to reproduce the tables of docs/benchmarks-history.md.
#
# bench-game-pairs.sh: all extreme equilibria, `infragame game solve
# --method enummixed` against `lrsnash`, process against process with
# internal/benchtools/pairbench -N (the two commands alternate, no shell),
# so a change in machine load hits both alike. One Markdown row per game:
# medians of wall and CPU time and the median (min–max) of the per-pair
# ratios infragame ÷ lrsnash (< 1: infragame is faster).
#
# Usage: scripts/bench-game-pairs.sh [OUTDIR]     (default: ./bench-game.out)
# Environment:
#   SIZES      square sizes N (default "6 8 10 12 14 16")
#   CLASSES    uniform and/or degenerate (default both)
#   PAIRS      pairs for N ≤ 12 / 13–14 / larger (default "60 10 3")
#   INFRAGAME  infragame binary (default: built from this checkout as the
#              README installs it)
# Games: `infragame game random [--class degenerate] --strategies NxN
# --seed 1`, the games of scripts/bench-game.sh. Run it through
# scripts/hiprio.sh on a shared machine and state the load it prints.
set -euo pipefail
out=${1:-bench-game.out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"6 8 10 12 14 16"}
CLASSES=${CLASSES:-"uniform degenerate"}
read -r p_small p_mid p_large <<<"${PAIRS:-60 10 3}"
command -v lrsnash >/dev/null || { echo "bench-game-pairs.sh: lrsnash not found" >&2; exit 1; }
if [ -z "${INFRAGAME:-}" ]; then
	INFRAGAME=$out/infragame
	(cd "$root" && CGO_ENABLED=0 go build -ldflags='-s -w' -trimpath -o "$INFRAGAME" ./cmd/infragame)
fi
(cd "$root" && go build -o "$out/pairbench" ./internal/benchtools/pairbench)
ig=$INFRAGAME
echo "machine: $(nproc) cores; $(uptime)"
echo "commit: $(cd "$root" && git rev-parse --short HEAD)"
echo
first=1
for class in $CLASSES; do
	for n in $SIZES; do
		g=$out/$class-$n
		flag=""
		[ "$class" = degenerate ] && flag="--class degenerate"
		# shellcheck disable=SC2086
		$ig game random $flag --strategies "${n}x${n}" --seed 1 -o "$g.nfg"
		# shellcheck disable=SC2086
		$ig game random $flag --strategies "${n}x${n}" --seed 1 --lrsnash -o "$g.lrs"
		pairs=$p_large
		[ "$n" -le 14 ] && pairs=$p_mid
		[ "$n" -le 12 ] && pairs=$p_small
		hdr=""
		[ $first = 1 ] && hdr=-header && first=0
		"$out/pairbench" -N $hdr -n "$pairs" -label "$class ${n}x${n}: infragame (A) vs lrsnash (B), load $(cut -d' ' -f1 /proc/loadavg)" \
			"$ig game solve $g.nfg --method enummixed --format gambit --no-progress" "lrsnash $g.lrs"
	done
done
echo
echo "load after: $(uptime)"
