#!/usr/bin/env bash
# Regenerates every table of BENCHMARKS.md except the game-solver section
# (scripts for that section are named there). Writes Markdown to stdout;
# progress goes to stderr. Needs go, sqlite3 (Debian package sqlite3) and
# ~/go/bin/benchstat (go install golang.org/x/perf/cmd/benchstat@latest).
#
#   scripts/bench.sh > /tmp/bench.md          # everything (about 15 min)
#   scripts/bench.sh startup import           # only some sections
#
# Sections: machine startup import search workers scaling lcc tender auction finance coop
#
# "scaling" (two workers against one: market simulation and tender sweep)
# runs its commands through scripts/hiprio.sh, at high priority in their
# own autogroup (HIPRIO_RT=1 for the real-time policy), since a second
# worker can only show its speed-up when it gets the second core.
#
# Whole commands are compared with internal/benchtools/pairbench: the two
# commands alternate (A B A B …), so load from other jobs hits both alike;
# the ratio is the median of the per-pair ratios A ÷ B (< 1: A is faster).
# Go benchmarks run -count $COUNT times; benchstat gives the median and the
# spread (± 95 % confidence interval of the median).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
COUNT=${COUNT:-6}
PAIRS=${PAIRS:-15}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
BENCHSTAT=${BENCHSTAT:-$HOME/go/bin/benchstat}
sections=${*:-machine startup import search workers scaling lcc tender auction finance coop}
want() { [[ " $sections " == *" $1 "* ]]; }
log() { echo "bench.sh: $*" >&2; }

# Both programs into one directory, where the front (infragame) finds
# infragame-full for the commands it hands over (data, serve).
go build -o "$W/" ./cmd/infragame ./cmd/infragame-full
mkdir -p "$W/s" && CGO_ENABLED=0 go build -ldflags='-s -w' -trimpath -o "$W/s/" ./cmd/infragame ./cmd/infragame-full # the README's install
go build -o "$W/pairbench" ./internal/benchtools/pairbench
IG="$W/infragame"
pair() { "$W/pairbench" -n "$PAIRS" "$@"; }
gobench() { # package, regexp, benchtime
  go test -run XXX -bench "$2" -benchtime "${3:-1s}" -count "$COUNT" -benchmem "$1" > "$W/bench.txt"
  "$BENCHSTAT" -table "" "$W/bench.txt" 2>/dev/null || "$BENCHSTAT" "$W/bench.txt"
}

if want machine; then
  echo "## Machine"
  echo
  echo "- commit: \`$(git rev-parse --short HEAD)\`$(git diff --quiet || echo ' (with uncommitted changes)'), $(go version | cut -d' ' -f3-)"
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "- load before the runs: \`$(uptime | sed 's/.*load average/load average/')\`"
  echo "- peers: $(sqlite3 --version | cut -d' ' -f1) (sqlite3), $(hyperfine --version 2>/dev/null || true)"
  echo
fi

