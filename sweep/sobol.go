package sweep

import "fmt"

// joeKuo holds the primitive polynomials and initial direction numbers of
// dimensions 2 to 31 of the Sobol' sequence, from the file
// new-joe-kuo-6.21201 of S. Joe and F. Y. Kuo, "Constructing Sobol
// sequences with better two-dimensional projections", SIAM J. Sci. Comput.
// 30 (2008) 2635–2654, https://web.maths.unsw.edu.au/~fkuo/sobol/. Each row
// is s (degree), a (coefficients of the polynomial's inner terms) and
// m_1..m_s. Dimension 1 is the van der Corput sequence (all m = 1).
var joeKuo = []struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},
}

// MaxSobolDim is the largest dimension of [Sobol] (the direction numbers
// carried: Joe–Kuo dimensions 1 to 31).
const MaxSobolDim = 1 + 30

// sobolBits is the precision of the generator: points are multiples of
// 2^-32, and at most 2^32 - 1 points are generated.
const sobolBits = 32

// Sobol generates the Sobol' low-discrepancy sequence in [0, 1)^dim with
// the Joe–Kuo (2008) direction numbers, in Gray-code order (Antonov and
// Saleev 1979), unscrambled: point 0 is the origin, point 1 is (½, …, ½).
type Sobol struct {
	dim   int
	v     [][sobolBits]uint32 // direction numbers scaled by 2^32
	x     []uint32
	index uint64
}

// NewSobol returns a generator of dimension dim, 1 ≤ dim ≤ [MaxSobolDim].
func NewSobol(dim int) (*Sobol, error) {
	if dim < 1 || dim > MaxSobolDim {
		return nil, fmt.Errorf("sweep: Sobol' dimension %d outside [1, %d]", dim, MaxSobolDim)
	}
	s := &Sobol{dim: dim, v: make([][sobolBits]uint32, dim), x: make([]uint32, dim)}
	for i := range sobolBits {
		s.v[0][i] = 1 << (sobolBits - 1 - i)
	}
	for j := 1; j < dim; j++ {
		jk := joeKuo[j-1]
		v := &s.v[j]
		deg := int(jk.s)
		for i := 0; i < deg && i < sobolBits; i++ {
			v[i] = jk.m[i] << (sobolBits - 1 - i)
		}
		for i := deg; i < sobolBits; i++ {
			v[i] = v[i-deg] ^ (v[i-deg] >> jk.s)
			for k := 1; k < deg; k++ {
				v[i] ^= ((jk.a >> (deg - 1 - k)) & 1) * v[i-k]
			}
		}
	}
	return s, nil
}

// Next writes the next point into p (len p = dim) and returns its index.
func (s *Sobol) Next(p []float64) uint64 {
	if len(p) != s.dim {
		panic("sweep: Sobol.Next: wrong length")
	}
	i := s.index
	if i > 0 {
		// Gray code: flip the direction number of the lowest zero bit of i-1.
		c := 0
		for n := i - 1; n&1 == 1; n >>= 1 {
			c++
		}
		for j := range s.x {
			s.x[j] ^= s.v[j][c]
		}
	}
	for j, x := range s.x {
		p[j] = float64(x) / (1 << sobolBits)
	}
	s.index++
	return i
}

// At writes point i of the sequence into p without generating the points
// before it: the XOR of the direction numbers selected by the bits of the
// Gray code i ^ (i >> 1). It does not move the generator.
func (s *Sobol) At(i uint64, p []float64) {
	if len(p) != s.dim {
		panic("sweep: Sobol.At: wrong length")
	}
	g := i ^ (i >> 1)
	for j := range p {
		var x uint32
		for b := 0; g>>b != 0 && b < sobolBits; b++ {
			if g>>b&1 == 1 {
				x ^= s.v[j][b]
			}
		}
		p[j] = float64(x) / (1 << sobolBits)
	}
}
