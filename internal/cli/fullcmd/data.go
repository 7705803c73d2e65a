package fullcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/records"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/store"
)

// openStore opens the database given by --db (or the default). When the
// default location cannot be created it falls back to an in-memory store
// seeded from the embedded data, with a note on stderr.
func (a app) openStore(ctx context.Context) (*store.Store, error) {
	p, err := a.DBFile()
	explicit := records.Explicit(a.DBPath)
	if err == nil && p != store.Memory {
		// SQLite says only "unable to open database file (14)" for a
		// directory; say what is wrong (the review's --db DIR).
		if fi, serr := os.Stat(p); serr == nil && fi.IsDir() {
			err = fmt.Errorf("store: %s is a directory; --db (or INFRAGAME_DB) names the database file, e.g. %s", p, filepath.Join(p, "infragame.db"))
			if explicit {
				return nil, err
			}
		}
	}
	if err == nil {
		var st *store.Store
		st, err = store.Open(ctx, p)
		if err == nil {
			return st, nil
		}
		if explicit {
			return nil, err
		}
	}
	fmt.Fprintf(a.Err, "infragame: note: %v; using the embedded data in memory\n", err)
	return store.Open(ctx, store.Memory)
}

// storeRecords returns every record of the store: the embedded data plus
// the user's imports (the full program's [cli.Full.Records]).
func storeRecords(ctx context.Context, a *cli.App) (*dataset.Set, error) {
	st, err := app{a}.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Records(ctx)
}

func (a app) dataCmd() *cobra.Command {
	c := &cobra.Command{Use: cli.DataHelp.Use, Short: cli.DataHelp.Short, Long: cli.DataHelp.Long}
	c.AddCommand(a.DataSummaryCmd(), a.dataListCmd(), a.dataShowCmd(), a.dataSearchCmd(),
		a.dataExportCmd(), a.dataImportCmd(), a.dataValidateCmd(), a.dataImportsCmd(), a.dataRemoveImportCmd())
	return c
}