if want startup; then
  log startup
  mkdir -p "$W/hello" && cat > "$W/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
  (cd "$W/hello" && cat > go.mod <<'MOD'
module hello
go 1.26
MOD
  go build -o "$W/hello-bin" . && CGO_ENABLED=0 go build -ldflags='-s -w' -trimpath -o "$W/hello-stripped" .)
  echo "## Start-up"
  echo
  # Programs for the floor: a hello-world that only links (blank-imports)
  # some of what infragame links, so their package initialisers and the
  # runtime's start-up for their size run before main. Built inside the
  # module (a directory beginning with _ is outside ./...), removed after.
  F=$(mktemp -d "$ROOT/_startfloor.XXXXXX")
  trap 'rm -rf "$W" "$F"' EXIT
  floor() { # name, packages…
    mkdir -p "$F/$1"
    { echo 'package main'; echo 'import ('; echo '"os"'; for p in "${@:2}"; do echo "_ \"$p\""; done; echo ')'
      echo 'func main() { os.Stdout.WriteString("hello\n") }'; } > "$F/$1/main.go"
    CGO_ENABLED=0 go build -ldflags='-s -w' -trimpath -o "$W/floor-$1" "./$(basename "$F")/$1"
  }
  floor sqlite modernc.org/sqlite
  floor sqlweb modernc.org/sqlite net/http html/template
  # shellcheck disable=SC2046
  floor ext $(go list -deps ./cmd/infragame | grep -v "^$(go list -m)" | grep '\.' | grep -v -e '^vendor/' -e '/internal' | tr '\n' ' ')
  floor all "$(go list -m)/internal/cli"
  P="$W/pairbench -N -n $((PAIRS * 10))" # no shell: sh's own start would be timed too
  $P -header -label '`infragame version` (the front, A) vs hello-world (B), both CGO_ENABLED=0 -ldflags="-s -w" -trimpath' "$W/s/infragame version" "$W/hello-stripped"
  $P -label '`infragame-full version` (the complete program, A) vs hello-world (B)' "$W/s/infragame-full version" "$W/hello-stripped"
  $P -label '`infragame data list project` handed to infragame-full (A) vs `infragame-full data list project` (B): the hand-off' "$W/s/infragame --db :memory: data list project" "$W/s/infragame-full --db :memory: data list project"
  $P -label 'floor: hello-world linking modernc.org/sqlite (A) vs hello-world (B)' "$W/floor-sqlite" "$W/hello-stripped"
  $P -label 'floor: linking modernc.org/sqlite, net/http, html/template (A) vs hello-world (B)' "$W/floor-sqlweb" "$W/hello-stripped"
  $P -label 'linking every external package of infragame (A) vs hello-world (B)' "$W/floor-ext" "$W/hello-stripped"
  $P -label 'linking internal/cli: every initialiser of infragame (A) vs hello-world (B)' "$W/floor-all" "$W/hello-stripped"
  if command -v lrsnash > /dev/null; then
    "$W/s/infragame" game random --strategies 6x6 --seed 1 -o "$W/g6.nfg"
    "$W/s/infragame" game random --strategies 6x6 --seed 1 --lrsnash -o "$W/g6.lrs"
    $P -label '`game solve` uniform 6×6 `--method enummixed` (A) vs `lrsnash` (B)' "$W/s/infragame game solve $W/g6.nfg --method enummixed --format gambit --no-progress" "lrsnash $W/g6.lrs"
    $P -label 'hello-world (A) vs `lrsnash` on the same 6×6 game (B)' "$W/hello-stripped" "lrsnash $W/g6.lrs"
  fi
  "$W/pairbench" -n $((PAIRS * 2)) -label '`infragame --help` (A) vs hello-world (B), under sh -c' "$IG --help" "$W/hello-bin"
  echo
  echo "| binary | bytes |"
  echo "|---|---:|"
  echo "| infragame (go build) | $(stat -c %s "$W/infragame") |"
  echo "| infragame, the front (CGO_ENABLED=0, -ldflags='-s -w' -trimpath) | $(stat -c %s "$W/s/infragame") |"
  echo "| infragame-full (CGO_ENABLED=0, -ldflags='-s -w' -trimpath) | $(stat -c %s "$W/s/infragame-full") |"
  echo "| Go hello-world | $(stat -c %s "$W/hello-bin") |"
  echo
  echo "Package initialisers (\`GODEBUG=inittrace=1 infragame version\`, the ten slowest of one run, ms):"
  echo
  GODEBUG=inittrace=1 "$IG" version 2>&1 >/dev/null | awk '/^init/{print $5, $2}' | sort -rn | head -10 | awk '{printf "%s %s; ", $2, $1}' || true
  echo
  echo
fi

