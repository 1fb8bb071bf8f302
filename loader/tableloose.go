package loader

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A loose table is a task table a scraper or a copy from a PDF left without
// its grid: the header on one line with its cells separated by spaces or
// tabs (序号 工作任务 牵头单位 配合单位 完成时限) or one cell per line, then
// each row flattened onto a line, or one cell per line, a cell perhaps broken
// over several. Empty cells leave no trace, so a row's cells are given to
// columns by what they hold (alignFields), and rows are told apart by their
// numbers in the 序号 column.

// maxHeaderCell bounds a header cell in bytes (eight Chinese characters, or
// a bracketed gloss): a longer line is text.
const maxHeaderCell = 3 * 12

// looseTable reads the loose table whose header starts at line i.
func (p *parser) looseTable(i int) (table, bool) {
	kinds, n, perLine := p.looseHeader(i)
	if n == 0 {
		return table{}, false
	}
	cols := newColumns(kinds)
	if !cols.isTaskTable() || (cols.number < 0 && cols.task < 0) {
		return table{}, false
	}
	t := table{header: i, cols: cols, loose: true}
	t.rows, t.end = p.looseRows(i+n, cols, perLine)
	return t, len(t.rows) > 0
}

// looseHeader reads a header at line i: on one line, its cells separated by
// white space, or one cell per line (perLine). n is the number of lines it
// takes, 0 when there is none.
func (p *parser) looseHeader(i int) (kinds []colKind, n int, perLine bool) {
	text := p.lines[i].text
	if len(text) <= maxHeaderCell {
		for j := i; j < len(p.lines) && len(p.lines[j].text) <= maxHeaderCell; j++ {
			k := headerKind(p.lines[j].text)
			if k == colOther {
				break
			}
			kinds = append(kinds, k)
		}
		if len(kinds) >= 3 {
			return kinds, len(kinds), true
		}
		kinds = kinds[:0]
	}
	if len(text) > 12*maxHeaderCell || !strings.ContainsAny(text, " \t") {
		return nil, 0, false
	}
	fields := splitFields(text)
	if len(fields) < 3 {
		return nil, 0, false
	}
	for _, f := range fields {
		k := headerKind(f)
		if k == colOther {
			return nil, 0, false
		}
		kinds = append(kinds, k)
	}
	return kinds, 1, false
}

// splitFields splits a flattened row into its cells: at tabs when it has
// any (a cell may then hold spaces), else at runs of spaces.
func splitFields(s string) []string {
	if strings.Contains(s, "\t") {
		var fields []string
		for _, f := range strings.Split(s, "\t") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
		return fields
	}
	return strings.Fields(s)
}

// looseRows reads the rows of a loose table from line start. A row starts
// with its number when the table has a 序号 column — the number that follows
// the previous row's, or 1 — and takes the lines up to the next; without one,
// each line is a row (or each len(columns) lines, one cell per line). A
// heading (一、…) or a leader line (责任领导：张三) is a row of its own. The
// table ends at the site's trailer, an attachment line, a note, a pipe row
// or another table's header.
func (p *parser) looseRows(start int, cols columns, perLine bool) ([]tableRow, int) {
	var rows []tableRow
	var fields []string
	rowLine, prev := 0, 0
	flush := func() {
		if len(fields) > 0 {
			rows = append(rows, tableRow{line: rowLine, cells: alignFields(fields, cols.kinds)})
		}
		fields = nil
	}
	j := start
	for ; j < len(p.lines); j++ {
		l := p.lines[j]
		if l.trailer || endsLooseTable(l.text) || isPipeRow(l.text) {
			break
		}
		if _, n, _ := p.looseHeader(j); n > 0 {
			break
		}
		if (l.marked && l.mark.style <= styleCnParen) || leaderRe.MatchString(l.text) {
			flush()
			cells := make([]string, len(cols.kinds))
			cells[max(cols.task, 0)] = l.text
			rows = append(rows, tableRow{line: l.num, cells: cells})
			continue
		}
		lineFields := []string{l.text}
		if !perLine {
			lineFields = splitFields(l.text)
		}
		switch {
		case cols.number >= 0:
			if num, rest, ok := leadingNumber(lineFields[0]); ok && (len(fields) == 0 || len(fields) >= 2 && followsNumber(num, prev)) {
				flush()
				rowLine, prev = l.num, num
				head := []string{strconv.Itoa(num)}
				if rest != "" {
					head = append(head, rest)
				}
				lineFields = append(head, lineFields[1:]...)
			} else if len(fields) == 0 {
				continue // text between the header and the first row
			}
		case !perLine || len(fields) == len(cols.kinds):
			flush()
			rowLine = l.num
		case len(fields) == 0:
			rowLine = l.num
		}
		fields = append(fields, lineFields...)
	}
	flush()
	return rows, j
}

