package store

import (
	"bytes"
	"compress/gzip"
	"context"
)

// WriteSeedImage is writeSeedImage, for the external tests.
var WriteSeedImage = writeSeedImage

// OpenWithoutImage is Open making a new store the slow way (migrations,
// then the embedded records written one by one), as without a seed image.
var OpenWithoutImage = func(ctx context.Context, path string) (*Store, error) { return open(ctx, path, false) }

// SeedImageCurrent reports whether the embedded seed image is the one of
// this schema and embedded data (Open then uses it).
func SeedImageCurrent() bool {
	zr, err := gzip.NewReader(bytes.NewReader(seedImage))
	return err == nil && zr.Comment == seedImageTag()
}

// MadeFromImage reports whether Open made s as a copy of the seed image
// (and nothing was imported into it since).
func MadeFromImage(s *Store) bool { return s.created }

// HasAppID is hasAppID, for the external tests.
var HasAppID = hasAppID
