package attach

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
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
//
// excelize streams a sheet's rows, but finds merged cells only by loading
// the whole sheet into its model, which takes time growing with the square
// of the rows when they do not say their number (a crafted 15 MiB sheet took
// 43 s and 500 MiB), and memory for every cell of the rectangle the merges
// span (128 GiB for one merge reaching the last cell). So the merges are
// read here, straight from the sheet's XML.
func decodeXLSX(b []byte) (*textin.Text, error) {
	p, err := openParts(b)
	if err != nil {
		return nil, damaged("workbook", err)
	}
	var total uint64
	for _, f := range p.zr.File {
		total += f.UncompressedSize64
	}
	if total > MaxUnzipped {
		return nil, fmt.Errorf("%w: workbook expands beyond %d MiB", ErrTooLarge, MaxUnzipped>>20)
	}
	merges, err := workbookMerges(p)
	if err != nil {
		return nil, damaged("workbook", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: maxSheetXML,
		// Dates in the built-in formats read as Excel shows them in China
		// (2025/6/30, 2025年6月30日), not in the US form 06-30-25.
		CultureInfo: excelize.CultureNameZhCN, ShortDatePattern: "yyyy/m/d", LongDatePattern: `yyyy"年"m"月"d"日"`,
	})
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
		rows, err := sheetRows(f, name, i*sheetLines, merges[name], &budget)
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

// cellRange is a merged range, 1-based and inclusive.
type cellRange struct{ col1, row1, col2, row2 int }

// workbookMerges reads the merged ranges of each sheet, by sheet name,
// refusing a sheet whose XML is larger than maxSheetXML.
func workbookMerges(p *parts) (map[string][]cellRange, error) {
	wb, err := p.read("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	rels, err := p.read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	targets := map[string]string{} // relationship id → part name
	eachElement(rels, "Relationship", func(t xml.StartElement) {
		target := attr(t, "Target")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join("xl", target)
		}
		targets[attr(t, "Id")] = target
	})
	sheets := map[string]string{} // sheet name → part name
	eachElement(wb, "sheet", func(t xml.StartElement) {
		for _, a := range t.Attr {
			if a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships") {
				sheets[attr(t, "name")] = targets[a.Value]
			}
		}
	})
	merges := map[string][]cellRange{}
	for name, part := range sheets {
		for _, f := range p.zr.File {
			if f.Name == part && f.UncompressedSize64 > maxSheetXML {
				return nil, fmt.Errorf("%w: sheet %s expands to %d MiB, more than %d MiB", ErrTooLarge, name, f.UncompressedSize64>>20, maxSheetXML>>20)
			}
		}
		data, err := p.read(part)
		if err != nil {
			return nil, err
		}
		merges[name] = sheetMerges(data)
	}
	return merges, nil
}

// sheetMerges reads a sheet's <mergeCells>, which follows its rows.
func sheetMerges(sheet []byte) []cellRange {
	i := bytes.Index(sheet, []byte("mergeCells"))
	if i < 0 {
		return nil
	}
	start := bytes.LastIndexByte(sheet[:i], '<')
	if start < 0 {
		return nil
	}
	var ranges []cellRange
	eachElement(sheet[start:], "mergeCell", func(t xml.StartElement) {
		from, to, _ := strings.Cut(attr(t, "ref"), ":")
		col1, row1, err1 := excelize.CellNameToCoordinates(from)
		col2, row2, err2 := excelize.CellNameToCoordinates(to)
		if err1 == nil && err2 == nil && col1 <= col2 && row1 <= row2 {
			ranges = append(ranges, cellRange{col1, row1, col2, row2})
		}
	})
	return ranges
}

// eachElement calls fn for each element named local in data, until the
// XML ends or breaks.
func eachElement(data []byte, local string, fn func(xml.StartElement)) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == local {
			fn(t)
		}
	}
}

type workbookBudget struct{ rows, cells int }

// sheetRows reads a sheet's rows, numbered from base, with the text of a
// cell merged down several rows repeated in each (a workbook stores it in
// the range's first cell only).
func sheetRows(f *excelize.File, sheet string, base int, merges []cellRange, budget *workbookBudget) ([]row, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
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
	if err := it.Error(); err != nil {
		return nil, err
	}
	for _, m := range merges {
		top, ok := byNumber[m.row1]
		if !ok || m.row2 == m.row1 || m.col1 > len(rows[top].cells) {
			continue
		}
		text := rows[top].cells[m.col1-1]
		for n := m.row1 + 1; n <= min(m.row2, lastRow); n++ {
			if budget.cells--; budget.cells < 0 {
				return nil, fmt.Errorf("%w: more than %d cells", ErrTooLarge, maxCells)
			}
			if i, ok := byNumber[n]; ok {
				rows[i].copyDown(m.col1-1, text)
			}
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
