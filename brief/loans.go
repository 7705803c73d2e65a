package brief

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/units"
)

// LoanTerms converts a dataset loan record into finance loan terms: rate,
// maturity and grace as recorded (percent → decimal), equal-principal
// repayment unless the record says otherwise, two payments a year (the
// convention of JICA's yen loans and of China Eximbank's and CDB's loans as
// AidData records them), a principal of 1 in the loan currency unless an
// amount is recorded. It fails when rate, maturity or grace is missing.
func LoanTerms(l dataset.Loan) (finance.LoanTerms, error) {
	if l.RatePct == nil || l.MaturityYears == nil || l.GraceYears == nil {
		return finance.LoanTerms{}, fmt.Errorf("loan from %s: rate, maturity and grace are all needed", l.Lender)
	}
	t := finance.LoanTerms{
		Principal:         1,
		Currency:          l.Currency,
		Rate:              *l.RatePct / 100,
		MaturityYears:     *l.MaturityYears,
		GraceYears:        *l.GraceYears,
		Profile:           finance.EqualPrincipal,
		PaymentsPerYear:   2,
		GuaranteeRequired: l.GuaranteeRequired != nil && *l.GuaranteeRequired,
		Tied:              l.Tied != nil && *l.Tied,
	}
	switch l.Profile {
	case "annuity":
		t.Profile = finance.Annuity
	case "bullet":
		t.Profile = finance.Bullet
	}
	if l.Amount != nil && l.Amount.Currency == l.Currency && l.Amount.Amount > 0 {
		t.Principal = l.Amount.Amount
	}
	if t.Currency == "" {
		t.Currency = "USD"
	}
	if l.SharePct != nil {
		t.ShareFinanced = *l.SharePct / 100
	}
	// ValidateTerms allows durations that are not whole periods (AidData
	// records such as 21.75 years); methods that need whole periods say so.
	return t, t.ValidateTerms()
}

// LoanGE is the grant element of one recorded loan under the common
// conventions (fractions of face value): the IMF's 5 %, the DAC's
// traditional 10 %, and AidData's semi-annual convention at 10 %.
type LoanGE struct {
	Project   string  `json:"project"`
	Lender    string  `json:"lender"`
	OfferedBy string  `json:"offered_by"`
	Status    string  `json:"status"`
	Year      int     `json:"year"`
	Currency  string  `json:"currency"`
	RatePct   float64 `json:"rate_pct"`
	Maturity  float64 `json:"maturity_years"`
	Grace     float64 `json:"grace_years"`
	Guarantee bool    `json:"guarantee_required"`
	// IMF, DAC1972 and AidData10 are fractions of face value; nil (JSON
	// null) when the convention cannot value the terms, with the reason in
	// Note: the IMF and DAC conventions discount whole payment periods, so a
	// maturity such as 21.75 years under semi-annual payments has no value
	// there, while AidData's convention accepts fractional periods.
	// The JSON document writes them in percent of face value
	// (ge_imf_pct: 66.8 is 66.8 %; [LoanGE.MarshalJSON]).
	IMF       *float64 `json:"-"`
	DAC1972   *float64 `json:"-"`
	AidData10 *float64 `json:"-"`
	Note      string   `json:"note,omitempty"`
	// Published is the grant element the source publishes, if any (percent,
	// by the source's convention: PublishedMethod); PublishedIMF the one it
	// publishes by the IMF convention, beside which IMF is ours.
	Published       *float64 `json:"published_pct,omitempty"`
	PublishedMethod string   `json:"published_method,omitempty"`
	PublishedIMF    *float64 `json:"published_imf_pct,omitempty"`
}

// MarshalJSON writes the loan with its grant elements in percent of face
// value under names ending in _pct.
func (l LoanGE) MarshalJSON() ([]byte, error) {
	type plain LoanGE
	pct := func(f *float64) *float64 {
		if f == nil {
			return nil
		}
		p := units.PercentOf(*f)
		return &p
	}
	return json.Marshal(struct {
		plain
		IMFPct       *float64 `json:"ge_imf_pct"`
		DAC1972Pct   *float64 `json:"ge_dac1972_pct"`
		AidData10Pct *float64 `json:"ge_aiddata_10_pct"`
	}{plain(l), pct(l.IMF), pct(l.DAC1972), pct(l.AidData10)})
}

