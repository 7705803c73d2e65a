package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The cell styles of a workbook: indices into the cellXfs of xl/styles.xml.
const (
	styleNone   = iota
	styleHeader // bold on a light grey fill
	styleInt    // #,##0
	stylePct    // 0.0%
	styleDec    // 0.0000
	styleBig    // #,##0.00
	// Currency formats, "USD "#,##0.00 and so on, for the columns whose
	// unit names the currency (Table.Unit "USD bn", "JPY 2015", …), in
	// the order of xlsxCurrencies.
	styleCurrency
)

// xlsxCurrencies are the currencies with a number format of their own:
// the exporters' and lenders' currencies and the SDR. A column in another
// currency keeps #,##0.00 and its header's unit.
var xlsxCurrencies = []string{"USD", "JPY", "CNY", "EUR", "SDR"}

// xlsxStyles is xl/styles.xml: the number formats of styleInt … styleBig
// and of each currency (custom formats are numbered from 164, ECMA-376
// Part 1 §18.8.30), the default and the bold font, the two fills every
// workbook carries (none, gray125) and the header's solid fill, one empty
// border.
func xlsxStyles() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	fmts := []string{"#,##0", "0.0%", "0.0000", "#,##0.00"}
	for _, c := range xlsxCurrencies {
		fmts = append(fmts, "&quot;"+c+" &quot;#,##0.00")
	}
	fmt.Fprintf(&b, `<numFmts count="%d">`, len(fmts))
	for i, f := range fmts {
		fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="%s"/>`, 164+i, f)
	}
	b.WriteString(`</numFmts>` +
		`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
		`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFEEEEEE"/><bgColor indexed="64"/></patternFill></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&b, `<cellXfs count="%d"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`, 2+len(fmts))
	b.WriteString(`<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>`)
	for i := range fmts {
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`, 164+i)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.String()
}

// currencyStyle is the style of a number in unit u when u names one of
// xlsxCurrencies ("USD bn", "JPY 2015", "USD"), else 0.
func currencyStyle(u string) int {
	code, _, _ := strings.Cut(u, " ")
	for i, c := range xlsxCurrencies {
		if code == c {
			return styleCurrency + i
		}
	}
	return 0
}

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg   = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctMain  = "application/vnd.openxmlformats-officedocument.spreadsheetml."
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// maxCellChars is the most characters a cell holds in Excel; longer text
// is cut.
const maxCellChars = 32767

// xlsxCell is one cell: text, a number, or empty.
type xlsxCell struct {
	text   string
	num    float64
	isText bool
	isNum  bool
	style  int
}

// xlsxSheet is one worksheet: rows from row 1, the first frozen; column
// widths in characters from column A.
type xlsxSheet struct {
	name   string
	rows   [][]xlsxCell
	widths []float64
}

// xlsxBook writes a SpreadsheetML package (ECMA-376 Part 1): the parts
// [Content_Types].xml, _rels/.rels, xl/workbook.xml and its relations,
// xl/styles.xml, xl/sharedStrings.xml and one xl/worksheets/sheetN.xml per
// sheet, in a zip archive. Text goes to the shared-string table, as Excel
// writes it.
type xlsxBook struct {
	sheets  []*xlsxSheet
	strings []string
	index   map[string]int
}

func (b *xlsxBook) shared(s string) int {
	if b.index == nil {
		b.index = map[string]int{}
	}
	if i, ok := b.index[s]; ok {
		return i
	}
	b.index[s] = len(b.strings)
	b.strings = append(b.strings, s)
	return len(b.strings) - 1
}

