package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// storedRowsHash is the SHA-256 of every column of every record that
// importing variedAidData(2000, false) and variedAidData(500, true) into a
// new store writes (the query in recordsHash). It was computed by this test
// at commit 6e55679 (with the seven-number fix of AidDataReader), before the import's writer, CSV reader and journal
// changed: a change that alters a stored byte, a column's SQLite type or
// which rows are stored fails here.
const storedRowsHash = "5bde968f437cf97ee623a8d0cd5d71facf5e6f05ca5fcffc6dc9a3d34fec8cf4"

// problemsHash is the SHA-256 of the error (every problem with its file,
// line, column and field) of importing variedAidDataBad(1000, false, true)
// afterwards, computed at the same commit; recomputed when an unknown
// currency came to be reported once a row instead of four times (365
// problems → 317, the other problems identical).
const problemsHash = "dda0ee60c9a68b7f96f561851bcdac89140e871b2307f228f5fa6119e320f824"

// TestImportStoresSameRows imports two varied GCDF files (quoted cells with
// commas, quotes and line breaks, blank numbers, numbers with thousands
// separators and percent signs, every status, flow and sector the importer
// maps, a byte-order mark and CRLF line ends in the second) into a new store,
// the second into the then seeded store, and compares what is stored with
// the hash recorded before the import was last optimised; then a file with
// bad rows, refused, whose problems must be those reported before.
func TestImportStoresSameRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.sqlite")
	st := open(t, path)
	for i, f := range [][]byte{variedAidData(t, 2000, false), variedAidData(t, 500, true)} {
		if _, err := st.ImportAidData(ctx, fmt.Sprintf("varied%d.csv", i), bytes.NewReader(f)); err != nil {
			t.Fatal(err)
		}
		if i == 0 { // the second import goes into a store that already holds data
			st.Close()
			st = open(t, path)
		}
	}
	_, err := st.ImportAidData(ctx, "bad.csv", bytes.NewReader(variedAidDataBad(t, 1000, false, true)))
	if err == nil {
		t.Fatal("a file with bad rows was imported")
	}
	st.Close()
	if got := recordsHash(t, path); got != storedRowsHash {
		t.Errorf("stored rows hash %s, want %s", got, storedRowsHash)
	}
	sum := sha256.Sum256([]byte(err.Error()))
	if got := hex.EncodeToString(sum[:]); got != problemsHash {
		t.Errorf("problems hash %s, want %s; problems:\n%v", got, problemsHash, err)
	}
}

// recordsHash hashes every column of every record with its SQLite type, in
// id order (BENCHMARKS.md, "Import and search", compares stores the same way
// with the sqlite3 shell).
func recordsHash(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT id, kind, origin, typeof(import_id), coalesce(import_id, ''), typeof(title), hex(title),
		typeof(body), hex(body), typeof(search), hex(search) FROM records ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	n := 0
	for rows.Next() {
		var c [11]string
		if err := rows.Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10]); err != nil {
			t.Fatal(err)
		}
		for _, s := range c {
			fmt.Fprintf(h, "%d:%s|", len(s), s)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records hashed", n)
	return hex.EncodeToString(h.Sum(nil))
}

// variedAidData is a GCDF file of n rows: the sample's header and rows
// cycled with unique ids and cells drawn from a fixed PCG stream; crlf
// writes CRLF line ends after a byte-order mark.
func variedAidData(t *testing.T, n int, crlf bool) []byte {
	return variedAidDataBad(t, n, crlf, false)
}

