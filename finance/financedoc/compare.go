package financedoc

import (
	"fmt"
	"strings"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/offerfile"
	"github.com/infragame/infragame/units"
)

// ComparisonProject is the project of a [Comparison].
type ComparisonProject struct {
	Name            string  `json:"name"`
	HostCurrency    string  `json:"host_currency"`
	HostDiscountPct float64 `json:"host_discount_pct"`
	IncomeGroup     string  `json:"income_group,omitempty"`
	Year            int     `json:"year"`
}

// Offer is one offer of a [Comparison]; money in the host currency of the
// comparison's year unless the field says otherwise (Loan is in its own
// currency).
type Offer struct {
	Name           string            `json:"name"`
	Lender         string            `json:"lender"`
	Cost           float64           `json:"cost"`
	Loan           finance.Amount    `json:"loan"`
	LoanHost       float64           `json:"loan_host"`
	GrantElements  []GE              `json:"grant_elements"`
	PVDebtService  float64           `json:"pv_debt_service"`
	Subsidy        float64           `json:"subsidy"`
	EffectivePrice float64           `json:"effective_price"`
	GuaranteeValue float64           `json:"guarantee_value"`
	AllInCost      float64           `json:"all_in_cost"`
	FXDrift        []finance.FXDrift `json:"fx_drift"`
	Tied           bool              `json:"tied"`
	Source         string            `json:"source,omitempty"`
}

// BreakEven is one break-even of a [Comparison]: the value of Param at
// which Offer costs the host as much as Target. Value and Current are in
// Unit: pct for the rate, years for grace and maturity.
type BreakEven struct {
	Offer      string  `json:"offer"`
	Target     string  `json:"target"`
	Param      string  `json:"param"`
	Found      bool    `json:"found"`
	Value      float64 `json:"value"`
	Current    float64 `json:"current"`
	Unit       string  `json:"unit"`
	TargetCost float64 `json:"target_cost"`
	Note       string  `json:"note,omitempty"`
}

// Comparison is the document of "finance compare".
type Comparison struct {
	Project   ComparisonProject `json:"project"`
	Offers    []Offer           `json:"offers"`
	BreakEven []BreakEven       `json:"break_even"`
	// CostBasis says how the offers' costs were set when they do not come
	// from a file (--project: equalised at the project's recorded value).
	CostBasis string `json:"cost_basis,omitempty"`
	// Result is the comparison behind the document.
	Result *finance.Comparison `json:"-"`
}

// ComparisonOf is the document of res.
func ComparisonOf(res *finance.Comparison) *Comparison {
	doc := &Comparison{Result: res}
	p := res.Project
	doc.Project = ComparisonProject{Name: p.Name, HostCurrency: p.HostCurrency, HostDiscountPct: PctOf(p.HostDiscount),
		IncomeGroup: string(p.IncomeGroup), Year: p.Year}
	for _, o := range res.Offers {
		od := Offer{Name: o.Name, Lender: o.Lender, Cost: o.Cost, Loan: o.Loan, LoanHost: o.LoanHost,
			PVDebtService: o.PVDebtService, Subsidy: o.Subsidy, EffectivePrice: o.EffectivePrice,
			GuaranteeValue: o.GuaranteeValue, AllInCost: o.AllInCost, FXDrift: o.FXDrift, Tied: o.Tied, Source: o.Source}
		if od.FXDrift == nil {
			od.FXDrift = []finance.FXDrift{}
		}
		for _, g := range o.GrantElements {
			od.GrantElements = append(od.GrantElements, GEOf(g))
		}
		doc.Offers = append(doc.Offers, od)
	}
	doc.BreakEven = []BreakEven{}
	for _, b := range res.BreakEvens {
		d := BreakEven{Offer: b.Offer, Target: b.Target, Param: string(b.Param), Found: b.Found, Value: b.Value,
			Current: b.Current, TargetCost: b.TargetCost, Note: b.Note, Unit: "years"}
		if b.Param == finance.BreakEvenRate {
			d.Unit, d.Value, d.Current = "pct", 100*b.Value, PctOf(b.Current)
		}
		doc.BreakEven = append(doc.BreakEven, d)
	}
	return doc
}

