package efg_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/infragame/infragame/game/efg"
)

const entry = `EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" } ""
p "" 1 1 "entrant" { "Out" "In" } 0
t "" 1 "stay out" { 0, 4 }
p "" 2 1 "incumbent" { "Fight" "Accommodate" } 0
t "" 2 "price war" { -1, -1 }
t "" 3 "share the market" { 1, 1 }
`

func ExampleSubgamePerfect() {
	g, err := efg.Parse("entry.efg", []byte(entry))
	if err != nil {
		panic(err)
	}
	spe, err := efg.SubgamePerfect(g)
	if err != nil {
		panic(err)
	}
	for p, sets := range spe.Behavior {
		for h, d := range sets {
			for a, pr := range d {
				if pr.Sign() > 0 {
					fmt.Printf("%s at %s: %s\n", g.Players[p], g.Infosets[p+1][h].Label, g.Infosets[p+1][h].Actions[a])
				}
			}
		}
	}
	fmt.Println("payoffs:", spe.Payoffs[0], spe.Payoffs[1])
	// Output:
	// Entrant at entrant: In
	// Incumbent at incumbent: Accommodate
	// payoffs: 1/1 1/1
}

func ExampleSequenceForm() {
	b, err := os.ReadFile("../../examples/game/kuhn-poker.efg")
	if err != nil {
		panic(err)
	}
	g, err := efg.Parse("kuhn-poker.efg", b)
	if err != nil {
		panic(err)
	}
	eqs, sf, err := efg.SequenceForm(context.Background(), g, efg.SeqFormOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("sequences:", sf.Size[0], sf.Size[1])
	fmt.Println("value to player 1:", eqs[0].Payoffs[0].RatString())
	// Output:
	// sequences: 13 13
	// value to player 1: -1/18
}

func ExampleReducedNormalForm() {
	g, err := efg.Parse("entry.efg", []byte(entry))
	if err != nil {
		panic(err)
	}
	red, err := efg.ReducedNormalForm(context.Background(), g)
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.Join(red.Game.Strategies[0], " | "))
	fmt.Println(strings.Join(red.Game.Strategies[1], " | "))
	// Output:
	// Out | In
	// Fight | Accommodate
}

func ExampleWrite() {
	g := efg.New("Matching pennies with a peek", "Matcher", "Guesser")
	coin := g.NewInfoset(1, "", []string{"H", "T"}, nil)
	guess := g.NewInfoset(2, "blind", []string{"h", "t"}, nil)
	win, lose := g.NewOutcome("match", efg.R(1), efg.R(-1)), g.NewOutcome("miss", efg.R(-1), efg.R(1))
	root := efg.Move("", coin, nil,
		efg.Move("", guess, nil, efg.Leaf("", win), efg.Leaf("", lose)),
		efg.Move("", guess, nil, efg.Leaf("", lose), efg.Leaf("", win)))
	if err := g.SetRoot(root); err != nil {
		panic(err)
	}
	if err := efg.Write(os.Stdout, g); err != nil {
		panic(err)
	}
	// Output:
	// EFG 2 R "Matching pennies with a peek" { "Matcher" "Guesser" }
	// ""
	//
	// p "" 1 1 "" { "H" "T" } 0
	// p "" 2 1 "blind" { "h" "t" } 0
	// t "" 1 "match" { 1, -1 }
	// t "" 2 "miss" { -1, 1 }
	// p "" 2 1 "blind" { "h" "t" } 0
	// t "" 2 "miss" { -1, 1 }
	// t "" 1 "match" { 1, -1 }
}
