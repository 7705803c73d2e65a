// Package brief computes the seed paper's headline picture from the dataset
// records: Japan's infrastructure-export orders against its 2020 target and
// the growth rate that target now requires, the sector series, the scale of
// China's overseas contracting against Japan's, Africa and finance figures,
// and the head-to-head contests with their winners.
//
// Every number is read from a record (named by its id in the result) and
// every derived number states its formula; nothing is typed in here.
// Growth rates are compound annual rates: CAGR = (end/start)^(1/years) − 1.
package brief

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/units"
)

// Fact ids the brief reads. A test checks they all exist in the embedded data.
const (
	IDOrders2010Total  = "jp-orders-incl-investment-2010"
	IDOrders2013Total  = "jp-orders-incl-investment-2013"
	IDOrdersTarget2020 = "jp-infra-export-target-2020"
	IDOrders2012Value  = "jp-orders-2012-value"
	IDOrders2013Value  = "jp-orders-2013-value"
	IDOrders2012Count  = "jp-orders-2012-count"
	IDOrders2013Count  = "jp-orders-2013-count"
	IDChina2015New     = "cn-contracting-2015-new-contracts"
	IDJapanPlant2014   = "jmc-fy2014-value"
	IDJapanOCAJI2014   = "ocaji-fy2014-value"
	IDAfricaChina2013  = "africa-infra-public-funds-2013-cn"
	IDAfricaJapan2013  = "africa-infra-public-funds-2013-jp"
	IDAIIBCapital      = "aiib-capital"
	IDPQITotal         = "pqi-total"
)

// SectorSeries pairs the 2010 and 2013 fact ids of each sector's orders.
var SectorSeries = []struct{ Sector, From, To string }{
	{"ict", "jp-orders-ict-2010", "jp-orders-ict-2013"},
	{"transport", "jp-orders-transport-2010", "jp-orders-transport-2013"},
	{"energy", "jp-orders-energy-2010", "jp-orders-energy-2013"},
}

// Point is one figure read from a record.
type Point struct {
	ID      string  `json:"id"`
	Year    int     `json:"year"`
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
	Printed string  `json:"printed,omitempty"`
}

// Orders is Japan's order series against the 2020 target. The growth
// rates and the share are decimal fractions; its JSON document writes them
// in percent ([Orders.MarshalJSON]).
type Orders struct {
	Start, End, Target Point
	// AchievedCAGR = (End/Start)^(1/(End.Year−Start.Year)) − 1.
	AchievedCAGR float64
	// RequiredCAGR = (Target/End)^(1/(Target.Year−End.Year)) − 1: the growth
	// rate needed from the last observation to reach the target.
	RequiredCAGR float64
	// ShareOfTarget = End/Target.
	ShareOfTarget float64
	// Narrow series (orders without business-investment income).
	Narrow2012, Narrow2013 Point
	// NarrowRatio = Narrow2013/Narrow2012, a multiple (2.9 is ×2.9).
	NarrowRatio          float64
	Count2012, Count2013 Point
}

// MarshalJSON writes the series with snake_case names and the growth
// rates and the share of the target in percent (achieved_cagr_pct: 17 is
// 17 % a year; share_of_target_pct: 53 is 53 %).
func (o Orders) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Start            Point   `json:"start"`
		End              Point   `json:"end"`
		Target           Point   `json:"target"`
		AchievedCAGRPct  float64 `json:"achieved_cagr_pct"`
		RequiredCAGRPct  float64 `json:"required_cagr_pct"`
		ShareOfTargetPct float64 `json:"share_of_target_pct"`
		Narrow2012       Point   `json:"narrow_2012"`
		Narrow2013       Point   `json:"narrow_2013"`
		NarrowRatio      float64 `json:"narrow_ratio"`
		Count2012        Point   `json:"count_2012"`
		Count2013        Point   `json:"count_2013"`
	}{o.Start, o.End, o.Target, units.PercentOf(o.AchievedCAGR), units.PercentOf(o.RequiredCAGR), units.PercentOf(o.ShareOfTarget),
		o.Narrow2012, o.Narrow2013, o.NarrowRatio, o.Count2012, o.Count2013})
}

