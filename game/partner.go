package game

import (
	"math"
	"math/big"
)

// partnerMatrices is C in the forms partnerSolver reads, shared (read
// only) by the solvers of all workers.
type partnerMatrices struct {
	c   [][]*big.Int
	c64 [][]int64 // C in int64 when every entry fits, else nil
	cf  [][]float64
}

func newPartnerMatrices(c [][]*big.Int) partnerMatrices {
	rows, cols := len(c), len(c[0])
	pm := partnerMatrices{c: c, cf: rowsOf(make([]float64, rows*cols), rows, cols)}
	fits := true
	for a := range rows {
		for b := range cols {
			if c[a][b].IsInt64() {
				// Exact below 2⁵³, else rounded to nearest as big.Float's.
				pm.cf[a][b] = float64(c[a][b].Int64())
				continue
			}
			fits = false
			pm.cf[a][b], _ = new(big.Float).SetInt(c[a][b]).Float64()
		}
	}
	if fits {
		pm.c64 = rowsOf(make([]int64, rows*cols), rows, cols)
		for a := range rows {
			for b := range cols {
				pm.c64[a][b] = c[a][b].Int64()
			}
		}
	}
	return pm
}

// partnerSolver solves square subsystems of {z ≥ 0 : C·z ≤ 1} exactly.
type partnerSolver struct {
	*partnerMatrices
	rows, cols         int
	rowLabel, varLabel func(int) int
	t                  hybridTableau
	rowOf              []int
	neg, used          []bool
	zf                 []float64
	isEq               []bool
	zRows              []int // scratch: the row of each variable, −1 when 0
	zNeg               []bool
	zSign              []int
}

func newPartnerSolver(pm *partnerMatrices, rowLabel, varLabel func(int) int) *partnerSolver {
	rows, cols := len(pm.c), len(pm.c[0])
	// One array each for the int and the bool scratch slices.
	ints, flags := make([]int, 3*cols), make([]bool, 2*cols+2*rows)
	ps := &partnerSolver{partnerMatrices: pm, rows: rows, cols: cols, rowLabel: rowLabel, varLabel: varLabel,
		rowOf: ints[:cols:cols], zRows: ints[cols : 2*cols : 2*cols], zSign: ints[2*cols:],
		neg: flags[:cols:cols], zNeg: flags[cols : 2*cols : 2*cols],
		used: flags[2*cols : 2*cols+rows : 2*cols+rows], isEq: flags[2*cols+rows:],
		zf: make([]float64, cols)}
	k := min(rows, cols) // the largest square system
	ps.t.reserve(k * (k + 1))
	return ps
}

// solve solves C_{eq,vars}·z_vars = 1 with the other variables 0 (a square
// system) by fraction-free Gauss–Jordan elimination. It reports whether the
// system is nonsingular, and if so whether z is a point of the polytope
// (z ≥ 0 and C·z ≤ 1 on the other rows, tested in floating point with a
// safety margin and exactly when the margin is not met), its label set, and
// z as integers (z times the determinant d).
func (ps *partnerSolver) solve(eq, vars []int) (nonsingular, feasible bool, labels uint64, z intVec) {
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
			return false, false, 0, intVec{}
		}
		if t.sgn(pr, j) < 0 {
			t.negCol(j)
			neg[j] = true
		}
		t.pivot(pr, j)
		used[pr], rowOf[j] = true, pr
	}
	// z_vars = ±rhs/d with d > 0.
	for j := range k {
		sg := t.sgn(rowOf[j], k)
		if neg[j] {
			sg = -sg
		}
		if sg < 0 {
			return true, false, 0, intVec{}
		}
	}
	// zs[b]: the sign of z_b; the integer vector is only made for a point
	// of the polytope.
	zs := ps.zSign[:ps.cols]
	clear(zs)
	zf := ps.zf
	clear(zf)
	for j, b := range vars {
		if zs[b] = t.sgn(rowOf[j], k); zs[b] != 0 {
			zs[b] = 1
			zf[b] = t.floatValue(rowOf[j])
			if neg[j] {
				zf[b] = -zf[b]
			}
		}
	}
	for b := range ps.cols {
		if zs[b] == 0 {
			labels |= 1 << uint(ps.varLabel(b))
		}
	}
	rows, negs := ps.zRows[:ps.cols], ps.zNeg[:ps.cols]
	for b := range rows {
		rows[b], negs[b] = -1, false
	}
	for j, b := range vars {
		rows[b], negs[b] = rowOf[j], neg[j]
	}
	isEq := ps.isEq
	clear(isEq)
	for _, a := range eq {
		isEq[a] = true
		labels |= 1 << uint(ps.rowLabel(a))
	}
	var d, e, tmp, zb big.Int
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
			return true, false, 0, intVec{}
		}
		// Too close to call in floating point: decide exactly, C_a·(d·z)
		// against d.
		if z.s == nil && z.b == nil {
			z = t.rhsVec(rows, negs)
		}
		e.SetInt64(0)
		for _, b := range vars {
			e.Add(&e, tmp.Mul(ps.c[a][b], z.big(b, &zb)))
		}
		switch e.Cmp(t.det(&d)) {
		case 1:
			return true, false, 0, intVec{}
		case 0:
			labels |= 1 << uint(ps.rowLabel(a))
		}
	}
	if z.s == nil && z.b == nil {
		z = t.rhsVec(rows, negs)
	}
	return true, true, labels, z
}
