// Package fxfile reads exchange-rate files: annual average rates, units
// of a currency per US dollar, as CSV (currency,year,per_usd) or YAML. The
// caller reads the file and applies its size limit; Parse works on the
// bytes and streams CSV, so it allocates in proportion to the input.
package fxfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/internal/yamlpos"
)

// FromRecords builds an FX table from the fx records of set (the embedded
// Federal Reserve G.5A annual averages plus any imported ones).
func FromRecords(set *dataset.Set) (finance.FXTable, error) {
	var t finance.FXTable
	for _, x := range set.FX {
		if err := t.Set(x.Currency, x.Year, x.PerUSD); err != nil {
			return t, fmt.Errorf("dataset record %s: %w", x.ID, err)
		}
	}
	return t, nil
}

// fxRecord is one rate in a YAML FX file.
type fxRecord struct {
	Currency string  `yaml:"currency"`
	Year     int     `yaml:"year"`
	PerUSD   float64 `yaml:"per_usd"`
	Source   string  `yaml:"source"`
}

// Parse reads exchange rates, units of currency per US dollar, from
// CSV with the columns currency,year,per_usd (a header line naming them is
// optional; extra columns such as source are ignored) or from YAML: a list
// of {currency, year, per_usd, source}, or a map with key "fx" holding that
// list. Files ending in .yaml or .yml, or starting with "-" or "fx:", are
// read as YAML. Errors name the file, line and field.
func Parse(name string, data []byte) (finance.FXTable, error) {
	trim := bytes.TrimSpace(data)
	low := strings.ToLower(name)
	if strings.HasSuffix(low, ".yaml") || strings.HasSuffix(low, ".yml") ||
		bytes.HasPrefix(trim, []byte("-")) || bytes.HasPrefix(trim, []byte("fx:")) {
		return parseFXYAML(name, data)
	}
	return parseFXCSV(name, data)
}

func parseFXYAML(name string, data []byte) (finance.FXTable, error) {
	var t finance.FXTable
	var recs []fxRecord
	trim := bytes.TrimSpace(data)
	var err error
	if bytes.HasPrefix(trim, []byte("fx:")) {
		var doc struct {
			FX []fxRecord `yaml:"fx"`
		}
		err = yamlpos.Unmarshal(data, &doc)
		recs = doc.FX
	} else {
		err = yamlpos.Unmarshal(data, &recs)
	}
	if err != nil {
		var ye *yamlpos.Error
		if errors.As(err, &ye) && ye.File == "" {
			ye.File = name
			return t, err
		}
		return t, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) == 0 {
		return t, fmt.Errorf("%s: no exchange rates", name)
	}
	for i, r := range recs {
		if r.Year == 0 {
			return t, fmt.Errorf("%s: fx[%d].year: missing", name, i)
		}
		if err := t.Set(r.Currency, r.Year, r.PerUSD); err != nil {
			return t, fmt.Errorf("%s: fx[%d]: %w", name, i, err)
		}
	}
	return t, nil
}

func parseFXCSV(name string, data []byte) (finance.FXTable, error) {
	var t finance.FXTable
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	r.TrimLeadingSpace = true
	col := map[string]int{"currency": 0, "year": 1, "per_usd": 2}
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return t, fmt.Errorf("%s: %w", name, err) // csv.ParseError carries the line
		}
		line, _ := r.FieldPos(0)
		if first {
			first = false
			if strings.EqualFold(strings.TrimSpace(rec[0]), "currency") || hasHeader(rec) {
				col = map[string]int{}
				for i, h := range rec {
					col[strings.ToLower(strings.TrimSpace(h))] = i
				}
				for _, need := range []string{"currency", "year", "per_usd"} {
					if _, ok := col[need]; !ok {
						return t, fmt.Errorf("%s:%d: header lacks column %q (want currency,year,per_usd)", name, line, need)
					}
				}
				continue
			}
		}
		get := func(k string) (string, error) {
			i := col[k]
			if i >= len(rec) {
				return "", fmt.Errorf("%s:%d: %s: missing", name, line, k)
			}
			return strings.TrimSpace(rec[i]), nil
		}
		cur, err := get("currency")
		if err != nil {
			return t, err
		}
		ys, err := get("year")
		if err != nil {
			return t, err
		}
		vs, err := get("per_usd")
		if err != nil {
			return t, err
		}
		year, err := strconv.Atoi(ys)
		if err != nil {
			return t, fmt.Errorf("%s:%d: year: %q is not a year", name, line, ys)
		}
		v, err := strconv.ParseFloat(vs, 64)
		if err != nil {
			return t, fmt.Errorf("%s:%d: per_usd: %q is not a number", name, line, vs)
		}
		if err := t.Set(strings.ToUpper(cur), year, v); err != nil {
			return t, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if t.Len() == 0 {
		return t, fmt.Errorf("%s: no exchange rates", name)
	}
	return t, nil
}

func hasHeader(rec []string) bool {
	for _, h := range rec {
		if strings.EqualFold(strings.TrimSpace(h), "per_usd") {
			return true
		}
	}
	return false
}