func (a app) dataListCmd() *cobra.Command {
	var f dataset.Filter
	var sortBy string
	c := &cobra.Command{
		Use:   "list KIND",
		Short: "List records of one kind (fact, project, institution, strategy, event, fx)",
		Long: `List records of one kind: fact, project, institution, strategy, event or fx.

Filters are case-insensitive and checked: an unknown region, sector, topic or
country is an error that lists the valid values. --region follows the region
hierarchy: asia includes east-, southeast-, south-, central- and west-asia;
southeast-asia includes asean, which includes asean5 and mekong; africa
includes sub-saharan-africa; europe includes eastern-europe; russia-cis
includes central-asia; global includes everything.

Events (the timeline) are listed by date, other kinds by id; --sort changes it.`,
		Example: `  infragame data list project --exporter JP
  infragame data list fact --topic orders --format csv
  infragame data list project --sector hsr --year 2015`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cli.Usagef("one KIND is needed, got %d arguments: fact, project, institution, strategy, event or fx", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := dataset.ParseKind(args[0])
			if err != nil {
				return cli.UsageError(err)
			}
			format, set, err := a.FormatAndRecords(cmd)
			if err != nil {
				return err
			}
			recs, err := set.List(k, f, sortBy)
			if err != nil {
				return cli.UsageError(err)
			}
			switch format {
			case report.FormatCSV:
				return dataset.WriteCSV(a.Out, k, recs)
			case report.FormatJSON:
				return report.WriteJSON(a.Out, recs)
			case report.FormatXLSX:
				t, err := cli.RecordsTable(k, recs)
				if err != nil {
					return err
				}
				return report.Write(a.Out, format, recs, t)
			}
			t := listTable(k, recs)
			t.Notes = append(t.Notes, fmt.Sprintf("%d %s record(s). `infragame data show ID` prints one in full.", len(recs), k))
			return report.WriteText(a.Out, t)
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.Region, "region", "", "region, e.g. southeast-asia, africa")
	fl.StringVar(&f.Sector, "sector", "", "sector, e.g. hsr, port, power")
	fl.StringVar(&f.Exporter, "exporter", "", "country code of a party or fact entity, e.g. JP, CN")
	fl.StringVar(&f.Host, "host", "", "host country code (projects)")
	fl.IntVar(&f.Year, "year", 0, "year the record refers to")
	fl.StringVar(&f.Topic, "topic", "", "fact topic, e.g. orders, filp, africa")
	fl.BoolVar(&f.Flagged, "flagged", false, "only records flagged inconsistent, disputed, …")
	fl.StringVar(&sortBy, "sort", "", "order: id, date (events; facts and projects by year), year, or value (facts and projects, grouped by unit or currency, largest first); default date for events, id otherwise")
	return c
}

// listTable renders records of one kind as a compact table.
func listTable(k dataset.Kind, recs []dataset.Record) *report.Table {
	t := &report.Table{}
	switch k {
	case dataset.KindFact:
		t.Columns = []string{"id", "year", "entity", "as printed", "normalised", "subject", "flags"}
		for _, r := range recs {
			f := r.(*dataset.Fact)
			t.AddRow(f.ID, yearStr(f.Year, f.FiscalYear), f.Entity, printedStr(f.Printed), quantityStr(f.Value), report.Clip(f.Subject, 72), strings.Join(f.Flags, ","))
		}
	case dataset.KindProject:
		t.Columns = []string{"id", "name", "host", "sector", "year", "value", "winner", "status"}
		for _, r := range recs {
			p := r.(*dataset.Project)
			t.AddRow(p.ID, report.Clip(p.Name, 60), p.Host, p.Sector, p.Year, moneyStr(p.Value), partiesWith(p, "winner"), p.Status)
		}
	case dataset.KindInstitution:
		t.Columns = []string{"id", "name", "name_zh", "type", "country", "founded"}
		for _, r := range recs {
			in := r.(*dataset.Institution)
			t.AddRow(in.ID, in.Name, in.NameZh, in.Type, in.Country, yearStr(in.Founded, false))
		}
	case dataset.KindStrategy:
		t.Columns = []string{"id", "actor", "type", "name", "slogan"}
		for _, r := range recs {
			s := r.(*dataset.Strategy)
			t.AddRow(s.ID, s.Actor, s.Type, s.Name, firstNonEmpty(s.SloganZh, s.Slogan))
		}
	case dataset.KindEvent:
		t.Columns = []string{"id", "date", "actors", "title"}
		for _, r := range recs {
			e := r.(*dataset.Event)
			t.AddRow(e.ID, e.Date, strings.Join(e.Actors, ","), e.Title)
		}
	case dataset.KindFX:
		t.Columns = []string{"id", "currency", "year", "per_usd", "series"}
		for _, r := range recs {
			x := r.(*dataset.FX)
			t.AddRow(x.ID, x.Currency, x.Year, x.PerUSD, x.Series)
		}
	}
	return t
}

func yearStr(y int, fiscal bool) string {
	if y == 0 {
		return ""
	}
	if fiscal {
		return "FY" + strconv.Itoa(y)
	}
	return strconv.Itoa(y)
}

func printedStr(p *dataset.Printed) string {
	if p == nil {
		return ""
	}
	if p.Text != "" {
		return strings.Join(strings.Fields(p.Text), "")
	}
	return report.FormatFloat(p.Value) + p.Scale + p.Unit
}

func quantityStr(q dataset.Quantity) string {
	s := report.FormatFloat(q.Value) + " " + q.Unit
	if dataset.IsCurrency(q.Unit) && q.Year != 0 {
		s += " (" + strconv.Itoa(q.Year) + ")"
	}
	return s
}

func moneyStr(m *dataset.Money) string {
	if m == nil {
		return ""
	}
	return fmt.Sprintf("%s %s (%d)", report.FormatFloat(m.Amount), m.Currency, m.Year)
}

func partiesWith(p *dataset.Project, role string) string {
	var cs []string
	for _, pt := range p.Parties {
		if pt.Role == role {
			cs = append(cs, pt.Country)
		}
	}
	return strings.Join(cs, "+")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func (a app) dataShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "show ID",
		Short:   "Print one record in full, with its source",
		Example: "  infragame data show jakarta-bandung-hsr\n  infragame data show jakarta-bandung-hsr --format json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, set, err := a.FormatAndRecords(cmd)
			if err != nil {
				return err
			}
			r, err := set.Lookup(args[0])
			if err != nil {
				return err
			}
			switch format {
			case report.FormatJSON:
				return report.WriteJSON(a.Out, r)
			case report.FormatCSV:
				return dataset.WriteCSV(a.Out, r.RecordKind(), []dataset.Record{r})
			case report.FormatXLSX:
				t, err := cli.RecordsTable(r.RecordKind(), []dataset.Record{r})
				if err != nil {
					return err
				}
				return report.Write(a.Out, format, r, t)
			}
			return report.WriteText(a.Out, recordTable(r))
		},
	}
}

