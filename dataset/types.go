package dataset

// Kind names a kind of record. Every record of every kind has an ID that is
// unique across the whole dataset, so `infragame data show ID` needs no kind.
type Kind string

// The record kinds, in the order they are listed and exported.
const (
	KindFact        Kind = "fact"
	KindProject     Kind = "project"
	KindInstitution Kind = "institution"
	KindStrategy    Kind = "strategy"
	KindEvent       Kind = "event"
	KindFX          Kind = "fx"
)

// Kinds lists every kind in canonical order.
var Kinds = []Kind{KindFact, KindProject, KindInstitution, KindStrategy, KindEvent, KindFX}

// Printed is a figure exactly as the source prints it: the number, its scale
// word (万亿 = 10^12, 亿 = 10^8, 万 = 10^4, "" = 1) and its unit word
// (日元, 美元, 件, 公里, %, …), and the characters of the figure as printed
// (for example "9． 26 万亿日元", full-width punctuation kept).
type Printed struct {
	Value float64 `yaml:"value" json:"value"`
	Scale string  `yaml:"scale,omitempty" json:"scale,omitempty"`
	Unit  string  `yaml:"unit" json:"unit"`
	Text  string  `yaml:"text,omitempty" json:"text,omitempty"`
}

// Quantity is a normalised value in a base unit. Money is in whole currency
// units (JPY, USD, CNY, …: ISO 4217) of price year Year; other units are
// "count", "percent", "km", "m", "MW", "years", "km/h", "share" (0–1).
type Quantity struct {
	Value float64 `yaml:"value" json:"value"`
	Unit  string  `yaml:"unit" json:"unit"`
	// Year is the price year for money, otherwise the year the value refers to (optional).
	Year int `yaml:"year,omitempty" json:"year,omitempty"`
}

// Money is an amount with its currency and price year, optionally with the
// figure as printed in the source.
type Money struct {
	Amount   float64  `yaml:"amount" json:"amount"`
	Currency string   `yaml:"currency" json:"currency"`
	Year     int      `yaml:"year" json:"year"`
	Printed  *Printed `yaml:"printed,omitempty" json:"printed,omitempty"`
}

