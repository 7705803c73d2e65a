package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"
)

// section returns the part of page from the element with id from to the
// element with id to ("" to the end).
func section(t *testing.T, page, from, to string) string {
	t.Helper()
	i := strings.Index(page, `id="`+from+`"`)
	if i < 0 {
		t.Fatalf("no #%s on the page", from)
	}
	s := page[i:]
	if to != "" {
		if j := strings.Index(s, `id="`+to+`"`); j >= 0 {
			s = s[:j]
		}
	}
	return s
}

// TestFormPagesEqualCLI: the pages' forms (as a browser submits them, empty
// fields included) show the numbers of the CLI's JSON for the same inputs,
// in data-value, each rounded for reading; the case page's tables are the
// CLI's report. TestAnalysesInBrowser runs the same in Chromium.
func TestFormPagesEqualCLI(t *testing.T) {
	ts := newStoreServer(t)
	check := func(what, html, cliOut string) {
		t.Helper()
		if d := sameNumbers(htmlValues(t, html), jsonNumbers(t, cliOut)); d != "" {
			t.Errorf("%s: %s", what, d)
		}
		checkRounding(t, what, html)
	}
	// The loan form with every field, the income group chosen.
	q := url.Values{"lang": {"zh"}, "principal": {"250"}, "currency": {"JPY"}, "rate_pct": {"0.1"}, "maturity_years": {"40"}, "grace_years": {"10"},
		"payments_per_year": {"2"}, "front_end_fee_pct": {"0.2"}, "discount_pct": {""}, "profile": {"annuity"}, "income_group": {"lmic"}}
	resp, page := get(t, ts, "/finance?"+q.Encode())
	if resp.StatusCode != 200 {
		t.Fatalf("finance: %d\n%.500s", resp.StatusCode, page)
	}
	loan := []string{"--principal", "250", "--currency", "JPY", "--rate", "0.1", "--maturity", "40", "--grace", "10", "--front-end-fee", "0.2", "--profile", "annuity"}
	check("finance ge", section(t, page, "ge-result", "schedule-result"), runCLI(t, append([]string{"finance", "ge", "--income-group", "lmic"}, loan...)...))
	check("finance schedule", section(t, page, "schedule-result", "compare-form"), runCLI(t, append([]string{"finance", "schedule"}, loan...)...))

	// A floating-rate loan drawn over three years, with a commitment fee.
	q = url.Values{"lang": {"en"}, "principal": {"100"}, "currency": {"USD"}, "rate_pct": {""}, "maturity_years": {"35"}, "grace_years": {"5"},
		"payments_per_year": {"2"}, "front_end_fee_pct": {"0.25"}, "discount_pct": {"10"}, "spread_pct": {"1.4"}, "reference_path_pct": {"0.537"},
		"commitment_fee_pct": {"0.25"}, "disbursement_pct": {"40,30,30"}, "profile": {"equal_principal"}, "income_group": {""}}
	resp, page = get(t, ts, "/finance?"+q.Encode())
	if resp.StatusCode != 200 {
		t.Fatalf("floating loan: %d\n%.500s", resp.StatusCode, page)
	}
	check("finance schedule, floating", section(t, page, "schedule-result", "compare-form"), runCLI(t, "finance", "schedule", "--principal", "100", "--reference-path", "0.537",
		"--spread", "1.4", "--maturity", "35", "--grace", "5", "--front-end-fee", "0.25", "--commitment-fee", "0.25", "--disbursement", "40,30,30", "--discount", "10"))

	// The project comparison; an empty option is the CLI's default.
	_, page = get(t, ts, "/finance?lang=en&project=jakarta-bandung-hsr&host_discount_pct=&call_probability_pct=10")
	check("finance compare --project", section(t, page, "compare-result", ""), runCLI(t, "finance", "compare", "--project", "jakarta-bandung-hsr", "--call-probability", "10"))

	// A comparison file uploaded.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("offers", "jakarta-bandung.yaml")
	_, _ = io.WriteString(fw, example(t, "finance/jakarta-bandung.yaml"))
	_ = mw.WriteField("offers_text", "")
	_ = mw.WriteField("host_discount_pct", "8")
	_ = mw.WriteField("call_probability_pct", "")
	_ = mw.Close()
	code, _, page := post(t, ts, "/finance?lang=zh", mw.FormDataContentType(), body.Bytes())
	if code != 200 {
		t.Fatalf("finance upload: %d\n%.500s", code, page)
	}
	check("finance compare FILE", section(t, page, "compare-result", ""), runCLI(t, "finance", "compare", "examples/finance/jakarta-bandung.yaml", "--host-discount", "8"))

	// A bad file is a 400 with the reader's message.
	code, _, page = post(t, ts, "/finance?lang=en", "application/x-www-form-urlencoded", []byte("offers_text="+url.QueryEscape("project: [")))
	if code != 400 || !strings.Contains(page, `<pre id="error">offers:`) {
		t.Errorf("bad comparison file: %d", code)
	}

	// The contest form: overrides, grid, verification; empty fields are the
	// case's values.
	_, page = get(t, ts, "/contest/jakarta-bandung-2015?lang=zh&host_power_pct=30&synergy_pct=&civil_share_pct=&synergies=0,10&powers=0,100&verify=true")
	check("contest analyze", section(t, page, "result", ""), runCLI(t, "contest", "analyze", "case:jakarta-bandung-2015", "--host-power", "30", "--verify"))
	resp, page = get(t, ts, "/contest/jakarta-bandung-2015?synergies=0:200:50")
	if resp.StatusCode != 400 || !strings.Contains(page, "synergies") {
		t.Errorf("bad grid: %d", resp.StatusCode)
	}

	// The auction page with --verify.
	_, page = get(t, ts, "/auction?verify=true&spec_text="+url.QueryEscape(exampleFile("auction/issue.yaml")))
	check("auction solve --verify", section(t, page, "result", ""), runCLI(t, "auction", "solve", "examples/auction/issue.yaml", "--verify"))

	// websim: the auction page quotes one bid as `auction bid`.
	_, page = get(t, ts, "/auction?command=bid&bidder=weak&type=0.8&spec_text="+url.QueryEscape(exampleFile("auction/issue.yaml")))
	check("auction bid", section(t, page, "result", ""), runCLI(t, "auction", "bid", "examples/auction/issue.yaml", "weak", "0.8"))
	if resp, _ := get(t, ts, "/auction?command=bid&bidder=nobody&type=0.8&spec_text="+url.QueryEscape(exampleFile("auction/issue.yaml"))); resp.StatusCode != 400 {
		t.Errorf("auction bid of an unknown bidder: %d", resp.StatusCode)
	}

	// The coop page solves a bargaining problem as `coop bargain`.
	_, page = get(t, ts, "/coop?command=bargain&spec_text="+url.QueryEscape(exampleFile("coop/bargain.yaml")))
	check("coop bargain", section(t, page, "result", ""), runCLI(t, "coop", "bargain", "examples/coop/bargain.yaml"))

	// A library case's page has the tables of the CLI's report, break-evens
	// included.
	_, page = get(t, ts, "/tender/jakarta-bandung-2015?lang=en")
	var cells []string
	for _, m := range tdRE.FindAllStringSubmatch(page, -1) {
		cells = append(cells, strings.TrimSpace(htmlText(m[1])))
	}
	if d := sameCells(cells, cliReport(t, "en", "case", "case:jakarta-bandung-2015")); d != "" {
		t.Errorf("tender case: %s", d)
	}
	if resp, _ := get(t, ts, "/tender/jakarta-bandung-2015?breakevens=99"); resp.StatusCode != 400 {
		t.Errorf("breakevens=99: %d", resp.StatusCode)
	}
}
