package loader

import (
	"strings"
	"unicode/utf8"
)

// numStyle is a way of numbering headings and tasks. The constants run from
// the outermost level Chinese documents use to the innermost, so that
// a < b means a numbers a level enclosing b.
type numStyle int

const (
	styleNone     numStyle = iota
	styleCnComma           // 一、
	styleCnParen           // （一） (一)
	styleNumDot            // 1. 1、 1． 1﹒
	styleNumParen          // （1） (1)
)

func (s numStyle) String() string {
	switch s {
	case styleCnComma:
		return "一、"
	case styleCnParen:
		return "（一）"
	case styleNumDot:
		return "1."
	case styleNumParen:
		return "（1）"
	}
	return "none"
}

// marker is the number a line starts with.
type marker struct {
	style numStyle
	num   int
	rest  string // the line after the number, trimmed
}

// readMarker reads the number at the start of a line. A Markdown heading's
// leading #s are skipped, so `## 一、…` numbers like `一、…`.
func readMarker(s string) (marker, bool) {
	s = strings.TrimLeft(s, "# ")
	if s == "" {
		return marker{}, false
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9':
		return readNumDot(s)
	case c == '(' || strings.HasPrefix(s, "（"):
		return readParen(s)
	case c >= utf8.RuneSelf:
		return readCnComma(s)
	}
	return marker{}, false
}

// numDotSeps end an Arabic task number. A full stop followed by a digit is a
// decimal (2.5%), and digits followed by 年 a year, neither a number.
var numDotSeps = []string{".", "、", "．", "﹒"}

func readNumDot(s string) (marker, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 4 {
		return marker{}, false
	}
	n := atoi(s[:i])
	rest := strings.TrimLeft(s[i:], " ")
	for _, sep := range numDotSeps {
		if after, ok := strings.CutPrefix(rest, sep); ok {
			if after != "" && after[0] >= '0' && after[0] <= '9' {
				return marker{}, false
			}
			return marker{style: styleNumDot, num: n, rest: strings.TrimSpace(after)}, true
		}
	}
	return marker{}, false
}

// readParen reads （一） and （1）, with half- or full-width brackets in any
// mix, as sites write them.
func readParen(s string) (marker, bool) {
	var inner string
	if after, ok := strings.CutPrefix(s, "("); ok {
		inner = after
	} else {
		inner = strings.TrimPrefix(s, "（")
	}
	end := strings.IndexAny(inner, ")）")
	if end <= 0 || end > 12 {
		return marker{}, false
	}
	num := strings.TrimSpace(inner[:end])
	rest := inner[end:]
	if rest[0] == ')' {
		rest = rest[1:]
	} else {
		rest = rest[len("）"):]
	}
	rest = strings.TrimSpace(rest)
	if isDigits(num) {
		return marker{style: styleNumParen, num: atoi(num), rest: rest}, true
	}
	if n, ok := chineseNumber(num); ok {
		return marker{style: styleCnParen, num: n, rest: rest}, true
	}
	return marker{}, false
}

func readCnComma(s string) (marker, bool) {
	end := strings.Index(s, "、")
	if end <= 0 || end > 12 {
		return marker{}, false
	}
	n, ok := chineseNumber(s[:end])
	if !ok {
		return marker{}, false
	}
	return marker{style: styleCnComma, num: n, rest: strings.TrimSpace(s[end+len("、"):])}, true
}

var cnDigits = map[rune]int{
	'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// chineseNumber reads a Chinese numeral below 1000: 三, 十, 十一, 二十,
// 二十三, 一百零五.
func chineseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	total, digit, seen := 0, -1, false
	for _, r := range s {
		switch r {
		case '十':
			if digit < 0 {
				digit = 1
			}
			total += digit * 10
			digit = -1
		case '百':
			if digit < 0 {
				return 0, false
			}
			total += digit * 100
			digit = -1
		default:
			d, ok := cnDigits[r]
			if !ok {
				return 0, false
			}
			if digit > 0 {
				return 0, false // 二三: two digits without a unit between them
			}
			digit = d
		}
		seen = true
	}
	if digit > 0 {
		total += digit
	}
	return total, seen && total > 0
}

// taskNumber reads a number as a table's 序号 cell writes it: 3, 3., （3）,
// 三, and 3* or 3★ for a row the table singles out.
func taskNumber(s string) (int, bool) {
	s = strings.TrimRight(strings.TrimSpace(s), leadStars)
	if isDigits(s) && len(s) <= 4 {
		return atoi(s), true
	}
	if m, ok := readMarker(s); ok && m.rest == "" {
		return m.num, true
	}
	return chineseNumber(s)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi reads at most four ASCII digits, all callers check that first.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// flattenedMinBytes is the length from which a line may be a whole document
// flattened onto one line: a task is rarely over 600 bytes (200 runes), a
// flattened document always is.
const flattenedMinBytes = 600

// splitFlattened splits a line into which a scraper flattened a document —
// title, notice, headings and numbered tasks separated only by spaces — at
// each space followed by a heading or task number (一、 （一） 1. （1）).
// It returns nil for short lines, and lines with fewer than three such
// numbers, which a task's text may hold.
func splitFlattened(s string) []string {
	if len(s) < flattenedMinBytes || !strings.Contains(s, " ") {
		return nil
	}
	var cuts []int
	for i := 1; i < len(s); i++ {
		if s[i-1] == ' ' && s[i] != ' ' {
			if _, ok := readMarker(s[i:]); ok && !strings.HasPrefix(s[i:], "#") {
				cuts = append(cuts, i)
			}
		}
	}
	if len(cuts) < 3 {
		return nil
	}
	parts := make([]string, 0, len(cuts)+1)
	from := 0
	for _, c := range cuts {
		if p := strings.TrimSpace(s[from:c]); p != "" {
			parts = append(parts, p)
		}
		from = c
	}
	return append(parts, strings.TrimSpace(s[from:]))
}