// Sector is one sector's order growth. CAGR is a decimal fraction; the
// JSON document writes it in percent as cagr_pct ([Sector.MarshalJSON]).
type Sector struct {
	Sector string  `json:"sector"`
	From   Point   `json:"from"`
	To     Point   `json:"to"`
	CAGR   float64 `json:"-"`
	// Change is To − From in the unit of the points.
	Change float64 `json:"change"`
}

// MarshalJSON writes the sector with its growth rate in percent a year.
func (s Sector) MarshalJSON() ([]byte, error) {
	type plain Sector
	return json.Marshal(struct {
		plain
		CAGRPct float64 `json:"cagr_pct"`
	}{plain(s), units.PercentOf(s.CAGR)})
}

// Ratio compares two figures in one currency (USD at the FX rate of each
// figure's year when they differ).
type Ratio struct {
	Label   string  `json:"label"`
	A, B    Point   `json:"-"`
	AUSD    float64 `json:"a_usd"`
	BUSD    float64 `json:"b_usd"`
	Ratio   float64 `json:"ratio"`
	AID     string  `json:"a_id"`
	BID     string  `json:"b_id"`
	FXNotes string  `json:"fx_note,omitempty"`
}

// Contest is a project in which Chinese and Japanese sides were both parties.
type Contest struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Host    string   `json:"host"`
	Year    int      `json:"year"`
	Winners []string `json:"winners"`
	Bidders []string `json:"bidders"`
	// Partners are countries in the project in another role (partner, lender, …).
	Partners []string `json:"partners,omitempty"`
	Outcome  string   `json:"outcome"`
}

// Brief is the headline picture.
type Brief struct {
	Orders   Orders    `json:"orders"`
	Sectors  []Sector  `json:"sectors"`
	Ratios   []Ratio   `json:"ratios"`
	Contests []Contest `json:"contests"`
	// Cooperation lists projects that Chinese and Japanese parties won or
	// carried out together (third-country cooperation, seed §3.2).
	Cooperation []Contest      `json:"cooperation"`
	Counts      dataset.Counts `json:"counts"`
}

