package market

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/infragame/infragame/game"
)

// project is one tendered project with the draws that decide it.
type project struct {
	region, sector int
	size           float64
	bids           [nE]bool
	cost           [nE]float64 // exporter's own cost if it bids
	guar           [nE]bool    // its loan would need a sovereign guarantee
	pick           [nE]float64 // uniform draw choosing a markup from a mix
}

// Year is one simulated year of one run.
type Year struct {
	Year int
	// Count and Value of orders won by exporter × region × sector (value in
	// USD bn, nominal; a joint order counts for both partners, its value
	// split by work share).
	Count [nE][nR][nS]float64
	Value [nE][nR][nS]float64
	// Profit (USD bn) and the exporter's markup (mean over its bids).
	Profit [nE]float64
	Markup [nE]float64
	// Concessional lending committed (USD bn), of the exporter's budget.
	Concessional [nE]float64
	Budget       [nE]float64
	// Host surplus (score of the chosen offer minus the outside option,
	// USD bn PV) and infrastructure debt relative to capacity, by region.
	HostSurplus [nR]float64
	Debt        [nR]float64
	// Projects tendered, self-built (no foreign offer beat the outside
	// option), joint orders.
	Projects, SelfBuilt, Joint float64
	// Head-to-head contests of China and Japan: the winner's profit under
	// competition and the consortium's profit had they bid jointly, and
	// how many of each were won (for the Pyrrhic index).
	H2HProfit, H2HOrders, CoopProfit, CoopOrders float64
}

// Pyrrhic returns the Pyrrhic index of the year: profit per order won by
// China or Japan in their head-to-head contests, relative to the profit per
// order of a joint bid in the same contests (NaN without contests).
func (y *Year) Pyrrhic() float64 {
	if y.H2HOrders == 0 || y.CoopOrders == 0 || y.CoopProfit == 0 {
		return math.NaN()
	}
	return (y.H2HProfit / y.H2HOrders) / (y.CoopProfit / y.CoopOrders)
}

// outcome of one contest.
type outcome struct {
	winner int // 0..2 exporter, 3 consortium, -1 outside option
	price  float64
	profit [nE]float64
	loan   float64 // principal borrowed by the host
	conc   int     // exporter whose budget is used, -1 none, 3 = AIIB
	score  float64 // winner's score minus the outside option's
}

// state is what carries over between years and contests within a year.
type state struct {
	budget [nE]float64
	aiib   float64
	lambda float64
}

// runner simulates runs of one model; one per worker. Its fields are
// written all the time (the random source at every draw), so it is padded
// to whole cache lines: two workers' runners never share one.
type runner struct {
	_     cacheLinePad
	m     *model
	projs []project
	mix   [nE][]float64
	grid  []float64
	pcg   rand.PCG
	rng   *rand.Rand
	_     cacheLinePad
}

// cacheLinePad is the size of a cache line on common processors (64 bytes
// on x86-64 and most arm64 cores).
type cacheLinePad [64]byte

func newRunner(m *model) *runner {
	w := &runner{m: m}
	w.rng = rand.New(&w.pcg)
	return w
}

