package dataset

import (
	"slices"
	"strings"
	"sync"
)

// Regions is the closed vocabulary of region names (lower-case, hyphenated).
var Regions = []string{
	"global", "asia", "east-asia", "southeast-asia", "asean", "asean5", "mekong", "south-asia",
	"central-asia", "west-asia", "middle-east", "russia-cis", "europe", "eastern-europe",
	"north-america", "latin-america", "africa", "sub-saharan-africa", "oceania",
}

// Sectors is the closed vocabulary of sector names.
var Sectors = []string{
	"rail", "hsr", "metro", "road", "bridge", "airport", "port", "power", "energy", "refinery",
	"mining", "urban", "ict", "environment", "finance", "health", "water", "multi", "transport",
}

// Currencies lists the ISO 4217 codes the dataset and the importers accept.
// Extend it (with a conversion rate in the FX records) to use another currency.
var Currencies = []string{
	"USD", "JPY", "CNY", "EUR", "GBP", "INR", "IDR", "THB", "BDT", "PKR", "VND", "KHR", "MYR",
	"PHP", "LKR", "NPR", "MMK", "LAK", "KZT", "UZS", "MNT", "KES", "ETB", "NGN", "ZAR", "EGP", "MAD",
	"TRY", "RUB", "BRL", "MXN", "ARS", "CLP", "PEN", "COP", "AUD", "CAD", "CHF", "KRW", "SGD",
	"XCD", "BSD", "AED", "SAR", "QAR", "TWD", "HKD", "XOF", "XAF", "TZS", "UGX", "ZMW", "AOA",
	"CDF", "SDR",
}

// IsCountry reports whether s is an ISO 3166-1 alpha-2 code.
func IsCountry(s string) bool { return countries()[s] }

var countries = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range countryTable {
		m[c.Alpha2] = true
	}
	return m
})

var alpha3 = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, c := range countryTable {
		m[c.Alpha3] = c.Alpha2
	}
	return m
})

// CountryFromAlpha3 converts an ISO 3166-1 alpha-3 code (IDN) to alpha-2 (ID).
func CountryFromAlpha3(s string) (string, bool) {
	a, ok := alpha3()[strings.ToUpper(strings.TrimSpace(s))]
	return a, ok
}

// CountryName is the ISO 3166-1 short name of an alpha-2 code.
func CountryName(a2 string) string {
	for _, c := range countryTable {
		if c.Alpha2 == a2 {
			return c.Name
		}
	}
	return ""
}

// IsCurrency reports whether s is a currency the dataset accepts.
func IsCurrency(s string) bool { return slices.Contains(Currencies, s) }

var (
	partyRoles   = []string{"winner", "bidder", "partner", "lender", "operator", "host", "contractor", "sponsor"}
	loanStatuses = []string{"offered", "agreed", "signed", "disbursed", "proposed", "requested"}
	profiles     = []string{"equal-principal", "annuity", "bullet", "other"}
	instruments  = []string{"yen-loan", "tied-loan", "concessional-loan", "commercial-loan", "export-credit",
		"grant", "ppp", "b2b", "equity", "co-financing", "technical-assistance", "self-financed", "oda", "fdi"}
	projectStatuses  = []string{"proposed", "awarded", "under-construction", "completed", "operating", "shelved", "cancelled", "agreed", "feasibility"}
	flagNames        = []string{"inconsistent", "approximate", "estimate", "disputed", "derived", "outside-source"}
	institutionTypes = []string{"bilateral-agency", "export-credit-agency", "policy-bank", "multilateral", "fund",
		"government-body", "industry-body", "company", "forum"}
	strategyTypes = []string{"tier", "path", "target", "policy"}
	moneyUnits    = []string{"count", "percent", "pp", "km", "m", "MW", "years", "km/h", "share", "ratio", "TEU", "months", "minutes"}
)