// ProjectInput builds the comparison of a dataset project's loan offers:
// each lender's last offered or agreed loan with complete terms, sized at
// its share of the project's recorded value ([brief.ProjectOffers]), from
// the host's side at hostDiscount (decimal a year) with callProb the
// probability (0–1) that a required guarantee is called, and a break-even
// of the rate for every ordered pair of offers. group may be empty.
func ProjectInput(p *dataset.Project, hostDiscount, callProb float64, group finance.IncomeGroup) (*finance.CompareInput, error) {
	offers, err := brief.ProjectOffers(p, callProb)
	if err != nil {
		return nil, err
	}
	in := &finance.CompareInput{
		Project: finance.Project{Name: p.Name, HostCurrency: p.Value.Currency, HostDiscount: hostDiscount, Year: p.Value.Year, IncomeGroup: group},
		Offers:  offers,
	}
	for i := range offers {
		for j := range offers {
			if i != j {
				in.BreakEvens = append(in.BreakEvens, finance.BreakEven{Offer: offers[i].Name, Target: offers[j].Name, Param: finance.BreakEvenRate})
			}
		}
	}
	return in, nil
}

// CompareProject compares the loan offers of project p ([ProjectInput])
// with the exchange rates fx and says in CostBasis that every offer is
// valued at the project's recorded value.
func CompareProject(p *dataset.Project, hostDiscount, callProb float64, group finance.IncomeGroup, fx finance.FXTable) (*Comparison, error) {
	in, err := ProjectInput(p, hostDiscount, callProb, group)
	if err != nil {
		return nil, err
	}
	in.FX = fx
	res, err := finance.Compare(*in)
	if err != nil {
		return nil, err
	}
	doc := ComparisonOf(res)
	c := in.Offers[0].Cost
	doc.CostBasis = fmt.Sprintf("equalised: every offer is valued at the project's recorded value, %s %s (%d), and each loan sized at its share of it; the dataset records no offer-specific cost, so price differences between the offers are not in this comparison (write a file with each offer's own cost: docs/finance.md)",
		formatFloat(c.Value), c.Currency, c.Year)
	return doc, nil
}

// formatFloat prints x as tables do: whole numbers from a million up to
// 1e15, six significant digits otherwise.
func formatFloat(x float64) string {
	if ax := max(x, -x); ax >= 1e6 && ax < 1e15 {
		return fmt.Sprintf("%.0f", x)
	}
	return strings.TrimSpace(fmt.Sprintf("%.6g", x))
}

// CompareOverrides change a comparison read from a file; a nil field keeps
// the file's value.
type CompareOverrides struct {
	// HostDiscount is the host's discount rate, decimal a year.
	HostDiscount *float64
	// CallProbability is every offer's probability (0–1) that a required
	// guarantee is called.
	CallProbability *float64
	// IncomeGroup is the host's DAC income group (for dac2018).
	IncomeGroup *finance.IncomeGroup
}

// Apply sets the overridden values in in.
func (o CompareOverrides) Apply(in *finance.CompareInput) {
	if o.HostDiscount != nil {
		in.Project.HostDiscount = *o.HostDiscount
	}
	if o.CallProbability != nil {
		for i := range in.Offers {
			in.Offers[i].Guarantee.CallProbability = *o.CallProbability
		}
	}
	if o.IncomeGroup != nil {
		in.Project.IncomeGroup = *o.IncomeGroup
	}
}

// CompareFile compares the offers of the comparison file name with content
// data ([offerfile.Parse] with uo), after applying o. The exchange rates are
// layered, lowest precedence first: base (for example the dataset's), the
// file's fx block, then user (for example a rates file). An error in the
// offers names the file's line ([offerfile.Locate]).
func CompareFile(name string, data []byte, uo units.Options, o CompareOverrides, base, user finance.FXTable) (*finance.Comparison, error) {
	in, err := offerfile.Parse(name, data, uo)
	if err != nil {
		return nil, err
	}
	o.Apply(in)
	fx := finance.FXTable{}
	fx.Merge(base)
	fx.Merge(in.FX)
	fx.Merge(user)
	in.FX = fx
	res, err := finance.Compare(*in)
	if err != nil {
		return nil, offerfile.Locate(name, data, err)
	}
	return res, nil
}
