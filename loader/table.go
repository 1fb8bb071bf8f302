package loader

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// table is a task table: a table whose header names a responsible-unit
// column (牵头单位, 责任单位, 主办单位). It is written as pipe rows (Markdown,
// and every HTML, DOCX or XLSX table once decoded) or as plain lines a
// scraper left behind (see looseTable).
type table struct {
	header int // index in parser.lines of the (first) header line
	end    int // index after the last line of the table
	cols   columns
	rows   []tableRow
	// loose tables lose the cells a row leaves empty, so a leader named once
	// for a group of rows (a cell spanning them on the page) is missing from
	// all but the first.
	loose bool
	title string // the line naming the table above its header (附件2's title), "" when none
}

// tableRow is one row of a table with a cell for each column.
type tableRow struct {
	line   int // in the source file
	cells  []string
	labels []Label // label lines a loose row holds besides its cells
	// subRow: a second task in the row above's 序号 cell (see secondTask).
	subRow bool
}

// colKind is what a table column holds.
type colKind uint8

const (
	colOther    colKind = iota
	colNumber           // 序号
	colTask             // 工作任务, 目标任务, 具体措施
	colTaskName         // 项目名称, 实事项目: the task when no column says 任务 or 内容
	colSection          // 类别, 领域: a new value opens a section
	colLead             // 牵头单位, 主办单位
	colCoop             // 配合单位, 协办单位
	colResp             // 责任单位: leads, or cooperators beside a 牵头 column
	colLeader           // 责任领导, 分管领导: persons
	colDeadline         // 完成时限, 时间节点
	colSource           // 任务来源
	colNote             // 备注
)

// columns are a task table's column kinds, with the index of the first column
// of each kind the rows are read by, -1 when absent.
type columns struct {
	kinds []colKind
	at    [colNote + 1]int // by kind: the first column of it
}

func newColumns(kinds []colKind) columns {
	c := columns{kinds: kinds}
	for k := range c.at {
		c.at[k] = -1
	}
	named := slices.Contains(kinds, colTask)
	for i, k := range kinds {
		if k == colTaskName {
			if k = colTask; named {
				k = colOther // 项目 beside 重点工作目标任务: a group label
			}
			kinds[i] = k
		}
		if k == colOther || k == colNote {
			continue // read by no rule: 备注 and unknown columns stay text
		}
		col := &c.at[k]
		if *col < 0 {
			*col = i
		} else {
			kinds[i] = colOther // a second column of a kind is read as neither
		}
	}
	return c
}

// isTaskTable reports whether the columns name who answers for a task.
func (c columns) isTaskTable() bool { return c.at[colLead] >= 0 || c.at[colResp] >= 0 }

// isPipeRow reports whether a line is a row of a pipe table: Markdown rows
// start with |, and metadata rows copied from sites hold several.
func isPipeRow(s string) bool {
	return strings.HasPrefix(s, "|") || strings.Count(s, "|") >= 2
}

