package attach

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutygraph/dutygraph/loader/textin"
)

// maxNesting bounds tables in tables and paragraphs in text boxes in
// paragraphs: real documents nest two or three deep.
const maxNesting = 32

// decodeDOCX reads a Word document's body: paragraphs as lines, with the
// numbers Word's lists give them, and tables as pipe rows.
func decodeDOCX(b []byte) (*textin.Text, error) {
	p, err := openParts(b)
	if err != nil {
		return nil, damaged("Word document", err)
	}
	body, err := p.read("word/document.xml")
	if err != nil {
		return nil, damaged("Word document", err)
	}
	numData, err := p.read("word/numbering.xml")
	if err != nil {
		return nil, damaged("Word document", err)
	}
	styleData, err := p.read("word/styles.xml")
	if err != nil {
		return nil, damaged("Word document", err)
	}
	r := &docxReader{num: readNumbering(numData), styles: readStyles(styleData)}
	r.num.styleList = func(style string) string { return r.styles[style].numID }
	if err := r.read(body); err != nil {
		return nil, damaged("Word document", err)
	}
	return r.out.text(FormatDOCX, "Word document without text")
}

// styleNum is the list numbering a paragraph style gives its paragraphs.
type styleNum struct {
	basedOn     string
	numID, ilvl string // "" when the style does not say
}

func readStyles(data []byte) map[string]styleNum {
	styles := map[string]styleNum{}
	d := xml.NewDecoder(bytes.NewReader(data))
	var id string
	var cur styleNum
	for {
		tok, err := d.Token()
		if err != nil {
			return styles
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, cur = attr(t, "styleId"), styleNum{}
			case "basedOn":
				cur.basedOn = attr(t, "val")
			case "numId":
				cur.numID = attr(t, "val")
			case "ilvl":
				cur.ilvl = attr(t, "val")
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				styles[id] = cur
				id = ""
			}
		}
	}
}

// styleNumbering follows a style's basedOn chain to the list it numbers.
func (r *docxReader) styleNumbering(style string) (numID, ilvl string) {
	for range maxNesting {
		s, ok := r.styles[style]
		if !ok {
			break
		}
		if numID == "" {
			numID = s.numID
		}
		if ilvl == "" {
			ilvl = s.ilvl
		}
		style = s.basedOn
	}
	return numID, ilvl
}

// docxReader walks word/document.xml. Paragraphs nest in text boxes inside
// paragraphs, and tables in table cells, so both are stacks.
type docxReader struct {
	num    *numbering
	styles map[string]styleNum
	out    out
	block  int // body paragraphs and table rows so far: the line number
	cells  int

	paras  []*docxPara
	tables []*docxTable
	skip   int  // depth inside content Word does not show (deleted, moved away, fallback copies)
	inText bool // inside w:t
}

type docxPara struct {
	runs        int // depth of w:r: text, tabs and breaks are in runs
	lines       []string
	cur         strings.Builder
	style       string
	numID, ilvl string
	hasNumPr    bool
}

type docxTable struct {
	rows    []row
	cur     *row
	col     int              // grid column of the next cell
	cell    *docxCell        // open cell
	spanned map[int][]string // grid column → text of the cell merged down from above
}

type docxCell struct {
	lines  []string
	span   int
	vMerge string // "restart", "continue", or "" when not merged down
}

// wordNS tells WordprocessingML elements from DrawingML and others that
// reuse names such as t and p.
func wordNS(n xml.Name) bool {
	return strings.HasSuffix(n.Space, "wordprocessingml/2006/main") || strings.HasSuffix(n.Space, "/wordprocessingml/main")
}

func (r *docxReader) read(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if r.skip > 0 || t.Name.Local == "Fallback" || wordNS(t.Name) && hidden[t.Name.Local] {
				r.skip++
				continue
			}
			if wordNS(t.Name) {
				if err := r.start(t); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if r.skip > 0 {
				r.skip--
				continue
			}
			if wordNS(t.Name) {
				if err := r.end(t.Name.Local); err != nil {
					return err
				}
			}
		case xml.CharData:
			if r.skip == 0 && len(r.paras) > 0 && r.inText {
				r.paras[len(r.paras)-1].cur.Write(t)
			}
		}
	}
}

