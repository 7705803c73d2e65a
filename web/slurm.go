package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/infragame/infragame/sweep"
)

// The Slurm tool: `infragame sweep slurm SPEC --array N` as /sweep/slurm,
// which writes the job-array script and its merge script for download (the
// web app never submits them), and as POST /api/v1/sweep/slurm (the
// scripts as JSON) and GET /api/v1/sweep/slurm/{script} (one script, for
// download).

func (s *Server) slurmRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/sweep/slurm", Summary: "The Slurm job-array script running a sweep's shards and the merge script after it, not submitted (infragame sweep slurm SPEC --array N)", Handle: s.apiSlurm},
		{Method: "GET", Pattern: "/api/v1/sweep/slurm/{script}", Summary: "One of the Slurm scripts (array or merge) to download, the inputs in the query as on /sweep/slurm", Raw: s.apiSlurmFile},
	}
}

// SlurmRequest is the input of the Slurm endpoints: the sweep spec (its
// text, or a shipped example) and the flags of `infragame sweep slurm`.
// The paths are those of the cluster, written into the scripts as given
// (the command line makes them absolute on the machine it runs on; here
// give absolute paths): SpecPath the spec file, Out the shard directory
// (default SpecPath without its extension + .sweep), Result the merged
// file (default Out + .parquet), Binary the infragame executable; the
// defaults of SpecPath and Binary are under /path/on/cluster/, to replace.
type SlurmRequest struct {
	Spec      string `json:"spec"`
	Example   string `json:"example"`
	SpecPath  string `json:"spec_path"`
	Array     int    `json:"array"`
	Partition string `json:"partition"`
	Time      string `json:"time"`
	Mem       string `json:"mem"`
	CPUs      int    `json:"cpus"`
	Name      string `json:"name"`
	Out       string `json:"out"`
	Result    string `json:"result"`
	Binary    string `json:"binary"`
}

// SlurmScript is one written script.
type SlurmScript struct {
	// File is the name the command line writes it under (DIR/slurm/FILE).
	File string `json:"file"`
	Text string `json:"text"`
}

// SlurmDoc is the answer of POST /api/v1/sweep/slurm.
type SlurmDoc struct {
	Name  string `json:"name"`
	Tasks int    `json:"tasks"`
	// Points is the number of points of the plan the tasks share.
	Points int           `json:"points"`
	Array  SlurmScript   `json:"array"`
	Merge  SlurmScript   `json:"merge"`
	Submit string        `json:"submit"`
	Notes  []string      `json:"notes"`
	Req    *SlurmRequest `json:"-"`
}

// slurmQuery reads a SlurmRequest from a query or form (the page's link,
// the download links).
func slurmQuery(q url.Values) (SlurmRequest, error) {
	req := SlurmRequest{Spec: q.Get("spec_text"), Example: q.Get("example"), SpecPath: q.Get("spec_path"),
		Partition: q.Get("partition"), Time: q.Get("time"), Mem: q.Get("mem"), Name: q.Get("name"),
		Out: q.Get("out"), Result: q.Get("result"), Binary: q.Get("binary")}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"array", &req.Array}, {"cpus", &req.CPUs}} {
		if v := strings.TrimSpace(q.Get(f.name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return req, badRequestf(f.name, "%s: want a whole number, got %q", f.name, v)
			}
			*f.dst = n
		}
	}
	return req, nil
}

// slurmPlaceholderDir is the directory of the default paths: the scripts
// need absolute paths on the cluster, which the server cannot know, so the
// defaults say where to put yours.
const slurmPlaceholderDir = "/path/on/cluster/"