// recordTable flattens a record into field/value rows, in the order of the
// record's fields, wrapping long values.
func recordTable(r dataset.Record) *report.Table {
	t := &report.Table{Title: fmt.Sprintf("%s %s — %s", r.RecordKind(), r.Base().ID, dataset.Title(r)), Columns: []string{"field", "value"}}
	b, _ := json.Marshal(r)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var rows [][2]string
	flattenJSON(dec, "", &rows)
	// provenance last
	var head, tail [][2]string
	for _, row := range rows {
		switch strings.SplitN(row[0], ".", 2)[0] {
		case "quote", "source", "flags", "note":
			tail = append(tail, row)
		default:
			head = append(head, row)
		}
	}
	for _, row := range append(head, tail...) {
		for i, part := range wrap(row[1], 100) {
			name := row[0]
			if i > 0 {
				name = ""
			}
			t.AddRow(name, part)
		}
	}
	return t
}

// flattenJSON walks one JSON value from dec, appending "path → scalar"
// rows; lists of scalars become one comma-separated row.
func flattenJSON(dec *json.Decoder, path string, rows *[][2]string) {
	tok, err := dec.Token()
	if err != nil {
		return
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			for dec.More() {
				kt, _ := dec.Token()
				k, _ := kt.(string)
				p := k
				if path != "" {
					p = path + "." + k
				}
				flattenJSON(dec, p, rows)
			}
			dec.Token() // }
		case '[':
			var scalars []string
			var nested [][2]string
			i := 0
			for dec.More() {
				var sub [][2]string
				flattenJSON(dec, fmt.Sprintf("%s[%d]", path, i), &sub)
				if len(sub) == 1 && sub[0][0] == fmt.Sprintf("%s[%d]", path, i) {
					scalars = append(scalars, sub[0][1])
				}
				nested = append(nested, sub...)
				i++
			}
			dec.Token() // ]
			if len(scalars) == i {
				*rows = append(*rows, [2]string{path, strings.Join(scalars, ", ")})
			} else {
				*rows = append(*rows, nested...)
			}
		}
	case nil:
	case json.Number:
		if f, err := v.Float64(); err == nil {
			*rows = append(*rows, [2]string{path, report.FormatFloat(f)})
		}
	default:
		*rows = append(*rows, [2]string{path, strings.Join(strings.Fields(fmt.Sprint(v)), " ")})
	}
}

// wrap splits s into lines of at most n runes, at spaces where it can.
func wrap(s string, n int) []string {
	r := []rune(s)
	var out []string
	for len(r) > n {
		cut := n
		for i := n; i > n/2; i-- {
			if r[i] == ' ' {
				cut = i
				break
			}
		}
		out = append(out, strings.TrimSpace(string(r[:cut])))
		r = r[cut:]
	}
	return append(out, strings.TrimSpace(string(r)))
}

