package dataset

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"testing"
)

// gcdf3Lenders are Chinese official-sector lenders as GCDF 3.0 writes
// funding agencies ("Name (ABBREVIATION)", several joined by "|"; the
// importer reads the first). The convention and the lender categories
// (policy banks, state-owned commercial banks, state-owned funds, Sinosure,
// ministries, embassies) are from AidData, "Tracking Chinese Development
// Finance: An Application of AidData's TUFF 3.0 Methodology" (2023,
// aiddata.org/publications/aiddata-tuff-methodology-version-3-0), the
// documentation of GCDF 3.0; the big state-owned commercial banks (ICBC,
// Bank of China, China Construction Bank, Agricultural Bank of China, Bank
// of Communications) are the lenders GCDF 3.0 analyses name after the two
// policy banks (AidData, "Belt and Road Reboot", 2023). The full dataset
// is not available offline, so spellings are not checked against it; each
// bank appears with and without its abbreviation and legal suffix.
var gcdf3Lenders = []struct{ name, id string }{
	{"China Development Bank (CDB)", "cdb"},
	{"Export-Import Bank of China (China Eximbank)", "china-exim"},
	{"China Eximbank", "china-exim"},
	{"Industrial and Commercial Bank of China (ICBC)", "icbc"},
	{"Industrial and Commercial Bank of China Limited", "icbc"},
	{"Bank of China (BOC)", "boc"},
	{"Bank of China Limited", "boc"},
	{"China Construction Bank Corporation (CCB)", "ccb"},
	{"Agricultural Bank of China (ABC)", "abc-china"},
	{"Bank of Communications (BoCom)", "bocom"},
	{"Silk Road Fund (SRF)", "silk-road-fund"},
	{"China-Africa Development Fund (CADF)", "cad-fund"},
	{"China Export & Credit Insurance Corporation (Sinosure)", "sinosure"},
	{"Asian Infrastructure Investment Bank (AIIB)", "aiib"},
	// names not in the table become institutions of their own
	{"China Minsheng Banking Corp., Ltd.", "china-minsheng-banking-corp-ltd"},
	{"China CITIC Bank", "china-citic-bank"},
	{"Ministry of Commerce of the People's Republic of China (MOFCOM)", "ministry-of-commerce-of-the-people-s-republic-of-china"},
	{"Chinese Embassy/Consulate", "chinese-embassy-consulate"},
	{"Government of China", "government-of-china"},
	// names with no Latin letter or digit get an id from a hash of the name
	{"中国工商银行", "aiddata-agency-" + fnv32a("中国工商银行")},
	{"(CDB)", "aiddata-agency-" + fnv32a("(CDB)")},
}

func fnv32a(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// TestAidDataLendersImport: a row naming any GCDF 3.0 lender imports
// against the embedded dataset (the institution exists or is created),
// whether the lender appears once or on every row of the file.
func TestAidDataLendersImport(t *testing.T) {
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/aiddata-gcdf3-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header, row := rows[0], rows[1]
	ag := -1
	for i, h := range header {
		if h == "Funding Agencies" {
			ag = i
		}
	}
	id := 0
	for i, h := range header {
		if h == "AidData Record ID" {
			id = i
		}
	}
	var all bytes.Buffer
	w := csv.NewWriter(&all)
	w.Write(header)
	for i, l := range gcdf3Lenders {
		r := append([]string(nil), row...)
		r[ag] = l.name + "|Bank of China (BOC)"
		r[id] = "9000" + string(rune('0'+i/10)) + string(rune('0'+i%10))
		var one bytes.Buffer
		ow := csv.NewWriter(&one)
		ow.Write(header)
		ow.Write(r)
		ow.Flush()
		set, ps := ReadAidData("one.csv", &one, emb)
		if len(ps) > 0 {
			t.Fatalf("%s: %v", l.name, ps)
		}
		if ps := Validate(set, emb); len(ps) > 0 {
			t.Fatalf("%s: %v", l.name, ps)
		}
		if got := set.Projects[0].Loans[0].Lender; got != l.id {
			t.Errorf("%s: lender %q, want %q", l.name, got, l.id)
		}
		w.Write(r)
		r2 := append([]string(nil), r...)
		r2[id] += "1"
		w.Write(r2)
	}
	w.Flush()
	set, ps := ReadAidData("all.csv", &all, emb)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if ps := Validate(set, emb); len(ps) > 0 {
		t.Fatal(ps)
	}
	if len(set.Projects) != 2*len(gcdf3Lenders) {
		t.Fatalf("%d projects", len(set.Projects))
	}
	for _, in := range set.Institutions {
		if strings.Contains(in.Name, "|") {
			t.Errorf("institution %q named after several agencies", in.Name)
		}
	}
}