// hidden elements hold what Word does not show: deleted and moved-away
// text, and the paragraph and run properties before a tracked change.
var hidden = map[string]bool{"del": true, "moveFrom": true, "pPrChange": true, "rPrChange": true, "numberingChange": true}

var errNesting = fmt.Errorf("%w: tables or text boxes nested more than %d deep", ErrTooLarge, maxNesting)

func (r *docxReader) para() *docxPara {
	if len(r.paras) == 0 {
		return nil
	}
	return r.paras[len(r.paras)-1]
}

func (r *docxReader) table() *docxTable {
	if len(r.tables) == 0 {
		return nil
	}
	return r.tables[len(r.tables)-1]
}

func (r *docxReader) start(t xml.StartElement) error {
	p, tb := r.para(), r.table()
	switch t.Name.Local {
	case "p":
		if len(r.paras) >= maxNesting {
			return errNesting
		}
		if len(r.paras) == 0 && len(r.tables) == 0 {
			r.block++
		}
		r.paras = append(r.paras, &docxPara{})
	case "r":
		if p != nil {
			p.runs++
		}
	case "t":
		r.inText = true
	case "tab", "ptab": // in a run; w:tabs in paragraph properties defines tab stops
		if p != nil && p.runs > 0 {
			p.cur.WriteByte(' ')
		}
	case "br", "cr":
		if p != nil && p.runs > 0 {
			p.lines = append(p.lines, p.cur.String())
			p.cur.Reset()
		}
	case "noBreakHyphen":
		if p != nil && p.runs > 0 {
			p.cur.WriteByte('-')
		}
	case "sym":
		if p != nil && p.runs > 0 {
			p.cur.WriteString(symbol(attr(t, "font"), attr(t, "char")))
		}
	case "pStyle":
		if p != nil {
			p.style = attr(t, "val")
		}
	case "numPr":
		if p != nil {
			p.hasNumPr = true
		}
	case "numId":
		if p != nil && p.hasNumPr {
			p.numID = attr(t, "val")
		}
	case "ilvl":
		if p != nil && p.hasNumPr {
			p.ilvl = attr(t, "val")
		}
	case "tbl":
		if len(r.tables) >= maxNesting {
			return errNesting
		}
		r.tables = append(r.tables, &docxTable{spanned: map[int][]string{}})
	case "tr":
		if tb == nil {
			break
		}
		if len(r.tables) == 1 && len(r.paras) == 0 {
			r.block++
		}
		tb.cur, tb.col = &row{num: r.block}, 0
	case "gridBefore":
		if tb != nil && tb.cur != nil {
			for range min(atoiOr(attr(t, "val"), 0), 64) {
				tb.cur.cells = append(tb.cur.cells, nil)
				tb.col++
			}
		}
	case "tc":
		if tb == nil || tb.cur == nil {
			break
		}
		if r.cells++; r.cells > maxCells {
			return fmt.Errorf("%w: more than %d table cells", ErrTooLarge, maxCells)
		}
		tb.cell = &docxCell{span: 1}
	case "gridSpan":
		if tb != nil && tb.cell != nil && len(r.paras) == 0 {
			tb.cell.span = min(max(atoiOr(attr(t, "val"), 1), 1), 64)
		}
	case "vMerge":
		if tb != nil && tb.cell != nil && len(r.paras) == 0 {
			tb.cell.vMerge = "continue"
			if attr(t, "val") == "restart" {
				tb.cell.vMerge = "restart"
			}
		}
	}
	return nil
}

