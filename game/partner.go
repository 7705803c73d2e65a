package game

import (
	"math"
	"math/big"
)

// partnerSolver solves square subsystems of {z ≥ 0 : C·z ≤ 1} exactly.
type partnerSolver struct {
	c                  [][]*big.Int
	c64                [][]int64 // C in int64 when every entry fits, else nil
	cf                 [][]float64
	rows, cols         int
	rowLabel, varLabel func(int) int
	t                  hybridTableau
	rowOf              []int
	neg, used          []bool
	zf                 []float64
	isEq               []bool
}

func newPartnerSolver(c [][]*big.Int, rowLabel, varLabel func(int) int) *partnerSolver {
	rows, cols := len(c), len(c[0])
	ps := &partnerSolver{c: c, rows: rows, cols: cols, rowLabel: rowLabel, varLabel: varLabel,
		rowOf: make([]int, cols), neg: make([]bool, cols), used: make([]bool, rows),
		zf: make([]float64, cols), isEq: make([]bool, rows)}
	ps.cf = make([][]float64, rows)
	fits := true
	for a := range rows {
		ps.cf[a] = make([]float64, cols)
		for b := range cols {
			ps.cf[a][b], _ = new(big.Float).SetInt(c[a][b]).Float64()
			fits = fits && c[a][b].IsInt64()
		}
	}
	if fits {
		ps.c64 = make([][]int64, rows)
		for a := range rows {
			ps.c64[a] = make([]int64, cols)
			for b := range cols {
				ps.c64[a][b] = c[a][b].Int64()
			}
		}
	}
	return ps
}

// solve solves C_{eq,vars}·z_vars = 1 with the other variables 0 (a square
// system) by fraction-free Gauss–Jordan elimination. It reports whether the
// system is nonsingular, and if so whether z is a point of the polytope
// (z ≥ 0 and C·z ≤ 1 on the other rows, tested in floating point with a
// safety margin and exactly when the margin is not met), its label set, and
// a function returning z exactly.
func (ps *partnerSolver) solve(eq, vars []int) (nonsingular, feasible bool, labels uint64, exact func() []*big.Rat) {
	k := len(vars)
	t := ps.t.reset(k, k+1)
	for r, a := range eq {
		for j, b := range vars {
			t.setEntry(r*(k+1)+j, ps.c[a][b], ps.c64, a, b)
		}
		t.a[r*(k+1)+k] = 1
	}
	rowOf, neg, used := ps.rowOf[:k], ps.neg[:k], ps.used[:k]
	for j := range k {
		rowOf[j], neg[j], used[j] = -1, false, false
	}
	for j := range k {
		pr := -1
		for r := range k {
			if used[r] {
				continue
			}
			if s := t.sgn(r, j); s > 0 {
				pr = r
				break
			} else if s < 0 && pr < 0 {
				pr = r
			}
		}
		if pr < 0 {
			return false, false, 0, nil
		}
		if t.sgn(pr, j) < 0 {
			t.negCol(j)
			neg[j] = true
		}
		t.pivot(pr, j)
		used[pr], rowOf[j] = true, pr
	}
	// z_vars = ±rhs/d with d > 0.
	zf := ps.zf
	clear(zf)
	for j, b := range vars {
		sg := t.sgn(rowOf[j], k)
		if neg[j] {
			sg = -sg
		}
		if sg < 0 {
			return true, false, 0, nil
		}
		if sg == 0 {
			continue
		}
		zf[b] = t.floatValue(rowOf[j])
		if neg[j] {
			zf[b] = -zf[b]
		}
	}
	var zr []*big.Rat
	exact = func() []*big.Rat {
		if zr != nil {
			return zr
		}
		zr = make([]*big.Rat, ps.cols)
		for b := range zr {
			zr[b] = new(big.Rat)
		}
		for j, b := range vars {
			zr[b] = t.value(rowOf[j])
			if neg[j] {
				zr[b].Neg(zr[b])
			}
		}
		return zr
	}
	for b := range ps.cols {
		if zf[b] == 0 && (!containsInt(vars, b) || exact()[b].Sign() == 0) {
			labels |= 1 << uint(ps.varLabel(b))
		}
	}
	isEq := ps.isEq
	clear(isEq)
	for _, a := range eq {
		isEq[a] = true
		labels |= 1 << uint(ps.rowLabel(a))
	}
	for a := range ps.rows {
		if isEq[a] {
			continue
		}
		s, abs := -1.0, 1.0
		for _, b := range vars {
			p := ps.cf[a][b] * zf[b]
			s += p
			abs += math.Abs(p)
		}
		if s < -1e-9*abs {
			continue
		}
		if s > 1e-9*abs {
			return true, false, 0, nil
		}
		// Too close to call in floating point: decide exactly.
		z := exact()
		e := new(big.Rat)
		var tmp big.Rat
		for _, b := range vars {
			e.Add(e, tmp.Mul(new(big.Rat).SetInt(ps.c[a][b]), z[b]))
		}
		switch e.Cmp(big.NewRat(1, 1)) {
		case 1:
			return true, false, 0, nil
		case 0:
			labels |= 1 << uint(ps.rowLabel(a))
		}
	}
	// The exact values must be materialised before the tableau is reused.
	exact()
	return true, true, labels, exact
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
