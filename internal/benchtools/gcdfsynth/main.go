// Command gcdfsynth writes a synthetic AidData GCDF 3.0 CSV of any length
// for import benchmarks: the header of a sample file and its rows cycled,
// each with a unique record id and varied recipient, years, title and
// description (with commas and quotes, so the CSV needs quoting), status,
// sector, funding agency (the large Chinese lenders included), amount and
// loan terms. The output depends only on the sample and the row count.
//
//	go run ./internal/benchtools/gcdfsynth dataset/testdata/aiddata-gcdf3-sample.csv 21000 > big.csv
package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

var (
	recipients = [][3]string{
		{"Indonesia", "IDN", "Asia"}, {"Kenya", "KEN", "Africa"}, {"Pakistan", "PAK", "Asia"},
		{"Angola", "AGO", "Africa"}, {"Laos", "LAO", "Asia"}, {"Sri Lanka", "LKA", "Asia"},
		{"Ecuador", "ECU", "America"}, {"Argentina", "ARG", "America"}, {"Kazakhstan", "KAZ", "Asia"},
		{"Serbia", "SRB", "Europe"}, {"Egypt", "EGY", "Middle East"}, {"Papua New Guinea", "PNG", "Oceania"},
		{"Nigeria", "NGA", "Africa"}, {"Zambia", "ZMB", "Africa"}, {"Viet Nam", "VNM", "Asia"},
		{"Bangladesh", "BGD", "Asia"}, {"Mongolia", "MNG", "Asia"}, {"Djibouti", "DJI", "Africa"},
	}
	agencies = [][2]string{
		{"China Development Bank (CDB)", "State-owned Policy Bank"},
		{"Export-Import Bank of China (China Eximbank)", "State-owned Policy Bank"},
		{"Industrial and Commercial Bank of China (ICBC)", "State-owned Commercial Bank"},
		{"Bank of China (BOC)", "State-owned Commercial Bank"},
		{"China Construction Bank Corporation (CCB)", "State-owned Commercial Bank"},
		{"Agricultural Bank of China (ABC)", "State-owned Commercial Bank"},
		{"Silk Road Fund (SRF)", "State-owned Fund"},
		{"China-Africa Development Fund (CADF)", "State-owned Fund"},
		{"China Export & Credit Insurance Corporation (Sinosure)", "State-owned Company"},
		{"Ministry of Commerce of the People's Republic of China (MOFCOM)", "Government Agency"},
	}
	works    = []string{"Hydropower Station", "Expressway, Phase %d", "Port Berth %d", "Light Rail Line %d", "Solar Park, %d0 MW", "Water Supply Scheme", "High-Speed Railway, Section %d", "Airport Terminal %d", `Industrial Park "Zone %d"`}
	statuses = []string{"Completion", "Implementation", "Pipeline: Commitment", "Pipeline: Pledge", "Suspended", "Cancelled"}
	sectors  = []string{"TRANSPORT AND STORAGE", "ENERGY", "COMMUNICATIONS", "WATER SUPPLY AND SANITATION", "INDUSTRY, MINING, CONSTRUCTION"}
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gcdfsynth SAMPLE.csv ROWS > OUT.csv")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "gcdfsynth: ROWS must be a positive integer")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "gcdfsynth:", err)
		os.Exit(1)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) < 2 {
		fmt.Fprintln(os.Stderr, "gcdfsynth: want a CSV with a header and rows:", err)
		os.Exit(1)
	}
	header, base := rows[0], rows[1:]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	rnd := rand.New(rand.NewPCG(2023, 11))
	w := csv.NewWriter(os.Stdout)
	w.Write(header)
	set := func(r []string, name, v string) {
		if i, ok := col[name]; ok {
			r[i] = v
		}
	}
	has := func(r []string, name string) bool {
		i, ok := col[name]
		return ok && r[i] != ""
	}
	for i := range n {
		r := append([]string(nil), base[i%len(base)]...)
		id := strconv.Itoa(100000 + i)
		rc := recipients[rnd.IntN(len(recipients))]
		year := 2000 + rnd.IntN(22)
		work := works[rnd.IntN(len(works))]
		// the number is drawn for every row, so the random stream (and with
		// it every other column) is the same whether the work has one or not
		if k := 1 + rnd.IntN(4); strings.Contains(work, "%d") {
			work = fmt.Sprintf(work, k)
		}
		set(r, "AidData Record ID", id)
		set(r, "Recipient", rc[0])
		set(r, "Recipient ISO-3", rc[1])
		set(r, "Recipient Region", rc[2])
		set(r, "Commitment Year", strconv.Itoa(year))
		if has(r, "Implementation Start Year") {
			set(r, "Implementation Start Year", strconv.Itoa(year+rnd.IntN(3)))
		}
		if has(r, "Completion Year") {
			set(r, "Completion Year", strconv.Itoa(year+3+rnd.IntN(6)))
		}
		set(r, "Title", fmt.Sprintf("%s: %s, financing agreement (synthetic row %s)", rc[0], work, id))
		if has(r, "Description") {
			set(r, "Description", fmt.Sprintf("Synthetic row from sample row %d: %s in %s, committed %d; terms \"as reported\" by %d sources.", i%len(base)+1, work, rc[0], year, 1+rnd.IntN(30)))
		}
		set(r, "Status", statuses[rnd.IntN(len(statuses))])
		set(r, "Sector Name", sectors[rnd.IntN(len(sectors))])
		ag := agencies[rnd.IntN(len(agencies))]
		set(r, "Funding Agencies", ag[0])
		set(r, "Funding Agencies Type", ag[1])
		usd := math.Round(math.Exp(18+1.5*rnd.NormFloat64())*100) / 100
		if has(r, "Amount (Original Currency)") {
			set(r, "Amount (Original Currency)", strconv.FormatFloat(usd, 'f', 2, 64))
			set(r, "Original Currency", "USD")
		}
		if has(r, "Amount (Nominal USD)") {
			set(r, "Amount (Nominal USD)", strconv.FormatFloat(usd, 'f', 2, 64))
		}
		if has(r, "Interest Rate") {
			mat := []float64{10, 15, 20, 25, 40}[rnd.IntN(5)]
			set(r, "Interest Rate", strconv.FormatFloat(float64(rnd.IntN(6))+rnd.Float64(), 'f', 4, 64))
			set(r, "Maturity", strconv.FormatFloat(mat, 'f', -1, 64))
			set(r, "Grace Period", strconv.FormatFloat(math.Min(mat-1, float64(2+rnd.IntN(8))), 'f', -1, 64))
		}
		if has(r, "Source URLs") {
			set(r, "Source URLs", "https://china.aiddata.org/projects/"+id)
		}
		w.Write(r)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		fmt.Fprintln(os.Stderr, "gcdfsynth:", err)
		os.Exit(1)
	}
}
