// Package dataset holds infragame's curated, sourced records and the readers
// that bring user records in.
//
// The embedded data (directory data/, human-editable YAML) transcribes every
// quantitative statement, named project, institution, strategy and dated
// event of the seed paper (刘瑞, 基础设施出口战略博弈下的中日竞争与合作), and
// adds outside facts — loan offers, signed loan terms, exchange rates — each
// with a citation. Figures from the paper keep the figure as printed
// ([Printed]: value, scale word such as 万亿 or 亿, unit word, the characters
// themselves) beside a normalised [Quantity] in a base unit (JPY, USD, count,
// percent, km …) and year. A figure that does not agree with the paper's own
// arithmetic is kept as printed and flagged "inconsistent" with a note.
//
// Readers are strict: unknown fields, duplicate ids, unknown currencies or
// country codes, years outside 1900–2100, negative sizes and NaN are errors,
// reported as [Problem] values that carry file, line, column and field.
// [ReadYAML], [ReadCSV] and [ReadAidData] return every problem found, not
// only the first, so a user can fix a file in one pass.
package dataset
