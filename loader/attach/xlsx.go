package attach

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/dutygraph/dutygraph/loader/textin"
)

// sheetLines separates the line numbers of a workbook's sheets: line
// sheet×sheetLines + row, sheets counted from 0.
const sheetLines = 1_000_000

// maxRowsScanned bounds the rows a workbook's sheets are walked through,
// empty ones included: a row numbered in the millions must not make the
// reader count up to it for ever.
const maxRowsScanned = 4 * sheetLines

// decodeXLSX reads every visible sheet of a workbook as a table.
func decodeXLSX(b []byte) (*textin.Text, error) {
	if err := checkWorkbookSize(b); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: maxSheetXML})
	if err != nil {
		return nil, damaged("workbook", err)
	}
	defer f.Close()
	var sheets []string
	for _, name := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(name); err == nil && visible {
			sheets = append(sheets, name)
		}
	}
	var o out
	budget := workbookBudget{rows: maxRowsScanned, cells: maxCells}
	for i, name := range sheets {
		rows, err := sheetRows(f, name, i*sheetLines, &budget)
		if err != nil {
			return nil, damaged("workbook", fmt.Errorf("sheet %s: %w", name, err))
		}
		if len(rows) == 0 {
			continue
		}
		if len(sheets) > 1 {
			// The sheet's name ends the table before it: without a line
			// that is not a pipe row, two sheets would read as one table.
			if err := o.add(rows[0].num, name); err != nil {
				return nil, err
			}
		}
		if err := o.table(rows); err != nil {
			return nil, err
		}
	}
	return o.text(FormatXLSX, "workbook without text")
}

// checkWorkbookSize refuses a workbook whose sheets would expand beyond
// what excelize can hold in memory safely. ZIP entries cannot expand beyond
// the size they declare (archive/zip checks), so the declared sizes bound
// what reading them costs.
func checkWorkbookSize(b []byte) error {
	p, err := openParts(b)
	if err != nil {
		return damaged("workbook", err)
	}
	var total uint64
	for _, f := range p.zr.File {
		total += f.UncompressedSize64
	}
	if total > MaxUnzipped {
		return fmt.Errorf("%w: workbook expands beyond %d MiB", ErrTooLarge, MaxUnzipped>>20)
	}
	for _, f := range p.zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		if f.UncompressedSize64 > maxSheetXML {
			return fmt.Errorf("%w: sheet %s expands to %d MiB, more than %d MiB", ErrTooLarge, f.Name, f.UncompressedSize64>>20, maxSheetXML>>20)
		}
		data, err := p.read(f.Name)
		if err != nil {
			return damaged("workbook", err)
		}
		if cells := mergeGrid(data); cells > maxMergeGrid {
			return fmt.Errorf("%w: merged cells of %s reach over %d cells", ErrTooLarge, f.Name, maxMergeGrid)
		}
	}
	return nil
}

// maxMergeGrid bounds the rectangle from A1 to the farthest merged cell of
// a sheet: excelize allocates a pointer for each of its cells to resolve
// overlapping merges, and one merge at XFD1048576 would ask for 128 GiB.
const maxMergeGrid = 1 << 22

// mergeGrid is the number of cells from A1 to the last row and column any
// merged range of a sheet reaches.
func mergeGrid(sheet []byte) int {
	i := bytes.Index(sheet, []byte("mergeCells"))
	if i < 0 {
		return 0
	}
	start := bytes.LastIndexByte(sheet[:i], '<')
	if start < 0 {
		return 0
	}
	d := xml.NewDecoder(bytes.NewReader(sheet[start:]))
	maxRow, maxCol := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if e, ok := tok.(xml.EndElement); ok && e.Name.Local == "mergeCells" {
			break
		}
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Local != "mergeCell" {
			continue
		}
		for _, ref := range strings.Split(attr(t, "ref"), ":") {
			col, row, err := excelize.CellNameToCoordinates(ref)
			if err != nil {
				// excelize refuses such a range too; count it as the
				// largest a sheet can hold, to be safe.
				col, row = excelize.MaxColumns, excelize.TotalRows
			}
			maxRow, maxCol = max(maxRow, row), max(maxCol, col)
		}
	}
	return maxRow * maxCol
}

type workbookBudget struct{ rows, cells int }

// sheetRows reads a sheet's rows, numbered from base, with cells merged
// down several rows repeated in each (excelize gives a merged range's text
// in its first cell only).
func sheetRows(f *excelize.File, sheet string, base int, budget *workbookBudget) ([]row, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	var rows []row
	byNumber := map[int]int{} // Excel row → index in rows
	lastRow := 0
	for n := 1; it.Next(); n++ {
		if budget.rows--; budget.rows < 0 {
			return nil, fmt.Errorf("%w: more than %d rows", ErrTooLarge, maxRowsScanned)
		}
		if n >= sheetLines {
			break // nothing a plan holds lies this far down
		}
		values, err := it.Columns()
		if err != nil {
			return nil, err
		}
		if budget.cells -= len(values); budget.cells < 0 {
			return nil, fmt.Errorf("%w: more than %d cells", ErrTooLarge, maxCells)
		}
		r := row{num: base + n, cells: make([][]string, len(values))}
		for i, v := range values {
			r.cells[i] = splitCellLines(v)
		}
		byNumber[n], lastRow = len(rows), n
		rows = append(rows, r)
	}
	if err := it.Close(); err != nil {
		return nil, err
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		col1, row1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		col2, row2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || row2 <= row1 || col2 < col1 {
			continue
		}
		text := splitCellLines(m.GetCellValue())
		for n := row1 + 1; n <= min(row2, lastRow); n++ {
			if budget.cells--; budget.cells < 0 {
				return nil, fmt.Errorf("%w: more than %d cells", ErrTooLarge, maxCells)
			}
			i, ok := byNumber[n]
			if !ok {
				continue
			}
			rows[i].copyDown(col1-1, text)
		}
	}
	return rows, nil
}

// splitCellLines splits a cell's text at the line breaks typed in it
// (Alt+Enter).
func splitCellLines(v string) []string {
	if v == "" {
		return nil
	}
	return strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' })
}
