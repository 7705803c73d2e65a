package dataset

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
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
// China Development Bank → cdb, Export-Import Bank of China → china-exim).
// known is the set to resolve institution names against (may be nil).
//
// Mapping: Recipient ISO-3 → host; Recipient Region → region; Sector Name
// (OECD CRS sector) and title keywords → sector; Commitment Year → year;
// Flow Type / Flow Class → instrument; Status → status; Amount (Original
// Currency, else Nominal USD) → loan amount; Interest Rate, Maturity, Grace
// Period (percent and years, as AidData writes them) → loan terms; Grant
// Element (OECD Cash-Flow), else (IMF) → grant_element_pct with its method.
func ReadAidData(file string, r io.Reader, known *Set) (*Set, Problems) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
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
	instByName := map[string]string{
		"china development bank":                  "cdb",
		"cdb":                                     "cdb",
		"export-import bank of china":             "china-exim",
		"china eximbank":                          "china-exim",
		"the export-import bank of china":         "china-exim",
		"asian infrastructure investment bank":    "aiib",
		"silk road fund":                          "silk-road-fund",
		"industrial and commercial bank of china": "icbc",
	}
	if known != nil {
		for _, in := range known.Institutions {
			instByName[agencyKey(in.Name)] = in.ID
		}
	}
	out := &Set{}
	newInst := map[string]bool{}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			ps = append(ps, csvProblem(file, err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(row) != len(header) {
			ps = append(ps, Problem{File: file, Line: line, Column: 1, Reason: fmt.Sprintf("wrong number of columns: %d, the header has %d", len(row), len(header))})
			continue
		}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[i])
		}
		bad := func(name, format string, args ...any) {
			p := Problem{File: file, Line: line, Field: name, Reason: fmt.Sprintf(format, args...)}
			if i, ok := col[name]; ok && i < len(row) {
				p.Line, p.Column = cr.FieldPos(i)
			}
			ps = append(ps, p)
		}
		num := func(name string) *float64 {
			s := strings.TrimSuffix(strings.ReplaceAll(get(name), ",", ""), "%")
			if s == "" {
				return nil
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				bad(name, "%q is not a finite number", get(name))
				return nil
			}
			return &v
		}
		rid := get(adID)
		if rid == "" {
			bad(adID, "required")
			continue
		}
		p := &Project{}
		p.ID = "aiddata-" + strings.ToLower(rid)
		p.Name = get(adTitle)
		if p.Name == "" {
			p.Name = "AidData record " + rid
		}
		p.Source = "AidData GCDF 3.0, record " + rid
		if urls := get(adURLs); urls != "" {
			p.Source += "; " + strings.TrimSpace(strings.Split(urls, "|")[0])
		}
		p.Note = truncate(get(adDescription), 400)
		iso3 := get(adISO3)
		if a2, ok := CountryFromAlpha3(iso3); ok {
			p.Host = a2
		} else {
			bad(adISO3, "unknown ISO 3166-1 alpha-3 code %q (recipient %q)", iso3, get(adRecipient))
		}
		p.Region = aidDataRegion(get(adRegion), p.Host)
		p.Sector = aidDataSector(get(adSector), p.Name)
		if y, err := strconv.Atoi(get(adYear)); err != nil {
			bad(adYear, "%q is not a year", get(adYear))
		} else {
			p.Year = y
		}
		if y, err := strconv.Atoi(get(adStart)); err == nil {
			p.StartYear = y
		}
		if y, err := strconv.Atoi(get(adEnd)); err == nil {
			p.EndYear = y
		}
		p.Status = aidDataStatus(get(adStatus))
		p.Parties = []Party{{Country: "CN", Role: "lender"}}
		flow := strings.ToLower(get(adFlowType))
		class := get(adFlowClass)
		isLoan := strings.Contains(flow, "loan") || strings.Contains(flow, "credit")
		switch {
		case strings.Contains(flow, "grant"):
			p.Instruments = []string{"grant"}
		case strings.Contains(flow, "export buyer") || strings.Contains(flow, "supplier"):
			p.Instruments = []string{"export-credit"}
		case isLoan && strings.HasPrefix(class, "ODA"):
			p.Instruments = []string{"concessional-loan"}
		case isLoan:
			p.Instruments = []string{"commercial-loan"}
		}
		if strings.Contains(strings.ToLower(get(adLiability)), "private") {
			p.Instruments = append(p.Instruments, "b2b")
		}
		var amount *Money
		if a := num(adAmount); a != nil && get(adCurrency) != "" {
			cur := strings.ToUpper(get(adCurrency))
			if !IsCurrency(cur) {
				bad(adCurrency, "unknown currency %q (add it and its rate to use it)", cur)
			}
			amount = &Money{Amount: *a, Currency: cur, Year: p.Year}
		} else if a := num(adAmountUSD); a != nil {
			amount = &Money{Amount: *a, Currency: "USD", Year: p.Year}
		}
		p.Value = amount
		agency := strings.TrimSpace(strings.Split(get(adAgencies), "|")[0])
		lender := ""
		if agency != "" {
			key := agencyKey(agency)
			id, ok := instByName[key]
			if !ok {
				id = slug(key)
				instByName[key] = id
				if !newInst[id] && (known == nil || !hasID(known, id)) {
					newInst[id] = true
					in := &Institution{Name: agency, Type: aidDataAgencyType(get(adAgencyType)), Country: "CN"}
					in.ID, in.Source = id, "AidData GCDF 3.0 (funding agency of record "+rid+")"
					out.Add(in)
				}
			}
			lender = id
			p.Lenders = []string{id}
		}
		rate, mat, grace := num(adRate), num(adMaturity), num(adGrace)
		if isLoan || rate != nil || mat != nil {
			if lender == "" {
				bad(adAgencies, "a loan needs its funding agency")
			}
			l := Loan{Lender: lender, OfferedBy: "CN", Status: "signed", Year: p.Year, Amount: amount,
				RatePct: rate, MaturityYears: mat, GraceYears: grace, SourceID: rid,
				Source: "AidData GCDF 3.0, record " + rid}
			if amount != nil {
				l.Currency = amount.Currency
			}
			if ge := num(adGECash); ge != nil {
				l.GrantElementPct, l.GEMethod = ge, "aiddata-oecd-cashflow"
			} else if ge := num(adGEIMF); ge != nil {
				l.GrantElementPct, l.GEMethod = ge, "aiddata-imf"
			}
			if strings.EqualFold(get(adGuarantee), "yes") {
				t := true
				l.GuaranteeRequired = &t
			}
			p.Loans = []Loan{l}
		}
		before := len(ps)
		for _, fp := range Check(p) {
			fp.File, fp.Line = file, line
			ps = append(ps, fp)
		}
		if len(ps) == before {
			out.setWhere(p.ID, Problem{File: file, Line: line})
			out.Add(p)
		}
	}
	return out, ps
}

