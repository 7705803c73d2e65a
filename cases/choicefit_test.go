package cases

import (
	"bytes"
	"flag"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/infragame/infragame/tender"
)

var updateChoiceFit = flag.Bool("update-choice-fit", false, "rewrite "+choiceFitFile+" from a fresh fit of the library")

// The stored fit is the fit of the embedded library by the current code:
// after a change to a case file or to the fit (tender.FitLibrary and the
// features it uses), run
//
//	go test ./cases -run TestStoredChoiceFitIsCurrent -update-choice-fit
func TestStoredChoiceFitIsCurrent(t *testing.T) {
	m, err := fitChoiceModel()
	if err != nil {
		t.Fatal(err)
	}
	want, err := marshalChoiceFit(m, libraryHash())
	if err != nil {
		t.Fatal(err)
	}
	if *updateChoiceFit {
		if err := os.WriteFile(choiceFitFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	const stale = "is not the fit of the current library and code; run go test ./cases -run TestStoredChoiceFitIsCurrent -update-choice-fit"
	stored, ok := storedChoiceModel(choiceFitJSON, libraryHash())
	if !ok {
		t.Fatalf("%s %s", choiceFitFile, stale)
	}
	// Bit for bit where the file was written (amd64); within 1e-12
	// relative where the compiler fuses multiply-adds (arm64, …): a change
	// to the library's data or to the fit moves the estimate far more.
	if !bytes.Equal(choiceFitJSON, want) && !sameFit(stored, m, 1e-12) {
		t.Fatalf("%s %s", choiceFitFile, stale)
	}
	got, err := ChoiceModel()
	if err != nil {
		t.Fatal(err)
	}
	if !sameFit(got, stored, 0) {
		t.Error("ChoiceModel is not the stored fit")
	}
}

// sameFit reports whether a and b agree: the same names, features, counts,
// and numbers within tol relative (tol 0: identical).
func sameFit(a, b tender.ChoiceModel, tol float64) bool {
	close := func(x, y []float64) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if d := math.Abs(x[i] - y[i]); d > tol*math.Max(math.Abs(x[i]), math.Abs(y[i])) {
				return false
			}
		}
		return true
	}
	return slices.Equal(a.Names, b.Names) && slices.Equal(a.Active, b.Active) && a.Cases == b.Cases && a.Offers == b.Offers &&
		close(a.Beta, b.Beta) && close(a.SE, b.SE) && close(a.Cov, b.Cov) && close(a.Scale, b.Scale) && close([]float64{a.LogLik}, []float64{b.LogLik})
}

// A stored fit of another library (or an unreadable one) is not used.
func TestStoredChoiceFitOfAnotherLibrary(t *testing.T) {
	m, err := fitChoiceModel()
	if err != nil {
		t.Fatal(err)
	}
	b, err := marshalChoiceFit(m, "another library")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := storedChoiceModel(b, libraryHash()); ok {
		t.Error("a fit of another library was used")
	}
	if _, ok := storedChoiceModel(b, "another library"); !ok {
		t.Error("the fit of the same library was not used")
	}
	if _, ok := storedChoiceModel([]byte("{"), libraryHash()); ok {
		t.Error("a truncated file was used")
	}
}
