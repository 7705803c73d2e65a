package nfg_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/nfg"
)

func TestXHang(t *testing.T) {
	b, _ := os.ReadFile("/tmp/hang.nfg")
	g, err := nfg.Parse(string(b))
	t.Log(err)
	if err != nil {
		return
	}
	t.Log(g.Shape(), g.Payoffs)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	t0 := time.Now()
	_, err = game.PureEquilibria(ctx, g)
	t.Log("pure", time.Since(t0), err)
	t0 = time.Now()
	_, err = game.LemkeHowson(ctx, g, game.LCPOptions{})
	t.Log("lcp", time.Since(t0), err)
}
