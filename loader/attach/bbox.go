package attach

import (
	"bytes"
	"encoding/xml"
	"math"
	"sort"
	"strconv"
	"strings"
)

// pdftotext -bbox-layout writes each word of a PDF with its box on the page,
// grouped in the lines poppler reads. Columns of a table are only as
// reliable as these positions: -layout's character columns drift wherever
// Chinese and Latin glyphs of different widths mix, and a cell filled to
// its border is set one space from the next. So the lines the loader reads
// are rebuilt here from the boxes: poppler's lines are split where a gap
// wider than half a character separates two words (a cell's border), and
// the pieces on the same height of a page form one line, left to right.
// Positions are in tenths of a point.

type bboxWord struct {
	x0, y0, x1, y1 float64
	text           string
}

// bboxLines reads pdftotext -bbox-layout output into the document's lines.
func bboxLines(xhtml []byte) []layoutLine {
	d := xml.NewDecoder(bytes.NewReader(xhtml))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var lines []layoutLine
	var page []fragment // the current page's pieces of lines
	var words []bboxWord
	var word *bboxWord
	endPage := func() {
		lines = append(lines, pageLines(page, len(lines))...)
		page = page[:0]
	}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				endPage()
			case "line":
				words = words[:0]
			case "word":
				word = &bboxWord{x0: coord(t, "xMin"), y0: coord(t, "yMin"), x1: coord(t, "xMax"), y1: coord(t, "yMax")}
			}
		case xml.CharData:
			if word != nil {
				word.text += string(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				if word != nil && strings.TrimSpace(word.text) != "" {
					words = append(words, *word)
				}
				word = nil
			case "line":
				page = append(page, splitLine(words)...)
			}
		}
	}
	endPage()
	return lines
}

func coord(t xml.StartElement, name string) float64 {
	v, err := strconv.ParseFloat(attr(t, name), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return math.Max(-1e6, math.Min(v, 1e6))
}

// splitLine turns the words of one of poppler's lines into pieces, split
// where the gap between two words is wider than half their height.
func splitLine(words []bboxWord) []fragment {
	var out []fragment
	for i, w := range words {
		h := w.y1 - w.y0
		if i > 0 && w.x0-words[i-1].x1 <= h/2 {
			f := &out[len(out)-1]
			f.text = joinWords(f.text, w.text)
			f.end = max(f.end, tenths(w.x1))
			f.y0, f.y1 = min(f.y0, tenths(w.y0)), max(f.y1, tenths(w.y1))
			continue
		}
		out = append(out, fragment{start: tenths(w.x0), end: tenths(w.x1), y0: tenths(w.y0), y1: tenths(w.y1), text: w.text})
	}
	return out
}

func tenths(v float64) int { return int(math.Round(v * 10)) }

// joinWords joins two words of a line: with no space where either side is
// Chinese (poppler splits words where the font changes, as between 2025 and
// 年), with one between Latin words.
func joinWords(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	last, first := []rune(a)[len([]rune(a))-1], []rune(b)[0]
	if wideRune(last) || wideRune(first) {
		return a + b
	}
	return a + " " + b
}

func wideRune(r rune) bool { return r >= 0x2E80 }

// pageLines orders a page's pieces into lines: pieces whose middles lie
// within 0.4 of their height of each other are one line, read left to right.
// Lines are numbered on from after, the lines of the pages before.
func pageLines(page []fragment, after int) []layoutLine {
	sort.SliceStable(page, func(i, j int) bool { return page[i].y0+page[i].y1 < page[j].y0+page[j].y1 })
	var lines []layoutLine
	for _, f := range page {
		mid, height := (f.y0+f.y1)/2, f.y1-f.y0
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			if abs(mid-l.mid) <= max(height, l.em)*4/10 {
				l.frags = append(l.frags, f)
				l.bottom = max(l.bottom, f.y1)
				continue
			}
		}
		gap := false
		if n := len(lines); n > 0 {
			gap = f.y0-lines[n-1].bottom > max(height, lines[n-1].em)*6/10
		}
		lines = append(lines, layoutLine{frags: []fragment{f}, mid: mid, em: height, bottom: f.y1, afterGap: gap})
	}
	for i := range lines {
		lines[i].num = after + i + 1
		sort.SliceStable(lines[i].frags, func(a, b int) bool { return lines[i].frags[a].start < lines[i].frags[b].start })
	}
	if len(lines) > 0 {
		lines[0].afterGap = true // a new page
	}
	return lines
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
