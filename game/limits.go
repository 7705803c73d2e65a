package game

import "fmt"

// Size limits. A game with K pure profiles and n players holds n·K payoffs,
// each as a float64 and an exact rational (about 100 bytes in all), so
// memory grows as 100·n·K bytes: 2^20 profiles of a two-player game take
// about 200 MB, 2^24 about 3.4 GB.
const (
	// DefaultMaxProfiles is the number of pure profiles readers and
	// generators accept unless told otherwise (a 1024×1024 game).
	DefaultMaxProfiles = 1 << 20
	// MaxProfiles is the most that can be asked for (a 4096×4096 game).
	MaxProfiles = 1 << 24
	// MaxPlayers bounds the number of players (each has at least two
	// strategies in an interesting game, and 2^24 bounds the profiles).
	MaxPlayers = 24
)

// CheckShape reports whether a game with shape (strategies per player) has
// at least one player, at least one strategy each, at most [MaxPlayers]
// players and at most maxProfiles pure profiles (0 means
// [DefaultMaxProfiles]; values above [MaxProfiles] are capped), computing
// the count without overflow. Errors wrap [ErrShape] or [ErrTooLarge].
func CheckShape(shape []int, maxProfiles int) error {
	if maxProfiles <= 0 {
		maxProfiles = DefaultMaxProfiles
	}
	maxProfiles = min(maxProfiles, MaxProfiles)
	if len(shape) < 1 {
		return fmt.Errorf("%w: no players", ErrShape)
	}
	if len(shape) > MaxPlayers {
		return fmt.Errorf("%w: %d players, at most %d", ErrTooLarge, len(shape), MaxPlayers)
	}
	k := 1
	for i, s := range shape {
		if s < 1 {
			return fmt.Errorf("%w: player %d has %d strategies", ErrShape, i+1, s)
		}
		if s > maxProfiles/k {
			return fmt.Errorf("%w: %s has more than %d pure profiles", ErrTooLarge, shapeString(shape), maxProfiles)
		}
		k *= s
	}
	return nil
}
