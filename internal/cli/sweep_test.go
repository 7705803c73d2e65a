package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tenderSweepSpec is a small Saltelli sweep of the three-offer tender.
func tenderSweepSpec(t *testing.T, dir string, points int) string {
	t.Helper()
	tenderFile, err := filepath.Abs("../../examples/lcc/tender_three_offers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "tender.yaml")
	body := `name: tender-test
model:
  kind: tender
  file: ` + tenderFile + `
  outputs: [margin, cost.fast, cost.quality]
seed: 3
runs: 2
design: {kind: saltelli, points: ` + itoa(points) + `}
params:
  - {name: host.discount_rate, range: [0.02, 0.10]}
  - {name: host.shadow_price, range: [0, 1]}
  - {name: offers.fast.loan.rate, dist: {kind: triangular, low: 0.01, mode: 0.02, high: 0.04}}
`
	if err := os.WriteFile(spec, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return spec
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// A sweep run as one process and as three shards (different worker
// counts) merges to the same bytes, in CSV and in Parquet; analyze reads
// both.
func TestSweepRunMergeAnalyze(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	spec := tenderSweepSpec(t, dir, 32)
	one, three := filepath.Join(dir, "one"), filepath.Join(dir, "three")
	if out, errOut, code := run(t, db, "sweep", "run", spec, "--out", one, "--workers", "2"); code != 0 || !strings.Contains(out, "points 0–159 × 2 runs") {
		t.Fatalf("run: %d %s%s", code, out, errOut)
	}
	for k, w := range []string{"1", "2", "3"} {
		if out, errOut, code := run(t, db, "sweep", "run", spec, "--out", three, "--workers", w, "--shard", itoa(k)+"/3"); code != 0 {
			t.Fatalf("shard %d: %d %s%s", k, code, out, errOut)
		}
	}
	// Rerun: skipped.
	if out, _, code := run(t, db, "sweep", "run", spec, "--out", three, "--shard", "1/3"); code != 0 || !strings.Contains(out, "skipped") {
		t.Errorf("rerun: %d %s", code, out)
	}
	var results [][]byte
	for _, d := range []string{one, three} {
		for _, ext := range []string{".csv", ".parquet"} {
			res := d + ext
			if out, errOut, code := run(t, db, "sweep", "merge", d, "-o", res); code != 0 || !strings.Contains(out, "320 rows (160 points × 2 runs)") {
				t.Fatalf("merge: %d %s%s", code, out, errOut)
			}
			b, err := os.ReadFile(res)
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, b)
		}
	}
	if !bytes.Equal(results[0], results[2]) || !bytes.Equal(results[1], results[3]) {
		t.Error("one process and three shards merge to different bytes")
	}
	out, errOut, code := run(t, db, "--format", "json", "sweep", "analyze", one+".parquet", "--bootstrap", "50")
	var an struct {
		Design  string `json:"design"`
		Outputs []struct {
			Output string `json:"output"`
			Sobol  []struct {
				Param string  `json:"param"`
				ST    float64 `json:"st"`
			} `json:"sobol"`
		} `json:"outputs"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &an) != nil || an.Design != "saltelli" || len(an.Outputs) != 3 || len(an.Outputs[1].Sobol) != 3 {
		t.Fatalf("analyze: %d %s%s", code, out, errOut)
	}
	// The host's cost of the "fast" offer depends on the host's discount
	// rate: its total index is positive.
	if an.Outputs[1].Output != "cost.fast" || !(an.Outputs[1].Sobol[0].ST > 0) {
		t.Errorf("cost.fast indices %+v", an.Outputs[1])
	}
	svg := filepath.Join(dir, "svg")
	if _, errOut, code := run(t, db, "sweep", "analyze", one+".csv", "--bootstrap", "20", "--svg", svg); code != 0 {
		t.Fatalf("analyze --svg: %s", errOut)
	}
	if b, err := os.ReadFile(filepath.Join(svg, "margin.svg")); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("tornado chart: %v", err)
	}
	if out, _, code := run(t, db, "--format", "csv", "sweep", "design", spec); code != 0 || !strings.HasPrefix(out, "point_id,role,host.discount_rate,host.shadow_price,offers.fast.loan.rate\n0,A,") {
		t.Errorf("design: %d %q", code, out[:min(len(out), 120)])
	}
}

func TestSweepErrors(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	spec := tenderSweepSpec(t, dir, 4)
	b, _ := os.ReadFile(spec)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, bytes.Replace(b, []byte("host.shadow_price"), []byte("host.shadow_prise"), 1), 0o644)
	if _, errOut, code := run(t, db, "sweep", "run", bad); code != 1 || !strings.Contains(errOut, "bad.yaml:11:5: params[1]: unknown parameter") || !strings.Contains(errOut, "shadow_prise") {
		t.Errorf("unknown parameter: %d %s", code, errOut)
	}
	if _, errOut, code := run(t, db, "sweep", "run", spec, "--shard", "3/3"); code != 2 || !strings.Contains(errOut, "0 ≤ K < N") {
		t.Errorf("bad shard: %d %s", code, errOut)
	}
	out := filepath.Join(dir, "out")
	run(t, db, "sweep", "run", spec, "--out", out, "--shard", "0/2")
	if _, errOut, code := run(t, db, "sweep", "merge", out, "-o", filepath.Join(dir, "r.csv")); code != 1 || !strings.Contains(errOut, "1 of 2 shards missing or incomplete: shard-00001-of-00002") {
		t.Errorf("missing shard: %d %s", code, errOut)
	}
	if _, errOut, code := run(t, db, "sweep", "slurm", spec); code != 2 || !strings.Contains(errOut, "--array") {
		t.Errorf("slurm without --array: %d %s", code, errOut)
	}
	if o, errOut, code := run(t, db, "sweep", "slurm", spec, "--array", "4", "--out", out, "--partition", "short"); code != 0 || !strings.Contains(o, "sbatch --dependency=afterok") {
		t.Errorf("slurm: %d %s%s", code, o, errOut)
	}
	if b, err := os.ReadFile(filepath.Join(out, "slurm", "tender-test.sbatch")); err != nil || !bytes.Contains(b, []byte("#SBATCH --array=0-3\n#SBATCH --ntasks")) {
		t.Errorf("array script: %v\n%s", err, b)
	}
}