// endsLooseTable reports a line that cannot be a row: the next attachment,
// or a note under the table.
func endsLooseTable(s string) bool {
	return isAttachmentLine(s) || strings.HasPrefix(s, "注：") || strings.HasPrefix(s, "注:") ||
		strings.HasPrefix(s, "说明：") || strings.HasPrefix(s, "说明:")
}

// leadingNumber reads a row number at the start of a field: 3 alone, or
// 3. or 3、 before the task's text (rest).
func leadingNumber(s string) (num int, rest string, ok bool) {
	if isDigits(s) && len(s) <= 3 {
		return atoi(s), "", true
	}
	if m, ok := readNumDot(s); ok {
		return m.num, m.rest, true
	}
	return 0, "", false
}

// followsNumber reports whether num may number the row after prev's: the
// next number, one a gap or two later, or 1 when numbering starts again.
func followsNumber(num, prev int) bool {
	return num == 1 || num > prev && num <= prev+3
}

// cellShape is what a cell of a loose row looks like it holds.
type cellShape uint8

const (
	shapeText cellShape = iota
	shapeEmpty
	shapeNumber
	shapeUnits
	shapePersons
	shapeDate
)

// deadlineRe finds the words of a completion time: a year, a month, a
// quarter, 年底, 全年, 长期, 持续.
var deadlineRe = regexp.MustCompile(`\d{4}|\d{1,2}月|[一二三四1-4]季度|年底|年末|月底|全年|年内|半年|长期|持续|常态|每年|每月|每季|底前|旬`)

func shapeOf(s string) cellShape {
	n := utf8.RuneCountInString(s)
	switch {
	case isEmptyCell(s):
		return shapeEmpty
	case isDigits(s) && len(s) <= 3:
		return shapeNumber
	case strings.ContainsAny(s, "。；;:：，,") && n > 12:
		return shapeText
	case n <= 24 && deadlineRe.MatchString(s):
		return shapeDate
	}
	if looksLikeUnitList(s) {
		return shapeUnits
	}
	if len(personList(s)) > 0 {
		return shapePersons
	}
	return shapeText
}

// looksLikeUnitList reports a cell whose names all look like units.
func looksLikeUnitList(s string) bool {
	if strings.ContainsAny(s, "。；;:：") {
		return false
	}
	names := unitCell(s)
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		if !looksLikeUnit(n) {
			return false
		}
	}
	return true
}

// fits scores a cell of a shape in a column of a kind: how likely a person
// reading the table would put it there.
func fits(s cellShape, k colKind) float64 {
	if s == shapeEmpty {
		if k == colNumber {
			return -9
		}
		return 0
	}
	switch k {
	case colNumber:
		if s == shapeNumber {
			return 4
		}
		return -9
	case colTask:
		switch s {
		case shapeText:
			return 2
		case shapeNumber:
			return -2
		case shapeUnits:
			return 0.5
		}
		return 0
	case colLead, colCoop, colResp:
		switch s {
		case shapeUnits:
			return 3
		case shapePersons:
			return -1
		}
		return -3
	case colLeader:
		switch s {
		case shapePersons:
			return 3
		case shapeUnits:
			return -1
		}
		return -3
	case colDeadline:
		switch s {
		case shapeDate:
			return 3
		case shapeText:
			return -1
		}
		return -3
	case colSource, colSection:
		if s == shapeText {
			return 1
		}
		return -1
	case colNote:
		return 0.5
	}
	return 0
}

