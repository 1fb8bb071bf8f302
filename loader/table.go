package loader

import (
	"strings"
	"unicode/utf8"
)

// table is a task table: a Markdown or pipe table whose header names a
// responsible-unit column (牵头单位, 责任单位, 主办单位).
type table struct {
	header int // index in parser.lines of the header row
	end    int // index after the last row
	cols   columns
}

// columns are the indexes of a task table's columns, -1 when absent.
type columns struct {
	number, task, section int
	lead, coop, resp      int // 牵头/主办, 配合/协办, 责任单位
}

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
		if !isPipeRow(p.lines[i].text) {
			continue
		}
		cols, ok := headerColumns(splitRow(p.lines[i].text))
		if !ok {
			continue
		}
		t := table{header: i, cols: cols, end: i + 1}
		for t.end < len(p.lines) && isPipeRow(p.lines[t.end].text) {
			t.end++
		}
		ts = append(ts, t)
		i = t.end - 1
	}
	return ts
}

// headerColumns reads a header row. Metadata rows (发布机构: …) are not
// headers: their keys end in a colon, and a header cell is a short label.
func headerColumns(cells []string) (columns, bool) {
	c := columns{number: -1, task: -1, section: -1, lead: -1, coop: -1, resp: -1}
	for i, cell := range cells {
		k := strings.Trim(strings.ReplaceAll(cell, " ", ""), "*")
		if strings.HasSuffix(k, ":") || strings.HasSuffix(k, "：") || utf8.RuneCountInString(k) > 8 {
			continue
		}
		set := func(col *int) {
			if *col < 0 {
				*col = i
			}
		}
		switch {
		case k == "序号" || k == "编号" || k == "序" || k == "#" || strings.EqualFold(k, "No."):
			set(&c.number)
		case strings.Contains(k, "配合") || strings.Contains(k, "协办") || strings.Contains(k, "协同") || strings.Contains(k, "参与单位"):
			set(&c.coop)
		case strings.Contains(k, "牵头") || strings.Contains(k, "主办") || strings.Contains(k, "主责") || k == "负责单位" || k == "负责部门":
			set(&c.lead)
		case strings.Contains(k, "责任"):
			set(&c.resp)
		case k == "类别" || k == "领域" || k == "板块" || k == "方面" || k == "分类" || k == "类型" || k == "重点领域":
			set(&c.section)
		case strings.Contains(k, "任务") || strings.Contains(k, "工作") || strings.Contains(k, "内容") ||
			strings.Contains(k, "事项") || strings.Contains(k, "举措") || strings.Contains(k, "措施") || strings.Contains(k, "目标"):
			set(&c.task)
		}
	}
	return c, c.lead >= 0 || c.resp >= 0
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

// cellBreaks are the line breaks inside a cell: Markdown writes them <br>,
// and an HTML page's cell lines come out of textin joined by a space. Unit
// names hold no spaces, so in a unit cell each separates two names.
var cellBreaks = strings.NewReplacer("<br>", "、", "<br/>", "、", "<br />", "、", " ", "、")

// unitCell splits a cell of unit names.
func unitCell(s string) []string {
	if s == "" || s == "-" || s == "—" || s == "/" || s == "无" {
		return nil
	}
	return SplitUnits(cellBreaks.Replace(s))
}

// readTable reads a task table's rows into sections and tasks. A row with no
// units that starts with a heading number (一、, （一）, or 一 in the 序号
// column), or the only filled cell of its row, opens a section; so does a
// new value in a 类别/领域 column. 责任单位 lists leads, unless the table
// also has a 牵头 column: then it lists cooperators.
func (w *walker) readTable(t table) {
	p, c := w.p, t.cols
	for i := t.header + 1; i < t.end; i++ {
		l := p.lines[i]
		cells := splitRow(l.text)
		if isSeparatorRow(cells) { // also a row of empty cells
			continue
		}
		leadCell, coopCell, respCell := cell(cells, c.lead), cell(cells, c.coop), cell(cells, c.resp)
		if leadCell == "" && coopCell == "" && respCell == "" {
			if num, title, ok := sectionRow(cells, c); ok {
				if num == 0 {
					num = w.nextSectionNumber()
				}
				w.startSection(num, title, l.num)
				continue
			}
		}
		if sec := cell(cells, c.section); sec != "" {
			if n := len(w.body.sections); n == 0 || w.body.sections[n-1].title != sec {
				w.startSection(w.nextSectionNumber(), sec, l.num)
			}
		}
		w.tableTask(cells, l.num, c)
	}
}

// nextSectionNumber numbers a section its heading does not number.
func (w *walker) nextSectionNumber() int {
	if n := len(w.body.sections); n > 0 {
		return w.body.sections[n-1].number + 1
	}
	return 1
}

// sectionRow reads a row that heads a section; its number is 0 when the row
// gives none.
func sectionRow(cells []string, c columns) (int, string, bool) {
	var filled []string
	for _, s := range cells {
		if s != "" {
			filled = append(filled, s)
		}
	}
	if len(filled) == 0 {
		return 0, "", false
	}
	if n, ok := chineseNumber(cell(cells, c.number)); ok {
		title := cell(cells, c.task)
		if title == "" && len(filled) > 1 {
			title = filled[1]
		}
		return n, title, true
	}
	if m, ok := readMarker(filled[0]); ok && m.style <= styleCnParen {
		return m.num, m.rest, true
	}
	if len(filled) == 1 && cell(cells, c.number) == "" {
		return 0, filled[0], true
	}
	return 0, "", false
}

// tableTask reads a row of a task table into a task.
func (w *walker) tableTask(cells []string, line int, cols columns) {
	p := w.p
	text := cell(cells, cols.task)
	if cols.task < 0 {
		text = longestCell(cells, cols)
	}
	num, numbered := taskNumber(cell(cells, cols.number))
	if m, ok := readMarker(text); ok && m.style >= styleNumDot {
		if !numbered {
			num, numbered = m.num, true
		}
		text = m.rest
	}
	if !numbered {
		if cols.number >= 0 && cell(cells, cols.number) != "" {
			p.warn(line, "unreadable task number %q; numbered after the previous task", cell(cells, cols.number))
		}
		num = w.prevTask + 1
	}
	if w.prevTask > 0 && num != w.prevTask+1 && !(num == 1 && w.newSection) {
		p.warn(line, "task number %d follows %d", num, w.prevTask)
	}
	w.prevTask, w.newSection = num, false

	var leads, coops []string
	if cols.lead >= 0 {
		leads = unitCell(cell(cells, cols.lead))
		coops = append(unitCell(cell(cells, cols.resp)), unitCell(cell(cells, cols.coop))...)
	} else {
		leads = unitCell(cell(cells, cols.resp))
		coops = unitCell(cell(cells, cols.coop))
	}
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
	w.addTask(rawTask{number: num, line: line, text: text, leads: leads, coops: coops})
}

// longestCell is the task text of a table without a task column: the longest
// cell that is not a number or a unit list.
func longestCell(cells []string, c columns) string {
	best := ""
	for i, s := range cells {
		if i == c.number || i == c.lead || i == c.coop || i == c.resp || i == c.section {
			continue
		}
		if len(s) > len(best) {
			best = s
		}
	}
	return best
}
