package coop_test

import (
	"fmt"

	"github.com/infragame/infragame/coop"
)

// Two exporters and a host: the exporters alone earn nothing, together
// with the host a consortium earns 10, one exporter with the host 6.
func ExampleGame_Shapley() {
	g, err := coop.NewGame([]string{"A", "B", "host"}, map[string]float64{
		"A": 0, "B": 0, "host": 0,
		"A+B": 0, "A+host": 6, "B+host": 6,
		"A+B+host": 10,
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("Shapley %.4f\n", g.Shapley())
	c, _ := g.Core()
	fmt.Println("core non-empty:", c.NonEmpty)
	nu, _ := g.Nucleolus()
	fmt.Printf("nucleolus %.4f\n", nu)
	// Output:
	// Shapley [2.3333 2.3333 5.3333]
	// core non-empty: true
	// nucleolus [2.0000 2.0000 6.0000]
}

// Splitting a joint profit of 10 when going it alone yields 1 and 3.
func ExampleNashBargaining() {
	d := [2]float64{1, 3}
	u, _ := coop.NashBargaining(coop.TUFrontier(10, d), d, 0)
	fmt.Println(u)
	// Output:
	// [4 6]
}