// run simulates run r of seed, appending its years to years[:0] (nil if
// ctx is cancelled).
func (w *runner) run(ctx context.Context, seed uint64, r int, years []Year) []Year {
	m := w.m
	// The source of run r, mc.Source(seed, r), reseeded in place.
	w.pcg.Seed(seed, uint64(r))
	g := w.rng
	pois := distuv.Poisson{Lambda: m.projects, Src: g}
	markup := [nE]float64{}
	for e := range m.ex {
		markup[e] = m.ex[e].markup
	}
	if m.adapt == Replicator {
		w.initMix(markup)
	}
	var debt [nR]float64
	years = slices.Grow(years[:0], m.end-m.start+1)
	for y := m.start; y <= m.end; y++ {
		if ctx.Err() != nil {
			return nil
		}
		yr := Year{Year: y}
		st := m.yearState(y)
		yr.Budget = st.budget
		n := int(pois.Rand())
		grow := math.Pow(1+m.growth, float64(y-2010))
		w.projs = w.projs[:0]
		for range n {
			var p project
			u := g.Float64()
			for p.region = 0; p.region < nR-1 && u > m.regionCum[p.region]; p.region++ {
			}
			u = g.Float64()
			for p.sector = 0; p.sector < nS-1 && u > m.sectorCum[p.sector]; p.sector++ {
			}
			p.size = m.meanSize * m.sectorSize[p.sector] * grow * math.Exp(m.sizeSigma*g.NormFloat64()-m.sizeSigma*m.sizeSigma/2)
			for e := range m.ex {
				x := &m.ex[e]
				p.bids[e] = g.Float64() < x.part[p.region]
				p.cost[e] = p.size * x.cost[p.sector] * math.Exp(m.costSigma*g.NormFloat64()-m.costSigma*m.costSigma/2)
				p.guar[e] = g.Float64() < x.guarantee
				p.pick[e] = g.Float64()
			}
			w.projs = append(w.projs, p)
		}
		var nBids [nE]float64
		for i := range w.projs {
			p := &w.projs[i]
			st.lambda = m.shadow + m.sens*debt[p.region]
			mk := w.markups(p, markup)
			o := m.contest(p, mk, &st, true, &yr)
			yr.Projects++
			for e := range m.ex {
				if p.bids[e] {
					yr.Markup[e] += mk[e]
					nBids[e]++
				}
			}
			switch {
			case o.winner < 0:
				yr.SelfBuilt++
			case o.winner == 3:
				yr.Joint++
				for e, share := range [2]float64{m.civil, 1 - m.civil} {
					yr.Count[e][p.region][p.sector]++
					yr.Value[e][p.region][p.sector] += share * o.price
				}
			default:
				yr.Count[o.winner][p.region][p.sector]++
				yr.Value[o.winner][p.region][p.sector] += o.price
			}
			for e := range m.ex {
				yr.Profit[e] += o.profit[e]
			}
			if o.winner >= 0 {
				yr.HostSurplus[p.region] += o.score
			}
			if o.conc >= 0 && o.conc < nE {
				yr.Concessional[o.conc] += o.loan
			}
			debt[p.region] += o.loan / (m.capacity[p.region] * grow)
		}
		for e := range m.ex {
			if nBids[e] > 0 {
				yr.Markup[e] /= nBids[e]
			} else {
				yr.Markup[e] = markup[e]
			}
		}
		for rg := range debt {
			debt[rg] *= 1 - m.amort
			yr.Debt[rg] = debt[rg]
		}
		years = append(years, yr)
		switch m.adapt {
		case BestResponse:
			markup = w.bestResponse(y, markup, debt)
		case Replicator:
			w.replicate(ctx, y, debt)
		}
	}
	return years
}

// yearState returns the budgets available in year y.
func (m *model) yearState(y int) state {
	var st state
	for e := range m.ex {
		st.budget[e] = m.ex[e].budget
	}
	fy := float64(y)
	if fy >= m.pqiStart && fy <= m.pqiEnd {
		st.budget[jp] += m.pqi
	}
	if fy >= m.srfStart {
		st.budget[cn] += m.srf
	}
	if fy >= m.aiibStart {
		st.aiib = m.aiib
	}
	return st
}

// markups returns each exporter's markup for project p: the policy, or a
// draw from its mix under the replicator.
func (w *runner) markups(p *project, markup [nE]float64) [nE]float64 {
	if w.m.adapt != Replicator {
		return markup
	}
	var mk [nE]float64
	for e := range mk {
		mk[e] = w.grid[len(w.grid)-1]
		acc := 0.0
		for k, x := range w.mix[e] {
			acc += x
			if p.pick[e] < acc {
				mk[e] = w.grid[k]
				break
			}
		}
	}
	return mk
}

