package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// AidData Global Chinese Development Finance 3.0 (Nov 2023) column headers
// the importer reads. Source: AidData GCDF 3.0 dataset and its definitions
// sheet (aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0).
// Other columns of the 126 are ignored.
const (
	adID          = "AidData Record ID"
	adRecipient   = "Recipient"
	adISO3        = "Recipient ISO-3"
	adRegion      = "Recipient Region"
	adYear        = "Commitment Year"
	adTitle       = "Title"
	adStatus      = "Status"
	adFlowType    = "Flow Type"
	adFlowClass   = "Flow Class"
	adSector      = "Sector Name"
	adAgencies    = "Funding Agencies"
	adAgencyType  = "Funding Agencies Type"
	adAmount      = "Amount (Original Currency)"
	adCurrency    = "Original Currency"
	adAmountUSD   = "Amount (Nominal USD)"
	adRate        = "Interest Rate"
	adMaturity    = "Maturity"
	adGrace       = "Grace Period"
	adGECash      = "Grant Element (OECD Cash-Flow)"
	adGEIMF       = "Grant Element (IMF)"
	adStart       = "Implementation Start Year"
	adEnd         = "Completion Year"
	adLiability   = "Level of Public Liability"
	adGuarantee   = "Guarantee Provided"
	adURLs        = "Source URLs"
	adDescription = "Description"
)

// AidDataRequired are the columns an AidData CSV must have (their cells may
// be blank where AidData has no value).
var AidDataRequired = []string{adID, adRecipient, adISO3, adYear, adTitle, adStatus, adFlowType, adSector, adAmountUSD, adRate, adMaturity, adGrace}

// ReadAidData maps rows of an AidData GCDF 3.0 CSV export onto projects
// (id "aiddata-<record id>") with one signed loan each, and institutions for
// funding agencies not already known (known names map to the dataset's ids:
// China Development Bank → cdb, Export-Import Bank of China → china-exim;
// see [AidDataLenders]). known is the set to resolve institution names
// against (may be nil). It reads the whole file; [AidDataReader] reads it
// row by row.
//
// Mapping: Recipient ISO-3 → host; Recipient Region → region; Sector Name
// (OECD CRS sector) and title keywords → sector; Commitment Year → year;
// Flow Type / Flow Class → instrument; Status → status; Amount (Original
// Currency, else Nominal USD) → loan amount; Interest Rate, Maturity, Grace
// Period (percent and years, as AidData writes them) → loan terms; Grant
// Element (OECD Cash-Flow), else (IMF) → grant_element_pct with its method.
func ReadAidData(file string, r io.Reader, known *Set) (*Set, Problems) {
	ar, ps := NewAidDataReader(file, r, known)
	if ps != nil {
		return nil, ps
	}
	out := &Set{}
	for {
		recs, where, rps, err := ar.Next()
		if err == io.EOF {
			break
		}
		ps = append(ps, rps...)
		if err != nil {
			break
		}
		for _, rec := range recs {
			out.setWhere(rec.Base().ID, where)
			out.Add(rec)
		}
	}
	return out, ps
}

// AidDataLenders maps funding-agency names of GCDF 3.0, folded as the
// importer folds them (lower case, parenthesised abbreviations removed), to
// institution ids. Names not listed become institutions of their own (id:
// the folded name as a slug); listed ids that the store lacks are created
// too, so an import never fails because of this table.
var AidDataLenders = map[string]AidDataLender{
	"china development bank":                          {"cdb", "China Development Bank", "policy-bank"},
	"cdb":                                             {"cdb", "China Development Bank", "policy-bank"},
	"export-import bank of china":                     {"china-exim", "Export-Import Bank of China", "policy-bank"},
	"the export-import bank of china":                 {"china-exim", "Export-Import Bank of China", "policy-bank"},
	"china eximbank":                                  {"china-exim", "Export-Import Bank of China", "policy-bank"},
	"china exim bank":                                 {"china-exim", "Export-Import Bank of China", "policy-bank"},
	"asian infrastructure investment bank":            {"aiib", "Asian Infrastructure Investment Bank", "multilateral"},
	"silk road fund":                                  {"silk-road-fund", "Silk Road Fund", "fund"},
	"industrial and commercial bank of china":         {"icbc", "Industrial and Commercial Bank of China (ICBC)", "company"},
	"industrial and commercial bank of china limited": {"icbc", "Industrial and Commercial Bank of China (ICBC)", "company"},
	"icbc":                                          {"icbc", "Industrial and Commercial Bank of China (ICBC)", "company"},
	"bank of china":                                 {"boc", "Bank of China (BOC)", "company"},
	"bank of china limited":                         {"boc", "Bank of China (BOC)", "company"},
	"china construction bank":                       {"ccb", "China Construction Bank (CCB)", "company"},
	"china construction bank corporation":           {"ccb", "China Construction Bank (CCB)", "company"},
	"agricultural bank of china":                    {"abc-china", "Agricultural Bank of China (ABC)", "company"},
	"bank of communications":                        {"bocom", "Bank of Communications", "company"},
	"china-africa development fund":                 {"cad-fund", "China-Africa Development Fund", "fund"},
	"china export & credit insurance corporation":   {"sinosure", "China Export & Credit Insurance Corporation (Sinosure)", "company"},
	"china export and credit insurance corporation": {"sinosure", "China Export & Credit Insurance Corporation (Sinosure)", "company"},
	"sinosure":                                      {"sinosure", "China Export & Credit Insurance Corporation (Sinosure)", "company"},
}

