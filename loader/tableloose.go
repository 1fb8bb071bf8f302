package loader

import (
	"regexp"
	"slices"
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

// maxHeaderCell bounds a header cell in bytes (a label and a bracketed
// gloss: 重点工作任务(杭州市2项配合工作)): a longer line is text.
const maxHeaderCell = 3 * 24

// looseTable reads the loose table whose header starts at line i.
func (p *parser) looseTable(i int) (table, bool) {
	kinds, n, perLine := p.looseHeader(i)
	if n == 0 {
		return table{}, false
	}
	cols := newColumns(kinds)
	if !cols.isTaskTable() || (cols.at[colNumber] < 0 && cols.at[colTask] < 0) {
		return table{}, false
	}
	t := table{header: i, cols: cols, loose: true}
	if perLine && p.pipeLed(i, i+n) {
		t.rows, t.end = p.pipeLedRows(i+n, cols)
	} else {
		t.rows, t.end = p.looseRows(i+n, cols, perLine)
	}
	return t, len(t.rows) > 0
}

// pipeLed reports whether lines [from, to) are written as pipe-led cells:
// each cell after a row's first starts a line with a bar (| 目标任务), a
// cell's text may go on over lines without one, and a bar alone ends the
// row.
func (p *parser) pipeLed(from, to int) bool {
	for _, l := range p.lines[from:to] {
		if strings.HasPrefix(l.text, "|") && !isBarLine(l.text) {
			return true
		}
	}
	return false
}

// pipeLedRows reads the rows of a table of pipe-led cells from line start.
// A row missing cells at its start lacks those of a cell spanning rows
// above it: fitRow copies them from the row above.
func (p *parser) pipeLedRows(start int, cols columns) ([]tableRow, int) {
	var rows []tableRow
	var cells, above []string
	rowLine := 0
	flush := func() {
		if len(cells) > 0 {
			above = fitRow(cells, cols, above)
			rows = append(rows, tableRow{line: rowLine, cells: above})
		}
		cells = nil
	}
	j := start
	for ; j < len(p.lines); j++ {
		l := p.lines[j]
		if isBarLine(l.text) {
			flush()
			continue
		}
		if l.trailer || endsLooseTable(l.text) {
			break
		}
		rest, led := strings.CutPrefix(l.text, "|")
		switch {
		case len(cells) == 0:
			cells, rowLine = []string{strings.TrimSpace(rest)}, l.num
		case led:
			cells = append(cells, strings.TrimSpace(rest))
		default:
			cells[len(cells)-1] = joinText(cells[len(cells)-1], l.text)
		}
	}
	flush()
	return rows, j
}

// looseHeader reads a header at line i: on one line, its cells separated by
// white space, or one cell per line (perLine). n is the number of lines it
// takes, 0 when there is none.
func (p *parser) looseHeader(i int) (kinds []colKind, n int, perLine bool) {
	text := p.lines[i].text
	if len(text) <= maxHeaderCell && headerKind(text) != colOther {
		j := i
		for ; j < len(p.lines) && len(p.lines[j].text) <= maxHeaderCell; j++ {
			if isBarLine(p.lines[j].text) {
				continue
			}
			if j > i && p.lines[j].marked {
				break // a numbered heading (一、主要预期指标) or task under the header
			}
			k := headerKind(p.lines[j].text)
			if k == colOther && j > i {
				next := j + 1
				for next < len(p.lines) && isBarLine(p.lines[next].text) {
					next++
				}
				if next == len(p.lines) {
					break
				}
				switch {
				case headerKind(p.lines[next].text) != colOther:
					if utf8.RuneCountInString(p.lines[j].text) <= 6 {
						kinds = append(kinds, colOther) // a column read by none: 项目
						continue
					}
				case headerKind(p.lines[j].text+p.lines[next].text) != colOther:
					// A header cell broken over two lines: 市政府 / 分管领导.
					k, j = headerKind(p.lines[j].text+p.lines[next].text), next
				}
			}
			if k == colOther {
				break
			}
			kinds = append(kinds, k)
		}
		if len(kinds) >= 3 {
			return kinds, j - i, true
		}
		kinds = kinds[:0]
	}
	// The first cell is a header's label, short: a blank is looked for only
	// where one could end it, not through a paragraph.
	first := strings.IndexAny(text[:min(len(text), maxHeaderCell+1)], " \t")
	if first < 0 || len(text) > 12*maxHeaderCell || headerKind(text[:first]) == colOther {
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
			fields, labels := cutLabels(fields)
			second := secondTask(fields, cols)
			cells := alignFields(fields[:second], cols.kinds)
			rows = append(rows, tableRow{line: rowLine, cells: cells, labels: labels})
			if second < len(fields) {
				rows = append(rows, tableRow{line: rowLine, cells: spanInto(alignFields(fields[second:], cols.kinds), cells, cols), subRow: true})
			}
		}
		fields = nil
	}
	j := start
	for ; j < len(p.lines); j++ {
		l := p.lines[j]
		if isBarLine(l.text) {
			continue
		}
		if l.trailer || endsLooseTable(l.text) || isPipeRow(l.text) {
			break
		}
		if _, n, _ := p.looseHeader(j); n > 0 {
			break
		}
		if (l.marked && l.mark.style <= styleCnParen) || leaderRe.MatchString(l.text) {
			flush()
			heading := l.text
			if l.marked && l.mark.rest == "" && j+1 < len(p.lines) && !p.lines[j+1].marked {
				j++ // the heading's number alone on its line, its title on the next
				heading += p.lines[j].text
			}
			cells := make([]string, len(cols.kinds))
			cells[max(cols.at[colTask], 0)] = heading
			rows = append(rows, tableRow{line: l.num, cells: cells})
			continue
		}
		lineFields := []string{l.text}
		if !perLine || flattenedRow(l.text) {
			lineFields = splitFields(l.text)
		}
		switch {
		case cols.at[colNumber] >= 0:
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
		case perLine && l.marked && (prev > 0 || l.mark.num == 1) && (l.mark.num == 1 || followsNumber(l.mark.num, prev)):
			// Without a 序号 column, numbered task text starts a row, the
			// cells before it in the row (a leader's) kept with it: a
			// cell broken over lines makes counting cells unsafe.
			if holdsText(fields) {
				// A leader's cell before the task's is the new row's.
				var carried []string
				if cols.at[colLeader] >= 0 && cols.at[colLeader] < cols.at[colTask] {
					if last := len(fields) - 1; shapeOf(fields[last]) == shapePersons {
						fields, carried = fields[:last], fields[last:]
					}
				}
				flush()
				fields, rowLine = carried, l.num
			}
			if len(fields) == 0 {
				rowLine = l.num
			}
			prev = l.mark.num
		case perLine && prev > 0:
			// A cell of the row the last number started.
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

// holdsText reports whether a loose row's cells hold text, as its task's
// cell does, and not only short cells (a leader's, spanning the rows below).
func holdsText(fields []string) bool {
	return slices.ContainsFunc(fields, func(f string) bool { return shapeOf(f) == shapeText })
}

// secondTask returns where a second task starts in the cells of a loose
// row numbered in a 序号 column, len(fields) when none does: a sentence
// after the cells that follow the first task's text. The page drew two
// rows whose 序号 and unit cells span both, so only their text and
// deadline cells are their own (开工修建县老年养护楼。 县民政局 5月底前动工
// 开工修建老年大学。 12月底前). A table with a column of other text (备注,
// 落实情况, 任务来源) may hold a sentence there, and is not read so.
func secondTask(fields []string, cols columns) int {
	if cols.at[colNumber] < 0 || cols.at[colTask] < 0 || slices.ContainsFunc(cols.kinds, holdsOtherText) {
		return len(fields)
	}
	task := -1
	for i, f := range fields {
		switch {
		case task < 0 && shapeOf(f) == shapeText:
			task = i
		case task >= 0 && i > task+1 && shapeOf(f) == shapeText && strings.HasSuffix(f, "。") &&
			utf8.RuneCountInString(f) >= minBareTaskRunes && !slices.ContainsFunc(fields[task+1:i], func(g string) bool { return shapeOf(g) == shapeText }):
			return i
		}
	}
	return len(fields)
}

// holdsOtherText reports a column whose cells are text but not the task's.
func holdsOtherText(k colKind) bool {
	return k == colNote || k == colSource || k == colSection || k == colOther
}

// spanInto fills a second task's empty cells from the row it shares its
// spanning cells with: its number aside, each column but the task's and the
// deadline's.
func spanInto(cells, above []string, cols columns) []string {
	for i, k := range cols.kinds {
		if cells[i] == "" && k != colNumber && k != colTask && k != colDeadline {
			cells[i] = above[i]
		}
	}
	return cells
}

// flattenedRow reports a line holding a whole row under a header written one
// cell per line: cells separated by tabs, or a number and two cells at least
// separated by spaces.
func flattenedRow(s string) bool {
	if strings.Contains(s, "\t") {
		return true
	}
	i := strings.IndexByte(s, ' ')
	if i < 0 || !isDigits(s[:i]) || i > 3 {
		return false
	}
	return len(strings.Fields(s)) >= 3
}

// isBarLine reports a line of bars alone, |||: what some scrapers leave
// between the cells of a table they put one per line.
func isBarLine(s string) bool {
	return strings.Trim(s, "| ") == ""
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
	if n := strings.TrimRight(s, leadStars); isDigits(n) && len(n) <= 3 {
		return atoi(n), "", true
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
	case strings.ContainsAny(s, "。；;:：") && n > 12:
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

// looksLikeUnitList reports a cell of short names, half of them at least
// ending as units do: lists mix in places and groups (各区县市, 岳麓区).
func looksLikeUnitList(s string) bool {
	if strings.ContainsAny(s, "。；;:：") {
		return false
	}
	names := unitCell(s)
	units := 0
	for _, n := range names {
		if utf8.RuneCountInString(n) > 20 {
			return false
		}
		if looksLikeUnit(n) && !startsWithFigure(n) {
			units++
		}
	}
	return units > 0 && 2*units >= len(names)
}

// startsWithFigure reports a name that opens with a figure: 80%(…进度滞后)
// is a progress note, not a unit.
func startsWithFigure(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
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

// again is the cost of a second cell in one column: text is often broken
// over lines, but a cell that fits a column of its own goes there. A lead
// cell names one unit or two and a cooperating cell the many, so of unit
// lines that could go in either, the later go with the cooperators.
func again(k colKind) float64 {
	switch k {
	case colNote, colOther:
		return 0
	case colTask:
		return -1
	case colNumber:
		return -9
	case colLead:
		return -0.75
	}
	return -0.5
}

// dropCost is the cost of leaving a cell out of the row: a cell that fits
// no column after the ones its neighbours took (a progress note written
// after the unit cell of a table whose note column comes before it).
const dropCost = -2.5

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
	dropped := make([]bool, m*n)
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
			if s := b + dropCost; s > best[i*n+j] {
				best[i*n+j], from[i*n+j], dropped[i*n+j] = s, j, true
			}
			for k := j; k < n; k++ {
				s := b + fits(shapes[i], kinds[k])
				if k == j {
					s += again(kinds[k])
				}
				if s > best[i*n+k] {
					best[i*n+k], from[i*n+k], dropped[i*n+k] = s, j, false
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
		if dropped[i*n+col] {
			cols[i] = -1
		}
		col = from[i*n+col]
	}
	for i, f := range fields {
		j := cols[i]
		if j < 0 {
			continue
		}
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

// cutLabels takes out of a loose row the cells that are label lines
// (省牵头单位：省商务厅, under a city's 责任单位 cell): they name units in a
// role of their own.
func cutLabels(fields []string) ([]string, []Label) {
	var labels []Label
	kept := fields[:0:0]
	for _, f := range fields {
		if containsLabel(f) {
			if loc := labelRe.FindStringIndex(f); utf8.RuneCountInString(f[:loc[0]]) <= 1 {
				labels = append(labels, parseLabels(f[loc[0]:])...)
				continue
			}
		}
		kept = append(kept, f)
	}
	return kept, labels
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
		if m := leaderTitleRe.FindStringSubmatch(title); m != nil {
			return title, []string{m[1]}
		}
		return title, nil
	}
	names := personList(leaderNames(title[loc[1]:]))
	head := strings.TrimRightFunc(title[:loc[0]], func(r rune) bool {
		return unicode.IsSpace(r) || openerClass(r) != 0 || isSeparatorRune(r)
	})
	return head, names
}

// leaderTitleRe matches a heading naming the leader of its group by office:
// 王宏副市长牵头重点工作, 戴建平常务副市长牵头.
var leaderTitleRe = regexp.MustCompile(`^(\p{Han}{2,3}?)(?:常务副|副)?(?:省长|市长|区长|县长|州长|旗长|主席|秘书长)(?:牵头|负责|分管|联系)`)

// leaderNames is the list after a leader label, up to the bracket or
// sentence that ends it.
func leaderNames(s string) string {
	if i := strings.IndexAny(s, ")）;；。"); i >= 0 {
		s = s[:i]
	}
	return s
}

// personList splits a cell of persons' names (张三、李四, 张三 李四); it is
// empty when the cell holds anything but short names of Chinese characters,
// or an office (副市长). A name spaced out to the width of longer ones
// (王 东) is one name; an office after it (张三（副市长）, 张三同志) is
// dropped.
func personList(s string) []string {
	if isEmptyCell(s) {
		return nil
	}
	var names []string
	for _, piece := range strings.FieldsFunc(s, isPersonSeparator) {
		for _, n := range spacedNames(strings.Fields(piece)) {
			if i := strings.IndexAny(n, "(（"); i > 0 {
				n = n[:i] // 张三（副市长）
			}
			n = personName(strings.TrimSuffix(n, "同志"))
			k := utf8.RuneCountInString(n)
			if k < 2 || k > 4 || endsLikeUnit(n) || !allHan(n) || namesOffice(n) {
				return nil
			}
			names = append(names, n)
		}
	}
	return names
}

// spacedNames joins the words of a name spaced out to the width of longer
// ones (王 东 is 王东). Two such names with nothing between them leave words
// of one, two, …, two and one runes (陆 明俞 悦): two-rune names, in pairs.
func spacedNames(words []string) []string {
	n := len(words)
	if n < 2 || !slices.ContainsFunc(words, func(w string) bool { return utf8.RuneCountInString(w) == 1 }) {
		return words
	}
	joined := strings.Join(words, "")
	paired := n >= 3 && utf8.RuneCountInString(words[0]) == 1 && utf8.RuneCountInString(words[n-1]) == 1
	for _, w := range words[1 : n-1] {
		paired = paired && utf8.RuneCountInString(w) == 2
	}
	if !paired {
		return []string{joined}
	}
	var names []string
	for rs := []rune(joined); len(rs) >= 2; rs = rs[2:] {
		names = append(names, string(rs[:2]))
	}
	return names
}

// personOfficeRe reads a person named with the office after the name, as a
// leader cell may be (周阳市长, 李明副县长).
var personOfficeRe = regexp.MustCompile(`^(\p{Han}{2,3}?)(?:常务副|副)?(?:省长|市长|区长|县长|州长|旗长|主席|秘书长)$`)

// personName is the name of a person written with the office after it
// (周阳市长 → 周阳, 李明副县长 → 李明); anything else is returned as it is,
// an office alone (分管副市长) included.
func personName(s string) string {
	if m := personOfficeRe.FindStringSubmatch(s); m != nil && !slices.Contains(officeWords, m[1]) {
		return m[1]
	}
	return s
}

// officeWords may come before an office without naming a person
// (分管副市长).
var officeWords = []string{"分管", "负责", "牵头", "联系", "责任", "协管"}

// namesOffice reports a leader cell that names an office, not a person:
// 副市长, 分管领导.
func namesOffice(s string) bool {
	for _, o := range []string{"长", "领导", "书记", "主任"} {
		if strings.HasSuffix(s, o) {
			return true
		}
	}
	return false
}

// isPersonSeparator splits a list of persons at the separators of a list of
// units but spaces, which may space out a name.
func isPersonSeparator(r rune) bool {
	return r != ' ' && isSeparatorRune(r)
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && r != '·' {
			return false
		}
	}
	return true
}
