package textin

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// looksLikeHTML reports whether s is an HTML page rather than plain text: it
// starts with a tag and names an element only pages have near its top.
func looksLikeHTML(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if !strings.HasPrefix(s, "<") {
		return false
	}
	head := strings.ToLower(s[:min(len(s), 2048)])
	for _, marker := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<p ", "<table"} {
		if strings.Contains(head, marker) {
			return true
		}
	}
	return false
}

// token is one HTML token with the source line it starts on (for text: the
// line of its first visible character). A table cell's token carries how
// many rows and columns the cell spans (1 when it says nothing).
type token struct {
	typ              html.TokenType
	tag              atom.Atom
	text             string
	line             int
	rowspan, colspan int
}

// skipped elements hold no document text.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Canvas: true, atom.Button: true,
}

// blocks end a line of text: a page's paragraphs are the document's lines.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Ul: true, atom.Br: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
}

// htmlLines extracts the text of an HTML page as lines: one per block
// element or <br>, and one pipe row (| a | b |) per row of a data table, the
// form metadata tables and task tables take in plain text too. Each row has
// a cell for every column of the table's grid: a cell spanning rows
// (rowspan) is repeated in each, and one spanning columns (colspan) is
// followed by empty cells, so that a column's cells stay under its header.
// Tables used for page layout (see layoutTables) are read as ordinary
// blocks.
func htmlLines(s string) []Line {
	toks := tokenize(s)
	layout := layoutTables(toks)
	x := extractor{}
	var tables []bool // per open table: true when read as a data table
	inData := func() bool { return len(tables) > 0 && tables[len(tables)-1] }
	for i, t := range toks {
		switch t.typ {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch {
			case t.tag == atom.Table:
				x.endRow()
				x.flush()
				x.endTable()
				tables = append(tables, !layout[i])
			case inData() && t.tag == atom.Tr:
				x.startRow(t.line)
			case inData() && (t.tag == atom.Td || t.tag == atom.Th):
				x.startCell(t)
			case t.tag == atom.Pre && t.typ == html.StartTagToken:
				x.flush()
				x.pre++
			case blocks[t.tag]:
				x.blockBreak()
			}
		case html.EndTagToken:
			switch {
			case t.tag == atom.Table:
				if len(tables) > 0 {
					x.endRow()
					tables = tables[:len(tables)-1]
				}
				x.endTable()
				x.flush()
			case inData() && t.tag == atom.Tr:
				x.endRow()
			case inData() && (t.tag == atom.Td || t.tag == atom.Th):
				x.endCell()
			case t.tag == atom.Pre:
				x.flush()
				x.pre = max(0, x.pre-1)
			case blocks[t.tag]:
				x.blockBreak()
			}
		case html.TextToken:
			x.text(t.text, t.line)
		}
	}
	x.endRow()
	x.endTable()
	x.flush()
	return x.lines
}

// tokenize reads s into tokens, dropping comments, doctypes and the text of
// skipped elements, and numbering source lines.
func tokenize(s string) []token {
	z := html.NewTokenizer(strings.NewReader(s))
	var toks []token
	line, skip := 1, 0
	for {
		typ := z.Next()
		if typ == html.ErrorToken {
			return toks
		}
		raw := z.Raw()
		start := line
		line += countNewlines(raw)
		switch typ {
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := atom.Lookup(name)
			if skipped[tag] {
				if typ == html.StartTagToken {
					skip++
				} else if typ == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip == 0 {
				t := token{typ: typ, tag: tag, line: start, rowspan: 1, colspan: 1}
				if (tag == atom.Td || tag == atom.Th) && typ != html.EndTagToken {
					t.rowspan, t.colspan = cellSpans(z)
				}
				toks = append(toks, t)
			}
		case html.TextToken:
			if skip == 0 {
				lead := len(raw) - len(strings.TrimLeftFunc(string(raw), unicode.IsSpace))
				toks = append(toks, token{typ: typ, text: string(z.Text()), line: start + countNewlines(raw[:lead])})
			}
		}
	}
}

// maxSpan bounds a cell's rowspan and colspan: pages write rowspan="999"
// for "to the end", and the grid must not grow with a typo.
const maxSpan = 100

// cellSpans reads a cell's rowspan and colspan attributes.
func cellSpans(z *html.Tokenizer) (rows, cols int) {
	rows, cols = 1, 1
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "rowspan":
			rows = spanValue(val)
		case "colspan":
			cols = spanValue(val)
		}
		if !more {
			return rows, cols
		}
	}
}