// AidDataLender is the institution a GCDF funding-agency name stands for.
type AidDataLender struct {
	ID, Name, Type string
}

// AidDataReader reads an AidData GCDF 3.0 CSV one row at a time, so that
// a file of any length is imported in memory bounded by one row (plus the
// ids seen so far). See [ReadAidData] for the mapping.
type AidDataReader struct {
	file   string
	cr     *csv.Reader
	idx    aidDataCols
	ncol   int               // columns of the header: every row must have as many
	byName map[string]string // folded agency name → id
	byRaw  map[string]string // agency name as written → id (skips folding)
	have   map[string]bool   // institution ids that exist or were emitted
	chk    checker
	low    []byte // lowerASCII's buffer

	// ReuseRecord makes Next return the same project, with the same
	// slices and pointed-to values, on every call, overwritten by the
	// next row (as csv.Reader.ReuseRecord does for its records): for a
	// caller that is done with a row's records (encoded and written them,
	// kept only their ids) before it reads the next, which saves an
	// import most of its garbage.
	ReuseRecord bool
	reuse       struct {
		p       Project
		loan    [1]Loan
		party   [1]Party
		lender  [1]string
		instr   [2]string
		amount  Money
		nums    [7]float64 // amount, USD amount, rate, maturity, grace and two grant elements
		guarant bool
		out     [2]Record
	}
}

// aidDataCols are the column indexes of the fields read (-1 when absent).
type aidDataCols struct {
	id, recipient, iso3, region, year, title, status, flowType, flowClass, sector,
	agencies, agencyType, amount, currency, amountUSD, rate, maturity, grace,
	geCash, geIMF, start, end, liability, guarantee, urls, description int
}

