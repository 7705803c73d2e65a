package dataset_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
)

const goodYAML = `projects:
  - id: test-line
    name: Test line
    host: ID
    region: southeast-asia
    sector: hsr
    year: 2015
    size: [{value: 142, unit: km}]
    value: {amount: 5.5e9, currency: USD, year: 2015}
    parties: [{country: CN, role: winner}, {country: JP, role: bidder}]
    loans:
      - lender: test-bank
        status: offered
        rate_pct: 2
        maturity_years: 40
        grace_years: 10
    source: a citation
institutions:
  - id: test-bank
    name: Test Bank
    type: policy-bank
    country: CN
    source: a citation
`

func TestReadYAMLGood(t *testing.T) {
	set, ps := dataset.ReadYAML("good.yaml", []byte(goodYAML), "")
	if len(ps) != 0 {
		t.Fatalf("problems: %v", ps)
	}
	if got, want := set.Len(), 2; got != want {
		t.Fatalf("records = %d, want %d", got, want)
	}
	if ps := dataset.Validate(set, nil); len(ps) != 0 {
		t.Fatalf("validate: %v", ps)
	}
	p := set.Projects[0]
	if *p.Loans[0].RatePct != 2 || p.Size[0].Value != 142 {
		t.Fatalf("decoded %+v", p)
	}
}

// TestReadYAMLProblems checks that every kind of bad input is reported with
// its line and field.
func TestReadYAMLProblems(t *testing.T) {
	tests := []struct {
		name, yaml        string
		line              int
		field, reasonPart string
	}{
		{"unknown field", "projects:\n  - id: x\n    nmae: X\n", 3, "", "unknown field"},
		{"negative length", strings.Replace(goodYAML, "value: 142", "value: -142", 1), 8, "size[0].value", "negative"},
		{"year out of range", strings.Replace(goodYAML, "year: 2015\n    size", "year: 1850\n    size", 1), 7, "year", "1900"},
		{"NaN", strings.Replace(goodYAML, "rate_pct: 2", "rate_pct: .nan", 1), 14, "loans[0].rate_pct", "finite"},
		{"unknown currency", strings.Replace(goodYAML, "currency: USD", "currency: XYZ", 1), 9, "value.currency", "unknown currency"},
		{"grace >= maturity", strings.Replace(goodYAML, "grace_years: 10", "grace_years: 40", 1), 16, "loans[0].grace_years", "shorter"},
		{"bad country", strings.Replace(goodYAML, "host: ID", "host: IDN", 1), 4, "host", "ISO 3166"},
		{"syntax", "projects:\n  - id: [x\n", 2, "", ""},
		{"unknown kind", "widgets: []\n", 1, "widgets", "unknown kind"},
		{"type error", strings.Replace(goodYAML, "year: 2015\n    size", "year: soon\n    size", 1), 7, "year", "want a whole number, got \"soon\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := dataset.ReadYAML("f.yaml", []byte(tt.yaml), "")
			if len(ps) == 0 {
				t.Fatal("no problem reported")
			}
			p := ps[0]
			if p.File != "f.yaml" || p.Line != tt.line {
				t.Errorf("position %s:%d, want f.yaml:%d (%v)", p.File, p.Line, tt.line, p)
			}
			if tt.field != "" && p.Field != tt.field {
				t.Errorf("field %q, want %q (%v)", p.Field, tt.field, p)
			}
			if !strings.Contains(p.Reason, tt.reasonPart) {
				t.Errorf("reason %q does not mention %q", p.Reason, tt.reasonPart)
			}
		})
	}
}