func spanValue(v []byte) int {
	n := 0
	for _, c := range bytes.TrimSpace(v) {
		if c < '0' || c > '9' {
			break
		}
		n = min(n*10+int(c-'0'), maxSpan)
	}
	return max(n, 1)
}

func countNewlines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

// layoutTables marks, by the index of their <table> token, the tables that
// lay out a page rather than hold data: those with one column, those holding
// another table, those whose cells hold an article (more than a few
// paragraphs) and those with a single row of several cells one of which
// holds several paragraphs (a navigation bar beside a text). A task table's
// cells may hold a paragraph or two and line breaks (<br>) between unit
// names.
func layoutTables(toks []token) map[int]bool {
	const articleBlocks = 6
	layout := map[int]bool{}
	for i, t := range toks {
		if t.typ != html.StartTagToken || t.tag != atom.Table {
			continue
		}
		depth, cells, maxCells, blocksInCell, maxBlocks, wideRows := 0, 0, 0, 0, 0, 0
		isLayout := false
	scan:
		for _, u := range toks[i+1:] {
			switch u.typ {
			case html.StartTagToken, html.SelfClosingTagToken:
				switch {
				case u.tag == atom.Table:
					depth++
					isLayout = true
				case depth > 0:
				case u.tag == atom.Tr:
					cells = 0
				case u.tag == atom.Td || u.tag == atom.Th:
					cells++
					if cells == 2 {
						wideRows++
					}
					maxCells = max(maxCells, cells)
					blocksInCell = 0
				case blocks[u.tag] && u.tag != atom.Br:
					blocksInCell++
					maxBlocks = max(maxBlocks, blocksInCell)
				}
			case html.EndTagToken:
				if u.tag == atom.Table {
					if depth == 0 {
						break scan
					}
					depth--
				}
			}
		}
		layout[i] = isLayout || maxCells < 2 || maxBlocks > articleBlocks || (wideRows < 2 && maxBlocks > 1)
	}
	return layout
}

// extractor accumulates lines and table rows.
type extractor struct {
	lines []Line

	cur     strings.Builder
	curLine int
	pre     int // depth of <pre>: white space and newlines kept

	row     []string
	rowOpen bool
	rowLine int
	cell    strings.Builder
	pieces  []string // a cell's text before each <br> or paragraph in it
	inCell  bool
	span    token // the open cell's start tag: its rowspan and colspan

	// spans are, per column of the current data table, a cell spanning
	// rows from above with the rows it still covers.
	spans []rowSpan
	// rows are the current data table's rows: where each is in lines, and
	// its cells.
	rows []emittedRow
}

type emittedRow struct {
	at    int // index in lines
	cells []string
}

// rowSpan is a cell that covers rows below its own (rowspan).
type rowSpan struct {
	text string
	rows int
}

func (x *extractor) text(s string, line int) {
	if x.inCell {
		x.cell.WriteString(s)
		return
	}
	if x.rowOpen {
		return // white space between cells
	}
	if x.pre > 0 {
		parts := strings.Split(s, "\n")
		for i, p := range parts {
			if i > 0 {
				x.flush()
			}
			x.appendText(p, line+i)
		}
		return
	}
	x.appendText(s, line)
}

func (x *extractor) appendText(s string, line int) {
	if x.cur.Len() == 0 {
		if strings.TrimSpace(s) == "" {
			return
		}
		x.curLine = line
	}
	x.cur.WriteString(s)
}

// blockBreak ends the current line, or separates words inside a table cell.
func (x *extractor) blockBreak() {
	if x.inCell {
		x.pieces = append(x.pieces, x.cell.String())
		x.cell.Reset()
		return
	}
	x.flush()
}