// splitRow returns the trimmed cells of a pipe row.
func splitRow(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	s = strings.TrimSuffix(s, "|")
	cells := strings.Split(s, "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// findTables finds the task tables of the document.
func (p *parser) findTables() []table {
	var ts []table
	for i := 0; i < len(p.lines); i++ {
		var t table
		var ok bool
		if isPipeRow(p.lines[i].text) {
			t, ok = p.pipeTable(i)
		} else if t, ok = p.looseTable(i); !ok {
			t, ok = p.headerlessTable(i)
		}
		if !ok {
			continue
		}
		t.title = p.tableTitle(i)
		ts = append(ts, t)
		i = t.end - 1
	}
	return ts
}

// pipeTable reads the pipe table whose header is line i. A second header row
// under the first — a two-level header writes 牵头单位 and 配合单位 under a
// 责任单位 spanning both — names the columns it labels. The header repeated
// at a page break is no row, and another header starts another table; a
// heading or leader line between rows
// (二、科技创新, 责任领导：张三) is a row of the table.
func (p *parser) pipeTable(i int) (table, bool) {
	head := splitRow(p.lines[i].text)
	cols, ok := headerColumns(head)
	if !ok {
		return table{}, false
	}
	t := table{header: i, end: i + 1, cols: cols}
	if t.end < len(p.lines) && isPipeRow(p.lines[t.end].text) {
		if sub, ok := subHeader(head, splitRow(p.lines[t.end].text)); ok {
			t.cols = sub
			t.end++
		}
	}
	var above []string
	for ; t.end < len(p.lines); t.end++ {
		l := p.lines[t.end]
		if !isPipeRow(l.text) {
			if !p.rowBetweenRows(t.end) {
				break
			}
			cells := make([]string, len(t.cols.kinds))
			cells[max(t.cols.at[colTask], 0)] = l.text
			t.rows = append(t.rows, tableRow{line: l.num, cells: cells})
			continue
		}
		cells := splitRow(l.text)
		if isSeparatorRow(cells) { // also a row of empty cells
			continue
		}
		if again, ok := headerColumns(cells); ok {
			if !slices.Equal(again.kinds, t.cols.kinds) {
				break // another table
			}
			continue
		}
		if cutShort(p.lines[i].text, l.text, t.end == len(p.lines)-1) && len(cells) < len(t.cols.kinds) {
			// The page ends inside this row: its cells are in place, the
			// ones it lacks lost, not spanning from the row above.
			cells = append(cells, make([]string, len(t.cols.kinds)-len(cells))...)
			t.rows = append(t.rows, tableRow{line: l.num, cells: cells})
			continue
		}
		above = fitRow(cells, t.cols, above)
		t.rows = append(t.rows, tableRow{line: l.num, cells: above})
	}
	return t, true
}

// cutShort reports a table's row that a page cut off: the document's last
// line, without the bar that closes the header and so every whole row.
func cutShort(header, row string, last bool) bool {
	closed := func(s string) bool { return strings.HasSuffix(strings.TrimSpace(s), "|") }
	return last && closed(header) && !closed(row)
}

// rowBetweenRows reports whether line i, not a pipe row, is a heading or a
// leader line with the table going on under it, perhaps after more such
// lines.
func (p *parser) rowBetweenRows(i int) bool {
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		if isPipeRow(l.text) {
			return true
		}
		if !(l.marked && l.mark.style <= styleCnParen) && !leaderRe.MatchString(l.text) {
			return false
		}
	}
	return false
}

// subHeader reads a header row under a header row: each column is labelled
// by the lower row where it says what the column holds.
func subHeader(upper, lower []string) (columns, bool) {
	kinds := make([]colKind, max(len(upper), len(lower)))
	units := false
	for i := range kinds {
		k := headerKind(cell(lower, i))
		switch k {
		case colLead, colCoop, colResp:
			units = true
		case colOther:
			k = headerKind(cell(upper, i))
		}
		kinds[i] = k
	}
	if !units {
		return columns{}, false
	}
	c := newColumns(kinds)
	return c, c.isTaskTable()
}

// fitRow gives a row a cell per column. Rows written in full keep their
// cells in place, unless a cell sits in a column it cannot belong to (text
// under 牵头单位). A page that lost its grid writes a cell spanning rows (a
// 牵头单位 over several tasks) once, in its first row: the rows under it
// are short of that cell, or hold their cells shifted into its place with an
// empty cell at their end. Such a row's cells are placed around the missing
// columns that fit them best, and those are copied from the row above. Other
// rows with cells missing or extra have their filled cells aligned by what
// they hold, as loose rows are.
func fitRow(cells []string, c columns, above []string) []string {
	n := len(c.kinds)
	full := len(cells) == n
	if full && !misplaced(cells, c.kinds) {
		return cells
	}
	filled := filledCells(cells)
	if len(above) == n && len(filled) >= 2 && len(filled) < n {
		if row, ok := spannedRow(filled, c.kinds, above); ok {
			return row
		}
	}
	if full {
		return cells
	}
	return alignFields(filled, c.kinds)
}

// misplaced reports a cell in a column it cannot belong to.
func misplaced(cells []string, kinds []colKind) bool {
	for i, s := range cells {
		if s != "" && fits(shapeOf(s), kinds[i]) <= -3 {
			return true
		}
	}
	return false
}

// maxSpanned bounds the columns a row may lack for spanning cells above it.
const maxSpanned = 3

// spannedRow places a short row's cells in order around the columns cells
// spanning from the row above fill, choosing the columns so that every cell
// fits its own and together they fit best.
func spannedRow(filled []string, kinds []colKind, above []string) ([]string, bool) {
	n, missing := len(kinds), len(kinds)-len(filled)
	if missing > maxSpanned {
		return nil, false
	}
	shapes := make([]cellShape, len(filled))
	for i, f := range filled {
		shapes[i] = shapeOf(f)
	}
	var best []int // the missing columns
	bestScore := 0.0
	var try func(from int, gaps []int)
	try = func(from int, gaps []int) {
		if len(gaps) == missing {
			score, k := 0.0, 0
			for col := range n {
				if slices.Contains(gaps, col) {
					continue
				}
				f := fits(shapes[k], kinds[col])
				if f < 0 {
					return
				}
				score += f
				k++
			}
			if best == nil || score > bestScore {
				best, bestScore = slices.Clone(gaps), score
			}
			return
		}
		for col := from; col < n; col++ {
			try(col+1, append(gaps, col))
		}
	}
	try(0, nil)
	if best == nil {
		return nil, false
	}
	row := make([]string, 0, n)
	k := 0
	for col := range n {
		if slices.Contains(best, col) {
			row = append(row, above[col])
		} else {
			row = append(row, filled[k])
			k++
		}
	}
	return row, true
}

// headerColumns reads a header row.
func headerColumns(cells []string) (columns, bool) {
	if !slices.ContainsFunc(cells, func(c string) bool { k := headerKind(c); return k == colLead || k == colResp }) {
		return columns{}, false // the metadata rows of a page: no column to allocate
	}
	kinds := make([]colKind, len(cells))
	for i, cell := range cells {
		kinds[i] = headerKind(cell)
	}
	c := newColumns(kinds)
	return c, c.isTaskTable()
}

// headerSpace is the white space inside header cells: 序 号, 牵头\t单位.
var headerSpace = strings.NewReplacer(" ", "", "\t", "")

// headerKind reads one header cell. Metadata rows (发布机构: …) are not
// headers: their keys end in a colon, and a header cell is a short label,
// perhaps with a bracketed gloss (完成时限（时间节点）). People are checked
// before units (牵头领导 names a person), and a task's source before its
// text (任务来源).
func headerKind(cell string) colKind {
	k := strings.Trim(headerSpace.Replace(cell), "*★|")
	if i := strings.IndexAny(k, "(（"); i > 0 {
		k = k[:i]
	}
	if k == "" || strings.HasSuffix(k, ":") || strings.HasSuffix(k, "：") || utf8.RuneCountInString(k) > 12 {
		return colOther
	}
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(k, w) {
				return true
			}
		}
		return false
	}
	switch {
	case k == "序号" || k == "编号" || k == "序" || k == "项次" || k == "#" || strings.EqualFold(k, "No."):
		return colNumber
	case has("领导", "责任人"):
		return colLeader
	case has("来源", "依据", "出处"):
		return colSource
	case has("时限", "时间", "节点", "期限", "时序", "进度安排"):
		return colDeadline
	case has("备注", "情况", "进度", "进展"): // 备注, 完成情况, 当前进度
		return colNote
	case has("配合", "协办", "协同", "参与", "参加"):
		return colCoop
	case has("牵头", "主办", "主责", "承办") || k == "负责单位" || k == "负责部门":
		return colLead
	case has("责任", "实施单位", "落实单位", "承担单位"):
		return colResp
	case k == "类别" || k == "领域" || k == "板块" || k == "方面" || k == "分类" || k == "类型" || k == "重点领域":
		return colSection
	case has("任务", "工作", "内容", "事项", "举措", "措施", "目标"):
		return colTask
	case has("项目", "实事", "指标"):
		return colTaskName
	}
	return colOther
}