func TestValidateDuplicatesAndReferences(t *testing.T) {
	doubled := goodYAML + "events:\n  - id: test-line\n    date: 2015-10\n    title: dup\n    source: s\n    projects: [nowhere]\n"
	set, ps := dataset.ReadYAML("d.yaml", []byte(doubled), "")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	ps = set.Locate(dataset.Validate(set, nil))
	var dup, ref bool
	for _, p := range ps {
		if strings.Contains(p.Reason, "duplicate id") && p.Line > 0 {
			dup = true
		}
		if strings.Contains(p.Reason, `no project with id "nowhere"`) {
			ref = true
		}
	}
	if !dup || !ref {
		t.Fatalf("want a located duplicate-id and a dangling-reference problem, got %v", ps)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	set, ps := dataset.ReadYAML("good.yaml", []byte(goodYAML), "")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	for _, k := range []dataset.Kind{dataset.KindProject, dataset.KindInstitution} {
		var buf bytes.Buffer
		if err := dataset.WriteCSV(&buf, k, set.Of(k)); err != nil {
			t.Fatal(err)
		}
		back, ps := dataset.ReadCSV("x.csv", bytes.NewReader(buf.Bytes()), k)
		if len(ps) != 0 {
			t.Fatalf("%s: %v\n%s", k, ps, buf.String())
		}
		a, _ := json.Marshal(set.Of(k))
		b, _ := json.Marshal(back.Of(k))
		if !bytes.Equal(a, b) {
			t.Fatalf("%s round trip differs:\n%s\n%s", k, a, b)
		}
	}
}

func TestReadCSVProblems(t *testing.T) {
	in := "id,name,type,country,founded,source,colour\nx,X,policy-bank,CN,1994,s,red\n"
	_, ps := dataset.ReadCSV("i.csv", strings.NewReader(in), dataset.KindInstitution)
	if len(ps) != 1 || ps[0].Line != 1 || ps[0].Column != 7 || ps[0].Field != "colour" {
		t.Fatalf("unknown column: %v", ps)
	}
	in = "id,name,type,country,founded,source\nx,X,policy-bank,CN,year,s\ny,Y,policy-bank,CHN,1994,s\n"
	_, ps = dataset.ReadCSV("i.csv", strings.NewReader(in), dataset.KindInstitution)
	if len(ps) != 2 {
		t.Fatalf("want 2 problems, got %v", ps)
	}
	if ps[0].Line != 2 || ps[0].Column != 20 || ps[0].Field != "founded" {
		t.Errorf("bad year: %v", ps[0])
	}
	if ps[1].Line != 3 || ps[1].Field != "country" || ps[1].Column != 17 {
		t.Errorf("bad country: %v", ps[1])
	}
	in = "id,name,type,country,source,founded\nx,X,policy-bank,CN,s,NaN\n"
	_, ps = dataset.ReadCSV("i.csv", strings.NewReader(in), dataset.KindInstitution)
	if len(ps) != 1 || ps[0].Field != "founded" {
		t.Errorf("NaN year: %v", ps)
	}
}

func TestReadAidData(t *testing.T) {
	f, err := os.Open("testdata/aiddata-gcdf3-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	emb, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	set, ps := dataset.ReadAidData("sample.csv", f, emb)
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	if got := len(set.Projects); got != 3 {
		t.Fatalf("projects = %d, want 3", got)
	}
	jb := set.Projects[0]
	// AidData project 61320 (china.aiddata.org/projects/61320): CDB USD tranche, 40 y, 10 y grace, 2 %.
	if jb.ID != "aiddata-61320" || jb.Host != "ID" || jb.Sector != "hsr" || jb.Region != "southeast-asia" || jb.Year != 2017 {
		t.Errorf("61320 mapped to %+v", jb)
	}
	l := jb.Loans[0]
	if l.Lender != "cdb" || *l.RatePct != 2 || *l.MaturityYears != 40 || *l.GraceYears != 10 || l.Amount.Amount != 2380500000 {
		t.Errorf("61320 loan %+v", l)
	}
	if !contains(jb.Instruments, "b2b") {
		t.Errorf("private debt should map to b2b: %v", jb.Instruments)
	}
	gcl := set.Projects[1]
	if gcl.Host != "AG" || gcl.Loans[0].Lender != "china-exim" || *gcl.Loans[0].GrantElementPct != 54.7023 || gcl.Loans[0].Currency != "CNY" {
		t.Errorf("GCL row mapped to %+v %+v", gcl, gcl.Loans[0])
	}
	grant := set.Projects[2]
	if len(grant.Loans) != 0 || grant.Instruments[0] != "grant" || len(set.Institutions) != 1 {
		t.Errorf("grant row: %+v, new institutions %d", grant, len(set.Institutions))
	}
	if ps := dataset.Validate(set, emb); len(ps) != 0 {
		t.Errorf("validate against embedded: %v", ps)
	}
}

func TestReadAidDataProblems(t *testing.T) {
	f, err := os.Open("testdata/aiddata-bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, ps := dataset.ReadAidData("bad.csv", f, nil)
	want := map[string]int{"Interest Rate": 3, "Original Currency": 3, "Recipient ISO-3": 4}
	for _, p := range ps {
		if line, ok := want[p.Field]; ok && p.Line == line && p.Column > 0 {
			delete(want, p.Field)
		}
	}
	if len(want) != 0 {
		t.Fatalf("missing problems %v in %v", want, ps)
	}
	// the unknown currency of line 3 is reported once, at its cell, not
	// again by the record's checks of the value and the loan built from it
	n := 0
	for _, p := range ps {
		if p.Line == 3 && strings.Contains(p.Reason, "unknown currency") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("line 3's unknown currency reported %d times, want 1: %v", n, ps)
	}
	_, ps = dataset.ReadAidData("short.csv", strings.NewReader("AidData Record ID,Recipient\n1,X\n"), nil)
	if len(ps) == 0 || !strings.Contains(ps[0].Reason, "missing required") {
		t.Fatalf("missing columns: %v", ps)
	}
}

func TestNormalizeAndSearch(t *testing.T) {
	if got := dataset.Normalize("9． 26 万亿日元"); got != "9.26万亿日元" {
		t.Fatalf("Normalize = %q", got)
	}
	set, _ := dataset.ReadYAML("good.yaml", []byte(goodYAML), "")
	set.Facts = append(set.Facts, &dataset.Fact{Common: dataset.Common{ID: "f", Source: "s", Quote: "2013 年订单总额 9． 26 万亿日元"}, Subject: "orders", Value: dataset.Quantity{Value: 9.26e12, Unit: "JPY", Year: 2013}})
	if ms := dataset.Search(set, "9.26"); len(ms) != 1 || ms[0].Record.Base().ID != "f" {
		t.Fatalf("search 9.26: %v", ms)
	}
	if ms := dataset.Search(set, "test LINE"); len(ms) != 1 {
		t.Fatalf("search test line: %v", ms)
	}
	if ms := dataset.Search(set, "nothing-like-this"); len(ms) != 0 {
		t.Fatal("spurious match")
	}
}

func TestCheckRejectsInfinity(t *testing.T) {
	f := &dataset.Fact{Common: dataset.Common{ID: "x", Source: "s"}, Topic: "t", Subject: "s", Metric: "m", Value: dataset.Quantity{Value: math.Inf(1), Unit: "count"}}
	if ps := dataset.Check(f); len(ps) != 1 || ps[0].Field != "value.value" {
		t.Fatalf("got %v", ps)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// A tagged empty value crashed the previous YAML library; the reader must
// turn such input into a problem, not a panic.
func TestReadYAMLDoesNotPanic(t *testing.T) {
	for _, in := range []string{"projects: !0 ", "facts:\n  - !0 \n", "!0 "} {
		_, ps := dataset.ReadYAML("x.yaml", []byte(in), "")
		_ = ps
	}
}

// TestAidDataReuseRecord: with ReuseRecord, each row's records and
// problems, taken before the next row is read, are those of a reader that
// allocates every row (the sample rows: b2b, CNY amount, grant, a new
// institution; the bad rows: bad currency, rate and country).
func TestAidDataReuseRecord(t *testing.T) {
	emb, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := func(path string, reuse bool) []string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ar, ps := dataset.NewAidDataReader(path, bytes.NewReader(data), emb)
		if ps != nil {
			t.Fatal(ps)
		}
		ar.ReuseRecord = reuse
		var out []string
		for {
			recs, where, ps, err := ar.Next()
			if err == io.EOF {
				return out
			}
			b, _ := json.Marshal(recs)
			out = append(out, fmt.Sprintf("%s %v %v %v", b, where, ps, err))
		}
	}
	for _, path := range []string{"testdata/aiddata-gcdf3-sample.csv", "testdata/aiddata-bad.csv"} {
		a, b := rows(path, false), rows(path, true)
		if strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Fatalf("%s: rows differ with ReuseRecord:\n%s\n---\n%s", path, strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
	}
}

// TestAidDataReuseRecordSevenNumbers: a row can give seven numbers (an
// amount in an unnamed original currency, then the USD amount, rate,
// maturity, grace and both grant elements); with ReuseRecord the eighth
// number slot once did not exist and such a row panicked.
func TestAidDataReuseRecordSevenNumbers(t *testing.T) {
	data, err := os.ReadFile("testdata/aiddata-gcdf3-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	row := rows[1] // 61320: amount, USD, rate, maturity, grace
	row[col["Original Currency"]] = ""
	row[col["Grant Element (OECD Cash-Flow)"]] = "35.2"
	row[col["Grant Element (IMF)"]] = "27.5"
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll([][]string{rows[0], row})
	for _, reuse := range []bool{false, true} {
		ar, ps := dataset.NewAidDataReader("seven.csv", bytes.NewReader(b.Bytes()), nil)
		if ps != nil {
			t.Fatal(ps)
		}
		ar.ReuseRecord = reuse
		recs, _, ps, err := ar.Next()
		if err != nil || len(ps) > 0 {
			t.Fatalf("reuse %v: %v %v", reuse, ps, err)
		}
		p := recs[len(recs)-1].(*dataset.Project)
		l := p.Loans[0]
		if p.Value.Currency != "USD" || *l.GrantElementPct != 35.2 || *l.GrantElementIMFPct != 27.5 || *l.GraceYears != 10 {
			t.Errorf("reuse %v: value %+v, loan %+v", reuse, p.Value, l)
		}
	}
}
