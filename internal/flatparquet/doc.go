// Package flatparquet writes and reads Parquet files of flat schemas:
// REQUIRED columns of 32- and 64-bit integers, doubles and UTF-8 strings,
// the shape of every Parquet file infragame produces (market simulation
// rows, sweep results).
//
// Files are written uncompressed, numbers with the PLAIN encoding and
// strings with one dictionary page per row group and RLE_DICTIONARY
// indices (parquet-format, Encodings.md), in version-1 data pages; the
// footer and page headers use the Thrift compact protocol. The tests read
// every written file back with parquet-go, an independent implementation;
// hyparquet (JavaScript) was checked by hand.
//
// The reader reads what the writer writes, and the same schema written
// uncompressed by other tools (PLAIN or dictionary encoding, data pages of
// version 1 or 2); anything else is refused with [ErrUnsupported].
//
// It replaces github.com/parquet-go/parquet-go in the infragame binary:
// that library and what it links (the protobuf runtime, five compression
// codecs, a geometry library) cost every command about 90 page faults and
// a read of the executable file at start-up, for two writers of flat rows
// and one reader of our own files (BENCHMARKS.md, "Start-up").
package flatparquet
