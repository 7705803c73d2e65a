package game

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestPivotTiers runs sequences of fraction-free pivots on random integer
// tableaux whose entries have 1 to 40 bits (so that rows fall in the
// one-word tier, the 128-bit products and math/big, and move between them
// as the minors grow) and compares every entry after every pivot with the
// same pivots in math/big: T'_ij = (T_ij·p − T_ic·T_rj)/d. Half of the
// pivots are restricted to a random set of columns (as the reverse search
// does); only those are compared then, and the tableau is resynchronised.
func TestPivotTiers(t *testing.T) {
	rng := rand.New(rand.NewPCG(64, 61))
	for trial := range 3000 {
		rows, cols := 2+rng.IntN(8), 2+rng.IntN(10)
		nbits := 1 + rng.IntN(40)
		ref := make([][]*big.Int, rows)
		m := make([][]*big.Int, rows)
		rhs := make([]*big.Int, rows)
		for i := range rows {
			ref[i] = make([]*big.Int, cols+1)
			m[i] = make([]*big.Int, cols)
			for j := range cols + 1 {
				v := rng.Int64N(1<<nbits) - (1<<nbits)/2
				if rng.IntN(4) == 0 {
					v = 0
				}
				ref[i][j] = big.NewInt(v)
				if j < cols {
					m[i][j] = big.NewInt(v)
				} else {
					rhs[i] = big.NewInt(v)
				}
			}
		}
		tab := newHybridTableau(m, rhs)
		d := big.NewInt(1)
		usedRow, usedCol := make([]bool, rows), make([]bool, cols)
		for step := range min(rows, cols) {
			// A nonzero pivot in an unused row and column.
			r, c := -1, -1
			for range 50 {
				i, j := rng.IntN(rows), rng.IntN(cols)
				if !usedRow[i] && !usedCol[j] && ref[i][j].Sign() != 0 {
					r, c = i, j
					break
				}
			}
			if r < 0 {
				break
			}
			usedRow[r], usedCol[c] = true, true
			var sel []int
			if rng.IntN(2) == 0 {
				for j := range cols + 1 {
					if rng.IntN(3) > 0 {
						sel = append(sel, j)
					}
				}
			}
			if tab.nBig == 0 && tab.dBig == nil {
				tab.pivot64cols(r, c, sel)
			} else {
				tab.pivotCols(r, c, sel)
			}
			p := new(big.Int).Set(ref[r][c])
			var z big.Int
			for i := range rows {
				if i == r {
					continue
				}
				f := new(big.Int).Set(ref[i][c])
				for j := range cols + 1 {
					x := new(big.Int).Mul(ref[i][j], p)
					x.Sub(x, new(big.Int).Mul(f, ref[r][j]))
					x.Quo(x, d)
					ref[i][j] = x
				}
			}
			d = p
			if got := tab.det(&z); got.Cmp(d) != 0 {
				t.Fatalf("trial %d step %d: d = %v, want %v", trial, step, got, d)
			}
			check := sel
			if check == nil {
				check = make([]int, cols+1)
				for j := range check {
					check[j] = j
				}
			}
			for i := range rows {
				for _, j := range check {
					if got := tab.get(i*tab.stride+j, &z); got.Cmp(ref[i][j]) != 0 {
						t.Fatalf("trial %d step %d (%d bits, pivot %d,%d, cols %v): T[%d][%d] = %v, want %v",
							trial, step, nbits, r, c, sel, i, j, got, ref[i][j])
					}
				}
			}
			// Resynchronise the columns a restricted pivot left alone.
			for i := range rows {
				for j := range cols + 1 {
					tab.set(i*tab.stride+j, ref[i][j])
				}
			}
		}
	}
}

// TestOddInverse checks oddInverse on the edges and random values: odd·inv
// ≡ 1 modulo 2⁶⁴ and d = 2^shift·odd.
func TestOddInverse(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	ds := []int64{1, 2, 3, 4, 5, 6, 7, 8, 1 << 62, 3 << 61, 1<<63 - 1, 1<<63 - 2, 12345678901}
	for range 100000 {
		ds = append(ds, rng.Int64N(1<<63-1)+1)
	}
	for _, d := range ds {
		shift, inv := oddInverse(d)
		odd := uint64(d) >> shift
		if odd&1 != 1 || odd<<shift != uint64(d) || odd*inv != 1 {
			t.Fatalf("oddInverse(%d) = %d, %d: odd %d, odd·inv = %d", d, shift, inv, odd, odd*inv)
		}
	}
}
