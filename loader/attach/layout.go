package attach

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// pdftotext -layout places each word at the column its position on the
// page gives it. Outside tables that is ordinary text; a task table comes
// out as lines whose cells stand apart by runs of spaces, a cell's text
// wrapped over several lines below its first. layoutLines finds such tables
// by their header (序号 … 牵头单位 …) and writes one pipe row per table row,
// so that the loader reads them as it reads any task table.

// fragment is a run of text on a -layout line, at rune positions [start, end).
type fragment struct {
	start, end int
	text       string
}

type layoutLine struct {
	num   int
	frags []fragment
}

// fragments splits a line at runs of two or more spaces.
func fragments(s string) []fragment {
	var fs []fragment
	pos, start, spaces := 0, -1, 0
	var cur strings.Builder
	flush := func(end int) {
		if start >= 0 {
			fs = append(fs, fragment{start: start, end: end, text: strings.TrimSpace(cur.String())})
		}
		start = -1
		cur.Reset()
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000':
			spaces++
			if spaces == 2 {
				flush(pos - 1)
			}
			if start >= 0 {
				cur.WriteRune(' ')
			}
		default:
			if start < 0 {
				start = pos
			}
			spaces = 0
			cur.WriteRune(r)
		}
		pos++
	}
	end := pos - spaces
	flush(end)
	return fs
}

var (
	unitHeader   = regexp.MustCompile(`牵头|责任|主办|配合|协办`)
	numberCell   = regexp.MustCompile(`^(\d{1,4}[.、．]?|[一二三四五六七八九十]{1,3})$`)
	sectionStart = regexp.MustCompile(`^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分章节])`)
	pageFooter   = regexp.MustCompile(`^[-—–\s]*\d+[-—–\s]*$|^第\s*\d+\s*页`)
)

// isTableHeader reports a line of short labels, one naming the responsible
// units: the header row of a task table.
func isTableHeader(fs []fragment) bool {
	if len(fs) < 3 {
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

// layoutLines writes pdftotext -layout output to o: task tables as pipe
// rows, everything else as lines.
func layoutLines(o *out, text string) error {
	var lines []layoutLine
	raw := strings.Split(text, "\n")
	for i, s := range raw {
		lines = append(lines, layoutLine{num: i + 1, frags: fragments(strings.ReplaceAll(s, "\f", ""))})
	}
	for i := 0; i < len(lines); {
		l := lines[i]
		if isTableHeader(l.frags) {
			end, rows := layoutTable(lines, i)
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
		var parts []string
		for _, f := range l.frags {
			parts = append(parts, f.text)
		}
		if err := o.add(l.num, joinWide(strings.Join(parts, " "))); err != nil {
			return err
		}
		i++
	}
	return nil
}

// layoutTable reads the table whose header is lines[h]; it returns the
// index of the first line after it and its rows.
func layoutTable(lines []layoutLine, h int) (int, []row) {
	header := lines[h].frags
	width := header[len(header)-1].end - header[0].start
	end := h + 1
	var body []layoutLine
	for ; end < len(lines); end++ {
		fs := lines[end].frags
		if len(fs) == 0 {
			continue
		}
		if len(fs) == 1 && pageFooter.MatchString(fs[0].text) {
			continue
		}
		if isTableHeader(fs) {
			if sameLabels(fs, header) {
				continue // the header repeated on a new page
			}
			break
		}
		if len(fs) == 1 && fs[0].end-fs[0].start >= width*6/10 && !sectionStart.MatchString(fs[0].text) {
			break // a paragraph across the page: the table has ended
		}
		body = append(body, lines[end])
	}
	cols := columnsOf(header, body)
	numCol := 0
	for i, f := range header {
		if strings.Contains(f.text, "序") || strings.Contains(f.text, "编号") {
			numCol = i
			break
		}
	}
	rows := []row{layoutRow(lines[h].num, header, cols)}
	var cur *row
	lastEnd := make([]int, len(cols))
	for _, l := range body {
		cells := assign(l.frags, cols)
		switch {
		case len(l.frags) == 1 && sectionStart.MatchString(l.frags[0].text):
			rows = append(rows, row{num: l.num, cells: [][]string{{joinWide(l.frags[0].text)}}})
			cur = nil
			continue
		case cur == nil || numberCell.MatchString(strings.TrimSpace(cellString(cells[numCol]))) && cellString(cells[numCol]) != "":
			rows = append(rows, row{num: l.num, cells: make([][]string, len(cols))})
			cur = &rows[len(rows)-1]
			clear(lastEnd)
		}
		for c, fs := range cells {
			for _, f := range fs {
				text := joinWide(f.text)
				switch {
				case len(cur.cells[c]) == 0:
					cur.cells[c] = []string{text}
				case lastEnd[c] >= cols[c].end-1:
					// The line above filled the column: the text wrapped.
					cur.cells[c][len(cur.cells[c])-1] += text
				default:
					cur.cells[c] = append(cur.cells[c], text)
				}
				lastEnd[c] = f.end
			}
		}
	}
	return end, rows
}

// columnsOf finds a table's columns: the stretches of the line its header
// and rows of several cells cover, if there are as many as header labels;
// otherwise the stretches between the midpoints of the gaps between labels.
func columnsOf(header []fragment, body []layoutLine) []fragment {
	spans := append([]fragment(nil), header...)
	for _, l := range body {
		if len(l.frags) > 1 {
			spans = append(spans, l.frags...)
		}
	}
	merged := mergeSpans(spans)
	if len(merged) == len(header) {
		return merged
	}
	cols := make([]fragment, len(header))
	for i := range header {
		cols[i].start = 0
		if i > 0 {
			cols[i].start = (header[i-1].end + header[i].start) / 2
		}
		cols[i].end = 1 << 30
		if i+1 < len(header) {
			cols[i].end = (header[i].end + header[i+1].start) / 2
		}
	}
	return cols
}

// mergeSpans merges overlapping stretches into disjoint ones, in order.
func mergeSpans(spans []fragment) []fragment {
	var out []fragment
	for _, s := range spans {
		merged := false
		for i := range out {
			if s.start <= out[i].end && s.end >= out[i].start {
				out[i].start, out[i].end = min(out[i].start, s.start), max(out[i].end, s.end)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, fragment{start: s.start, end: s.end})
		}
	}
	// Merging may have joined stretches that now overlap others.
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(out) && !changed; i++ {
			for j := i + 1; j < len(out); j++ {
				if out[j].start <= out[i].end && out[j].end >= out[i].start {
					out[i].start, out[i].end = min(out[i].start, out[j].start), max(out[i].end, out[j].end)
					out = append(out[:j], out[j+1:]...)
					changed = true
					break
				}
			}
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
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

func layoutRow(num int, fs []fragment, cols []fragment) row {
	r := row{num: num, cells: make([][]string, len(cols))}
	for c, cfs := range assign(fs, cols) {
		for _, f := range cfs {
			r.cells[c] = append(r.cells[c], joinWide(f.text))
		}
	}
	return r
}

func cellString(fs []fragment) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, f.text)
	}
	return strings.Join(parts, " ")
}

func sameLabels(a, b []fragment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].text != b[i].text {
			return false
		}
	}
	return true
}

// joinWide drops the spaces pdftotext puts between Chinese characters set
// apart on the page (justified text, letter-spaced headings): Chinese has no
// spaces between words.
func joinWide(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && rs[i-1] >= 0x2E80 && rs[i+1] >= 0x2E80 {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
