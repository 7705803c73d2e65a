package cases

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/infragame/infragame/tender"
)

// choiceFitFile is the host-choice model fitted on the embedded library,
// stored with the SHA-256 of the library it was fitted on (see
// [libraryHash]); TestStoredChoiceFitIsCurrent checks it against a fresh
// fit and rewrites it with -update-choice-fit.
const choiceFitFile = "choice_fit.json"

//go:embed choice_fit.json
var choiceFitJSON []byte

// choiceFit is the content of choiceFitFile.
type choiceFit struct {
	// LibrarySHA256 is libraryHash() of the library the model was
	// fitted on.
	LibrarySHA256 string             `json:"library_sha256"`
	Model         tender.ChoiceModel `json:"model"`
}

// ChoiceModel returns the host-choice model fitted on the library's decided
// contests ([tender.FitLibrary]); the same library gives the same
// estimate. The library is embedded, so its fit is stored beside it, with
// the hash of the files it was fitted on, and returned while the hash
// matches: parsing and fitting the library (tens of ms, serial) was most
// of the set-up of "tender evaluate". When the library differs from the
// stored hash the model is fitted again.
func ChoiceModel() (tender.ChoiceModel, error) {
	if m, ok := storedChoiceModel(choiceFitJSON, libraryHash()); ok {
		return m, nil
	}
	return fitChoiceModel()
}

// fitChoiceModel fits the model on the parsed library.
func fitChoiceModel() (tender.ChoiceModel, error) {
	fs, err := All()
	if err != nil {
		return tender.ChoiceModel{}, err
	}
	return tender.FitLibrary(fs)
}

// storedChoiceModel decodes a stored fit and returns its model if it was
// fitted on the library of hash lib.
func storedChoiceModel(stored []byte, lib string) (tender.ChoiceModel, bool) {
	var cf choiceFit
	dec := json.NewDecoder(bytes.NewReader(stored))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil || cf.LibrarySHA256 != lib {
		return tender.ChoiceModel{}, false
	}
	return cf.Model, true
}

// libraryHash is the SHA-256 of the embedded case files, each as its
// name's length, the name, its content's length and the content, in name
// order.
func libraryHash() string {
	h := sha256.New()
	for _, n := range Names() {
		b, _ := files.ReadFile(n) // listed by Names, so present
		fmt.Fprintf(h, "%d:%s%d:", len(n), n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// marshalChoiceFit returns the stored form of a model fitted on the
// library of hash lib.
func marshalChoiceFit(m tender.ChoiceModel, lib string) ([]byte, error) {
	b, err := json.MarshalIndent(choiceFit{LibrarySHA256: lib, Model: m}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