// variedAidDataBad is variedAidData; with bad, some rows have problems
// (unknown countries, currencies, numbers and years, loans without a
// lender, a row with a column too few) and the last line is not CSV.
func variedAidDataBad(t *testing.T, n int, crlf, bad bool) []byte {
	t.Helper()
	data, err := os.ReadFile("../dataset/testdata/aiddata-gcdf3-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header, base := rows[0], rows[1:]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var seed uint64 = 17
	if crlf {
		seed = 18
	}
	rnd := rand.New(rand.NewPCG(seed, 3))
	pick := func(xs ...string) string { return xs[rnd.IntN(len(xs))] }
	var b bytes.Buffer
	if crlf {
		b.WriteString("\ufeff")
	}
	w := csv.NewWriter(&b)
	w.UseCRLF = crlf
	w.Write(header)
	for i := range n {
		r := append([]string(nil), base[i%len(base)]...)
		set := func(name, v string) { r[col[name]] = v }
		id := fmt.Sprintf("%s%d", pick("", "V-", "v"), 200000+i)
		if crlf {
			id = "c" + id
		}
		if bad {
			id = "b" + id
		}
		set("AidData Record ID", id)
		rc := pick("Indonesia,IDN,Asia", "Kenya,KEN,Africa", "Kazakhstan,KAZ,Asia", "Laos,LAO,Asia",
			"Pakistan,PAK,Asia", "Ecuador,ECU,America", "Serbia,SRB,Europe", "Egypt,EGY,Middle East",
			"Fiji,FJI,Oceania", "Angola,AGO,Latin America and the Caribbean", "Chile,CHL,americas", "Nauru,NRU,Pacific", "Cuba,CUB,")
		parts := bytes.Split([]byte(rc), []byte(","))
		set("Recipient", string(parts[0]))
		set("Recipient ISO-3", pick(string(parts[1]), " "+string(parts[1])+" "))
		set("Recipient Region", string(parts[2]))
		year := 1995 + rnd.IntN(30)
		set("Commitment Year", strconv.Itoa(year))
		set("Implementation Start Year", pick("", strconv.Itoa(year+1), "unknown"))
		set("Completion Year", pick("", strconv.Itoa(year+4)))
		work := pick("Hydropower Station", "High-Speed Railway", "high speed rail link", "Metro Line", "Light Rail",
			"Railway", "Airport", "Deep-water Port", "Harbour", "Bridge", "Road", "Expressway", "Motorway",
			"Solar Plant", "Wind Farm", "Power Grid", "Copper Mine", "Fibre Network", `"Smart City", Phase 2`,
			"雅万高铁", "Water Supply", "Hospital", "Bank Loan")
		set("Title", pick(work, work+", Phase "+strconv.Itoa(1+rnd.IntN(3)), work+"\nsecond line", "", "  "+work+"  "))
		set("Description", pick("", "A description, with commas.", `He said "yes", twice.`, "Line one\nline two",
			"Long: "+string(bytes.Repeat([]byte("word "), 100))))
		set("Status", pick("Completion", "Implementation", "Pipeline: Commitment", "Pipeline: Pledge", "Suspended", "Cancelled", "Other"))
		set("Flow Type", pick("Loan", "Grant", "Export Buyer's Credit", "Supplier's Credit", "Loan", "Debt rescheduling", "Line of credit"))
		set("Flow Class", pick("ODA-like", "OOF-like", "Vague (Official Finance)"))
		set("Sector Name", pick("TRANSPORT AND STORAGE", "ENERGY", "INDUSTRY, MINING, CONSTRUCTION", "COMMUNICATIONS",
			"WATER SUPPLY AND SANITATION", "HEALTH", "BANKING AND FINANCIAL SERVICES", "OTHER MULTISECTOR"))
		set("Funding Agencies", pick("China Development Bank (CDB)", "Export-Import Bank of China (China Eximbank)",
			"Industrial and Commercial Bank of China (ICBC)", "Bank of China|China Development Bank",
			"China Construction Bank Corporation (CCB)", "Silk Road Fund (SRF)", "Ministry of Commerce of China (MOFCOM)",
			"中国银行", "Some Provincial Fund", "A Company Ltd."))
		set("Funding Agencies Type", pick("State-owned Policy Bank", "State-owned Fund", "Government Agency", "Multilateral", "State-owned Company"))
		set("Guarantee Provided", pick("", "Yes", "no", "YES"))
		amount := strconv.FormatFloat(float64(rnd.IntN(1e9))/100, 'f', -1, 64)
		set("Amount (Original Currency)", pick("", amount, "1,234,567.5"))
		set("Original Currency", pick("USD", "CNY", "eur", "", "XAF"))
		set("Amount (Nominal USD)", pick("", amount, "2500000"))
		set("Interest Rate", pick("", "2", "2.5%", "0", strconv.FormatFloat(rnd.Float64()*6, 'f', 4, 64)))
		set("Maturity", pick("", "20", "40", "15.5"))
		set("Grace Period", pick("", "5", "10"))
		set("Grant Element (OECD Cash-Flow)", pick("", "35.2", "54.7023"))
		set("Grant Element (IMF)", pick("", "27.599", "41"))
		set("Level of Public Liability", pick("Central government debt", "Private debt", "Other public sector debt", ""))
		set("Source URLs", pick("", "https://china.aiddata.org/projects/"+id, " https://a.example/1 | https://b.example/2"))
		if bad {
			switch rnd.IntN(40) {
			case 0:
				set("Recipient ISO-3", "XXX")
			case 1:
				set("Original Currency", "ZZZ")
			case 2:
				set("Interest Rate", "two")
			case 3:
				set("Commitment Year", "20x6")
			case 4:
				set("Funding Agencies", "")
			case 5:
				set("AidData Record ID", "")
			case 6:
				r = r[:len(r)-1]
			case 7:
				set("Maturity", "1e999")
			}
		}
		w.Write(r)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if bad { // a bare quote: the CSV reader stops here
		b.WriteString(`X-1,a"b,c` + "\n")
	}
	return b.Bytes()
}
