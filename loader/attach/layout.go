package attach

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// A page's lines (see bbox.go) are ordinary text outside tables; a task
// table comes out as lines whose cells stand apart, a cell's text wrapped
// over several lines below its first. layoutLines finds such tables by their
// header (序号 … 牵头单位 …) and writes one pipe row per table row, so that
// the loader reads them as it reads any task table.

// fragment is a piece of a line of a page: a cell's line in a table, a
// whole line elsewhere, at [start, end) from the left and [y0, y1) from the
// top of the page, in tenths of a point.
type fragment struct {
	start, end int
	y0, y1     int
	text       string
}

// layoutLine is a line of a page: the pieces of text at one height.
type layoutLine struct {
	num      int
	frags    []fragment
	mid, em  int // the middle of the line's height, and its height
	bottom   int
	afterGap bool // more space than between lines of a paragraph comes before it, as between table rows
}

var (
	unitHeader   = regexp.MustCompile(`牵头|责任|主办|配合|协办`)
	numberCell   = regexp.MustCompile(`^(\d{1,4}[.、．]?|[一二三四五六七八九十]{1,3})$`)
	sectionStart = regexp.MustCompile(`^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分章节])`)
	pageFooter   = regexp.MustCompile(`^[-—–\s]*\d+[-—–\s]*$|^第\s*\d+\s*页`)
)

// maxTableColumns bounds the columns of a table read from a PDF: task tables
// have five to ten, and each line of a table is matched against each column.
const maxTableColumns = 20

// isTableHeader reports a line of short labels, one naming the responsible
// units: the header row of a task table.
func isTableHeader(fs []fragment) bool {
	if len(fs) < 3 || len(fs) > maxTableColumns {
		return false
	}
	units := false
	for _, f := range fs {
		label := strings.ReplaceAll(f.text, " ", "")
		if utf8.RuneCountInString(label) > 10 {
			return false
		}
		units = units || unitHeader.MatchString(label)
	}
	return units
}

// layoutLines writes a PDF's lines to o: task tables as pipe rows,
// everything else as lines.
func layoutLines(o *out, lines []layoutLine) error {
	for i := 0; i < len(lines); {
		l := lines[i]
		if h, ok := tableHeaderAt(lines, i); ok {
			end, rows := layoutTable(lines, i, h)
			if err := o.table(rows); err != nil {
				return err
			}
			i = end
			continue
		}
		if len(l.frags) == 1 && pageFooter.MatchString(l.frags[0].text) {
			i++
			continue
		}
		if err := o.add(l.num, joinPieces(l.frags)); err != nil {
			return err
		}
		i++
	}
	return nil
}

// labelsOnly reports a line of header labels' ends: short, no number, no
// section heading.
func labelsOnly(fs []fragment) bool {
	for _, f := range fs {
		label := strings.ReplaceAll(f.text, " ", "")
		if utf8.RuneCountInString(label) > 6 || numberCell.MatchString(label) || sectionStart.MatchString(label) {
			return false
		}
	}
	return len(fs) > 0
}

// tableHeaderAt reports whether a table's header starts at lines[i], and
// the index of its line naming the unit columns: lines[i] itself, or one or
// two lines below when the labels of centred header cells that did not wrap
// sit below those that did (牵头 above 序号 工作任务 单位).
func tableHeaderAt(lines []layoutLine, i int) (int, bool) {
	for h := i; h < min(i+3, len(lines)); h++ {
		if isTableHeader(lines[h].frags) {
			_, labels := headerBlock(lines, i, h)
			return h, len(labels) <= maxTableColumns
		}
		if !labelsOnly(lines[h].frags) {
			break
		}
	}
	return 0, false
}

// headerBlock returns the end of a table header starting at lines[start]
// and naming its unit columns at lines[h]: its lines are those down to h
// and up to three lines of labels wrapped in narrow columns (牵头 over 单位)
// right below, with no more space between them than between lines. labels are the stretches of the line its labels cover.
func headerBlock(lines []layoutLine, start, h int) (end int, labels []fragment) {
	end = h + 1
	for end < min(h+4, len(lines)) && !lines[end].afterGap && labelsOnly(lines[end].frags) {
		end++
	}
	for _, l := range lines[start:end] {
		labels = append(labels, l.frags...)
	}
	return end, mergeSpans(labels)
}

