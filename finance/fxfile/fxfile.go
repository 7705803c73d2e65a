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
	"github.com/infragame/infragame/internal/parseerr"
	"github.com/infragame/infragame/internal/yamlpos"
)

// FromRecords builds an FX table from the fx records of set (the embedded
// annual averages, each of a named series, plus any imported ones).
func FromRecords(set *dataset.Set) (finance.FXTable, error) {
	var t finance.FXTable
	for _, x := range set.FX {
		if err := t.Set(x.Currency, x.Year, x.PerUSD); err != nil {
			return t, fmt.Errorf("dataset record %s: %w", x.ID, err)
		}
	}
	return t, nil
}

// Origin names the dataset record a rate of [FromRecords] comes from.
type Origin struct {
	Record string `json:"record"`
	Series string `json:"series"`
}

// Origins returns, by currency and year, the record of set that
// [FromRecords] takes each rate from (the last one when several give the
// same currency and year, as FromRecords does).
func Origins(set *dataset.Set) map[string]map[int]Origin {
	out := map[string]map[int]Origin{}
	for _, x := range set.FX {
		if out[x.Currency] == nil {
			out[x.Currency] = map[int]Origin{}
		}
		out[x.Currency][x.Year] = Origin{Record: x.ID, Series: x.Series}
	}
	return out
}

// Rate is one rate of an FX table with where it comes from.
type Rate struct {
	Currency string  `json:"currency"`
	Year     int     `json:"year"`
	PerUSD   float64 `json:"per_usd"`
	// Series is the dataset record's series, or the label of the user's
	// rates when they give this one.
	Series string `json:"series"`
	// Record is the dataset record's id ("" for a user's rate).
	Record string `json:"record"`
}

// Describe lists the rates of t (sorted by currency and year) with their
// origin: userLabel when user gives the rate (user overrides the dataset),
// else the dataset record named by origins (see [Origins]).
func Describe(t, user finance.FXTable, origins map[string]map[int]Origin, userLabel string) []Rate {
	rates := t.Rates()
	out := make([]Rate, 0, len(rates))
	for _, r := range rates {
		x := Rate{Currency: r.Currency, Year: r.Year, PerUSD: r.PerUSD}
		if _, err := user.PerUSD(r.Currency, r.Year); err == nil {
			x.Series = userLabel
		} else {
			o := origins[r.Currency][r.Year]
			x.Series, x.Record = o.Series, o.Record
		}
		out = append(out, x)
	}
	return out
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
// read as YAML. Errors name the file, line and field: a [*parseerr.Error],
// or for YAML that does not decode a *yamlpos.Error.
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
	var doc *yamlpos.Doc
	var err error
	prefix := "" // path of the list in the document
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("fx:")) {
		var wrapped struct {
			FX []fxRecord `yaml:"fx"`
		}
		doc, err = yamlpos.Decode(name, data, &wrapped)
		recs, prefix = wrapped.FX, "fx"
	} else {
		doc, err = yamlpos.Decode(name, data, &recs)
	}
	if err != nil {
		var ye *yamlpos.Error
		if errors.As(err, &ye) {
			return t, err
		}
		return t, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) == 0 {
		return t, parseerr.At(name, 0, 0, "", "no exchange rates")
	}
	for i, r := range recs {
		path := fmt.Sprintf("%s[%d]", prefix, i)
		line, col, _, _ := doc.Pos(path)
		field := fmt.Sprintf("fx[%d]", i)
		if r.Year == 0 {
			return t, parseerr.At(name, line, col, field+".year", "missing")
		}
		if err := t.Set(r.Currency, r.Year, r.PerUSD); err != nil {
			return t, &parseerr.Error{File: name, Line: line, Column: col, Field: field, Err: err}
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
			var ce *csv.ParseError
			if errors.As(err, &ce) {
				return t, &parseerr.Error{File: name, Line: ce.Line, Column: ce.Column, Err: ce.Err}
			}
			return t, fmt.Errorf("%s: %w", name, err)
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
						return t, parseerr.At(name, line, 0, "", "header lacks column %q (want currency,year,per_usd)", need)
					}
				}
				continue
			}
		}
		// get returns field k of the row and its column.
		get := func(k string) (string, int, error) {
			i := col[k]
			if i >= len(rec) {
				return "", 0, parseerr.At(name, line, 0, k, "missing")
			}
			_, c := r.FieldPos(i)
			return strings.TrimSpace(rec[i]), c, nil
		}
		cur, _, err := get("currency")
		if err != nil {
			return t, err
		}
		ys, yc, err := get("year")
		if err != nil {
			return t, err
		}
		vs, vc, err := get("per_usd")
		if err != nil {
			return t, err
		}
		year, err := strconv.Atoi(ys)
		if err != nil {
			return t, parseerr.At(name, line, yc, "year", "%q is not a year", ys)
		}
		v, err := strconv.ParseFloat(vs, 64)
		if err != nil {
			return t, parseerr.At(name, line, vc, "per_usd", "%q is not a number", vs)
		}
		if err := t.Set(strings.ToUpper(cur), year, v); err != nil {
			return t, &parseerr.Error{File: name, Line: line, Err: err}
		}
	}
	if t.Len() == 0 {
		return t, parseerr.At(name, 0, 0, "", "no exchange rates")
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
