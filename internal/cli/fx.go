package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/infragame/infragame/internal/yamlpos"

	"github.com/infragame/infragame/finance"
)

// fxTable returns the exchange-rate table commands use: the dataset's FX
// records (the embedded Federal Reserve G.5A annual averages plus any FX
// records you imported) overlaid with the rates of userFile (CSV or YAML,
// see parseFXFile) when it is not "".
func (a *App) fxTable(userFile string) (finance.FXTable, error) {
	return a.fxTableWith(userFile, finance.FXTable{})
}

// fxTableWith layers, lowest precedence first: the built-in rates, extra
// (for example the fx block of a comparison file), and userFile.
func (a *App) fxTableWith(userFile string, extra finance.FXTable) (finance.FXTable, error) {
	t, err := a.datasetFX()
	if err != nil {
		return finance.FXTable{}, err
	}
	t.Merge(extra)
	if userFile == "" {
		return t, nil
	}
	data, err := a.readInput(userFile)
	if err != nil {
		return finance.FXTable{}, err
	}
	u, err := parseFXFile(userFile, data)
	if err != nil {
		return finance.FXTable{}, err
	}
	t.Merge(u)
	return t, nil
}

// datasetFX builds an FX table from the dataset's fx records.
func (a *App) datasetFX() (finance.FXTable, error) {
	var t finance.FXTable
	set, err := a.records(context.Background())
	if err != nil {
		return t, err
	}
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

// parseFXFile reads exchange rates, units of currency per US dollar, from
// CSV with the columns currency,year,per_usd (a header line naming them is
// optional; extra columns such as source are ignored) or from YAML: a list
// of {currency, year, per_usd, source}, or a map with key "fx" holding that
// list. Files ending in .yaml or .yml, or starting with "-" or "fx:", are
// read as YAML. Errors name the file, line and field.
func parseFXFile(name string, data []byte) (finance.FXTable, error) {
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
