package contest_test

import (
	"fmt"

	"github.com/infragame/infragame/contest"
)

// Two exporters whose host cost equals their price, costs uniform on
// [1, 2], an outside option of 3 the host never needs: head-on, each earns
// 1/6 and the host keeps 3 − 5/3; as a consortium bargaining evenly with the
// host they earn 0.75 together, so cooperation pays both.
func ExampleAnalyze() {
	line := contest.Line{W: 1}
	r, err := contest.Analyze(contest.Setup{
		Exporters:    [2]contest.Exporter{{Name: "a", Low: 1, High: 2, Line: line}, {Name: "b", Low: 1, High: 2, Line: line}},
		Reserve:      3,
		HostPower:    0.5,
		CivilShare:   0.6,
		FinanceShare: [2]float64{0.5, 0.5},
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("competing: %.4f each, host %.4f\n", r.Competitive.Exporters[0].ExpectedProfit, r.Competitive.HostSurplus)
	fmt.Printf("cooperating: %.4f together, host %.4f, pays both: %v\n", r.Cooperative.JointProfit, r.Cooperative.HostSurplus, r.PaysBoth)
	// Output:
	// competing: 0.1667 each, host 1.3333
	// cooperating: 0.7500 together, host 0.7500, pays both: true
}