func (b *xlsxBook) write(w io.Writer) error {
	if len(b.sheets) == 0 {
		return fmt.Errorf("report: a workbook needs a sheet")
	}
	z := zip.NewWriter(w)
	var buf bytes.Buffer
	part := func(name string, fill func(*bytes.Buffer)) error {
		buf.Reset()
		fill(&buf)
		f, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = f.Write(buf.Bytes())
		return err
	}
	// the sheets first: they fill the shared-string table
	for i, sh := range b.sheets {
		if err := part(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(o *bytes.Buffer) { b.sheetXML(o, sh, i == 0) }); err != nil {
			return err
		}
	}
	n := len(b.sheets)
	parts := []struct {
		name string
		fill func(*bytes.Buffer)
	}{
		{"[Content_Types].xml", func(o *bytes.Buffer) {
			o.WriteString(xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
			o.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
			o.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
			o.WriteString(`<Override PartName="/xl/workbook.xml" ContentType="` + ctMain + `sheet.main+xml"/>`)
			for i := range n {
				fmt.Fprintf(o, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%sworksheet+xml"/>`, i+1, ctMain)
			}
			o.WriteString(`<Override PartName="/xl/styles.xml" ContentType="` + ctMain + `styles+xml"/>`)
			o.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ctMain + `sharedStrings+xml"/>`)
			o.WriteString(`</Types>`)
		}},
		{"_rels/.rels", func(o *bytes.Buffer) {
			o.WriteString(xmlDecl + `<Relationships xmlns="` + nsPkg + `">`)
			o.WriteString(`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
		}},
		{"xl/workbook.xml", func(o *bytes.Buffer) {
			o.WriteString(xmlDecl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
			o.WriteString(`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
			for i, sh := range b.sheets {
				o.WriteString(`<sheet name="`)
				escapeXML(o, sh.name)
				fmt.Fprintf(o, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
			}
			o.WriteString(`</sheets></workbook>`)
		}},
		{"xl/_rels/workbook.xml.rels", func(o *bytes.Buffer) {
			o.WriteString(xmlDecl + `<Relationships xmlns="` + nsPkg + `">`)
			for i := range n {
				fmt.Fprintf(o, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, nsRel, i+1)
			}
			fmt.Fprintf(o, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>`, n+1, nsRel)
			fmt.Fprintf(o, `<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, n+2, nsRel)
			o.WriteString(`</Relationships>`)
		}},
		{"xl/styles.xml", func(o *bytes.Buffer) { o.WriteString(xlsxStyles()) }},
		{"xl/sharedStrings.xml", func(o *bytes.Buffer) {
			o.WriteString(xmlDecl)
			fmt.Fprintf(o, `<sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, len(b.strings), len(b.strings))
			for _, s := range b.strings {
				o.WriteString(`<si>`)
				textElement(o, s)
				o.WriteString(`</si>`)
			}
			o.WriteString(`</sst>`)
		}},
	}
	for _, p := range parts {
		if err := part(p.name, p.fill); err != nil {
			return err
		}
	}
	return z.Close()
}

func (b *xlsxBook) sheetXML(o *bytes.Buffer, sh *xlsxSheet, first bool) {
	o.WriteString(xmlDecl + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	o.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if first {
		o.WriteString(` tabSelected="1"`)
	}
	o.WriteString(`><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`)
	o.WriteString(`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`)
	o.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(sh.widths) > 0 {
		o.WriteString(`<cols>`)
		for c, w := range sh.widths {
			fmt.Fprintf(o, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, c+1, c+1, strconv.FormatFloat(w, 'f', -1, 64))
		}
		o.WriteString(`</cols>`)
	}
	o.WriteString(`<sheetData>`)
	var ref []byte
	for r, row := range sh.rows {
		open := false
		for c, cell := range row {
			if !cell.isText && !cell.isNum {
				continue
			}
			if !open {
				fmt.Fprintf(o, `<row r="%d">`, r+1)
				open = true
			}
			ref = cellRef(ref[:0], c, r)
			o.WriteString(`<c r="`)
			o.Write(ref)
			o.WriteByte('"')
			if cell.style != styleNone {
				o.WriteString(` s="`)
				o.WriteString(strconv.Itoa(cell.style))
				o.WriteByte('"')
			}
			if cell.isNum {
				o.WriteString(`><v>`)
				o.WriteString(strconv.FormatFloat(cell.num, 'f', -1, 64))
			} else {
				o.WriteString(` t="s"><v>`)
				o.WriteString(strconv.Itoa(b.shared(cutCell(cell.text))))
			}
			o.WriteString(`</v></c>`)
		}
		if open {
			o.WriteString(`</row>`)
		}
	}
	o.WriteString(`</sheetData></worksheet>`)
}

// cellRef appends the A1 reference of column c, row r (both from 0).
func cellRef(dst []byte, c, r int) []byte {
	var col [8]byte
	i := len(col)
	for n := c + 1; n > 0; n = (n - 1) / 26 {
		i--
		col[i] = byte('A' + (n-1)%26)
	}
	dst = append(dst, col[i:]...)
	return strconv.AppendInt(dst, int64(r+1), 10)
}

// cutCell cuts text to the characters a cell holds.
func cutCell(s string) string {
	if utf8.RuneCountInString(s) <= maxCellChars {
		return s
	}
	return string([]rune(s)[:maxCellChars])
}

// textElement writes s as a <t> element, keeping leading and trailing
// spaces.
func textElement(o *bytes.Buffer, s string) {
	if s != strings.TrimSpace(s) {
		o.WriteString(`<t xml:space="preserve">`)
	} else {
		o.WriteString(`<t>`)
	}
	escapeXML(o, s)
	o.WriteString(`</t>`)
}

// escapeXML writes s escaped for XML text or an attribute value; characters
// XML 1.0 cannot hold become U+FFFD.
func escapeXML(o *bytes.Buffer, s string) {
	_ = xml.EscapeText(o, []byte(s)) // a bytes.Buffer does not fail
}
