package report

import (
	"regexp"
	"strings"
	"sync"
)

// Units of workbook columns: the one place that says what a column's numbers
// measure when the command that made the table did not ([Table.Units]).
//
// A workbook header reads "name (unit)". The unit of column c of a table is,
// in order: Table.Units[c] when set (shown in text tables too);
// Table.SheetUnits[c] when set (workbooks only); the unit a suffix of the name states
// ("orders_usd_bn" → "USD bn", "rate_pct" → "%"); the unit [ColumnUnits]
// gives the name. A column whose numbers are counts, identifiers or calendar
// years has no unit and says so by being listed in [Unitless]; a test walks
// every command's workbook and fails on a numeric column that has neither.

// Units shared by many tables.
const (
	// UnitProbability is a probability, a number in [0, 1].
	UnitProbability = "probability"
	// UnitFraction is a share or a rate written as a decimal fraction
	// (0.05 is 5 %).
	UnitFraction = "fraction"
	// UnitPercent is a percentage (5 is 5 %).
	UnitPercent = "%"
	// UnitYears is a duration in years.
	UnitYears = "years"
	// UnitPayoff is a payoff of a game, in the units of the game's file.
	UnitPayoff = "payoff"
	// UnitScore is a tender score: minus the cost under a cost rule, in the
	// case's money; a weighted score otherwise.
	UnitScore = "score"
	// UnitPriceUnits is an amount in the units of an auction file's values
	// and costs.
	UnitPriceUnits = "price units"
	// UnitParam is a value in the units of the parameter the row names.
	UnitParam = "units of param"
	// UnitSeeColumn is the unit of a column whose unit is given row by row
	// in the table's "unit" column.
	UnitSeeColumn = "in column unit"
	// UnitPerUSD is an exchange rate: units of the currency per US dollar.
	UnitPerUSD = "per USD"
)

// unitSuffixes are name endings that state a unit.
var unitSuffixes = []struct{ suffix, unit string }{
	{"_usd_bn", "USD bn"},
	{"_usd_m", "USD m"},
	{"_jpy_trn", "JPY trn"},
	{"_pct", UnitPercent},
	{"_%", UnitPercent},
	{"_years", UnitYears},
	{"_yrs", UnitYears},
	{"_yr", UnitYears},
	{"_probability", UnitProbability},
	{"_share", UnitFraction},
}

// ColumnUnits gives the unit of a column by its name, for names that mean the
// same thing in every table. Names whose unit depends on the table (money in
// the currency of a case, "margin", "value") are not here: the command sets
// Table.Units.
var ColumnUnits = map[string]string{
	"win_probability":    UnitProbability,
	"p_choice":           UnitProbability,
	"p_actual":           UnitProbability,
	"banzhaf_index":      UnitFraction,
	"share":              UnitFraction,
	"loan_rate_pct":      UnitPercent,
	"host.discount_rate": UnitFraction,
	"per_usd":            UnitPerUSD,
	"maturity":           UnitYears,
	"grace":              UnitYears,
	"contract_yrs":       UnitYears,
	"opening_yr":         UnitYears,
	"regret":             UnitPayoff,
	"payoff":             UnitPayoff,
	"shapley":            UnitPayoff,
	"banzhaf":            UnitPayoff,
	"core_allocation":    UnitPayoff,
	"nucleolus":          UnitPayoff,
	"nash":               UnitPayoff,
	"kalai_smorodinsky":  UnitPayoff,
	"disagreement":       UnitPayoff,
	"brier":              "Brier score",
	"log_loss":           "nats",
	"lambda":             "host's shadow price of money",
	"grant_equivalent":   "per unit of face value",
	// dataset records: the unit is in a sibling column
	"value.amount":          "value.currency at value.year prices",
	"value.printed.value":   "value.printed.unit × value.printed.scale",
	"printed.value":         "printed.unit × printed.scale",
	"value.value":           "value.unit",
	"capital.amount":        "capital.currency at capital.year prices",
	"capital.printed.value": "capital.printed.unit × capital.printed.scale",
}

// Unitless lists the column names whose numbers have no unit, and what they
// are: counts, identifiers, ranks and calendar years.
var Unitless = map[string]string{
	"#":            "row number",
	"rank":         "rank",
	"period":       "payment number",
	"round":        "elimination round",
	"point_id":     "design point number",
	"run":          "run number",
	"seed":         "random seed",
	"year":         "calendar year",
	"from_year":    "calendar year",
	"to_year":      "calendar year",
	"start_year":   "calendar year",
	"end_year":     "calendar year",
	"value.year":   "calendar year (price year)",
	"records":      "count",
	"facts":        "count",
	"projects":     "count",
	"hits":         "count",
	"cases":        "count",
	"count":        "count",
	"offers":       "count",
	"quantity":     "count",
	"orders_count": "count",
	"joint_orders": "count",
	"self_built":   "count",
	"n":            "count",
	"size":         "count",
	"founded":      "calendar year",
	"capital.year": "calendar year",
	"order":        "position in a list",
	"strategy":     "strategy label",
}

// headerUnitRE matches a header that ends with its unit in parentheses.
var headerUnitRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.*\S)\s+\(([^()]+)\)$`) })

// SplitHeader splits a workbook header "name (unit)" into its name and unit
// ("" when the header carries none in parentheses).
func SplitHeader(h string) (name, unit string) {
	if m := headerUnitRE().FindStringSubmatch(h); m != nil {
		return m[1], m[2]
	}
	return h, ""
}

// NameUnit is the unit a column name states by its suffix or through
// [ColumnUnits]; "" when it states none.
func NameUnit(name string) string {
	if u, ok := ColumnUnits[name]; ok {
		return u
	}
	lower := strings.ToLower(name)
	for _, s := range unitSuffixes {
		if strings.HasSuffix(lower, s.suffix) {
			return s.unit
		}
	}
	if strings.Contains(name, "%") {
		return UnitPercent
	}
	return ""
}

// Unit is the unit of column c in a workbook: Table.Units[c] or
// Table.SheetUnits[c] when set, else [NameUnit].
func (t *Table) Unit(c int) string {
	if u := t.given(c); u != "" {
		return u
	}
	if c < len(t.Columns) {
		return NameUnit(t.Columns[c])
	}
	return ""
}

// given is the unit a command gave column c, in Units or SheetUnits.
func (t *Table) given(c int) string {
	if c < len(t.Units) && t.Units[c] != "" {
		return t.Units[c]
	}
	if c < len(t.SheetUnits) {
		return t.SheetUnits[c]
	}
	return ""
}

// SetUnit gives the workbook unit u (SheetUnits) to the columns named
// names, growing SheetUnits as needed. Names the table does not have are ignored, so one call can serve
// tables whose columns vary.
func (t *Table) SetUnit(u string, names ...string) {
	for c, col := range t.Columns {
		for _, n := range names {
			if col == n {
				for len(t.SheetUnits) <= c {
					t.SheetUnits = append(t.SheetUnits, "")
				}
				t.SheetUnits[c] = u
			}
		}
	}
}

// header is column c's workbook header: the name followed by " (unit)".
// A unit the command gave is always shown; one derived from the name is
// not repeated when the header already carries one ("A (USD bn)", "CAGR
// %").
func (t *Table) header(c int) string {
	h := t.Columns[c]
	if u := t.given(c); u != "" {
		return h + " (" + u + ")"
	}
	u := NameUnit(h)
	if _, has := SplitHeader(h); u == "" || has != "" || (u == UnitPercent && strings.Contains(h, "%")) {
		return h
	}
	return h + " (" + u + ")"
}