// NewAidDataReader reads the header of r and checks the required columns.
// Institutions in known (may be nil) resolve funding-agency names by their
// name and are not created again.
func NewAidDataReader(file string, r io.Reader, known *Set) (*AidDataReader, Problems) {
	// 64 KiB reads: csv.Reader's own 4 KiB buffer cost 2,000 read calls for
	// an 8 MB file.
	cr := csv.NewReader(bufio.NewReaderSize(r, 64<<10))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, Problems{{File: file, Line: 1, Reason: "empty file: want an AidData GCDF 3.0 CSV with a header row"}}
		}
		return nil, Problems{csvProblem(file, err)}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	var ps Problems
	for _, req := range AidDataRequired {
		if _, ok := col[req]; !ok {
			ps = append(ps, Problem{File: file, Line: 1, Field: req, Reason: "missing required AidData column"})
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	at := func(name string) int {
		if i, ok := col[name]; ok {
			return i
		}
		return -1
	}
	a := &AidDataReader{file: file, cr: cr, ncol: len(header), byName: map[string]string{}, byRaw: map[string]string{}, have: map[string]bool{}}
	a.idx = aidDataCols{at(adID), at(adRecipient), at(adISO3), at(adRegion), at(adYear), at(adTitle), at(adStatus),
		at(adFlowType), at(adFlowClass), at(adSector), at(adAgencies), at(adAgencyType), at(adAmount), at(adCurrency),
		at(adAmountUSD), at(adRate), at(adMaturity), at(adGrace), at(adGECash), at(adGEIMF), at(adStart), at(adEnd),
		at(adLiability), at(adGuarantee), at(adURLs), at(adDescription)}
	for k, l := range AidDataLenders {
		a.byName[k] = l.ID
	}
	if known != nil {
		for _, in := range known.Institutions {
			a.byName[agencyKey(in.Name)] = in.ID
			a.have[in.ID] = true
		}
	}
	return a, nil
}

// Next maps the next row. It returns the row's records (an institution
// first when the row names a new funding agency, then the project), the
// row's position for problems found later, and the row's problems (a row
// with problems yields no project). At the end of the input the error is
// io.EOF; a malformed CSV ends the input with a problem and a non-nil error.
func (a *AidDataReader) Next() ([]Record, Problem, Problems, error) {
	row, err := a.cr.Read()
	if err == io.EOF {
		return nil, Problem{}, nil, io.EOF
	}
	if err != nil {
		return nil, Problem{}, Problems{csvProblem(a.file, err)}, err
	}
	file, cr, ix := a.file, a.cr, &a.idx
	line, _ := cr.FieldPos(0)
	if len(row) != a.ncol {
		where := Problem{File: file, Line: line, Column: 1}
		p := where
		p.Reason = fmt.Sprintf("wrong number of columns: %d, the header has %d", len(row), a.ncol)
		return nil, where, Problems{p}, nil
	}
	var ps Problems
	nums := 0 // numbers stored in a.reuse.nums
	get := func(i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	bad := func(i int, name, format string, args ...any) {
		p := Problem{File: file, Line: line, Field: name, Reason: fmt.Sprintf(format, args...)}
		if i >= 0 && i < len(row) {
			p.Line, p.Column = cr.FieldPos(i)
		}
		ps = append(ps, p)
	}
	num := func(i int, name string) *float64 {
		s := get(i)
		if s == "" {
			return nil
		}
		s = strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), "%")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			bad(i, name, "%q is not a finite number", get(i))
			return nil
		}
		if a.ReuseRecord {
			a.reuse.nums[nums] = v
			nums++
			return &a.reuse.nums[nums-1]
		}
		return new(v)
	}
	rid := get(ix.id)
	if rid == "" {
		bad(ix.id, adID, "required")
		return nil, Problem{}, ps, nil
	}
	var out []Record
	var p *Project
	var loans []Loan
	var parties []Party
	var lenders, instr []string
	var amount *Money
	if a.ReuseRecord {
		u := &a.reuse
		u.p = Project{}
		p, loans, parties, lenders, instr, amount, out = &u.p, u.loan[:0], u.party[:0], u.lender[:0], u.instr[:0], &u.amount, u.out[:0]
	} else {
		p, amount = &Project{}, &Money{}
	}
	p.ID = "aiddata-" + strings.ToLower(rid)
	p.Name = get(ix.title)
	if p.Name == "" {
		p.Name = "AidData record " + rid
	}
	if urls := get(ix.urls); urls != "" {
		first, _, _ := strings.Cut(urls, "|")
		p.Source = "AidData GCDF 3.0, record " + rid + "; " + strings.TrimSpace(first)
	} else {
		p.Source = "AidData GCDF 3.0, record " + rid
	}
	p.Note = truncate(get(ix.description), 400)
	iso3 := get(ix.iso3)
	if a2, ok := CountryFromAlpha3(iso3); ok {
		p.Host = a2
	} else {
		bad(ix.iso3, adISO3, "unknown ISO 3166-1 alpha-3 code %q (recipient %q)", iso3, get(ix.recipient))
	}
	p.Region = aidDataRegion(lowerASCII(&a.low, get(ix.region)), p.Host)
	p.Sector = aidDataSector(&a.low, get(ix.sector), p.Name)
	if y, err := strconv.Atoi(get(ix.year)); err != nil {
		bad(ix.year, adYear, "%q is not a year", get(ix.year))
	} else {
		p.Year = y
	}
	// blank cells are common: skipped before Atoi, whose error allocates
	if s := get(ix.start); s != "" {
		if y, err := strconv.Atoi(s); err == nil {
			p.StartYear = y
		}
	}
	if s := get(ix.end); s != "" {
		if y, err := strconv.Atoi(s); err == nil {
			p.EndYear = y
		}
	}
	p.Status = aidDataStatus(lowerASCII(&a.low, get(ix.status)))
	p.Parties = append(parties, Party{Country: "CN", Role: "lender"})
	flow := lowerASCII(&a.low, get(ix.flowType))
	class := get(ix.flowClass)
	isLoan := contains(flow, "loan") || contains(flow, "credit")
	switch {
	case contains(flow, "grant"):
		instr = append(instr, "grant")
	case contains(flow, "export buyer") || contains(flow, "supplier"):
		instr = append(instr, "export-credit")
	case isLoan && strings.HasPrefix(class, "ODA"):
		instr = append(instr, "concessional-loan")
	case isLoan:
		instr = append(instr, "commercial-loan")
	}
	if contains(lowerASCII(&a.low, get(ix.liability)), "private") {
		instr = append(instr, "b2b")
	}
	if len(instr) > 0 {
		p.Instruments = instr
	}
	if v := num(ix.amount, adAmount); v != nil && get(ix.currency) != "" {
		cur := strings.ToUpper(get(ix.currency))
		if IsCurrency(cur) {
			*amount = Money{Amount: *v, Currency: cur, Year: p.Year}
		} else {
			// reported once, at the cell; the record is built without the
			// amount so that its own checks do not report the currency
			// again for the value, the loan's amount and its currency
			bad(ix.currency, adCurrency, "unknown currency %q (add it and its rate to use it)", cur)
			amount = nil
		}
	} else if v := num(ix.amountUSD, adAmountUSD); v != nil {
		*amount = Money{Amount: *v, Currency: "USD", Year: p.Year}
	} else {
		amount = nil
	}
	p.Value = amount
	agency, _, _ := strings.Cut(get(ix.agencies), "|")
	agency = strings.TrimSpace(agency)
	lender := ""
	if agency != "" {
		id, seen := a.byRaw[agency]
		if !seen {
			key := agencyKey(agency)
			var ok bool
			if id, ok = a.byName[key]; !ok {
				id = agencyID(agency, key)
				a.byName[key] = id
			}
			a.byRaw[agency] = id
		}
		if !a.have[id] {
			a.have[id] = true
			key := agencyKey(agency)
			in := &Institution{Name: agency, Type: aidDataAgencyType(get(ix.agencyType)), Country: "CN"}
			if l, ok := AidDataLenders[key]; ok && l.ID == id {
				in.Name, in.Type = l.Name, l.Type
			}
			in.ID, in.Source = id, "AidData GCDF 3.0 (funding agency of record "+rid+")"
			out = append(out, in)
		}
		lender = id
		p.Lenders = append(lenders, id)
	}
	rate, mat, grace := num(ix.rate, adRate), num(ix.maturity, adMaturity), num(ix.grace, adGrace)
	if isLoan || rate != nil || mat != nil {
		if lender == "" {
			bad(ix.agencies, adAgencies, "a loan needs its funding agency")
		}
		l := Loan{Lender: lender, OfferedBy: "CN", Status: "signed", Year: p.Year, Amount: amount,
			RatePct: rate, MaturityYears: mat, GraceYears: grace, SourceID: rid,
			Source: p.Source[:len("AidData GCDF 3.0, record ")+len(rid)]}
		if amount != nil {
			l.Currency = amount.Currency
		}
		geIMF := num(ix.geIMF, adGEIMF)
		if ge := num(ix.geCash, adGECash); ge != nil {
			l.GrantElementPct, l.GEMethod = ge, "aiddata-oecd-cashflow"
			l.GrantElementIMFPct = geIMF
		} else if geIMF != nil {
			l.GrantElementPct, l.GEMethod = geIMF, "aiddata-imf"
			l.GrantElementIMFPct = geIMF
		}
		if strings.EqualFold(get(ix.guarantee), "yes") {
			t := &a.reuse.guarant
			if !a.ReuseRecord {
				t = new(bool)
			}
			*t = true
			l.GuaranteeRequired = t
		}
		p.Loans = append(loans, l)
	}
	for _, fp := range check(&a.chk, p) {
		fp.File, fp.Line = file, line
		ps = append(ps, fp)
	}
	where := Problem{File: file, Line: line}
	if len(ps) > 0 {
		// an institution created for this row stays: the row is refused
		// anyway, and a later row may name the same agency
		if len(out) == 0 {
			out = nil
		}
		return out, where, ps, nil
	}
	return append(out, p), where, nil, nil
}