func hasID(s *Set, id string) bool { _, ok := s.Get(id); return ok }

var parenthetical = regexp.MustCompile(`\s*\([^)]*\)`)

// agencyKey folds an agency name for matching: lower case, without
// parenthesised abbreviations ("China Development Bank (CDB)").
func agencyKey(s string) string {
	return strings.TrimSpace(strings.ToLower(parenthetical.ReplaceAllString(s, "")))
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func aidDataRegion(r, host string) string {
	switch strings.ToLower(r) {
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

func aidDataSector(sector, title string) string {
	s, t := strings.ToLower(sector), strings.ToLower(title)
	switch {
	case strings.Contains(s, "transport"):
		switch {
		case strings.Contains(t, "high-speed") || strings.Contains(t, "high speed"):
			return "hsr"
		case strings.Contains(t, "metro") || strings.Contains(t, "light rail"):
			return "metro"
		case strings.Contains(t, "rail"):
			return "rail"
		case strings.Contains(t, "airport"):
			return "airport"
		case strings.Contains(t, "port") || strings.Contains(t, "harbo"):
			return "port"
		case strings.Contains(t, "bridge"):
			return "bridge"
		case strings.Contains(t, "road") || strings.Contains(t, "highway") || strings.Contains(t, "expressway") || strings.Contains(t, "motorway"):
			return "road"
		}
		return "transport"
	case strings.Contains(s, "energy"):
		if strings.Contains(t, "power") || strings.Contains(t, "hydro") || strings.Contains(t, "plant") || strings.Contains(t, "solar") || strings.Contains(t, "wind") {
			return "power"
		}
		return "energy"
	case strings.Contains(s, "mining"):
		return "mining"
	case strings.Contains(s, "communication"):
		return "ict"
	case strings.Contains(s, "water"):
		return "water"
	case strings.Contains(s, "health"):
		return "health"
	case strings.Contains(s, "bank") || strings.Contains(s, "financ"):
		return "finance"
	}
	return "multi"
}

func aidDataStatus(s string) string {
	switch strings.ToLower(s) {
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
