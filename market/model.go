package market

import (
	"fmt"
	"math"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/tender"
)

// design kinds of an exporter's offer.
const (
	commercial = iota
	concessional
)

// exporterP are one exporter's parameters.
type exporterP struct {
	cost                 [nS]float64
	om, life, build      float64
	approval             float64
	markup               float64
	part                 [nR]float64 // bidding probability by region
	budget               float64
	share, guarantee     float64
	orderWeight          float64
	conc, comm           [3]float64 // rate, maturity, grace
	tied                 bool
	name                 string
	concessionalEligible [nR]bool
}

// model is a scenario compiled for simulation.
type model struct {
	start, end               int
	projects                 float64
	meanSize, growth         float64
	sizeSigma, costSigma     float64
	regionCum                [nR]float64
	sectorCum                [nS]float64
	sectorSize               [nS]float64
	ex                       [nE]exporterP
	pqi, pqiStart, pqiEnd    float64
	aiib, aiibStart          float64
	srf, srfStart            float64
	shadow, sens, amort      float64
	capacity                 [nR]float64 // USD bn in 2010
	guarantee, tied          float64
	timeValue, reserve       float64
	service                  float64 // yearly service value per unit of reference cost
	coop, cofinance          bool
	synergy, civil, coopMark float64
	coopRegion               [nR]bool
	adapt                    Adaptation
	step, rate               float64
	sample                   int
	fac                      [nR][nE][2]Factors
	coopFac                  [nR][2]Factors // own (China commercial) / MDB co-financing
	refFac                   [nR]Factors
}

// tiers maps each model region to Japan's tier (1–3) from the strategy
// records jp-tier-emerging-1..3 (0: none).
func tiers(set *dataset.Set) ([nR]int, error) {
	var t [nR]int
	alias := map[string]string{"east-asia": "asean", "west-asia": "middle-east"}
	found := 0
	for _, s := range set.Strategies {
		if s.Actor != "JP" || s.Type != "tier" || s.Order == 0 {
			continue
		}
		found++
		for _, r := range s.Regions {
			if a, ok := alias[r]; ok {
				r = a
			}
			for i, name := range Regions {
				if name == r && (t[i] == 0 || s.Order < t[i]) {
					t[i] = s.Order
				}
			}
		}
	}
	if found != 3 {
		return t, fmt.Errorf("market: %d tier strategies of Japan in the dataset, want 3", found)
	}
	return t, nil
}