func (r *docxReader) end(local string) error {
	switch local {
	case "r":
		if p := r.para(); p != nil && p.runs > 0 {
			p.runs--
		}
	case "t":
		r.inText = false
	case "p":
		p := r.para()
		if p == nil {
			return nil
		}
		r.paras = r.paras[:len(r.paras)-1]
		return r.endPara(p)
	case "tc":
		tb := r.table()
		if tb == nil || tb.cell == nil || tb.cur == nil {
			return nil
		}
		c := tb.cell
		tb.cell = nil
		switch c.vMerge {
		case "continue":
			tb.cur.copyDown(len(tb.cur.cells), tb.spanned[tb.col])
		case "restart":
			tb.spanned[tb.col] = c.lines
			tb.cur.cells = append(tb.cur.cells, c.lines)
		default:
			delete(tb.spanned, tb.col)
			tb.cur.cells = append(tb.cur.cells, c.lines)
		}
		for range c.span - 1 {
			tb.cur.cells = append(tb.cur.cells, nil)
		}
		tb.col += c.span
	case "tr":
		tb := r.table()
		if tb == nil || tb.cur == nil {
			return nil
		}
		tb.rows = append(tb.rows, *tb.cur)
		tb.cur = nil
	case "tbl":
		tb := r.table()
		if tb == nil {
			return nil
		}
		r.tables = r.tables[:len(r.tables)-1]
		if outer := r.table(); outer != nil && outer.cell != nil {
			// A table inside a cell is text of that cell, row by row.
			for _, rw := range tb.rows {
				var cells []string
				for _, c := range rw.cells {
					if s := cellText(c); s != "" {
						cells = append(cells, s)
					}
				}
				if len(cells) > 0 {
					outer.cell.lines = append(outer.cell.lines, strings.Join(cells, " "))
				}
			}
			return nil
		}
		if len(r.tables) == 0 {
			return r.out.table(tb.rows)
		}
	}
	return nil
}

// endPara numbers a finished paragraph as Word would and puts its lines in
// the open table cell, or in the document. The paragraphs of a text box end
// before the paragraph holding it, so they come first, as one reads them.
func (r *docxReader) endPara(p *docxPara) error {
	lines := append(p.lines, p.cur.String())
	if label := r.label(p); label != "" {
		// Word sets a tab after the number; a space stands for it where the
		// number would otherwise run into the text (1.1 任务, 第一条 任务).
		sep := ""
		if last, _ := utf8.DecodeLastRuneInString(label); unicode.IsLetter(last) || unicode.IsDigit(last) {
			sep = " "
		}
		lines[0] = label + sep + strings.TrimLeft(lines[0], " \t\u3000")
	}
	if tb := r.table(); tb != nil {
		if tb.cell != nil {
			tb.cell.lines = append(tb.cell.lines, lines...)
		}
		return nil
	}
	for _, l := range lines {
		if err := r.out.add(r.block, l); err != nil {
			return err
		}
	}
	return nil
}

// label is the list number Word shows before p, counting p in its list.
func (r *docxReader) label(p *docxPara) string {
	numID, ilvl := p.numID, p.ilvl
	sNum, sLvl := r.styleNumbering(p.style)
	if numID == "" {
		numID = sNum
	}
	if ilvl == "" {
		ilvl = sLvl
	}
	if numID == "" || numID == "0" {
		return ""
	}
	level, err := strconv.Atoi(ilvl)
	if err != nil {
		level = r.num.levelFor(numID, p.style)
		if level < 0 {
			level = 0
		}
	}
	return r.num.next(numID, level)
}

// symbol is the text of a symbol Word inserts from a font (w:sym): its
// character when the code is Unicode, and for the symbol fonts' private
// codes the one mark plans use, Wingdings' star on a lead unit.
func symbol(font, char string) string {
	code, err := strconv.ParseUint(char, 16, 32)
	switch {
	case err != nil:
		return ""
	case code >= 0xF000 && code <= 0xF0FF:
		if strings.Contains(strings.ToLower(font), "wingdings") && code == 0xF0AB {
			return "★"
		}
		return ""
	case code >= 0x20 && utf8.ValidRune(rune(code)):
		return string(rune(code))
	}
	return ""
}
