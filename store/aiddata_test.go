package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
)

// TestImportAidData: the sample's row for AidData 61320 is the curated
// Jakarta–Bandung loan (its source_id), so it is skipped; the other rows
// are stored, with the institutions they need; the same content a second time is refused.
func TestImportAidData(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(filepath.Join("..", "dataset", "testdata", "aiddata-gcdf3-sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	res, err := st.ImportAidData(ctx, "sample.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 1 || !strings.HasPrefix(res.Skipped[0], "AidData 61320 (already in ") {
		t.Errorf("skipped %q, want the curated 61320 row", res.Skipped)
	}
	// Two projects and the lender of one of them, which the dataset lacks.
	if res.Counts[dataset.KindProject] != 2 || res.Counts[dataset.KindInstitution] != 1 || res.Records != 3 {
		t.Errorf("counts %v, records %d; want 2 projects and 1 institution", res.Counts, res.Records)
	}
	if _, err := st.ImportAidData(ctx, "again.csv", bytes.NewReader(data)); err == nil {
		t.Error("the same content was imported twice")
	}
}

// TestImportAidDataSkipsUserCurated: a project the user imported whose loan
// names an AidData record as its source (source_id "AidData T-0001") holds
// that record like a curated one: the GCDF row is skipped, in a store that
// also holds an earlier GCDF import.
func TestImportAidDataSkipsUserCurated(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	if _, err := st.ImportAidData(ctx, "big.csv", bytes.NewReader(aidDataRowsN(t, 50))); err != nil {
		t.Fatal(err)
	}
	p := &dataset.Project{Name: "Antigua loan, curated", Host: "AG", Region: "latin-america", Sector: "multi", Year: 2013,
		Loans: []dataset.Loan{{Lender: "china-exim", SourceID: "AidData T-0001"}}}
	p.ID, p.Source = "antigua-gcl", "test"
	set := &dataset.Set{}
	set.Add(p)
	if _, err := st.Import(ctx, "mine.yaml", "infragame", []byte("mine"), set); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "dataset", "testdata", "aiddata-gcdf3-sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.ImportAidData(ctx, "sample.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Skipped, "; ") != "AidData 61320 (already in jakarta-bandung-hsr); AidData t-0001 (already in antigua-gcl)" {
		t.Errorf("skipped %q", res.Skipped)
	}
}
