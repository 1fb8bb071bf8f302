package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// Table is rows of values under named columns, in an order that does not
// change: what dashboards (Grafana, Superset, Metabase) read as CSV or
// JSON. Column names are the GraphQL API's field names; a value is a
// string, an int, or nil for none.
type Table struct {
	Columns []string
	Rows    [][]any
}

// TableFormat is a file format tables export to.
type TableFormat struct {
	Name        string // csv, json: the URL's extension
	ContentType string
	Write       func(io.Writer, Table) error
}

// TableFormats lists the tables' formats.
var TableFormats = []TableFormat{
	{Name: "csv", ContentType: "text/csv; charset=utf-8", Write: WriteTableCSV},
	{Name: "json", ContentType: "application/json", Write: WriteTableJSON},
}

// WriteTableCSV writes t as CSV (RFC 4180): a header row, then a row per
// row, in UTF-8 without a byte order mark, which dashboards' CSV readers
// would take for part of the first column's name; a missing value is
// empty.
func WriteTableCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	record := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, v := range row {
			record[i] = cellText(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cellText writes a value as a CSV cell.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	}
	panic(fmt.Sprintf("table value of type %T", v))
}

// WriteTableJSON writes t as a JSON array with an object per row, its keys
// in column order, a row to a line; a missing value is null.
func WriteTableJSON(w io.Writer, t Table) error {
	var b bytes.Buffer
	if err := appendTableJSON(&b, t); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err := b.WriteTo(w)
	return err
}

// appendTableJSON appends t's JSON array to b.
func appendTableJSON(b *bytes.Buffer, t Table) error {
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		k, err := json.Marshal(c)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	b.WriteByte('[')
	for r, row := range t.Rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{")
		for i, v := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(keys[i])
			b.WriteByte(':')
			value, err := json.Marshal(v)
			if err != nil {
				return err
			}
			b.Write(value)
		}
		b.WriteByte('}')
	}
	if len(t.Rows) > 0 {
		b.WriteByte('\n')
	}
	b.WriteByte(']')
	return nil
}

// WriteNetworkJSON writes a network as one JSON object of its two tables
// (NetworkTables): {"nodes": [...], "edges": [...]}.
func WriteNetworkJSON(w io.Writer, n Network) error {
	nodes, edges := NetworkTables(n)
	var b bytes.Buffer
	b.WriteString(`{"nodes":`)
	if err := appendTableJSON(&b, nodes); err != nil {
		return err
	}
	b.WriteString(",\n\"edges\":")
	if err := appendTableJSON(&b, edges); err != nil {
		return err
	}
	b.WriteString("}\n")
	_, err := b.WriteTo(w)
	return err
}