if want import || want search; then
  log "making the 21,000-row GCDF file"
  go run ./internal/benchtools/gcdfsynth dataset/testdata/aiddata-gcdf3-sample.csv 21000 > "$W/big.csv"
  "$IG" --db "$W/seed.db" data summary > /dev/null
  "$IG" --db "$W/a.db" data import --from aiddata "$W/big.csv" > /dev/null
  sqlite3 "$W/b.db" -cmd '.mode csv' ".import $W/big.csv t"
fi

if want import; then
  log import
  echo "## Import (21,000-row GCDF 3.0 CSV, $(stat -c %s "$W/big.csv") bytes, md5 $(md5sum < "$W/big.csv" | cut -c1-8))"
  echo
  "$W/pairbench" -header -n "$PAIRS" -label 'import into a fresh store (A) vs `sqlite3 .import` into a fresh db (B)' \
    "rm -f $W/x.db*; exec $IG --db $W/x.db data import --from aiddata $W/big.csv" \
    "rm -f $W/y.db*; exec sqlite3 $W/y.db -cmd '.mode csv' '.import $W/big.csv t'"
  pair -label 'import into a seeded store (A) vs `sqlite3 .import` (B)' \
    "rm -f $W/x.db*; cp $W/seed.db $W/x.db; exec $IG --db $W/x.db data import --from aiddata $W/big.csv" \
    "rm -f $W/y.db*; cp $W/seed.db $W/y.db; exec sqlite3 $W/y.db -cmd '.mode csv' '.import $W/big.csv t'"
  pair -label 'refused re-import of the same file (A) vs `sqlite3 .import` (B)' \
    "$IG --db $W/a.db data import --from aiddata $W/big.csv; test \$? = 1" \
    "rm -f $W/y.db*; exec sqlite3 $W/y.db -cmd '.mode csv' '.import $W/big.csv t'"
  pair -label 'fresh-store `data summary` (seeding included) (A) vs seeded-store `data summary` (B)' \
    "rm -f $W/z.db*; exec $IG --db $W/z.db data summary" "$IG --db $W/seed.db data summary"
  rm -f "$W/x.db"*
  echo
  echo "| peak RSS (GNU time, KiB) | infragame | sqlite3 |"
  echo "|---|---:|---:|"
  rss_ig=$(command time -f %M sh -c "exec $IG --db $W/x.db data import --from aiddata $W/big.csv >/dev/null" 2>&1 | tail -1)
  rm -f "$W/y.db"*
  rss_sq=$(command time -f %M sqlite3 "$W/y.db" -cmd '.mode csv' ".import $W/big.csv t" 2>&1 | tail -1)
  echo "| import | $rss_ig | $rss_sq |"
  rss_re=$(command time -f %M sh -c "$IG --db $W/x.db data import --from aiddata $W/big.csv >/dev/null 2>&1; true" 2>&1 | tail -1)
  echo "| refused re-import | $rss_re | – |"
  echo
  log "in-process import benchmark"
  INFRAGAME_BENCH_CSV="$W/big.csv" gobench ./store ImportAidData 3x
  echo
fi

if want search; then
  log search
  cols=$(sqlite3 "$W/b.db" "SELECT group_concat('\"' || name || '\"', '||''|''||') FROM pragma_table_info('t')")
  echo "SELECT count(*) FROM t WHERE ($cols) LIKE '%Hydropower%';" > "$W/like.sql"
  echo "## Search"
  echo
  "$W/pairbench" -header -n "$PAIRS" -label '`data search Hydropower`, 21,000-record store (A) vs sqlite3 LIKE over every column (B)' \
    "$IG --db $W/a.db data search Hydropower" "sqlite3 $W/b.db < $W/like.sql"
  pair -label '`data search 雅万` (Chinese, 2 characters), 21,000-record store (A) vs sqlite3 LIKE (B)' \
    "$IG --db $W/a.db data search 雅万" "sqlite3 $W/b.db < $W/like.sql"
  pair -label '`data search Hydropower`, 21,000-record store (A) vs seed-only store (B)' \
    "$IG --db $W/a.db data search Hydropower" "$IG --db $W/seed.db data search Hydropower"
  pair -label '`data search Hydropower` (A) vs `infragame version` (B): the search above start-up' \
    "$IG --db $W/a.db data search Hydropower" "$IG version"
  pair -label '`data search 雅万` (A) vs `infragame version` (B): the selective search above start-up' \
    "$IG --db $W/a.db data search 雅万" "$IG version"
  echo
  echo "Hits: Hydropower $("$IG" --db "$W/a.db" --format csv data search Hydropower | tail -n +2 | wc -l), 雅万 $("$IG" --db "$W/a.db" --format csv data search 雅万 | tail -n +2 | wc -l)."
  log "in-process search benchmark"
  INFRAGAME_BENCH_DB="$W/a.db" INFRAGAME_BENCH_QUERY=雅万 gobench ./store 'Search$' 20x
  echo
