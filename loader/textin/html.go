package textin

import (
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
// line of its first visible character).
type token struct {
	typ  html.TokenType
	tag  atom.Atom
	text string
	line int
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
// form metadata tables and task tables take in plain text too. Tables used
// for page layout (one column, nested tables, or cells holding several
// paragraphs) are read as ordinary blocks.
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
				tables = append(tables, !layout[i])
			case inData() && t.tag == atom.Tr:
				x.startRow(t.line)
			case inData() && (t.tag == atom.Td || t.tag == atom.Th):
				x.startCell(t.line)
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
				toks = append(toks, token{typ: typ, tag: tag, line: start})
			}
		case html.TextToken:
			if skip == 0 {
				lead := len(raw) - len(strings.TrimLeftFunc(string(raw), unicode.IsSpace))
				toks = append(toks, token{typ: typ, text: string(z.Text()), line: start + countNewlines(raw[:lead])})
			}
		}
	}
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
// lay out a page rather than hold data: a data table has rows of several
// cells, each a line of text at most.
func layoutTables(toks []token) map[int]bool {
	layout := map[int]bool{}
	for i, t := range toks {
		if t.typ != html.StartTagToken || t.tag != atom.Table {
			continue
		}
		depth, cells, maxCells, blocksInCell := 0, 0, 0, 0
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
					maxCells = max(maxCells, cells)
					blocksInCell = 0
				case blocks[u.tag]:
					blocksInCell++
					if blocksInCell > 1 {
						isLayout = true
					}
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
		layout[i] = isLayout || maxCells < 2
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

func (x *extractor) startCell(line int) {
	if !x.rowOpen {
		x.startRow(line)
	}
	x.endCell()
	x.inCell = true
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
	x.row = append(x.row, strings.Join(parts, " "))
	x.cell.Reset()
	x.pieces = x.pieces[:0]
	x.inCell = false
}

func (x *extractor) endRow() {
	x.endCell()
	if !x.rowOpen {
		return
	}
	x.rowOpen = false
	empty := true
	for _, c := range x.row {
		if c != "" {
			empty = false
		}
	}
	if !empty {
		x.lines = append(x.lines, Line{Num: x.rowLine, Text: "| " + strings.Join(x.row, " | ") + " |"})
	}
	x.row = x.row[:0]
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
