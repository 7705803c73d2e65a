package finance

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
)

// Errors returned by the money, FX and loan functions. They are wrapped with
// context (the currency, year or field); test with errors.Is.
var (
	ErrUnknownCurrency = errors.New("finance: unknown currency")
	ErrUnknownRate     = errors.New("finance: no exchange rate")
	ErrInvalidRate     = errors.New("finance: invalid exchange rate")
)

// Amount is a sum of money: a value in a currency (ISO 4217 code) at the
// prices of a year. Amounts in different currencies or price years are never
// added without an explicit conversion through an [FXTable].
type Amount struct {
	Value    float64 `json:"value"`
	Currency string  `json:"currency"`
	Year     int     `json:"year"`
}

// String formats the amount as "5.5e+09 USD (2015)".
func (a Amount) String() string {
	return fmt.Sprintf("%g %s (%d)", a.Value, a.Currency, a.Year)
}

// iso4217 lists the active ISO 4217 alphabetic codes (plus XDR, the IMF
// special drawing right, and XAU/XAG which some loan contracts use).
const iso4217 = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB " +
	"BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN " +
	"ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK " +
	"JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD " +
	"MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR " +
	"PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL " +
	"THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF " +
	"YER ZAR ZMW ZWL XDR XAU XAG"

// CheckCurrency returns nil if code is an ISO 4217 currency code (upper
// case, as in "JPY"), and an error wrapping [ErrUnknownCurrency] otherwise.
func CheckCurrency(code string) error {
	if _, ok := slices.BinarySearch(sortedCurrencies(), code); ok {
		return nil
	}
	return fmt.Errorf("%w %q (want an ISO 4217 code such as USD, JPY, CNY)", ErrUnknownCurrency, code)
}

// sortedCurrencies are the codes of iso4217 in order, split and sorted on
// the first check rather than in the package's initialiser before every
// command.
var sortedCurrencies = sync.OnceValue(func() []string {
	s := strings.Fields(iso4217)
	slices.Sort(s)
	return s
})

// FXTable holds annual exchange rates as units of a currency per US dollar
// (the form of the Federal Reserve G.5A release and IMF IFS "rf" series).
// USD is 1 by definition; every other currency must be set for each year it
// is used: an unknown rate is an error, never 1.0. The zero value is an empty
// table ready to use. An FXTable is not safe for concurrent Set calls.
type FXTable struct {
	rates map[fxKey]float64
}

type fxKey struct {
	cur  string
	year int
}

// FXRate is one entry of an [FXTable].
type FXRate struct {
	Currency string  `json:"currency"`
	Year     int     `json:"year"`
	PerUSD   float64 `json:"per_usd"`
}

// Set records that one US dollar bought perUSD units of currency on average
// in year. perUSD must be finite and positive; currency must be an ISO 4217
// code. Setting USD to anything but 1 is an error.
func (t *FXTable) Set(currency string, year int, perUSD float64) error {
	if err := CheckCurrency(currency); err != nil {
		return err
	}
	if math.IsNaN(perUSD) || math.IsInf(perUSD, 0) || perUSD <= 0 {
		return fmt.Errorf("%w: %s %d per USD = %v (want a positive number)", ErrInvalidRate, currency, year, perUSD)
	}
	if currency == "USD" && perUSD != 1 {
		return fmt.Errorf("%w: USD per USD is 1 by definition, got %v", ErrInvalidRate, perUSD)
	}
	if t.rates == nil {
		t.rates = make(map[fxKey]float64)
	}
	t.rates[fxKey{currency, year}] = perUSD
	return nil
}

// PerUSD returns the units of currency per US dollar in year.
func (t FXTable) PerUSD(currency string, year int) (float64, error) {
	if currency == "USD" {
		return 1, nil
	}
	if r, ok := t.rates[fxKey{currency, year}]; ok {
		return r, nil
	}
	if err := CheckCurrency(currency); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%w for %s in %d", ErrUnknownRate, currency, year)
}

// Rate returns the units of to per unit of from in year:
// PerUSD(to)/PerUSD(from).
func (t FXTable) Rate(from, to string, year int) (float64, error) {
	if from == to {
		if err := CheckCurrency(from); err != nil {
			return 0, err
		}
		return 1, nil
	}
	f, err := t.PerUSD(from, year)
	if err != nil {
		return 0, err
	}
	g, err := t.PerUSD(to, year)
	if err != nil {
		return 0, err
	}
	return g / f, nil
}

// Convert expresses a in currency to at the average rate of a.Year. The price
// year is unchanged (this is a currency conversion, not a deflation).
func (t FXTable) Convert(a Amount, to string) (Amount, error) {
	r, err := t.Rate(a.Currency, to, a.Year)
	if err != nil {
		return Amount{}, err
	}
	return Amount{Value: a.Value * r, Currency: to, Year: a.Year}, nil
}

// Len returns the number of rates set.
func (t FXTable) Len() int { return len(t.rates) }

// Rates returns the entries sorted by currency and year.
func (t FXTable) Rates() []FXRate {
	out := make([]FXRate, 0, len(t.rates))
	for k, v := range t.rates {
		out = append(out, FXRate{Currency: k.cur, Year: k.year, PerUSD: v})
	}
	slices.SortFunc(out, func(a, b FXRate) int {
		if c := strings.Compare(a.Currency, b.Currency); c != 0 {
			return c
		}
		return a.Year - b.Year
	})
	return out
}

// Merge copies every rate of u into t, overwriting rates t already has.
func (t *FXTable) Merge(u FXTable) {
	for k, v := range u.rates {
		if t.rates == nil {
			t.rates = make(map[fxKey]float64)
		}
		t.rates[k] = v
	}
}