// Common holds the fields every record carries.
type Common struct {
	ID string `yaml:"id" json:"id"`
	// Source is the seed section ("seed §1.3(1)") or a citation for outside
	// facts (publisher, title, date, URL).
	Source string `yaml:"source" json:"source"`
	// Quote is the source's own words (Chinese for the seed), verbatim.
	Quote string `yaml:"quote,omitempty" json:"quote,omitempty"`
	// Flags mark records that need care: "inconsistent" (the figure as
	// printed does not agree with another figure or with arithmetic; kept as
	// printed), "approximate", "estimate", "disputed".
	Flags []string `yaml:"flags,omitempty" json:"flags,omitempty"`
	// Note explains a flag or a normalisation choice.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Fact is one quantitative statement: a number from the seed paper (with the
// figure as printed) or from an outside source.
type Fact struct {
	Common `yaml:",inline"`
	// Topic groups facts: orders, sectors, overseas-construction (OCAJI survey),
	// plant-contracts (JMC survey), china-contracting, filp, mekong, pqi, aiib,
	// africa, forum, central-asia, india, strategy, ...
	Topic string `yaml:"topic" json:"topic"`
	// Subject says in English what the number measures.
	Subject string `yaml:"subject" json:"subject"`
	// Entity is the country (ISO 3166-1 alpha-2) or institution id the figure is about.
	Entity string `yaml:"entity,omitempty" json:"entity,omitempty"`
	Region string `yaml:"region,omitempty" json:"region,omitempty"`
	Sector string `yaml:"sector,omitempty" json:"sector,omitempty"`
	// Year is the year the figure refers to (the end year of a period; the
	// Japanese fiscal year when FiscalYear is set: April to the next March).
	Year       int    `yaml:"year,omitempty" json:"year,omitempty"`
	FiscalYear bool   `yaml:"fiscal_year,omitempty" json:"fiscal_year,omitempty"`
	Period     string `yaml:"period,omitempty" json:"period,omitempty"`
	// Metric is a stable machine name for what is measured, e.g.
	// orders_value, orders_count, growth_pct, share_pct, count.
	Metric  string   `yaml:"metric" json:"metric"`
	Printed *Printed `yaml:"printed,omitempty" json:"printed,omitempty"`
	Value   Quantity `yaml:"value" json:"value"`
}

// Party is a country's part in a project.
type Party struct {
	// Country is ISO 3166-1 alpha-2 (JP, CN, FR, …).
	Country string `yaml:"country" json:"country"`
	// Role is winner, bidder, partner, lender or operator.
	Role  string   `yaml:"role" json:"role"`
	Firms []string `yaml:"firms,omitempty" json:"firms,omitempty"`
}

// Loan is one loan (offered or signed) for a project. Rates are in percent
// per year as lenders quote them; maturity includes grace.
type Loan struct {
	// Lender is an institution id (jica, cdb, china-exim, …).
	Lender string `yaml:"lender" json:"lender"`
	// OfferedBy is the lender's country (ISO 3166-1 alpha-2) or "multilateral".
	OfferedBy string `yaml:"offered_by,omitempty" json:"offered_by,omitempty"`
	// Status is offered, agreed, signed or disbursed.
	Status string `yaml:"status" json:"status"`
	Year   int    `yaml:"year,omitempty" json:"year,omitempty"`
	Amount *Money `yaml:"amount,omitempty" json:"amount,omitempty"`
	// Currency of denomination (ISO 4217).
	Currency string `yaml:"currency,omitempty" json:"currency,omitempty"`
	// SharePct is the share of project cost financed, in percent.
	SharePct      *float64 `yaml:"share_pct,omitempty" json:"share_pct,omitempty"`
	RatePct       *float64 `yaml:"rate_pct,omitempty" json:"rate_pct,omitempty"`
	MaturityYears *float64 `yaml:"maturity_years,omitempty" json:"maturity_years,omitempty"`
	GraceYears    *float64 `yaml:"grace_years,omitempty" json:"grace_years,omitempty"`
	// Profile is the repayment profile: equal-principal, annuity, bullet.
	Profile string `yaml:"profile,omitempty" json:"profile,omitempty"`
	// GuaranteeRequired: the lender asks for a host sovereign guarantee.
	GuaranteeRequired *bool `yaml:"guarantee_required,omitempty" json:"guarantee_required,omitempty"`
	// Tied: procurement is tied to the lender country's firms.
	Tied *bool `yaml:"tied,omitempty" json:"tied,omitempty"`
	// GrantElementPct as published by the source, if any (with GEMethod).
	GrantElementPct *float64 `yaml:"grant_element_pct,omitempty" json:"grant_element_pct,omitempty"`
	GEMethod        string   `yaml:"ge_method,omitempty" json:"ge_method,omitempty"`
	// GrantElementIMFPct is the grant element the source publishes by the
	// IMF convention, when it publishes one beside GrantElementPct (AidData
	// GCDF 3.0 "Grant Element (IMF)").
	GrantElementIMFPct *float64 `yaml:"grant_element_imf_pct,omitempty" json:"grant_element_imf_pct,omitempty"`
	// SourceID is the record id in the originating dataset (e.g. AidData 61320).
	SourceID string `yaml:"source_id,omitempty" json:"source_id,omitempty"`
	Source   string `yaml:"source,omitempty" json:"source,omitempty"`
	Note     string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Project is a named infrastructure project.
type Project struct {
	Common `yaml:",inline"`
	Name   string `yaml:"name" json:"name"`
	NameZh string `yaml:"name_zh,omitempty" json:"name_zh,omitempty"`
	// Host is the host country, ISO 3166-1 alpha-2.
	Host   string `yaml:"host" json:"host"`
	Region string `yaml:"region" json:"region"`
	// Sector is one of rail, hsr, metro, road, bridge, airport, port, power,
	// refinery, mining, urban, environment, finance, multi.
	Sector string `yaml:"sector" json:"sector"`
	// Year is the decisive year (award, agreement or signature).
	Year      int        `yaml:"year" json:"year"`
	StartYear int        `yaml:"start_year,omitempty" json:"start_year,omitempty"`
	EndYear   int        `yaml:"end_year,omitempty" json:"end_year,omitempty"`
	Size      []Quantity `yaml:"size,omitempty" json:"size,omitempty"`
	Value     *Money     `yaml:"value,omitempty" json:"value,omitempty"`
	Parties   []Party    `yaml:"parties,omitempty" json:"parties,omitempty"`
	// Lenders are institution ids.
	Lenders []string `yaml:"lenders,omitempty" json:"lenders,omitempty"`
	// Instruments: yen-loan, tied-loan, concessional-loan, commercial-loan,
	// export-credit, grant, ppp, b2b, equity, co-financing.
	Instruments []string `yaml:"instruments,omitempty" json:"instruments,omitempty"`
	Loans       []Loan   `yaml:"loans,omitempty" json:"loans,omitempty"`
	// Outcome in a sentence: who won, what happened after.
	Outcome string `yaml:"outcome,omitempty" json:"outcome,omitempty"`
	// Status: proposed, awarded, under-construction, completed, shelved, cancelled.
	Status string `yaml:"status,omitempty" json:"status,omitempty"`
}

// Institution is a lender, fund or coordinating body.
type Institution struct {
	Common `yaml:",inline"`
	Name   string `yaml:"name" json:"name"`
	NameZh string `yaml:"name_zh,omitempty" json:"name_zh,omitempty"`
	// Type: bilateral-agency, export-credit-agency, policy-bank, multilateral,
	// fund, government-body.
	Type string `yaml:"type" json:"type"`
	// Country (ISO 3166-1 alpha-2) or "multilateral".
	Country string `yaml:"country" json:"country"`
	Founded int    `yaml:"founded,omitempty" json:"founded,omitempty"`
	Capital *Money `yaml:"capital,omitempty" json:"capital,omitempty"`
	Role    string `yaml:"role,omitempty" json:"role,omitempty"`
}

// Strategy is a national strategy tier or a cooperation path.
type Strategy struct {
	Common `yaml:",inline"`
	// Actor is the country (ISO alpha-2) whose strategy it is, or "CN+JP".
	Actor string `yaml:"actor" json:"actor"`
	// Type: tier (Japan's market tiers), path (cooperation paths), target.
	Type     string   `yaml:"type" json:"type"`
	Name     string   `yaml:"name" json:"name"`
	NameZh   string   `yaml:"name_zh,omitempty" json:"name_zh,omitempty"`
	Regions  []string `yaml:"regions,omitempty" json:"regions,omitempty"`
	Slogan   string   `yaml:"slogan,omitempty" json:"slogan,omitempty"`
	SloganZh string   `yaml:"slogan_zh,omitempty" json:"slogan_zh,omitempty"`
	Goal     string   `yaml:"goal,omitempty" json:"goal,omitempty"`
	Order    int      `yaml:"order,omitempty" json:"order,omitempty"`
}

// Event is a dated event on the timeline.
type Event struct {
	Common `yaml:",inline"`
	// Date is YYYY, YYYY-MM or YYYY-MM-DD.
	Date    string   `yaml:"date" json:"date"`
	Actors  []string `yaml:"actors,omitempty" json:"actors,omitempty"`
	Title   string   `yaml:"title" json:"title"`
	TitleZh string   `yaml:"title_zh,omitempty" json:"title_zh,omitempty"`
	// Projects and Institutions link to records by id.
	Projects     []string `yaml:"projects,omitempty" json:"projects,omitempty"`
	Institutions []string `yaml:"institutions,omitempty" json:"institutions,omitempty"`
}

// FX is an annual average exchange rate: units of Currency per US dollar.
type FX struct {
	Common   `yaml:",inline"`
	Year     int     `yaml:"year" json:"year"`
	Currency string  `yaml:"currency" json:"currency"`
	PerUSD   float64 `yaml:"per_usd" json:"per_usd"`
	// Series names the statistical series (e.g. "FRB G.5A annual average").
	Series string `yaml:"series" json:"series"`
}