// LoanGrantElements computes [LoanGE] for every project loan in s whose
// rate, maturity and grace are recorded, in project order.
func LoanGrantElements(s *dataset.Set) ([]LoanGE, error) {
	var out []LoanGE
	for _, p := range s.Projects {
		for i, l := range p.Loans {
			if l.RatePct == nil || l.MaturityYears == nil || l.GraceYears == nil {
				continue
			}
			t, err := LoanTerms(l)
			if err != nil {
				return nil, fmt.Errorf("project %s loans[%d]: %w", p.ID, i, err)
			}
			g := LoanGE{Project: p.ID, Lender: l.Lender, OfferedBy: l.OfferedBy, Status: l.Status, Year: l.Year,
				Currency: t.Currency, RatePct: *l.RatePct, Maturity: *l.MaturityYears, Grace: *l.GraceYears,
				Guarantee: t.GuaranteeRequired, Published: l.GrantElementPct, PublishedMethod: l.GEMethod, PublishedIMF: l.GrantElementIMFPct}
			var notes []string
			ge := func(m finance.Method) *float64 {
				r, err := finance.GrantElement(t, m)
				if err != nil || math.IsNaN(r.GrantElement) || math.IsInf(r.GrantElement, 0) {
					msg := "not a finite value"
					if err != nil {
						msg = err.Error()
					}
					notes = append(notes, string(m.Name)+": "+msg)
					return nil
				}
				v := r.GrantElement
				return &v
			}
			g.IMF = ge(finance.Method{Name: finance.IMF})
			g.DAC1972 = ge(finance.Method{Name: finance.DAC1972})
			g.AidData10 = ge(finance.Method{Name: finance.AidData, Discount: 0.10})
			g.Note = strings.Join(notes, "; ")
			out = append(out, g)
		}
	}
	return out, nil
}

// String is a one-line summary of the terms.
func (g LoanGE) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %g %% / %g y / %g y grace", g.Lender, g.RatePct, g.Maturity, g.Grace)
	return b.String()
}

// ProjectOffers builds the financing offers of a dataset project for
// finance.Compare: for each lender, its last loan record with status offered
// or agreed and with rate, maturity and grace recorded (signed loans are
// later events, not offers). Every offer's cost is the project's recorded
// value; the guarantee, when the record says one was required, is valued
// with call probability pCall. It fails when fewer than two offers are
// found.
func ProjectOffers(p *dataset.Project, pCall float64) ([]finance.Offer, error) {
	if p.Value == nil {
		return nil, fmt.Errorf("project %s has no recorded value to use as the cost of the offers", p.ID)
	}
	byLender := map[string]int{}
	var out []finance.Offer
	for i, l := range p.Loans {
		if l.Status != "offered" && l.Status != "agreed" {
			continue
		}
		if l.RatePct == nil || l.MaturityYears == nil || l.GraceYears == nil {
			continue
		}
		t, err := LoanTerms(l)
		if err != nil {
			return nil, fmt.Errorf("project %s loans[%d]: %w", p.ID, i, err)
		}
		t.Principal = 0 // share × cost
		if t.ShareFinanced == 0 {
			return nil, fmt.Errorf("project %s loans[%d] (%s): share_pct is needed to size the loan", p.ID, i, l.Lender)
		}
		o := finance.Offer{
			Name:      fmt.Sprintf("%s-%s", strings.ToLower(l.OfferedBy), l.Lender),
			Lender:    l.Lender,
			Cost:      finance.Amount{Value: p.Value.Amount, Currency: p.Value.Currency, Year: p.Value.Year},
			Loan:      t,
			Guarantee: finance.Guarantee{CallProbability: pCall, LossGivenCall: 1},
			Source:    fmt.Sprintf("dataset %s loans[%d]: %s", p.ID, i, l.Source),
		}
		if k, ok := byLender[l.Lender]; ok {
			out[k] = o
		} else {
			byLender[l.Lender] = len(out)
			out = append(out, o)
		}
	}
	if len(out) < 2 {
		return nil, fmt.Errorf("project %s has %d loan offer(s) with complete terms and a share financed; comparing needs two", p.ID, len(out))
	}
	return out, nil
}

// Pct returns a grant element as a percentage of face value, or NaN when it
// is absent (charts skip NaN; tables print the absence).
func Pct(ge *float64) float64 {
	if ge == nil {
		return math.NaN()
	}
	return 100 * *ge
}