// searchLimit is the number of hits `data search` prints as a table when
// --limit is not given.
const searchLimit = 50

func (a app) dataSearchCmd() *cobra.Command {
	var kind string
	var limit int
	c := &cobra.Command{
		Use:   "search TEXT...",
		Short: "Find records by any word or number, in English or Chinese (quotes included)",
		Long: `Search matches every term against every field of every record, including the
Chinese quotes and the figures as printed. Full-width characters and spaces are
folded, so "9.26" finds "9． 26 万亿日元".

The best matches come first. A table shows the first 50 and says how many
matched; --limit N shows N, --limit 0 all. CSV and JSON, read by programs,
hold every match unless --limit is given; JSON gives the number matched
("total") beside the hits.`,
		Example: "  infragame data search 9.26\n  infragame data search 雅万\n  infragame data search JICA 0.1\n  infragame data search Hydropower --limit 0",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.Format()
			if err != nil {
				return err
			}
			if limit < 0 {
				return cli.Usagef("--limit %d: give a number of hits, or 0 for all", limit)
			}
			if !cmd.Flags().Changed("limit") && format != report.FormatTable {
				limit = 0 // a program reading CSV or JSON gets every hit unless it asks for fewer
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			var k dataset.Kind
			if kind != "" {
				if k, err = dataset.ParseKind(kind); err != nil {
					return cli.UsageError(err)
				}
			}
			// the records themselves only for JSON: a table or CSV prints
			// the hits' titles and excerpts
			query := strings.Join(args, " ")
			hits, total, err := st.SearchHits(cmd.Context(), query, k, format == report.FormatJSON, limit)
			if err != nil {
				return err
			}
			if format == report.FormatJSON {
				return report.WriteJSON(a.Out, dataset.SearchResult{Total: total, Hits: hits})
			}
			t := &report.Table{Columns: []string{"id", "kind", "title", "match"}}
			for _, h := range hits {
				title, excerpt := h.Title, h.Excerpt
				if format == report.FormatTable {
					title, excerpt = report.Clip(title, 48).Text, report.Clip(excerpt, 64).Text
				}
				t.AddRow(h.ID, string(h.Kind), title, excerpt)
			}
			if format == report.FormatTable {
				t.Notes = append(t.Notes, searchTrailer(query, len(hits), total))
			}
			return report.Write(a.Out, format, nil, t)
		},
	}
	c.Flags().StringVar(&kind, "kind", "", "only records of this kind")
	c.Flags().IntVar(&limit, "limit", searchLimit, "show the best N matches, 0 for all (CSV and JSON: all unless given)")
	return c
}

// searchTrailer is the note under a search's table: how many records
// matched and, when the table shows fewer, how to see them all.
func searchTrailer(query string, shown, total int) string {
	if shown == total {
		return fmt.Sprintf("%d match(es) for %q.", total, query)
	}
	return fmt.Sprintf("%s matches for %q; showing the best %d (--limit 0 for all).", thousands(total), query, shown)
}

