package finance

import (
	"errors"
	"fmt"
	"math"
)

// ErrUnknownIndex is returned when a price index is missing for a year.
var ErrUnknownIndex = errors.New("finance: no price index")

// Deflator holds price indices by currency and year (any base: only ratios
// are used), for example a GDP deflator. It moves amounts between price
// years within one currency; converting currencies is the job of
// [FXTable]. A missing index is an error, never 1. The zero value is an
// empty table ready to use.
type Deflator struct {
	index map[fxKey]float64
}

// Set records the price index of currency's economy in year. The index must
// be finite and positive.
func (d *Deflator) Set(currency string, year int, index float64) error {
	if err := CheckCurrency(currency); err != nil {
		return err
	}
	if math.IsNaN(index) || math.IsInf(index, 0) || index <= 0 {
		return fmt.Errorf("%w: %s %d price index = %v (want a positive number)", ErrInvalidRate, currency, year, index)
	}
	if d.index == nil {
		d.index = make(map[fxKey]float64)
	}
	d.index[fxKey{currency, year}] = index
	return nil
}

// Index returns the price index of currency in year.
func (d Deflator) Index(currency string, year int) (float64, error) {
	if v, ok := d.index[fxKey{currency, year}]; ok {
		return v, nil
	}
	return 0, fmt.Errorf("%w for %s in %d", ErrUnknownIndex, currency, year)
}

// Rebase expresses a at the prices of year: Value × index(year)/index(a.Year).
func (d Deflator) Rebase(a Amount, year int) (Amount, error) {
	if a.Year == year {
		return a, nil
	}
	from, err := d.Index(a.Currency, a.Year)
	if err != nil {
		return Amount{}, err
	}
	to, err := d.Index(a.Currency, year)
	if err != nil {
		return Amount{}, err
	}
	return Amount{Value: a.Value * to / from, Currency: a.Currency, Year: year}, nil
}
