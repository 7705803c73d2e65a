package cases_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/tender"
)

func TestCrossValidateRuns(t *testing.T) {
	fs, _ := cases.All()
	cv, err := tender.CrossValidate(fs)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(cv.Summary, "", " ")
	fmt.Println(string(b))
	fmt.Println(cv.Model.Beta, cv.Model.SE)
}