// offer scores exporter e's bid on p with markup mk; it reports the quote,
// the design kind and the score.
func (m *model) offer(p *project, e int, mk float64, st *state) (q Quote, kind int, score float64) {
	x := &m.ex[e]
	q = Quote{Price: p.cost[e] * (1 + mk), OM: x.om * p.size, Share: x.share, ShadowPrice: st.lambda,
		TimeValue: m.timeValue * p.size, ServiceValue: m.service * p.size}
	kind = commercial
	if x.concessionalEligible[p.region] && st.budget[e] >= q.Share*q.Price {
		kind = concessional
		if x.tied {
			q.TiedPenalty = m.tied
		}
	}
	if p.guar[e] {
		q.Guarantee = m.guarantee
	}
	return q, kind, m.fac[p.region][e][kind].Score(&q)
}

// contest decides project p. With commit, budgets are drawn down and the
// head-to-head statistics of yr updated.
func (m *model) contest(p *project, mk [nE]float64, st *state, commit bool, yr *Year) outcome {
	size := p.size
	ref := Quote{Price: m.reserve * size, OM: m.ex[ot].om * size, ShadowPrice: st.lambda, TimeValue: m.timeValue * size,
		ServiceValue: m.service * size}
	refScore := m.refFac[p.region].Score(&ref)
	best, bestScore := -1, refScore
	var quotes [nE]Quote
	var kinds [nE]int
	var scores [nE]float64
	for e := range m.ex {
		if !p.bids[e] {
			continue
		}
		quotes[e], kinds[e], scores[e] = m.offer(p, e, mk[e], st)
		if scores[e] > bestScore {
			best, bestScore = e, scores[e]
		}
	}
	comp := outcome{winner: best, conc: -1, score: bestScore - refScore}
	if best >= 0 {
		q := &quotes[best]
		comp.price = q.Price
		comp.profit[best] = q.Price - p.cost[best]
		comp.loan = q.Share * q.Price
		if kinds[best] == concessional {
			comp.conc = best
		}
	}
	if !(p.bids[cn] && p.bids[jp]) {
		return m.finish(comp, st)
	}
	// Joint bid: China's civil works and speed, Japan's systems and
	// durability, cost saving σ.
	cJ := (1 - m.synergy) * (m.civil*p.cost[cn] + (1-m.civil)*p.cost[jp])
	qJ := Quote{Price: cJ * (1 + m.coopMark), OM: m.ex[jp].om * size, Share: m.ex[cn].share, ShadowPrice: st.lambda,
		TimeValue: m.timeValue * size, ServiceValue: m.service * size}
	if p.guar[cn] {
		qJ.Guarantee = m.guarantee
	}
	fin := 0
	if m.cofinance && m.coopRegion[p.region] && st.aiib >= qJ.Share*qJ.Price {
		fin = 1
	}
	sJ := m.coopFac[p.region][fin].Score(&qJ)
	jointBest, jointScore := -1, refScore
	if p.bids[ot] && scores[ot] > jointScore {
		jointBest, jointScore = ot, scores[ot]
	}
	joint := outcome{winner: jointBest, conc: -1, score: jointScore - refScore}
	if sJ > jointScore {
		joint = outcome{winner: 3, price: qJ.Price, loan: qJ.Share * qJ.Price, conc: -1, score: sJ - refScore}
		if fin == 1 {
			joint.conc = 3
		}
		pi := qJ.Price - cJ
		// Shapley split of the two-player game whose stand-alone worths
		// are the competitive profits (contest package).
		d := (pi - comp.profit[cn] - comp.profit[jp]) / 2
		joint.profit[cn], joint.profit[jp] = comp.profit[cn]+d, comp.profit[jp]+d
	} else if jointBest == ot {
		q := &quotes[ot]
		joint.price, joint.profit[ot], joint.loan = q.Price, q.Price-p.cost[ot], q.Share*q.Price
		if kinds[ot] == concessional {
			joint.conc = ot
		}
	}
	if commit {
		if best == cn || best == jp {
			yr.H2HProfit += comp.profit[best]
			yr.H2HOrders++
		}
		if joint.winner == 3 {
			yr.CoopProfit += joint.profit[cn] + joint.profit[jp]
			yr.CoopOrders++
		}
	}
	jointGain := joint.profit[cn] + joint.profit[jp] - comp.profit[cn] - comp.profit[jp]
	if m.coop && m.coopRegion[p.region] && joint.winner == 3 && jointGain > 0 {
		return m.finish(joint, st)
	}
	return m.finish(comp, st)
}