// layoutTable reads the table whose header starts at lines[start] and
// names its unit columns at lines[h]; it returns the index of the first
// line after the table and its rows.
func layoutTable(lines []layoutLine, start, h int) (int, []row) {
	end, labels := headerBlock(lines, start, h)
	headLines := lines[start:end]
	width := labels[len(labels)-1].end - labels[0].start
	headerText := map[string]bool{}
	for _, l := range headLines {
		headerText[cellString(l.frags)] = true
	}
	var body []layoutLine
	gap := false
	for ; end < len(lines); end++ {
		fs := lines[end].frags
		if len(fs) == 0 {
			gap = true
			continue
		}
		if len(fs) == 1 && pageFooter.MatchString(fs[0].text) {
			continue
		}
		if headerText[cellString(fs)] {
			continue // the header repeated on a new page
		}
		if isTableHeader(fs) {
			break // another table
		}
		if len(fs) == 1 && fs[0].start < labels[0].end && fs[0].end-fs[0].start >= width*6/10 && !sectionStart.MatchString(fs[0].text) {
			break // a paragraph from the margin across the table: the table has ended
		}
		l := lines[end]
		l.afterGap, gap = l.afterGap || gap, false
		body = append(body, l)
	}
	cols := columnsOf(labels, body)
	head := row{num: lines[start].num, cells: make([][]string, len(cols))}
	for _, hl := range headLines {
		for c, fs := range assign(hl.frags, cols) {
			for _, f := range fs {
				if len(head.cells[c]) == 0 {
					head.cells[c] = []string{""}
				}
				head.cells[c][0] += strings.ReplaceAll(f.text, " ", "")
			}
		}
	}
	numCol, taskCol := 0, 0
	for i, c := range head.cells {
		if label := cellText(c); strings.Contains(label, "序") || strings.Contains(label, "编号") {
			numCol = i
			break
		}
	}
	for i, c := range cols {
		if c.end-c.start > cols[taskCol].end-cols[taskCol].start {
			taskCol = i
		}
	}
	numbered := func(cells [][]fragment) bool {
		s := strings.TrimSpace(cellString(cells[numCol]))
		return s != "" && numberCell.MatchString(s)
	}
	isSection := func(l layoutLine) bool { return len(l.frags) == 1 && sectionStart.MatchString(l.frags[0].text) }
	// Cells centred vertically put a row's number on its middle line, below
	// the first lines of its task; cells aligned to the top (Word's default)
	// put it on the first. The first row tells which. In a centred table,
	// the lines after the space between two rows, or after the row's task
	// has ended, wait for the number of the row they belong to.
	centred := false
	for _, l := range body {
		if !isSection(l) {
			centred = !numbered(assign(l.frags, cols))
			break
		}
	}
	rows := []row{head}
	var cur, pending *row // pending: lines of the next row read before its number
	curEnds, pendingEnds := make([]int, len(cols)), make([]int, len(cols))
	taskEnded := false // cur's task has ended a paragraph: more task text is the next row's
	// Lines left pending when no number follows belong to the row above,
	// or make a row of their own.
	flushPending := func() {
		switch {
		case pending == nil:
		case cur != nil:
			appendRow(cur, *pending)
		default:
			rows = append(rows, *pending)
		}
		pending = nil
	}
	for _, l := range body {
		cells := assign(l.frags, cols)
		switch {
		case isSection(l):
			flushPending()
			rows = append(rows, row{num: l.num, cells: [][]string{{l.frags[0].text}}})
			cur = nil
			continue
		case numbered(cells):
			r := row{num: l.num, cells: make([][]string, len(cols))}
			clear(curEnds)
			if pending != nil {
				r = *pending
				copy(curEnds, pendingEnds)
				pending = nil
			}
			rows = append(rows, r)
			cur, taskEnded = &rows[len(rows)-1], false
		case centred && (cur == nil || pending != nil || (l.afterGap || taskEnded) && !continuesWrapped(cur, cells, cols, curEnds, taskCol, l.em)):
			if pending == nil {
				pending = &row{num: l.num, cells: make([][]string, len(cols))}
				clear(pendingEnds)
			}
			addFragments(pending, cells, cols, pendingEnds, taskCol, l.em)
			continue
		case cur == nil:
			rows = append(rows, row{num: l.num, cells: make([][]string, len(cols))})
			cur, taskEnded = &rows[len(rows)-1], false
			clear(curEnds)
		}
		addFragments(cur, cells, cols, curEnds, taskCol, l.em)
		if fs := cells[taskCol]; len(fs) > 0 && fs[len(fs)-1].end < cols[taskCol].end-max(1, l.em*8/10) {
			taskEnded = true
		}
	}
	flushPending()
	return end, rows
}