// again is the cost of a second cell in one column: only text is often
// broken over lines.
func again(k colKind) float64 {
	switch k {
	case colTask, colNote, colOther:
		return 0
	case colNumber:
		return -9
	}
	return -0.5
}

// alignFields gives the cells of a loose row, in order, to the table's
// columns, in order: the assignment that best fits each cell's shape to its
// column, a column taking none (an empty cell) or several (a cell broken
// over lines). It returns a cell per column.
func alignFields(fields []string, kinds []colKind) []string {
	m, n := len(fields), len(kinds)
	out := make([]string, n)
	if m == 0 || n == 0 {
		return out
	}
	const none = -1e9
	// best[i*n+j] is the best score with fields[:i+1] placed and fields[i]
	// in column j; from is the column of fields[i-1] then.
	best := make([]float64, m*n)
	from := make([]int, m*n)
	shapes := make([]cellShape, m)
	for i, f := range fields {
		shapes[i] = shapeOf(f)
	}
	for j := range n {
		best[j] = fits(shapes[0], kinds[j])
	}
	for i := 1; i < m; i++ {
		for k := range n {
			best[i*n+k] = none
		}
		for j := range n {
			b := best[(i-1)*n+j]
			if b <= none {
				continue
			}
			for k := j; k < n; k++ {
				s := b + fits(shapes[i], kinds[k])
				if k == j {
					s += again(kinds[k])
				}
				if s > best[i*n+k] {
					best[i*n+k], from[i*n+k] = s, j
				}
			}
		}
	}
	col := 0
	for j := range n {
		if best[(m-1)*n+j] > best[(m-1)*n+col] {
			col = j
		}
	}
	cols := make([]int, m)
	for i := m - 1; i >= 0; i-- {
		cols[i] = col
		col = from[i*n+col]
	}
	for i, f := range fields {
		j := cols[i]
		switch {
		case out[j] == "":
			out[j] = f
		case kinds[j] == colLead || kinds[j] == colCoop || kinds[j] == colResp || kinds[j] == colLeader:
			out[j] += "、" + f
		default:
			out[j] = joinText(out[j], f)
		}
	}
	return out
}

// leaderRe matches a label naming the persons who answer for a task or a
// group of tasks: 责任领导：张三, 牵头负责领导: 李四, 分管省领导：王五.
var leaderRe = regexp.MustCompile(`(责任|牵头负责|牵头|分管[省市区县]?|联系|负责)领导(同志)?\s*[:：]`)

// leaderRow reads a row that names the leaders of the rows below it: its
// only filled cell is a leader label.
func leaderRow(cells []string) ([]string, bool) {
	filled := filledCells(cells)
	if len(filled) != 1 {
		return nil, false
	}
	s := unwrap(filled[0])
	loc := leaderRe.FindStringIndex(s)
	if loc == nil || loc[0] != 0 {
		return nil, false
	}
	return personList(leaderNames(s[loc[1]:])), true
}

// cutLeaders takes a leader label out of a heading:
// 一、扩大内需（责任领导：张三） is the heading 扩大内需's group led by 张三.
func cutLeaders(title string) (string, []string) {
	loc := leaderRe.FindStringIndex(title)
	if loc == nil {
		return title, nil
	}
	names := personList(leaderNames(title[loc[1]:]))
	head := strings.TrimRightFunc(title[:loc[0]], func(r rune) bool {
		return unicode.IsSpace(r) || openerClass(r) != 0 || isSeparatorRune(r)
	})
	return head, names
}

// leaderNames is the list after a leader label, up to the bracket or
// sentence that ends it.
func leaderNames(s string) string {
	if i := strings.IndexAny(s, ")）;；。"); i >= 0 {
		s = s[:i]
	}
	return s
}

// personList splits a cell of persons' names (张三、李四); it is empty when
// the cell holds anything but short names of Chinese characters.
func personList(s string) []string {
	if isEmptyCell(s) {
		return nil
	}
	var names []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return isSeparatorRune(r) }) {
		k := utf8.RuneCountInString(n)
		if k < 2 || k > 6 || endsLikeUnit(n) || !allHan(n) {
			return nil
		}
		names = append(names, n)
	}
	return names
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && r != '·' {
			return false
		}
	}
	return true
}