func (m *model) finish(o outcome, st *state) outcome {
	switch {
	case o.conc == 3:
		st.aiib -= o.loan
	case o.conc >= 0:
		st.budget[o.conc] -= o.loan
	}
	return o
}

// replay values markup profile mk over the first adapt.sample projects of
// the year, from the year's opening budgets and debts: each exporter's
// profit plus its order weight times its order value.
func (w *runner) replay(y int, mk [nE]float64, debt [nR]float64) [nE]float64 {
	m := w.m
	st := m.yearState(y)
	var u [nE]float64
	var scratch Year
	n := min(len(w.projs), m.sample)
	for i := range n {
		p := &w.projs[i]
		st.lambda = m.shadow + m.sens*debt[p.region]
		o := m.contest(p, mk, &st, false, &scratch)
		for e := range m.ex {
			u[e] += o.profit[e]
		}
		switch {
		case o.winner == 3:
			u[cn] += m.ex[cn].orderWeight * m.civil * o.price
			u[jp] += m.ex[jp].orderWeight * (1 - m.civil) * o.price
		case o.winner >= 0:
			u[o.winner] += m.ex[o.winner].orderWeight * o.price
		}
	}
	return u
}

// bestResponse moves each exporter's markup to the best of {m−step, m,
// m+step} against the others' current markups on the year's projects
// (simultaneous revision; ties keep the current markup).
func (w *runner) bestResponse(y int, markup [nE]float64, debt [nR]float64) [nE]float64 {
	next := markup
	for e := range markup {
		bestU := w.replay(y, markup, debt)[e]
		for _, d := range []float64{-w.m.step, w.m.step} {
			mk := markup
			mk[e] = math.Max(0, markup[e]+d)
			if mk[e] == markup[e] {
				continue
			}
			if u := w.replay(y, mk, debt)[e]; u > bestU {
				bestU, next[e] = u, mk[e]
			}
		}
	}
	return next
}

// initMix sets the replicator grid {step, 2·step, …, 8·step} and puts half
// of each exporter's weight on the grid point nearest its markup.
func (w *runner) initMix(markup [nE]float64) {
	const k = 8
	w.grid = w.grid[:0]
	for i := 1; i <= k; i++ {
		w.grid = append(w.grid, float64(i)*w.m.step)
	}
	for e := range w.mix {
		w.mix[e] = make([]float64, k)
		near := 0
		for i, x := range w.grid {
			if math.Abs(x-markup[e]) < math.Abs(w.grid[near]-markup[e]) {
				near = i
			}
		}
		for i := range w.mix[e] {
			w.mix[e][i] = 0.5 / k
		}
		w.mix[e][near] += 0.5
	}
}

// replicate moves the markup mixes one step of the replicator dynamics of
// the game whose players are the exporters, whose strategies are the grid's
// markups and whose payoffs are replayed on the year's projects
// (game.Replicator with one iteration).
func (w *runner) replicate(ctx context.Context, y int, debt [nR]float64) {
	k := len(w.grid)
	gm := game.New(k, k, k)
	var s [nE]int
	for s[0] = 0; s[0] < k; s[0]++ {
		for s[1] = 0; s[1] < k; s[1]++ {
			for s[2] = 0; s[2] < k; s[2]++ {
				u := w.replay(y, [nE]float64{w.grid[s[0]], w.grid[s[1]], w.grid[s[2]]}, debt)
				for e := range u {
					gm.SetPayoff(e, s[:], u[e])
				}
			}
		}
	}
	start := make(game.Profile, nE)
	for e := range start {
		start[e] = append([]float64(nil), w.mix[e]...)
	}
	tr, _ := game.Replicator(ctx, gm, game.DynamicsOptions{Start: start, Step: w.m.rate, MaxIter: 1, Every: 1})
	if tr == nil || tr.Final == nil {
		return
	}
	for e := range w.mix {
		copy(w.mix[e], tr.Final[e])
	}
}