// columnsOf finds a table's columns: the stretches its header labels and
// rows of several cells cover, if there are as many as labels; otherwise the
// stretches between the midpoints of the gaps between labels.
func columnsOf(labels []fragment, body []layoutLine) []fragment {
	spans := append([]fragment(nil), labels...)
	for _, l := range body {
		if len(l.frags) > 1 {
			spans = append(spans, l.frags...)
		}
	}
	if merged := mergeSpans(spans); len(merged) == len(labels) {
		return merged
	}
	cols := make([]fragment, len(labels))
	for i := range labels {
		if i > 0 {
			cols[i].start = (labels[i-1].end + labels[i].start) / 2
		}
		cols[i].end = 1 << 30
		if i+1 < len(labels) {
			cols[i].end = (labels[i].end + labels[i+1].start) / 2
		}
	}
	return cols
}

// addFragments adds a line's fragments to the cells of r: the task's lines
// are joined into one text; in other columns a fragment continues the cell's
// last line when that line filled the column (the text wrapped), and is a
// line of its own otherwise (another unit). A line that ends a unit's name
// (区发改委) is taken as complete even when it fills the column: the column
// is as wide as its longest name, and the next name on its own line must
// stay apart. ends holds where each cell's last fragment ended.
func addFragments(r *row, cells [][]fragment, cols []fragment, ends []int, taskCol, em int) {
	for c, fs := range cells {
		for _, f := range fs {
			last := len(r.cells[c]) - 1
			switch {
			case last < 0:
				r.cells[c] = []string{f.text}
			case c == taskCol:
				// A task is one text however its lines end: where a line
				// broke before a word too long for the room left, it ends
				// short of the column.
				r.cells[c][last] = joinWords(r.cells[c][last], f.text)
			case wrapped(r, c, cols, ends, taskCol, em):
				r.cells[c][last] += f.text
			default:
				r.cells[c] = append(r.cells[c], f.text)
			}
			ends[c] = f.end
		}
	}
}

// wrapped reports whether the last line of r's cell c filled its column, so
// that the text below continues it.
func wrapped(r *row, c int, cols []fragment, ends []int, taskCol, em int) bool {
	last := len(r.cells[c]) - 1
	// A wrapped line leaves less room than a character at the column's end.
	return last >= 0 && ends[c] >= cols[c].end-max(1, em*8/10) && (c == taskCol || !endsUnitName(r.cells[c][last]))
}

// continuesWrapped reports whether each piece of a line continues a cell of
// r whose text wrapped: in a centred table such a line is r's, below its
// number, not the next row's above its number.
func continuesWrapped(r *row, cells [][]fragment, cols []fragment, ends []int, taskCol, em int) bool {
	any := false
	for c, fs := range cells {
		if len(fs) == 0 {
			continue
		}
		if !wrapped(r, c, cols, ends, taskCol, em) {
			return false
		}
		any = true
	}
	return any
}

// unitNameEnd matches the last characters of the names of government units.
var unitNameEnd = regexp.MustCompile(`(局|委|办|府|会|室|院|所|部|处|队|站|中心|街道|镇|乡|园区|公司|集团|政府|[）)])$`)

func endsUnitName(s string) bool { return unitNameEnd.MatchString(s) }

// appendRow adds the lines of b's cells below a's.
func appendRow(a *row, b row) {
	for c := range b.cells {
		if c < len(a.cells) {
			a.cells[c] = append(a.cells[c], b.cells[c]...)
		}
	}
}

// mergeSpans merges overlapping stretches into disjoint ones, in order.
func mergeSpans(spans []fragment) []fragment {
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out []fragment
	for _, s := range spans {
		if n := len(out); n > 0 && s.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, fragment{start: s.start, end: s.end})
	}
	return out
}

// assign puts each fragment in the column it overlaps most.
func assign(fs []fragment, cols []fragment) [][]fragment {
	cells := make([][]fragment, len(cols))
	for _, f := range fs {
		best, bestOverlap := 0, -1<<30
		for i, c := range cols {
			overlap := min(f.end, c.end) - max(f.start, c.start)
			if overlap > bestOverlap {
				best, bestOverlap = i, overlap
			}
		}
		cells[best] = append(cells[best], f)
	}
	return cells
}

func cellString(fs []fragment) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, f.text)
	}
	return strings.Join(parts, " ")
}

// listMarker matches a number set apart from its text by a tab: 1. 一、 （一）.
var listMarker = regexp.MustCompile(`^(\d{1,3}[.、．]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）])$`)

// joinPieces joins the pieces of a line outside a table: a list number to
// its text as typed (1.推进…), other pieces — a signature and its date on
// one line — with a space.
func joinPieces(fs []fragment) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 && !listMarker.MatchString(fs[i-1].text) {
			b.WriteByte(' ')
		}
		b.WriteString(f.text)
	}
	return b.String()
}
