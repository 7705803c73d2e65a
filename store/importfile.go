package store

import (
	"bytes"
	"context"

	"github.com/infragame/infragame/dataset"
)

// FileImport is what [Store.ImportFile] did: the import and its records
// by kind.
type FileImport struct {
	Import
	Counts  map[dataset.Kind]int `json:"counts"`
	Skipped []string             `json:"skipped,omitempty"`
}

// ImportFile imports a user's file given as bytes (an upload) in one
// transaction, as `infragame data import` does with a file: refused when
// the same content was imported before; records read by
// [dataset.ParseUserFile] (from "aiddata" for a GCDF 3.0 CSV, whose rows
// stream through [Store.ImportAidData]) and validated against the store.
func (s *Store) ImportFile(ctx context.Context, name, from string, k dataset.Kind, data []byte) (FileImport, error) {
	if from == "aiddata" && k == "" {
		r, err := s.ImportAidData(ctx, name, bytes.NewReader(data))
		if err != nil {
			return FileImport{}, err
		}
		return FileImport(r), nil
	}
	h, err := Hash(bytes.NewReader(data))
	if err != nil {
		return FileImport{}, err
	}
	if err := s.CheckNew(ctx, h); err != nil {
		return FileImport{}, err
	}
	known, err := s.Records(ctx)
	if err != nil {
		return FileImport{}, err
	}
	set, err := dataset.ParseUserFile(name, data, from, k, known)
	if err != nil {
		return FileImport{}, err
	}
	format := "infragame"
	if from != "" {
		format = from
	}
	imp, err := s.Import(ctx, name, format, data, set)
	if err != nil {
		return FileImport{}, err
	}
	counts := map[dataset.Kind]int{}
	for _, r := range set.All() {
		counts[r.RecordKind()]++
	}
	return FileImport{Import: imp, Counts: counts}, nil
}
