package game

import (
	"math"
	"math/big"
	"math/bits"
	"slices"
)

// partners finds, for every vertex v of one best-response polytope, the
// vertex of the other polytope {z ≥ 0 : C·z ≤ 1} that completes its labels,
// instead of enumerating the other polytope. Row a of C carries label
// rowLabel(a), variable z_b label varLabel(b). If v has exactly dim labels
// (nondegenerate), the partner must make tight the rows whose labels v
// lacks and be supported on the variables whose labels v has: a square
// system C_{T,S}·z_S = 1. When it is nonsingular the partner is unique, and
// it exists exactly when the solution is ≥ 0 and satisfies the other rows.
// ok is false when some vertex is degenerate or some system singular; the
// caller then enumerates both polytopes.
//
// The solve is fraction-free Gauss–Jordan in the hybrid tableau; the other
// rows are tested in floating point with a safety margin, exactly when the
// margin is not met.
func partners(verts []vertex, dim int, originMask uint64, c [][]*big.Int,
	rowLabel, varLabel func(int) int) (other []vertex, pairs [][2]int, ok bool) {
	rows, cols := len(c), len(c[0])
	cf := make([][]float64, rows)
	for a := range rows {
		cf[a] = make([]float64, cols)
		for b := range cols {
			cf[a][b], _ = new(big.Float).SetInt(c[a][b]).Float64()
		}
	}
	index := map[uint64]int{}
	var tight, supp []int
	// c64 holds C in int64 when every entry fits.
	var c64 [][]int64
	fits := true
	for a := range rows {
		for b := range cols {
			fits = fits && c[a][b].IsInt64()
		}
	}
	if fits {
		c64 = make([][]int64, rows)
		for a := range rows {
			c64[a] = make([]int64, cols)
			for b := range cols {
				c64[a][b] = c[a][b].Int64()
			}
		}
	}
	reuse := &hybridTableau{}
	dimMax := min(rows, cols)
	rowOf, neg, used := make([]int, dimMax), make([]bool, dimMax), make([]bool, dimMax)
	zf := make([]float64, cols)
	isTight := make([]bool, rows)
	for vi, v := range verts {
		if bits.OnesCount64(v.labels) != dim {
			return nil, nil, false
		}
		if v.labels&originMask == originMask {
			continue
		}
		tight, supp = tight[:0], supp[:0]
		for a := range rows {
			if v.labels>>uint(rowLabel(a))&1 == 0 {
				tight = append(tight, a)
			}
		}
		for b := range cols {
			if v.labels>>uint(varLabel(b))&1 == 1 {
				supp = append(supp, b)
			}
		}
		k := len(supp)
		if k != len(tight) {
			return nil, nil, false
		}
		if k == 0 {
			continue
		}
		t := reuse.reset(k, k+1)
		for r, a := range tight {
			for j, b := range supp {
				t.setEntry(r*(k+1)+j, c[a][b], c64, a, b)
			}
			t.a[r*(k+1)+k] = 1
		}
		for j := range k {
			rowOf[j], neg[j], used[j] = -1, false, false
		}
		singular := false
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
				singular = true
				break
			}
			if t.sgn(pr, j) < 0 {
				t.negCol(j)
				neg[j] = true
			}
			t.pivot(pr, j)
			used[pr], rowOf[j] = true, pr
		}
		if singular {
			return nil, nil, false
		}
		// z_S = ±rhs/d with d > 0: signs and float values first.
		feasible := true
		clear(zf)
		zero := uint64(0)
		for j, b := range supp {
			sg := t.sgn(rowOf[j], k)
			if neg[j] {
				sg = -sg
			}
			if sg < 0 {
				feasible = false
				break
			}
			if sg == 0 {
				zero |= 1 << uint(b)
				continue
			}
			zf[b] = t.floatValue(rowOf[j])
			if neg[j] {
				zf[b] = -zf[b]
			}
		}
		if !feasible {
			continue
		}
		z := func() []*big.Rat {
			out := make([]*big.Rat, cols)
			for b := range out {
				out[b] = new(big.Rat)
			}
			for j, b := range supp {
				out[b] = t.value(rowOf[j])
				if neg[j] {
					out[b].Neg(out[b])
				}
			}
			return out
		}
		var zr []*big.Rat
		labels := uint64(0)
		for _, a := range tight {
			labels |= 1 << uint(rowLabel(a))
		}
		for b := range cols {
			if zf[b] == 0 && (zero>>uint(b)&1 == 1 || !slices.Contains(supp, b)) {
				labels |= 1 << uint(varLabel(b))
			}
		}
		clear(isTight)
		for _, a := range tight {
			isTight[a] = true
		}
		for a := range rows {
			if isTight[a] {
				continue
			}
			s, abs := -1.0, 1.0
			for _, b := range supp {
				p := cf[a][b] * zf[b]
				s += p
				abs += math.Abs(p)
			}
			if s < -1e-9*abs {
				continue
			}
			if s > 1e-9*abs {
				feasible = false
				break
			}
			// Too close to call in floating point: decide exactly.
			if zr == nil {
				zr = z()
			}
			e := new(big.Rat)
			var tmp big.Rat
			for _, b := range supp {
				e.Add(e, tmp.Mul(new(big.Rat).SetInt(c[a][b]), zr[b]))
			}
			switch e.Cmp(big.NewRat(1, 1)) {
			case 1:
				feasible = false
			case 0:
				labels |= 1 << uint(rowLabel(a))
			}
			if !feasible {
				break
			}
		}
		if !feasible {
			continue
		}
		oi, seen := index[labels]
		if !seen {
			oi = len(other)
			index[labels] = oi
			if zr == nil {
				zr = z()
			}
			other = append(other, vertex{labels: labels, coords: bigCapture(zr)})
		}
		pairs = append(pairs, [2]int{vi, oi})
	}
	return other, pairs, true
}