// compile builds the model of a scenario with parameter values v. The
// design factors are measured through memo (nil: each one afresh).
func compile(sc *Scenario, v map[string]float64, memo factorMemo) (*model, error) {
	m := &model{start: sc.Start, end: sc.End, adapt: sc.Adaptation}
	m.projects = v["pipeline.projects"]
	m.meanSize = v["pipeline.mean_size"]
	m.growth = v["pipeline.growth"]
	m.sizeSigma = v["pipeline.size_sigma"]
	m.costSigma = v["pipeline.cost_sigma"]
	cum := func(prefix string, names []string, out []float64) error {
		sum := 0.0
		for _, n := range names {
			sum += v[prefix+n]
		}
		if !(sum > 0) {
			return fmt.Errorf("%s*: shares sum to zero", prefix)
		}
		acc := 0.0
		for i, n := range names {
			acc += v[prefix+n] / sum
			out[i] = acc
		}
		out[len(out)-1] = 1
		return nil
	}
	if err := cum("pipeline.region.", Regions, m.regionCum[:]); err != nil {
		return nil, err
	}
	if err := cum("pipeline.sector.", Sectors, m.sectorCum[:]); err != nil {
		return nil, err
	}
	for s, n := range Sectors {
		m.sectorSize[s] = v["pipeline.sector_size."+n]
	}
	var tier [nR]int
	if v["jp.tiers"] == 1 {
		set, err := dataset.Embedded()
		if err != nil {
			return nil, err
		}
		if tier, err = tiers(set); err != nil {
			return nil, err
		}
	}
	for e, name := range Exporters {
		x := &m.ex[e]
		p := name + "."
		x.name = name
		for s, sec := range Sectors {
			x.cost[s] = v[p+"cost."+sec]
		}
		x.om, x.life, x.build = v[p+"om"], v[p+"life"], v[p+"build_years"]
		x.approval, x.markup = v[p+"approval_years"], v[p+"markup"]
		for r, reg := range Regions {
			prio := v[p+"priority."+reg]
			if e == jp && tier[r] > 0 {
				prio *= v[fmt.Sprintf("jp.tier_boost.%d", tier[r])]
			}
			x.part[r] = math.Min(1, v[p+"participation"]*prio)
			x.concessionalEligible[r] = reg != "developed"
		}
		x.budget = v[p+"concessional.budget"]
		x.share, x.guarantee, x.orderWeight = v[p+"share_financed"], v[p+"guarantee_share"], v[p+"order_weight"]
		x.conc = [3]float64{v[p+"concessional.rate"], v[p+"concessional.maturity"], v[p+"concessional.grace"]}
		x.comm = [3]float64{v[p+"commercial.rate"], v[p+"commercial.maturity"], v[p+"commercial.grace"]}
		x.tied = e == jp
		if x.conc[2] >= x.conc[1] || x.comm[2] >= x.comm[1] {
			return nil, fmt.Errorf("%sconcessional/commercial: grace must be shorter than maturity", p)
		}
	}
	m.pqi, m.pqiStart, m.pqiEnd = v["pqi.budget"], v["pqi.start"], v["pqi.end"]
	m.aiib, m.aiibStart = v["aiib.budget"], v["aiib.start"]
	m.srf, m.srfStart = v["srf.budget"], v["srf.start"]
	m.shadow, m.sens, m.amort = v["host.shadow_price"], v["host.debt_sensitivity"], v["host.amortisation"]
	m.guarantee, m.tied = v["host.guarantee_cost"], v["host.tied_penalty"]
	m.timeValue, m.reserve = v["host.time_value"], v["host.reserve_cost"]
	m.coop, m.cofinance = v["coop.enabled"] == 1, v["coop.cofinance"] == 1
	m.synergy, m.civil, m.coopMark = v["coop.synergy"], v["coop.civil_share"], v["coop.markup"]
	m.step, m.rate, m.sample = v["adapt.step"], v["adapt.rate"], int(v["adapt.sample"])
	if v["coop.mdb_grace"] >= v["coop.mdb_maturity"] {
		return nil, fmt.Errorf("coop.mdb_grace: must be shorter than coop.mdb_maturity")
	}
	// Absorptive capacity: host.capacity years of the region's expected 2010 pipeline
	// value.
	prev := 0.0
	for r := range Regions {
		share := m.regionCum[r] - prev
		prev = m.regionCum[r]
		mean := 0.0
		pc := 0.0
		for s := range Sectors {
			mean += (m.sectorCum[s] - pc) * m.sectorSize[s]
			pc = m.sectorCum[s]
		}
		m.capacity[r] = math.Max(1e-9, v["host.capacity"]*m.projects*share*m.meanSize*mean)
	}
	hor := int(v["host.horizon"])
	m.service = v["host.service_multiple"] / lcc.AnnuityFactor(tender.ServiceHurdle, hor, lcc.EndOfYear)
	for r, reg := range Regions {
		h := HostEnv{DiscountRate: v["host."+reg+".discount_rate"], Inflation: v["host.inflation"], Horizon: hor}
		var err error
		for e := range Exporters {
			x := &m.ex[e]
			d := Design{BuildYears: x.build, ServiceLife: x.life, Loan: loan(x.comm[0], x.comm[1], x.comm[2])}
			if m.fac[r][e][commercial], err = memo.factors(h, d); err != nil {
				return nil, err
			}
			d.Delay = x.approval
			d.Loan = loan(x.conc[0], x.conc[1], x.conc[2])
			if m.fac[r][e][concessional], err = memo.factors(h, d); err != nil {
				return nil, err
			}
		}
		c, j := &m.ex[cn], &m.ex[jp]
		d := Design{BuildYears: c.build, ServiceLife: j.life, Loan: loan(c.comm[0], c.comm[1], c.comm[2])}
		if m.coopFac[r][0], err = memo.factors(h, d); err != nil {
			return nil, err
		}
		d.Loan = loan(v["coop.mdb_rate"], v["coop.mdb_maturity"], v["coop.mdb_grace"])
		if m.coopFac[r][1], err = memo.factors(h, d); err != nil {
			return nil, err
		}
		o := &m.ex[ot]
		if m.refFac[r], err = memo.factors(h, Design{BuildYears: o.build, ServiceLife: o.life}); err != nil {
			return nil, err
		}
		m.coopRegion[r] = v["coop.region."+reg] == 1
	}
	return m, nil
}