// slurmDoc writes the scripts as `infragame sweep slurm` does, with the
// same defaults.
func slurmDoc(req SlurmRequest) (*SlurmDoc, error) {
	j, err := openSweep(SweepRequest{Spec: req.Spec, Example: req.Example}, false)
	if err != nil {
		return nil, err
	}
	if req.Array < 1 {
		return nil, badRequestf("array", "array: the number of array tasks N ≥ 1 is required (--array N)")
	}
	if req.Array > j.Plan.Len() {
		return nil, badRequestf("array", "--array %d: more tasks than the plan's %d points", req.Array, j.Plan.Len())
	}
	if req.CPUs == 0 {
		req.CPUs = 1
	}
	if req.SpecPath == "" {
		name := req.Example
		if name == "" {
			name = "spec"
		}
		req.SpecPath = slurmPlaceholderDir + name + ".yaml"
	}
	if req.Binary == "" {
		req.Binary = slurmPlaceholderDir + "infragame"
	}
	if req.Out == "" {
		req.Out = strings.TrimSuffix(req.SpecPath, path.Ext(req.SpecPath)) + ".sweep"
	}
	if req.Result == "" {
		req.Result = strings.TrimSuffix(req.Out, "/") + ".parquet"
	}
	if req.Name == "" {
		if req.Name = j.Spec.Name; req.Name == "" {
			req.Name = strings.TrimSuffix(path.Base(req.SpecPath), path.Ext(req.SpecPath))
		}
	}
	o := sweep.SlurmOptions{Name: req.Name, Binary: req.Binary, Spec: req.SpecPath, Dir: req.Out, Result: req.Result,
		Tasks: req.Array, Partition: req.Partition, Time: req.Time, Mem: req.Mem, CPUs: req.CPUs, Logs: path.Join(req.Out, "slurm")}
	arr, merge, err := sweep.SlurmScripts(o)
	if err != nil {
		return nil, BadRequest("", err)
	}
	arrPath, mergePath := path.Join(o.Logs, o.Name+".sbatch"), path.Join(o.Logs, o.Name+"-merge.sbatch")
	d := &SlurmDoc{Name: o.Name, Tasks: o.Tasks, Points: j.Plan.Len(),
		Array:  SlurmScript{File: o.Name + ".sbatch", Text: arr},
		Merge:  SlurmScript{File: o.Name + "-merge.sbatch", Text: merge},
		Submit: fmt.Sprintf("jid=$(sbatch --parsable %s)\nsbatch --dependency=afterok:${jid%%%%;*} --kill-on-invalid-dep=yes %s\n", arrPath, mergePath),
		Req:    &req}
	d.Notes = []string{
		fmt.Sprintf("the array runs the plan's %d points in %d shards, task K running \"sweep run SPEC --shard K/%d\"; the merge job merges them into %s", d.Points, d.Tasks, d.Tasks, o.Result),
		fmt.Sprintf("put the scripts in %s (the jobs write their logs there) and the spec at %s on the cluster, then submit them: the web app never does", o.Logs, o.Spec),
	}
	return d, nil
}

func (s *Server) apiSlurm(r *http.Request) (any, error) {
	var req SlurmRequest
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, err
			}
			return nil, BadRequest("", fmt.Errorf("request body: %w", err))
		}
	} else {
		if err := r.ParseForm(); err != nil {
			return nil, BadRequest("", err)
		}
		var err error
		if req, err = slurmQuery(r.Form); err != nil {
			return nil, err
		}
	}
	return slurmDoc(req)
}

func (s *Server) apiSlurmFile(w http.ResponseWriter, r *http.Request) {
	req, err := slurmQuery(r.URL.Query())
	var d *SlurmDoc
	if err == nil {
		d, err = slurmDoc(req)
	}
	var sc SlurmScript
	if err == nil {
		switch which := r.PathValue("script"); which {
		case "array":
			sc = d.Array
		case "merge":
			sc = d.Merge
		default:
			err = notFound("no script %q: want array or merge", which)
		}
	}
	if err != nil {
		writeProblem(w, problemFor(r, err))
		return
	}
	w.Header().Set("Content-Type", "text/x-shellscript; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+sc.File+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(sc.Text))
}

type slurmView struct {
	Examples []string
	Req      SlurmRequest
	Doc      *SlurmDoc
	// ArrayHref and MergeHref download the scripts: the inputs in the
	// query.
	ArrayHref, MergeHref string
}

// pageSlurm shows the form (stable URL: every input in the query) and the
// scripts with their download links.
func (s *Server) pageSlurm(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	q := r.URL.Query()
	req, err := slurmQuery(q)
	v := slurmView{Examples: sweepExamples(), Req: req}
	if v.Req.CPUs == 0 {
		v.Req.CPUs = 1
	}
	if err == nil && (req.Spec != "" || req.Example != "") {
		v.Doc, err = slurmDoc(req)
		if err == nil {
			v.Req = *v.Doc.Req
			dq := url.Values{}
			for k, vs := range q {
				if k != "lang" {
					dq[k] = vs
				}
			}
			v.ArrayHref = "/api/v1/sweep/slurm/array?" + dq.Encode()
			v.MergeHref = "/api/v1/sweep/slurm/merge?" + dq.Encode()
		}
	}
	pg := s.newPage(r, "/sweep", l.T("web.slurm.title"), v)
	status := http.StatusOK
	if err != nil {
		p := problemFor(r, err)
		pg.Error, status = p.Detail, p.Status
	}
	s.render(w, status, "slurm", pg)
}