// thousands writes n with a comma between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (a app) dataExportCmd() *cobra.Command {
	var kind, out string
	c := &cobra.Command{
		Use:   "export",
		Short: "Export records: JSON (one document, every field), CSV (one file per kind) or an XLSX workbook (one sheet per kind)",
		Long: `--format json writes one document to stdout: {"facts": [...], "projects": [...], ...}
with every field of every record; "infragame data import" reads it back.
--format csv writes one file per kind (facts.csv, projects.csv, ...) into --out DIR,
or the single kind given by --kind to stdout; --format xlsx -o FILE.xlsx writes
one workbook with a sheet per kind. Nested fields (loans, parties,
size, printed figures) are JSON inside their cell; lists of strings are "a|b".`,
		Example: "  infragame data export --format json > all.json\n  infragame data export --format csv --out export/\n  infragame data export --kind project --format csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, set, err := a.FormatAndRecords(cmd)
			if err != nil {
				return err
			}
			kinds := dataset.Kinds
			if kind != "" {
				k, err := dataset.ParseKind(kind)
				if err != nil {
					return cli.UsageError(err)
				}
				kinds = []dataset.Kind{k}
			}
			e := dataset.NewExport(set, kinds, nil)
			switch format {
			case report.FormatJSON:
				return report.WriteJSON(a.Out, e.Document(cli.BuildVersion()))
			case report.FormatCSV:
				if out == "" {
					if len(kinds) != 1 {
						return cli.Usagef("CSV export of several kinds needs --out DIR (one file per kind), or --kind K for stdout")
					}
					return e.WriteCSV(a.Out, kinds[0])
				}
				if err := os.MkdirAll(out, 0o755); err != nil {
					return err
				}
				for _, k := range kinds {
					var buf bytes.Buffer
					if err := e.WriteCSV(&buf, k); err != nil {
						return err
					}
					p := filepath.Join(out, k.Plural()+".csv")
					if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
						return err
					}
					fmt.Fprintf(a.Err, "wrote %s (%d records)\n", p, len(e.Records[k]))
				}
				return nil
			case report.FormatXLSX:
				tables, err := publish.DatasetTables(e)
				if err != nil {
					return err
				}
				return report.Write(a.Out, format, nil, tables...)
			}
			return cli.Usagef("export needs --format json, csv or xlsx")
		},
	}
	c.Flags().StringVar(&kind, "kind", "", "export only this kind")
	c.Flags().StringVar(&out, "out", "", "directory for CSV files (one per kind)")
	return c
}

// readUserFile reads records from a YAML/JSON/CSV file of the dataset schema,
// or an AidData GCDF 3.0 CSV when from is "aiddata" (dataset.ParseUserFile,
// with the errors worded for the flags).
func (a app) readUserFile(path, from, kind string, known *dataset.Set) (*dataset.Set, []byte, error) {
	data, err := a.ReadInput(path)
	if err != nil {
		return nil, nil, err
	}
	var k dataset.Kind
	if kind != "" {
		if k, err = dataset.ParseKind(kind); err != nil {
			return nil, nil, cli.UsageError(err)
		}
	}
	set, err := dataset.ParseUserFile(path, data, from, k, known)
	switch {
	case errors.Is(err, dataset.ErrEmptyFile):
		return nil, nil, fmt.Errorf("%s: the file is empty", path)
	case errors.Is(err, dataset.ErrKindAidData):
		return nil, nil, cli.Usagef("--kind does not apply to --from aiddata: every row of an AidData file is a project")
	case errors.Is(err, dataset.ErrNeedKind):
		return nil, nil, cli.Usagef("%s: cannot tell the kind of records from the file name; give --kind", path)
	case errors.Is(err, dataset.ErrUnknownSource):
		return nil, nil, cli.Usagef("unknown --from %q (want aiddata, or nothing for infragame's own schema)", from)
	case err != nil:
		return nil, nil, err
	}
	return set, data, nil
}