fi

if want workers; then
  log workers
  echo "## Monte Carlo workers (whole commands, 10,000 runs)"
  echo
  "$W/pairbench" -header -n "$PAIRS" -label 'lcc run hsr_two_offers.yaml: 2 workers (A) vs 1 (B)' \
    "$IG lcc run examples/lcc/hsr_two_offers.yaml --runs 10000 --seed 1 --workers 2" \
    "$IG lcc run examples/lcc/hsr_two_offers.yaml --runs 10000 --seed 1 --workers 1"
  pair -label 'tender evaluate tender_three_offers.yaml: 2 workers (A) vs 1 (B)' \
    "$IG tender evaluate examples/lcc/tender_three_offers.yaml --runs 10000 --seed 1 --workers 2" \
    "$IG tender evaluate examples/lcc/tender_three_offers.yaml --runs 10000 --seed 1 --workers 1"
  pair -label 'tender: 1 worker at GOMAXPROCS=1 (A) vs 2 workers (B)' \
    "GOMAXPROCS=1 $IG tender evaluate examples/lcc/tender_three_offers.yaml --runs 10000 --seed 1 --workers 1" \
    "$IG tender evaluate examples/lcc/tender_three_offers.yaml --runs 10000 --seed 1 --workers 2"
  echo
fi

if want scaling; then
  log scaling
  HI="$ROOT/scripts/hiprio.sh"
  echo "## Two workers against one (high priority, scripts/hiprio.sh)"
  echo
  "$HI" "$W/pairbench" -header -n "$PAIRS" -label 'sim run baseline --runs 1000: 1 worker (A) vs 2 (B)' \
    "$IG sim run baseline --runs 1000 --workers 1 --no-progress --db :memory:" \
    "$IG sim run baseline --runs 1000 --workers 2 --no-progress --db :memory:"
  echo
  "$HI" go test -run XXX -bench Run100 -count "$COUNT" -benchmem ./market > "$W/bench.txt"
  "$BENCHSTAT" "$W/bench.txt"
  echo
  (cd sweep/models && "$HI" go test -run XXX -bench TenderSweep -benchtime 5x -count "$COUNT" -benchmem . > "$W/bench.txt")
  "$BENCHSTAT" -col /sub "$W/bench.txt"
  echo
fi

if want lcc; then
  log lcc
  echo "## lcc (in process)"
  echo
  gobench ./lcc .
  echo
fi
if want tender; then
  log tender
  echo "## tender (in process)"
  echo
  gobench ./tender .
  echo
fi
if want auction; then
  log auction
  echo "## auction (in process)"
  echo
  gobench ./auction . 20x
  echo
fi
if want finance; then
  log finance
  echo "## finance (in process)"
  echo
  gobench ./finance .
  echo
fi
if want coop; then
  log coop
  echo "## coop (in process)"
  echo
  gobench ./coop . 20x
  echo
fi
echo "- load after the runs: \`$(uptime | sed 's/.*load average/load average/')\`"