var parenthetical = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*\([^)]*\)`) })

// agencyKey folds an agency name for matching: lower case, without
// parenthesised abbreviations ("China Development Bank (CDB)").
func agencyKey(s string) string {
	return strings.TrimSpace(strings.ToLower(parenthetical().ReplaceAllString(s, "")))
}

var nonSlug = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^a-z0-9]+`) })

// agencyID is the institution id of a funding agency the table does not
// list: the slug of its folded name, or, for a name with no Latin letter
// or digit (中国银行, "(CDB)"), "aiddata-agency-" and a hash of the name
// as written, so that such a row still imports.
func agencyID(name, key string) string {
	if s := slug(key); s != "" {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("aiddata-agency-%08x", h.Sum32())
}

func slug(s string) string {
	return strings.Trim(nonSlug().ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// aidDataRegion maps a Recipient Region in lower case.
func aidDataRegion(r []byte, host string) string {
	switch string(r) {
	case "africa":
		return "africa"
	case "america", "americas", "latin america and the caribbean":
		return "latin-america"
	case "europe":
		return "europe"
	case "middle east":
		return "middle-east"
	case "oceania", "pacific":
		return "oceania"
	case "asia":
		switch host {
		case "KZ", "KG", "TJ", "TM", "UZ":
			return "central-asia"
		case "IN", "PK", "BD", "LK", "NP", "BT", "MV", "AF":
			return "south-asia"
		case "ID", "MY", "TH", "VN", "PH", "KH", "LA", "MM", "SG", "BN", "TL":
			return "southeast-asia"
		}
		return "asia"
	}
	return "global"
}

// aidDataSector maps a Sector Name and, for transport and energy, the
// title's keywords; buf is lowerASCII's buffer.
func aidDataSector(buf *[]byte, sector, title string) string {
	s := lowerASCII(buf, sector)
	var t []byte // the title in lower case, only for the sectors that read it
	switch {
	case contains(s, "transport"):
		t = lowerASCII(buf, title)
		switch {
		case contains(t, "high-speed") || contains(t, "high speed"):
			return "hsr"
		case contains(t, "metro") || contains(t, "light rail"):
			return "metro"
		case contains(t, "rail"):
			return "rail"
		case contains(t, "airport"):
			return "airport"
		case contains(t, "port") || contains(t, "harbo"):
			return "port"
		case contains(t, "bridge"):
			return "bridge"
		case contains(t, "road") || contains(t, "highway") || contains(t, "expressway") || contains(t, "motorway"):
			return "road"
		}
		return "transport"
	case contains(s, "energy"):
		t = lowerASCII(buf, title)
		if contains(t, "power") || contains(t, "hydro") || contains(t, "plant") || contains(t, "solar") || contains(t, "wind") {
			return "power"
		}
		return "energy"
	case contains(s, "mining"):
		return "mining"
	case contains(s, "communication"):
		return "ict"
	case contains(s, "water"):
		return "water"
	case contains(s, "health"):
		return "health"
	case contains(s, "bank") || contains(s, "financ"):
		return "finance"
	}
	return "multi"
}

// aidDataStatus maps a Status in lower case.
func aidDataStatus(s []byte) string {
	switch string(s) {
	case "completion":
		return "completed"
	case "implementation":
		return "under-construction"
	case "pipeline: commitment":
		return "agreed"
	case "pipeline: pledge":
		return "proposed"
	case "suspended":
		return "shelved"
	case "cancelled":
		return "cancelled"
	}
	return ""
}

func aidDataAgencyType(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.Contains(s, "policy bank"):
		return "policy-bank"
	case strings.Contains(s, "fund"):
		return "fund"
	case strings.Contains(s, "government"):
		return "government-body"
	case strings.Contains(s, "multilateral"):
		return "multilateral"
	}
	return "company"
}

// lowerASCII returns strings.ToLower(s) as bytes, for an ASCII s (every
// cell the importer folds, in practice) written into *buf and valid until
// the next call with buf: folding a row's cells then allocates nothing.
func lowerASCII(buf *[]byte, s string) []byte {
	b := (*buf)[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return []byte(strings.ToLower(s))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	*buf = b
	return b
}

// contains is strings.Contains for a byte slice.
func contains(b []byte, sub string) bool {
	return bytes.Contains(b, []byte(sub)) // ([]byte(sub) does not escape: no copy on the heap)
}