func (x *extractor) flush() {
	if x.cur.Len() == 0 {
		return
	}
	s := x.cur.String()
	if x.pre == 0 {
		s = collapseSpace(s)
	}
	if s = NormalizeLine(s); s != "" {
		x.lines = append(x.lines, Line{Num: x.curLine, Text: s})
	}
	x.cur.Reset()
}

func (x *extractor) startRow(line int) {
	x.endRow()
	x.flush()
	x.rowOpen, x.rowLine = true, line
}

func (x *extractor) startCell(t token) {
	if !x.rowOpen {
		x.startRow(t.line)
	}
	x.endCell()
	x.fillSpans(false)
	x.inCell = true
	x.span = t
}

// fillSpans copies into the row the cells that span down into it from the
// rows above, at the row's next column and those after it while they are
// covered; at the row's end (rest) it also leaves empty the uncovered
// columns between them.
func (x *extractor) fillSpans(rest bool) {
	last := len(x.spans)
	if rest {
		for last > len(x.row) && x.spans[last-1].rows == 0 {
			last--
		}
	}
	for col := len(x.row); col < last; col++ {
		s := &x.spans[col]
		if s.rows == 0 {
			if !rest {
				return
			}
			x.row = append(x.row, "")
			continue
		}
		x.row = append(x.row, s.text)
		s.rows--
	}
}

func (x *extractor) endCell() {
	if !x.inCell {
		return
	}
	// Lines of a cell are joined by a space that survives collapsing, so
	// that 市商务局<br>市发改委 stays two names.
	var parts []string
	for _, piece := range append(x.pieces, x.cell.String()) {
		if piece = NormalizeLine(collapseSpace(piece)); piece != "" {
			parts = append(parts, piece)
		}
	}
	text := strings.Join(parts, " ")
	for c := range x.span.colspan {
		col := len(x.row)
		if c == 0 {
			x.row = append(x.row, text)
		} else {
			x.row = append(x.row, "")
		}
		if x.span.rowspan > 1 {
			for len(x.spans) <= col {
				x.spans = append(x.spans, rowSpan{})
			}
			if c == 0 {
				x.spans[col] = rowSpan{text: text, rows: x.span.rowspan - 1}
			} else {
				x.spans[col] = rowSpan{rows: x.span.rowspan - 1}
			}
		}
	}
	x.cell.Reset()
	x.pieces = x.pieces[:0]
	x.inCell = false
}

func (x *extractor) endRow() {
	x.endCell()
	if !x.rowOpen {
		return
	}
	x.fillSpans(true)
	x.rowOpen = false
	empty := true
	for _, c := range x.row {
		if c != "" {
			empty = false
		}
	}
	if !empty {
		x.rows = append(x.rows, emittedRow{at: len(x.lines), cells: slices.Clone(x.row)})
		x.lines = append(x.lines, Line{Num: x.rowLine, Text: pipeRow(x.row)})
	}
	x.row = x.row[:0]
}

// endTable gives every row of the table that ends as many cells as its
// widest row: a browser shows the cells a row leaves out as empty ones at
// its end, and a row's cells stay under their headers.
func (x *extractor) endTable() {
	width := 0
	for _, r := range x.rows {
		width = max(width, len(r.cells))
	}
	for _, r := range x.rows {
		if len(r.cells) < width {
			cells := append(r.cells, make([]string, width-len(r.cells))...)
			x.lines[r.at].Text = pipeRow(cells)
		}
	}
	x.rows = x.rows[:0]
	x.spans = x.spans[:0]
}

func pipeRow(cells []string) string {
	return "| " + strings.Join(cells, " | ") + " |"
}

// collapseSpace folds runs of white space the way a browser does, except that
// a run next to a wide (CJK) character disappears: HTML source wraps Chinese
// text anywhere (推进消费升级,⏎打造), and the document has no gap there.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	pending := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = true
			continue
		}
		if pending && prev != 0 && !wide(prev) && !wide(r) {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func wide(r rune) bool { return r >= utf8.RuneSelf && r != '\u00A0' && r != '\u3000' }
