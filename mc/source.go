package mc

import "math/rand/v2"

// Source returns the PCG source of run r of a simulation seeded with seed:
// rand.NewPCG(seed, r). Every Monte Carlo run in the project draws from it.
func Source(seed uint64, run int) *rand.PCG {
	return rand.NewPCG(seed, uint64(run))
}