func (a app) dataImportCmd() *cobra.Command {
	var from, kind string
	var dryRun bool
	c := &cobra.Command{
		Use:   "import FILE",
		Short: "Import your own records (YAML, JSON or CSV) or an AidData GCDF 3.0 CSV into the store",
		Long: `Reads FILE, validates every record (field rules, ids unique against the stored
records, references to institutions that exist) and stores them in one
transaction: a file with any problem imports nothing. Importing the same
file content twice is refused. YAML/JSON files use the export shape
({facts: [...], projects: [...]}) or a plain list when the file name says the
kind (projects.yaml) or --kind does; CSV needs the kind the same way.
--from aiddata maps an AidData GCDF 3.0 CSV onto projects and loans.`,
		Example: "  infragame data import my-projects.yaml\n  infragame data import --from aiddata gcdf-sample.csv",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			format := "infragame"
			if from != "" {
				format = from
			}
			var imp store.Import
			var counts map[dataset.Kind]int
			var skipped []string
			if from == "aiddata" && !dryRun {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				res, err := st.ImportAidData(ctx, args[0], f)
				f.Close()
				if err != nil {
					return err
				}
				imp, counts, skipped = res.Import, res.Counts, res.Skipped
			} else {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				hash, err := store.Hash(f)
				f.Close()
				if err != nil {
					return err
				}
				if err := st.CheckNew(ctx, hash); err != nil && !dryRun {
					return err
				}
				known, err := st.Records(ctx)
				if err != nil {
					return err
				}
				set, data, err := a.readUserFile(args[0], from, kind, known)
				if err != nil {
					return err
				}
				if dryRun {
					if ps := set.Locate(dataset.Validate(set, known)); len(ps) > 0 {
						return ps
					}
					fmt.Fprintf(a.Out, "%s: %d record(s) would be imported (dry run, nothing written)\n", args[0], set.Len())
					return nil
				}
				if imp, err = st.Import(ctx, args[0], format, data, set); err != nil {
					return err
				}
				counts = map[dataset.Kind]int{}
				for _, r := range set.All() {
					counts[r.RecordKind()]++
				}
			}
			fmt.Fprintf(a.Out, "imported %d record(s) from %s as import #%d into %s\n", imp.Records, args[0], imp.ID, st.Path())
			for _, k := range dataset.Kinds {
				if counts[k] > 0 {
					fmt.Fprintf(a.Out, "  %s: %d\n", k, counts[k])
				}
			}
			if len(skipped) > 0 {
				fmt.Fprintf(a.Out, "skipped %d row(s) already in the dataset as curated records: %s\n", len(skipped), strings.Join(skipped, "; "))
			}
			return nil
		},
	}
	c.Flags().StringVar(&from, "from", "", "source format: aiddata (GCDF 3.0 CSV); default infragame's own schema")
	c.Flags().StringVar(&kind, "kind", "", "kind of records in a plain list or CSV file")
	c.Flags().BoolVar(&dryRun, "dry-run", false, "validate against the store but write nothing")
	return c
}

func (a app) dataValidateCmd() *cobra.Command {
	var from, kind string
	c := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a file of records against every rule without importing it",
		Long: `Prints every problem with file, line, column and field, and exits non-zero if
there is any. Records are checked against the embedded dataset too (an id that
is already used is a problem), not against your store.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			emb, err := dataset.Embedded()
			if err != nil {
				return err
			}
			set, _, err := a.readUserFile(args[0], from, kind, emb)
			if err != nil {
				return err
			}
			if ps := set.Locate(dataset.Validate(set, emb)); len(ps) > 0 {
				return ps
			}
			fmt.Fprintf(a.Out, "%s: %d record(s), no problems\n", args[0], set.Len())
			return nil
		},
	}
	c.Flags().StringVar(&from, "from", "", "source format: aiddata (GCDF 3.0 CSV); default infragame's own schema")
	c.Flags().StringVar(&kind, "kind", "", "kind of records in a plain list or CSV file")
	return c
}

func (a app) dataImportsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "imports",
		Short: "List the imports in the store",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := a.Format()
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			imps, err := st.Imports(cmd.Context())
			if err != nil {
				return err
			}
			if imps == nil {
				imps = []store.Import{}
			}
			t := &report.Table{Columns: []string{"id", "file", "format", "imported_at", "records", "sha256"}}
			for _, i := range imps {
				t.AddRow(i.ID, i.File, i.Format, i.ImportedAt, i.Records, i.SHA256[:12])
			}
			return report.Write(a.Out, format, imps, t)
		},
	}
}

func (a app) dataRemoveImportCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "remove-import N",
		Short: "Delete import #N and its records from the store",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return cli.Usagef("import number %q is not a number", args[0])
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			k, err := st.RemoveImport(cmd.Context(), n)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.Out, "removed import #%d (%d records)\n", n, k)
			return nil
		},
	}
}
