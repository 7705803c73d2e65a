package sweep

import (
	"strings"
	"testing"
)

func TestSlurmScripts(t *testing.T) {
	o := SlurmOptions{Name: "demo", Binary: "/opt/bin/infragame", Spec: "/data/demo.yaml", Dir: "/scratch/demo",
		Result: "/scratch/demo.parquet", Tasks: 8, CPUs: 4, Partition: "short", Time: "01:00:00", Mem: "4G", Logs: "/scratch/logs"}
	arr, merge, err := SlurmScripts(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#SBATCH --array=0-7\n", "#SBATCH --partition=short\n", "#SBATCH --time=01:00:00\n", "#SBATCH --mem=4G\n",
		"#SBATCH --cpus-per-task=4\n", "#SBATCH --output=/scratch/logs/demo-%A_%a.out\n",
		`--shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}"`, "sweep run /data/demo.yaml --out /scratch/demo"} {
		if !strings.Contains(arr, want) {
			t.Errorf("array script lacks %q:\n%s", want, arr)
		}
	}
	if !strings.Contains(merge, "sweep merge /scratch/demo -o /scratch/demo.parquet\n") || strings.Contains(merge, "--array") {
		t.Errorf("merge script:\n%s", merge)
	}
	o.Spec = "demo.yaml; rm -rf /"
	if _, _, err := SlurmScripts(o); err == nil {
		t.Error("unsafe path accepted")
	}
}
