package loader

import "unicode/utf8"

// A headerless table is the part of a task table scraped one cell per line
// from a page after the one holding its header (an excerpt of rows 80–81).
// Its columns are inferred from what its cells hold, and only when the rows
// leave no doubt: each opens with its number alone on a line, then the
// task's text, then short cells of persons, units or dates, the same kinds
// in the same order in every row.

// minHeaderlessRows is the least rows that make a headerless table: one row
// could be any numbered paragraph over a list.
const minHeaderlessRows = 2

// minTaskRunes is the least text a task cell of a headerless table holds.
const minTaskRunes = 10

// headerlessTable reads the headerless table whose first row starts at
// line i.
func (p *parser) headerlessTable(i int) (table, bool) {
	if !p.startsShapedRow(i) {
		return table{}, false
	}
	var kinds []colKind
	rowsSeen, units := 0, 0
	for j := i; j < len(p.lines) && p.startsShapedRow(j); rowsSeen++ {
		rowKinds, rowUnits, next, ok := p.shapedRow(j)
		if !ok || (kinds != nil && !sameKinds(kinds, rowKinds)) {
			break
		}
		if kinds == nil || rowUnits < units {
			kinds, units = rowKinds, rowUnits
		}
		j = next
	}
	if rowsSeen < minHeaderlessRows {
		return table{}, false
	}
	cols := newColumns(kinds)
	t := table{header: i, cols: cols, loose: true}
	t.rows, t.end = p.looseRows(i, cols, true)
	return t, len(t.rows) >= minHeaderlessRows
}

// startsShapedRow reports a row number alone on line i with text under it.
func (p *parser) startsShapedRow(i int) bool {
	if n := p.lines[i].text; len(n) > 3 || !isDigits(n) || i+1 >= len(p.lines) {
		return false
	}
	next := p.lines[i+1].text
	return shapeOf(next) == shapeText && utf8.RuneCountInString(next) >= minTaskRunes
}

// shapedRow reads the cells of the row starting at line i: its column
// kinds, how many unit cells it has, and the line after it. Cells of units
// are read as a lead cell and a cooperating one when there are two, as
// responsible when there is one: a row whose unit cell is broken over lines
// has more, and the row with fewest decides (see headerlessTable). It
// fails on a cell of another shape: the row is no table's.
func (p *parser) shapedRow(i int) (kinds []colKind, units, next int, ok bool) {
	kinds = []colKind{colNumber, colTask}
	j := i + 2
	for ; j < len(p.lines) && !p.startsShapedRow(j); j++ {
		l := p.lines[j]
		if l.trailer || l.marked || endsLooseTable(l.text) {
			break
		}
		var k colKind
		switch shapeOf(l.text) {
		case shapePersons:
			k = colLeader
		case shapeUnits:
			k = colResp
			units++
		case shapeDate:
			k = colDeadline
		default:
			return nil, 0, 0, false
		}
		if kinds[len(kinds)-1] != k || k == colResp {
			kinds = append(kinds, k)
		}
	}
	if units == 0 {
		return nil, 0, 0, false
	}
	return roleUnitCells(kinds), units, j, true
}

// roleUnitCells names a row's unit cells by their order: one is
// responsible, the first of several leads and the rest cooperate, kept as
// one column.
func roleUnitCells(kinds []colKind) []colKind {
	out := kinds[:0]
	n := 0
	for _, k := range kinds {
		if k == colResp {
			n++
			if n > 2 {
				continue
			}
		}
		out = append(out, k)
	}
	if n >= 2 {
		first := true
		for i, k := range out {
			if k == colResp {
				out[i] = colCoop
				if first {
					out[i], first = colLead, false
				}
			}
		}
	}
	return out
}

// sameKinds reports whether two rows have cells of the same kinds in the
// same order, a row's leader cell perhaps missing (spanning from above).
func sameKinds(a, b []colKind) bool {
	strip := func(ks []colKind) []colKind {
		var out []colKind
		for _, k := range ks {
			if k != colLeader {
				out = append(out, k)
			}
		}
		return out
	}
	sa, sb := strip(a), strip(b)
	if len(sa) != len(sb) {
		// A unit cell broken over lines: the same kinds all the same.
		return unitKindsOnly(sa) == unitKindsOnly(sb)
	}
	for i := range sa {
		if sa[i] != sb[i] {
			return false
		}
	}
	return true
}

// unitKindsOnly summarises a row's kinds without telling unit cells apart.
func unitKindsOnly(ks []colKind) string {
	var out []byte
	for _, k := range ks {
		switch k {
		case colLead, colCoop, colResp:
			k = colResp
			if len(out) > 0 && out[len(out)-1] == byte(colResp) {
				continue
			}
		}
		out = append(out, byte(k))
	}
	return string(out)
}
