package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/infragame/infragame/internal/testutil"
)

// TestSweepSlurmArray starts a one-node Slurm cluster (its own munged,
// slurmctld and slurmd, as root, on free ports), submits a sweep as a job array of 4
// tasks plus the dependent merge job with "sweep slurm --submit --wait",
// and checks that the merged result is byte-identical to a single-process
// run. It stops the daemons it started. Without sbatch it skips, except
// under CI=true, where it fails.
func TestSweepSlurmArray(t *testing.T) {
	testutil.RequireTool(t, "sbatch", "slurm-wlm")
	for _, tool := range []string{"slurmctld", "slurmd", "munged"} {
		if _, err := exec.LookPath(filepath.Join("/usr/sbin", tool)); err != nil {
			testutil.RequireTool(t, tool, "slurm-wlm munge")
		}
	}
	if os.Geteuid() != 0 {
		msg := "the one-node Slurm cluster runs its daemons as root"
		if testutil.InCI() {
			t.Fatal(msg + "; CI=true, so the Slurm test may not skip")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	sock := startMunge(t, dir)
	conf := startSlurm(t, dir, sock)
	t.Setenv("SLURM_CONF", conf)

	bin := filepath.Join(dir, "infragame")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/infragame")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := tempDB(t)
	spec := tenderSweepSpec(t, dir, 16)
	shardDir, result := filepath.Join(dir, "shards"), filepath.Join(dir, "result.csv")
	out, errOut, code := run(t, db, "sweep", "slurm", spec, "--array", "4", "--out", shardDir, "--result", result,
		"--binary", bin, "--time", "00:10:00", "--mem", "500M", "--submit", "--wait")
	if code != 0 {
		logs, _ := filepath.Glob(filepath.Join(shardDir, "slurm", "*.out"))
		for _, l := range logs {
			b, _ := os.ReadFile(l)
			t.Logf("%s:\n%s", l, b)
		}
		t.Fatalf("sweep slurm: %d\n%s%s", code, out, errOut)
	}
	t.Log(out)
	for k := range 4 {
		if _, err := os.Stat(filepath.Join(shardDir, fmt.Sprintf("shard-%05d-of-00004.json", k))); err != nil {
			t.Errorf("array task %d left no shard: %v", k, err)
		}
	}
	one := filepath.Join(dir, "one")
	if _, errOut, code := run(t, db, "sweep", "run", spec, "--out", one); code != 0 {
		t.Fatal(errOut)
	}
	if _, errOut, code := run(t, db, "sweep", "merge", one, "-o", one+".csv"); code != 0 {
		t.Fatal(errOut)
	}
	a, err1 := os.ReadFile(result)
	b, err2 := os.ReadFile(one + ".csv")
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) || len(a) == 0 {
		t.Fatalf("Slurm result (%d bytes, %v) differs from the single-process run (%d bytes, %v)", len(a), err1, len(b), err2)
	}
}

// startMunge starts a private munged (its own socket, pid, log and seed
// files under dir, the system key), so that concurrent test runs on one
// machine neither share nor stop each other's daemon, and stops it at the
// end of the test. It returns the socket's path.
func startMunge(t *testing.T, dir string) string {
	t.Helper()
	mdir := filepath.Join(dir, "munge")
	if err := os.MkdirAll(mdir, 0o755); err != nil {
		t.Fatal(err)
	}
	sock, pid := filepath.Join(mdir, "munge.socket"), filepath.Join(mdir, "munged.pid")
	cmd := exec.Command("/usr/sbin/munged", "--force", "--socket="+sock, "--pid-file="+pid,
		"--log-file="+filepath.Join(mdir, "munged.log"), "--seed-file="+filepath.Join(mdir, "munged.seed"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("munged: %v\n%s", err, out)
	}
	t.Cleanup(func() { stopByPIDFile(t, pid) })
	waitFor(t, "munge", func() bool {
		return exec.Command("sh", "-c", "munge -S "+sock+" -n | unmunge -S "+sock).Run() == nil
	})
	return sock
}

// startSlurm writes a one-node slurm.conf under dir (ports chosen free and
// the private munge socket, so that concurrent runs do not collide),
// starts slurmctld and slurmd, waits for the node to be idle and returns
// the configuration's path.
func startSlurm(t *testing.T, dir, mungeSocket string) string {
	t.Helper()
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	host, _, _ = strings.Cut(host, ".")
	for _, d := range []string{"state", "spool"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	conf := filepath.Join(dir, "slurm.conf")
	text := fmt.Sprintf(`ClusterName=infragametest
SlurmctldHost=%[1]s
SlurmctldPort=%[3]d
SlurmdPort=%[4]d
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=%[6]s
StateSaveLocation=%[2]s/state
SlurmdSpoolDir=%[2]s/spool
SlurmctldPidFile=%[2]s/slurmctld.pid
SlurmdPidFile=%[2]s/slurmd.pid
SlurmctldLogFile=%[2]s/slurmctld.log
SlurmdLogFile=%[2]s/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=%[1]s CPUs=%[5]d RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=%[1]s Default=YES MaxTime=INFINITE State=UP
`, host, dir, freePort(t), freePort(t), runtime.NumCPU(), mungeSocket)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"slurmctld", "slurmd"} {
		cmd := exec.Command("/usr/sbin/"+d, "-f", conf)
		cmd.Env = append(os.Environ(), "SLURM_CONF="+conf)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", d, err, out)
		}
		pid := filepath.Join(dir, d+".pid")
		t.Cleanup(func() { stopByPIDFile(t, pid) })
	}
	waitFor(t, "an idle Slurm node", func() bool {
		cmd := exec.Command("sinfo", "-h", "-o", "%t")
		cmd.Env = append(os.Environ(), "SLURM_CONF="+conf)
		out, err := cmd.Output()
		return err == nil && strings.TrimSpace(string(out)) == "idle"
	})
	return conf
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for !ok() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// stopByPIDFile sends SIGTERM to the daemon whose pid is in path and waits
// (up to 10 s) for it to exit.
func stopByPIDFile(t *testing.T, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Logf("stop: %v", err)
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 1 {
		t.Logf("stop: bad pid file %s", path)
		return
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		return
	}
	for range 100 {
		if syscall.Kill(pid, 0) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("pid %d (%s) still running after SIGTERM", pid, path)
}
