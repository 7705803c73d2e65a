package efg

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/nfg"
)

// ErrFormat is returned by [Convert] for a format other than nfg and efg.
var ErrFormat = errors.New("efg: unknown format")

// Convert writes a game in the format to ("nfg" or "efg"), as `infragame
// game convert --to` does: exactly one of sg (strategic form) and eg
// (extensive form) is set. An extensive-form game becomes its reduced
// normal form ([ReducedNormalForm], written in the .nfg outcome version); a
// strategic-form game becomes the tree in which the players move in turn
// without seeing earlier moves ([FromStrategic]); a game already in the
// format is rewritten canonically. Payoffs stay exact.
func Convert(ctx context.Context, sg *game.Game, eg *Game, to string) ([]byte, error) {
	if (sg == nil) == (eg == nil) {
		panic("efg: Convert needs exactly one game")
	}
	var b bytes.Buffer
	switch to {
	case "nfg":
		if eg != nil {
			red, err := ReducedNormalForm(ctx, eg)
			if err != nil {
				return nil, err
			}
			sg = red.Game
		}
		if err := nfg.Write(&b, sg, nfg.OutcomeVersion); err != nil {
			return nil, err
		}
	case "efg":
		if sg != nil {
			var err error
			if eg, err = FromStrategic(sg); err != nil {
				return nil, err
			}
		}
		if err := Write(&b, eg); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w %q: want nfg or efg", ErrFormat, to)
	}
	return b.Bytes(), nil
}
