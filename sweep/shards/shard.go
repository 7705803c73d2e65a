package shards

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/infragame/infragame/sweep"
)

// FileInfo is a data file of a shard.
type FileInfo struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Manifest records a completed shard.
type Manifest struct {
	Fingerprint string `json:"fingerprint"`
	Shard       int    `json:"shard"`
	Shards      int    `json:"shards"`
	// FirstPoint and EndPoint delimit the shard's points [first, end).
	FirstPoint int      `json:"first_point"`
	EndPoint   int      `json:"end_point"`
	Rows       int64    `json:"rows"`
	CSV        FileInfo `json:"csv"`
	Parquet    FileInfo `json:"parquet"`
}

// Name returns the base name of the files of shard k of n
// ("shard-00003-of-00008").
func Name(k, n int) string { return fmt.Sprintf("shard-%05d-of-%05d", k, n) }

var manifestName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^shard-(\d+)-of-(\d+)\.json$`) })

// Status says what WriteShard did.
type Status int

// Statuses of WriteShard.
const (
	Written Status = iota
	Skipped        // a complete shard of the same plan was already there
)

// WriteShard runs shard opt.Shard of opt.Shards of plan p with model m and
// writes it to dir, unless a complete shard of the same plan (same
// fingerprint) is already there. A manifest of another plan is an error:
// the directory belongs to another sweep.
func WriteShard(ctx context.Context, dir string, pi *PlanInfo, p *sweep.Plan, m sweep.Model, opt sweep.RunOptions) (st Status, retErr error) {
	if opt.Shards == 0 {
		opt.Shards = 1
	}
	lo, hi, err := p.Shard(opt.Shard, opt.Shards)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	commitPlan, err := ensurePlan(dir, pi)
	if err != nil {
		return 0, err
	}
	// plan.json is committed beside the shard's own files, at the end
	// (or when the run fails): the manifest, which completes the shard,
	// waits for all of them.
	defer func() {
		if err := commitPlan(); err != nil && retErr == nil {
			st, retErr = 0, err
		}
	}()
	base := filepath.Join(dir, Name(opt.Shard, opt.Shards))
	if mf, err := readManifest(base + ".json"); err == nil {
		if mf.Fingerprint != pi.Fingerprint {
			return 0, fmt.Errorf("%s.json: a shard of another plan (fingerprint %.12s, this plan %.12s); use another --out directory", base, mf.Fingerprint, pi.Fingerprint)
		}
		if complete(dir, mf) {
			return Skipped, nil
		}
	} else if !os.IsNotExist(err) {
		return 0, err
	}
	mf := Manifest{Fingerprint: pi.Fingerprint, Shard: opt.Shard, Shards: opt.Shards, FirstPoint: lo, EndPoint: hi}
	// The CSV and the Parquet file are filled by one run.
	csvOut, err := createSink(base + ".csv")
	if err != nil {
		return 0, err
	}
	defer csvOut.discard() // no-op after the commit
	pqOut, err := createSink(base + ".parquet")
	if err != nil {
		return 0, err
	}
	defer pqOut.discard()
	tw, err := newTableWriter(csvOut, pqOut, pi.Columns, shardRowGroup)
	if err != nil {
		return 0, err
	}
	// The shard's first row group, at its final size: a shard process
	// then does not fault in the buffers it outgrows.
	tw.pq.Reserve(min(shardRowGroup, (hi-lo)*p.Spec.Runs))
	if err := sweep.Run(ctx, p, m, opt, tw); err != nil {
		return 0, err
	}
	if err := tw.flush(); err != nil {
		return 0, err
	}
	mf.Rows = tw.rows
	// The end of a shard is serial (no point is left to evaluate), so
	// the Parquet file is closed and synced while the CSV file and
	// plan.json are: the writes to disk do not wait for each other.
	var pqErr, planErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		if pqErr = tw.close(); pqErr == nil {
			pqErr = pqOut.commit()
		}
	})
	wg.Go(func() { planErr = commitPlan() })
	err = csvOut.commit()
	wg.Wait()
	for _, e := range []error{pqErr, planErr} {
		if err == nil {
			err = e
		}
	}
	if err != nil {
		return 0, err
	}
	mf.CSV, mf.Parquet = csvOut.info(), pqOut.info()
	return Written, writeJSONAtomic(base+".json", mf)
}

// ensurePlan checks that the plan.json in dir describes the same plan, or,
// when there is none, starts writing it and returns the function that
// syncs it and renames it into place (it may be called more than once).
//
// That sync waits for the end of the run: started at once, beside the
// run, it held one of the runtime's two processors (GOMAXPROCS) in the
// fsync system call for 6–25 ms, until the runtime's monitor took it back,
// so that only one worker evaluated the first windows of points (seen in
// a timeline of a 24,576-point run on 2 workers). At the end it is
// synced beside the data files. Another process that starts meanwhile
// finds no plan.json and writes its own; processes of different plans
// in one directory are then told apart by the fingerprints of their
// manifests ([Shards]).
func ensurePlan(dir string, pi *PlanInfo) (commit func() error, err error) {
	path := filepath.Join(dir, PlanFile)
	old, err := ReadPlanInfo(path)
	switch {
	case err == nil:
		if old.Fingerprint != pi.Fingerprint {
			return nil, fmt.Errorf("%s: the directory holds another plan (fingerprint %.12s, this plan %.12s); use another --out directory", path, old.Fingerprint, pi.Fingerprint)
		}
		return func() error { return nil }, nil
	case os.IsNotExist(err):
		b, err := json.MarshalIndent(pi, "", "  ")
		if err != nil {
			return nil, err
		}
		s, err := createSink(path)
		if err != nil {
			return nil, err
		}
		if _, err := s.Write(append(b, '\n')); err != nil {
			s.discard()
			return nil, err
		}
		return sync.OnceValue(func() error {
			defer s.discard() // a no-op after the commit
			return s.commit()
		}), nil
	}
	return nil, err
}

func readManifest(path string) (*Manifest, error) {
	b, err := ReadLimited(path, 1<<16)
	if err != nil {
		return nil, err
	}
	var mf Manifest
	if err := json.Unmarshal(b, &mf); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &mf, nil
}

// complete reports whether both data files of mf exist with their sizes.
func complete(dir string, mf *Manifest) bool {
	for _, f := range []FileInfo{mf.CSV, mf.Parquet} {
		st, err := os.Stat(filepath.Join(dir, f.Name))
		if err != nil || st.Size() != f.Bytes {
			return false
		}
	}
	return true
}

// Shards checks the shard directory: every manifest belongs to the plan
// of plan.json, all have the same shard count N, and every shard 0 … N−1
// is present exactly once with both data files. It returns the manifests
// in shard order, or an error naming the missing, duplicated or foreign
// shards.
func Shards(dir string) (*PlanInfo, []*Manifest, error) {
	pi, err := ReadPlanInfo(filepath.Join(dir, PlanFile))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no sweep plan (run \"sweep run\" into it first): %w", dir, err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	var problems []string
	byN := map[int][]string{}
	byK := map[int][]string{}
	mfs := map[int]*Manifest{}
	for _, e := range ents {
		m := manifestName().FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		mf, err := readManifest(filepath.Join(dir, e.Name()))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		k, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		switch {
		case mf.Fingerprint != pi.Fingerprint:
			problems = append(problems, fmt.Sprintf("%s: a shard of another plan (fingerprint %.12s, plan.json %.12s)", e.Name(), mf.Fingerprint, pi.Fingerprint))
			continue
		case mf.Shard != k || mf.Shards != n:
			problems = append(problems, fmt.Sprintf("%s: its manifest says shard %d of %d (a renamed or copied file)", e.Name(), mf.Shard, mf.Shards))
		case !complete(dir, mf):
			problems = append(problems, fmt.Sprintf("%s: data files %s or %s missing or of the wrong size", e.Name(), mf.CSV.Name, mf.Parquet.Name))
			continue
		}
		byN[mf.Shards] = append(byN[mf.Shards], e.Name())
		byK[mf.Shard] = append(byK[mf.Shard], e.Name())
		mfs[mf.Shard] = mf
	}
	if len(byN) > 1 {
		var parts []string
		for _, n := range sortedKeys(byN) {
			parts = append(parts, fmt.Sprintf("%d shards (%s)", n, strings.Join(byN[n], ", ")))
		}
		problems = append(problems, "shards of different splits of the plan: "+strings.Join(parts, " and "))
	}
	for _, k := range sortedKeys(byK) {
		if len(byK[k]) > 1 {
			problems = append(problems, fmt.Sprintf("shard %d present %d times: %s", k, len(byK[k]), strings.Join(byK[k], ", ")))
		}
	}
	if len(problems) == 0 {
		if len(mfs) == 0 {
			return nil, nil, fmt.Errorf("%s: no completed shard", dir)
		}
		var n int
		for n = range byN {
		}
		var missing []string
		for k := range n {
			if mfs[k] == nil {
				missing = append(missing, Name(k, n))
			}
		}
		if len(missing) > 0 {
			problems = append(problems, fmt.Sprintf("%d of %d shards missing or incomplete: %s", len(missing), n, strings.Join(missing, ", ")))
		}
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("%s: %s", dir, strings.Join(problems, "; "))
	}
	out := make([]*Manifest, len(mfs))
	for k, mf := range mfs {
		out[k] = mf
	}
	end := 0
	for _, mf := range out {
		if mf.FirstPoint != end {
			return nil, nil, fmt.Errorf("%s: %s starts at point %d, want %d", dir, Name(mf.Shard, mf.Shards), mf.FirstPoint, end)
		}
		end = mf.EndPoint
	}
	if end != pi.Points {
		return nil, nil, fmt.Errorf("%s: shards end at point %d, the plan has %d", dir, end, pi.Points)
	}
	return pi, out, nil
}
