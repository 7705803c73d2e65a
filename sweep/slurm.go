package sweep

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// SlurmOptions describes the Slurm jobs of a sweep: a job array whose
// task K of N runs shard K/N, and a merge job that starts when every task
// has succeeded.
type SlurmOptions struct {
	// Name of the jobs (job name, log files).
	Name string
	// Binary is the infragame executable the tasks run, Spec the spec
	// file, Dir the shard directory and Result the merged file: absolute
	// paths, as a batch job starts in another directory.
	Binary, Spec, Dir, Result string
	// Tasks is the array size N (tasks 0 … N−1).
	Tasks int
	// Partition, Time (e.g. "01:00:00") and Mem (e.g. "4G") are passed to
	// sbatch when set; CPUs is the --cpus-per-task of each task (the
	// workers of its shard).
	Partition, Time, Mem string
	CPUs                 int
	// Logs is the directory of the jobs' output files.
	Logs string
}

var slurmSafe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._:/+@%-]*$`) })

// Validate checks the options; paths and values are restricted to
// characters that need no quoting in a shell script.
func (o *SlurmOptions) Validate() error {
	var errs []error
	if o.Tasks < 1 || o.Tasks > 1_000_000 {
		errs = append(errs, fmt.Errorf("array size %d outside [1, 1000000]", o.Tasks))
	}
	if o.CPUs < 1 {
		errs = append(errs, fmt.Errorf("cpus per task %d < 1", o.CPUs))
	}
	for _, f := range []struct{ name, v string }{{"name", o.Name}, {"binary", o.Binary}, {"spec", o.Spec}, {"dir", o.Dir},
		{"result", o.Result}, {"partition", o.Partition}, {"time", o.Time}, {"mem", o.Mem}, {"logs", o.Logs}} {
		if !slurmSafe().MatchString(f.v) {
			errs = append(errs, fmt.Errorf("%s %q: only letters, digits and ._:/+@%%- are allowed in a job script", f.name, f.v))
		}
	}
	for _, f := range []struct{ name, v string }{{"binary", o.Binary}, {"spec", o.Spec}, {"dir", o.Dir}, {"result", o.Result}, {"logs", o.Logs}} {
		if !strings.HasPrefix(f.v, "/") {
			errs = append(errs, fmt.Errorf("%s %q: must be an absolute path", f.name, f.v))
		}
	}
	if o.Name == "" {
		errs = append(errs, errors.New("job name empty"))
	}
	return errors.Join(errs...)
}

func (o *SlurmOptions) header(b *strings.Builder, name, log string) {
	b.WriteString("#!/bin/bash\n")
	fmt.Fprintf(b, "#SBATCH --job-name=%s\n", name)
	fmt.Fprintf(b, "#SBATCH --output=%s/%s\n", o.Logs, log)
	if o.Partition != "" {
		fmt.Fprintf(b, "#SBATCH --partition=%s\n", o.Partition)
	}
	if o.Time != "" {
		fmt.Fprintf(b, "#SBATCH --time=%s\n", o.Time)
	}
	if o.Mem != "" {
		fmt.Fprintf(b, "#SBATCH --mem=%s\n", o.Mem)
	}
}

// SlurmScripts returns the sbatch scripts of the job array and of the
// merge job. The array task K runs
//
//	infragame sweep run SPEC --out DIR --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT
//
// so a resubmitted array skips the shards already complete; the merge
// script is submitted with --dependency=afterok:ARRAY_JOB_ID (the caller
// adds it on the sbatch command line, where the job id is known).
func SlurmScripts(o SlurmOptions) (array, merge string, err error) {
	if err := o.Validate(); err != nil {
		return "", "", err
	}
	var b strings.Builder
	o.header(&b, o.Name, o.Name+"-%A_%a.out")
	fmt.Fprintf(&b, "#SBATCH --array=0-%d\n", o.Tasks-1)
	b.WriteString("#SBATCH --ntasks=1\n")
	fmt.Fprintf(&b, "#SBATCH --cpus-per-task=%d\n", o.CPUs)
	b.WriteString("set -euo pipefail\n")
	fmt.Fprintf(&b, "exec %s --no-progress sweep run %s --out %s --workers \"${SLURM_CPUS_PER_TASK:-%d}\" \\\n", o.Binary, o.Spec, o.Dir, o.CPUs)
	b.WriteString("  --shard \"${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}\"\n")
	array = b.String()
	b.Reset()
	o.header(&b, o.Name+"-merge", o.Name+"-merge-%j.out")
	b.WriteString("#SBATCH --ntasks=1\n")
	b.WriteString("set -euo pipefail\n")
	fmt.Fprintf(&b, "exec %s --no-progress sweep merge %s -o %s\n", o.Binary, o.Dir, o.Result)
	return array, b.String(), nil
}