// Compute builds the brief from s. It fails, naming the id, if a record it
// needs is missing or has the wrong unit.
func Compute(s *dataset.Set) (*Brief, error) {
	b := &Brief{Counts: dataset.Tally(s)}
	facts := map[string]*dataset.Fact{}
	for _, f := range s.Facts {
		facts[f.ID] = f
	}
	var err error
	get := func(id string) Point {
		f, ok := facts[id]
		if !ok {
			if err == nil {
				err = fmt.Errorf("brief: fact %q is missing from the dataset", id)
			}
			return Point{ID: id}
		}
		p := Point{ID: id, Year: f.Year, Value: f.Value.Value, Unit: f.Value.Unit}
		if p.Year == 0 {
			p.Year = f.Value.Year
		}
		if f.Printed != nil {
			p.Printed = f.Printed.Text
		}
		return p
	}
	o := &b.Orders
	o.Start, o.End, o.Target = get(IDOrders2010Total), get(IDOrders2013Total), get(IDOrdersTarget2020)
	o.Narrow2012, o.Narrow2013 = get(IDOrders2012Value), get(IDOrders2013Value)
	o.Count2012, o.Count2013 = get(IDOrders2012Count), get(IDOrders2013Count)
	if err != nil {
		return nil, err
	}
	o.AchievedCAGR = CAGR(o.Start.Value, o.End.Value, o.End.Year-o.Start.Year)
	o.RequiredCAGR = CAGR(o.End.Value, o.Target.Value, o.Target.Year-o.End.Year)
	o.ShareOfTarget = o.End.Value / o.Target.Value
	o.NarrowRatio = o.Narrow2013.Value / o.Narrow2012.Value
	for _, ss := range SectorSeries {
		from, to := get(ss.From), get(ss.To)
		b.Sectors = append(b.Sectors, Sector{ss.Sector, from, to, CAGR(from.Value, to.Value, to.Year-from.Year), to.Value - from.Value})
	}
	fx := map[string]float64{}
	for _, x := range s.FX {
		fx[fmt.Sprintf("%s-%d", x.Currency, x.Year)] = x.PerUSD
	}
	usd := func(p Point) (float64, string) {
		if p.Unit == "USD" {
			return p.Value, ""
		}
		r, ok := fx[fmt.Sprintf("%s-%d", p.Unit, p.Year)]
		if !ok {
			if err == nil {
				err = fmt.Errorf("brief: no %s per USD rate for %d (needed by %s)", p.Unit, p.Year, p.ID)
			}
			return math.NaN(), ""
		}
		return p.Value / r, fmt.Sprintf("%s at %g %s/USD (%d)", p.ID, r, p.Unit, p.Year)
	}
	ratio := func(label, a, bID string) {
		pa, pb := get(a), get(bID)
		ua, na := usd(pa)
		ub, nb := usd(pb)
		note := na
		if nb != "" {
			if note != "" {
				note += "; "
			}
			note += nb
		}
		b.Ratios = append(b.Ratios, Ratio{Label: label, A: pa, B: pb, AUSD: ua, BUSD: ub, Ratio: ua / ub, AID: a, BID: bID, FXNotes: note})
	}
	ratio("China 2015 new overseas contracts / Japan FY2014 plant contracts (JMC)", IDChina2015New, IDJapanPlant2014)
	ratio("China 2015 new overseas contracts / Japan FY2014 overseas construction orders (OCAJI)", IDChina2015New, IDJapanOCAJI2014)
	ratio("Public infrastructure finance to Africa 2013: China / Japan", IDAfricaChina2013, IDAfricaJapan2013)
	ratio("Japan's PQI (5 years) / AIIB capital", IDPQITotal, IDAIIBCapital)
	if err != nil {
		return nil, err
	}
	for _, p := range s.Projects {
		roles := map[string][]string{}
		for _, pt := range p.Parties {
			roles[pt.Country] = append(roles[pt.Country], pt.Role)
		}
		if !involved(roles["CN"]) || !involved(roles["JP"]) {
			continue
		}
		c := Contest{ID: p.ID, Name: p.Name, Host: p.Host, Year: p.Year, Outcome: p.Outcome}
		for _, country := range []string{"CN", "JP"} {
			for _, r := range roles[country] {
				switch r {
				case "winner":
					c.Winners = append(c.Winners, country)
				case "bidder":
					c.Bidders = append(c.Bidders, country)
				case "partner", "contractor", "sponsor", "operator", "lender":
					if !contains(c.Partners, country) {
						c.Partners = append(c.Partners, country)
					}
				}
			}
		}
		if competes(roles["CN"]) && competes(roles["JP"]) && len(c.Bidders) > 0 {
			b.Contests = append(b.Contests, c)
		} else {
			b.Cooperation = append(b.Cooperation, c)
		}
	}
	sort.Slice(b.Cooperation, func(i, j int) bool {
		if b.Cooperation[i].Year != b.Cooperation[j].Year {
			return b.Cooperation[i].Year < b.Cooperation[j].Year
		}
		return b.Cooperation[i].ID < b.Cooperation[j].ID
	})
	sort.Slice(b.Contests, func(i, j int) bool {
		if b.Contests[i].Year != b.Contests[j].Year {
			return b.Contests[i].Year < b.Contests[j].Year
		}
		return b.Contests[i].ID < b.Contests[j].ID
	})
	return b, nil
}

// competes reports whether a country's roles in a project make it a
// competitor (winner or losing bidder), not only a partner or lender.
func competes(roles []string) bool {
	for _, r := range roles {
		if r == "winner" || r == "bidder" {
			return true
		}
	}
	return false
}

// involved reports whether a country has any part in a project other than host.
func involved(roles []string) bool {
	for _, r := range roles {
		if r != "host" {
			return true
		}
	}
	return false
}

// CAGR is the compound annual growth rate from a to b over n years:
// (b/a)^(1/n) − 1. It is NaN when n ≤ 0 or a ≤ 0.
func CAGR(a, b float64, n int) float64 {
	if n <= 0 || a <= 0 {
		return math.NaN()
	}
	return math.Pow(b/a, 1/float64(n)) - 1
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
