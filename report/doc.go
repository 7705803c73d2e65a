// Package report renders domain results for people and for other programs:
// aligned text tables, JSON documents, CSV files and SVG charts.
//
// It never computes results; callers build a [Table] (or any JSON-encodable
// value) from a domain result and hand it to [Write]. JSON field names are the
// callers' responsibility and are documented where the value is defined.
package report