// isSeparatorRow reports a Markdown header separator, |---|:---:|.
func isSeparatorRow(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}

func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

// tableTitle is the line that names a table above its header: a caption, a
// title row spanning the table, or the line after 附件2. A heading above
// the table is its section, not its title.
func (p *parser) tableTitle(header int) string {
	fallback := ""
	for j := header - 1; j >= max(0, header-3); j-- {
		l := p.lines[j]
		text := l.text
		if isPipeRow(text) {
			filled := filledCells(splitRow(text))
			if len(filled) != 1 {
				return fallback
			}
			text = filled[0]
		}
		switch {
		case l.marked || l.trailer:
			return fallback
		case openerClass(firstRune(text)) != 0:
			// A note beside the title: （共118项）, （此件公开发布）.
		case isAttachmentLine(text):
			if fallback == "" {
				fallback = text
			}
		case utf8.RuneCountInString(text) <= 60:
			return text
		default:
			return fallback
		}
	}
	return fallback
}

// isAttachmentLine reports the line that starts an attachment: 附件2, 附件：.
func isAttachmentLine(s string) bool {
	return strings.HasPrefix(s, "附件") && utf8.RuneCountInString(s) <= 8
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func filledCells(cells []string) []string {
	var filled []string
	for _, s := range cells {
		if s != "" {
			filled = append(filled, s)
		}
	}
	return filled
}

// cellBreaks are the line breaks inside a cell: Markdown writes them <br>,
// and an HTML page's cell lines come out of textin joined by a space. Unit
// names hold no spaces, so in a unit cell each separates two names.
var cellBreaks = strings.NewReplacer("<br>", "、", "<br/>", "、", "<br />", "、", " ", "、", "\t", "、")

// isEmptyCell reports a cell that says there is nothing: 无, —, /.
func isEmptyCell(s string) bool {
	switch s {
	case "", "-", "—", "——", "/", "无", "－":
		return true
	}
	return false
}

// leadStars are the marks a table puts on the lead unit of a 责任单位 cell
// (★市发改委, 市发改委*). They are read as the (牵头) mark the role rules
// know.
const leadStars = "★☆*＊"

// unitCell splits a cell of unit names.
func unitCell(s string) []string {
	if isEmptyCell(s) {
		return nil
	}
	names := SplitUnits(cellBreaks.Replace(s))
	for i, n := range names {
		if bare := strings.Trim(n, leadStars); bare != n && bare != "" {
			names[i] = bare + "（牵头）"
		}
	}
	return names
}

// readTable reads a task table's rows into sections and tasks. A row with no
// units that starts with a heading number (一、, （一）, or 一 in the 序号
// column), or the only filled cell of its row, opens a section; so does a
// new value in a 类别/领域 column. A row naming a leader (责任领导：张三)
// gives the leaders of the rows under it. A table after others whose
// section numbers restart continues the document's numbering.
func (w *walker) readTable(t table) {
	c := t.cols
	tr := tableReader{w: w, t: t, offset: -1}
	level := tr.sectionLevel()
	for i, r := range t.rows {
		cells := r.cells
		if cell(cells, c.at[colLead]) == "" && cell(cells, c.at[colCoop]) == "" && cell(cells, c.at[colResp]) == "" && len(r.labels) == 0 {
			if names, ok := leaderRow(cells); ok {
				tr.groupLeaders = names
				continue
			}
			if num, title, style, ok := sectionRow(cells, c); ok {
				if style > level {
					// A sub-heading: it names a group, perhaps its leader.
					_, tr.groupLeaders = cutLeaders(title)
					continue
				}
				tr.startSection(num, title, r.line)
				continue
			}
			if tr.groupRow(i) {
				tr.group = rowText(cells, c)
				continue
			}
		}
		if sec := cell(cells, c.at[colSection]); sec != "" {
			if n := len(w.body.sections); n == 0 || w.body.sections[n-1].title != sec {
				tr.startSection(0, sec, r.line)
			}
		}
		tr.task(r)
	}
}

// sectionLevel is the numbering style of the table's headings that open
// sections: the document's section style when its text numbers sections
// (一、 above the table), else the outermost style of the table's heading
// rows. Headings numbered deeper are sub-headings.
func (tr *tableReader) sectionLevel() numStyle {
	if s := tr.w.body.secStyle; s != styleNone {
		return s
	}
	level := styleNumParen
	for _, r := range tr.t.rows {
		if _, _, style, ok := sectionRow(r.cells, tr.t.cols); ok && style != styleNone {
			level = min(level, style)
		}
	}
	return level
}

// tableReader is the state of one table being read.
type tableReader struct {
	w            *walker
	t            table
	offset       int      // added to the table's section numbers; -1 until its first section
	groupLeaders []string // from a leader row or a section heading, for the rows below
	group        string   // the label of the last group row: see groupRow
	lastLeaders  []string // a loose table's last leader cell, for the rows that lost theirs
	// renumber: a row held two tasks, so from there on tasks are numbered
	// in order, their 序号 no longer unique.
	renumber bool
}

// startSection opens a section; num 0 numbers it after the previous one.
// When a table's first section number does not follow the document's last
// (附件2 starts again at 一), its numbers are shifted to follow on.
func (tr *tableReader) startSection(num int, title string, line int) {
	w := tr.w
	last := 0
	if n := len(w.body.sections); n > 0 {
		last = w.body.sections[n-1].number
	}
	if num == 0 {
		num = last + 1
	} else {
		if tr.offset < 0 {
			tr.offset = 0
			if w.body.tasks > 0 && num <= last {
				tr.offset = last
			}
		}
		num += tr.offset
	}
	title, tr.groupLeaders = cutLeaders(title)
	tr.lastLeaders = nil
	w.startSection(num, title, line)
}

// sectionRow reads a row that heads a section; its number is 0 when the row
// gives none, and its style styleNone when it is not numbered.
func sectionRow(cells []string, c columns) (int, string, numStyle, bool) {
	filled := filledCells(cells)
	if len(filled) == 0 {
		return 0, "", styleNone, false
	}
	if n, ok := chineseNumber(cell(cells, c.at[colNumber])); ok {
		title := cell(cells, c.at[colTask])
		if title == "" && len(filled) > 1 {
			title = filled[1]
		}
		return n, title, styleCnComma, true
	}
	if m, ok := readMarker(filled[0]); ok && m.style <= styleCnParen {
		if m.rest == "" && len(filled) > 1 { // （一） in the 序号 column
			m.rest = filled[1]
		}
		return m.num, m.rest, m.style, true
	}
	if len(filled) == 1 && cell(cells, c.at[colNumber]) == "" {
		return 0, filled[0], styleNone, true
	}
	return 0, "", styleNone, false
}

// task reads a row of a task table into a task. A row repeating the number
// and text of the task above (a task cell spanning rows on the page, each
// row naming other units) adds its units to that task. A task numbered 1
// after others, with no section opened between, starts a new section named
// by the table's title: a second table numbered afresh keeps its own tasks.
func (tr *tableReader) task(r tableRow) {
	w, p, cols := tr.w, tr.w.p, tr.t.cols
	cells, line := r.cells, r.line
	text := joinWide(rowText(cells, cols))
	num, numbered := taskNumber(cell(cells, cols.at[colNumber]))
	if m, ok := readMarker(text); ok && m.style >= styleNumDot {
		if !numbered {
			num, numbered = m.num, true
		}
		text = m.rest
	}
	if r.subRow && !tr.renumber {
		tr.renumber = true
		p.warn(line, "row %d holds two tasks: the tasks from here on are numbered in order", w.prevTask)
	}
	if !numbered || (tr.renumber && num != 1) {
		if !numbered && cols.at[colNumber] >= 0 && cell(cells, cols.at[colNumber]) != "" {
			p.warn(line, "unreadable task number %q; numbered after the previous task", cell(cells, cols.at[colNumber]))
		}
		num = w.prevTask + 1
	}
	c := tableClause(cells, cols, r.labels)
	if prev := w.lastTask(); prev != nil && numbered && num == prev.number && text == prev.text {
		prev.leads = appendNew(prev.leads, c.Leads...)
		prev.coops = appendNew(prev.coops, c.Cooperators...)
		w.body.unitNames = append(append(w.body.unitNames, c.Leads...), c.Cooperators...)
		return
	}
	if num == 1 && w.prevTask > 0 && !w.newSection {
		title := tr.group
		if title == "" {
			title = tr.t.title
		}
		tr.startSection(0, title, line)
	}
	if w.prevTask > 0 && num != w.prevTask+1 && !(num == 1 && w.newSection) {
		p.warn(line, "task number %d follows %d", num, w.prevTask)
	}
	w.prevTask, w.newSection = num, false

	leads, coops := c.Leads, c.Cooperators
	if len(leads) == 0 && len(coops) == 0 {
		if cl, ok := p.findClause(text); ok {
			leads, coops = cl.Leads, cl.Cooperators
			text = strings.TrimSpace(text[:cl.Start])
		}
	}
	switch {
	case len(leads) == 0 && len(coops) == 0:
		p.warn(line, "task %d names no responsible unit", num)
	case len(leads) == 0:
		p.warn(line, "task %d names no lead unit", num)
	}
	if text == "" {
		p.warn(line, "task %d has no text", num)
	}
	w.addTask(rawTask{
		number: num, line: line, text: text, leads: leads, coops: coops,
		leaders: tr.leaders(cell(cells, cols.at[colLeader])), deadline: valueCell(cell(cells, cols.at[colDeadline])),
		source: valueCell(cell(cells, cols.at[colSource])),
	})
}

// groupRow reports whether row i labels the rows under it rather than being
// a task: it names no unit and the rows under it are numbered from 1 again
// (an outer 序号 and 项目 cell spanning numbered targets: 1 主要预期目标,
// then 1.…, 2.…).
func (tr *tableReader) groupRow(i int) bool {
	rows, c := tr.t.rows, tr.t.cols
	if i+1 >= len(rows) {
		return false
	}
	if _, ok := FindClause(rowText(rows[i].cells, c)); ok {
		return false
	}
	n, ok := rowNumber(rows[i+1].cells, c)
	return ok && n == 1
}

// rowText is the task text of a row, as written.
func rowText(cells []string, c columns) string {
	if c.at[colTask] < 0 {
		return longestCell(cells, c)
	}
	return cell(cells, c.at[colTask])
}

// rowNumber is the number of a row: its 序号 cell, or the number its text
// starts with.
func rowNumber(cells []string, c columns) (int, bool) {
	if n, ok := taskNumber(cell(cells, c.at[colNumber])); ok {
		return n, true
	}
	if m, ok := readMarker(rowText(cells, c)); ok && m.style >= styleNumDot {
		return m.num, true
	}
	return 0, false
}

// tableClause reads a row's unit cells, and the label lines a loose row
// holds, through the rules label lines follow (MergeLabels): 牵头 leads,
// 配合 and 协办 cooperate, and 责任单位 cooperate beside a 牵头 column or
// label and answer for the task otherwise — all of them, or those a mark
// singles out.
func tableClause(cells []string, cols columns, rowLabels []Label) Clause {
	var labels []Label
	resp := roleResponsible
	if cols.at[colLead] >= 0 {
		labels = append(labels, cellLabels(cell(cells, cols.at[colLead]), roleLead)...)
		resp = roleCooperator
	}
	for _, l := range rowLabels {
		if l.Role == roleLead {
			resp = roleCooperator
		}
	}
	labels = append(labels, rowLabels...)
	labels = append(labels, cellLabels(cell(cells, cols.at[colResp]), resp)...)
	labels = append(labels, cellLabels(cell(cells, cols.at[colCoop]), roleCooperator)...)
	return MergeLabels(labels)
}

// cellLabels reads a unit cell in the column's role — unless the cell says
// the roles itself, as a clause would (市发改委牵头，市财政局配合), or
// holds labels (牵头单位：…；配合单位：…).
func cellLabels(s, role string) []Label {
	if hasRoleToken(s) || containsLabel(s) {
		if c, ok := parseBody(s); ok {
			return []Label{{Role: roleLead, Names: c.Leads}, {Role: roleCooperator, Names: c.Cooperators}}
		}
	}
	return []Label{{Role: role, Names: unitCell(s)}}
}

// leaders are the persons a row names, or those its group names.
func (tr *tableReader) leaders(s string) []string {
	if names := personList(s); len(names) > 0 {
		if tr.t.loose {
			tr.lastLeaders = names
		}
		return names
	}
	if len(tr.groupLeaders) > 0 {
		return tr.groupLeaders
	}
	return tr.lastLeaders
}

// valueCell is a cell kept as written, "" when it says there is nothing.
func valueCell(s string) string {
	if isEmptyCell(s) {
		return ""
	}
	return s
}

// lastTask is the task filed last, nil before the first.
func (w *walker) lastTask() *rawTask {
	if n := len(w.body.sections); n > 0 {
		if ts := w.body.sections[n-1].tasks; len(ts) > 0 {
			return &ts[len(ts)-1]
		}
	}
	return nil
}

// longestCell is the task text of a table without a task column: the longest
// cell that is not a number or a unit list.
func longestCell(cells []string, c columns) string {
	best := ""
	for i, s := range cells {
		if i < len(c.kinds) && c.kinds[i] != colOther && c.kinds[i] != colNote {
			continue
		}
		if len(s) > len(best) {
			best = s
		}
	}
	return best
}

// joinWide drops the spaces a cell's line breaks left between Chinese
// characters: a task's text wraps anywhere, and has no gap there.
func joinWide(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && s[i-1] >= utf8.RuneSelf && i+1 < len(s) && s[i+1] >= utf8.RuneSelf {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
