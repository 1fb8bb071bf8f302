package textin

import (
	"strings"
)

// textLines splits plain text into numbered, normalised lines. CRLF, a lone
// CR and the Unicode line and paragraph separators all end a line.
func textLines(s string) []Line {
	lines := make([]Line, 0, strings.Count(s, "\n")+1)
	num := 1
	for len(s) > 0 {
		end, next := lineEnd(s)
		lines = append(lines, Line{Num: num, Text: NormalizeLine(s[:end])})
		num++
		s = s[next:]
	}
	return lines
}

// lineEnd returns where the first line of s ends and where the next begins.
func lineEnd(s string) (end, next int) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i, i + 1
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		case 0xE2: // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				return i, i + 3
			}
		}
	}
	return len(s), len(s)
}

// NormalizeLine trims a line and maps the characters that vary between
// editors and sites without changing meaning: full-width digits, letters and
// ％ become half-width (so １．and 1. number alike), no-break and ideographic
// spaces become plain spaces, and invisible characters (zero-width spaces, a
// stray BOM) are dropped. Full-width punctuation such as （）and ，is kept as
// written: it is the document's text, and the parser reads both forms.
func NormalizeLine(s string) string {
	if isPlain(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '％':
			b.WriteRune(r - '０' + '0')
		case r == '\u00A0' || r == '\u3000':
			b.WriteByte(' ')
		case r == '\uFEFF' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060':
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isPlain reports whether s holds nothing NormalizeLine would change apart
// from white space at its ends: the common case, kept allocation-free. It
// looks at UTF-8 bytes directly because full-width punctuation (（），“”),
// which is kept, shares lead bytes with the characters that are mapped.
func isPlain(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case 0xC2: // U+00A0 no-break space
			if s[i+1] == 0xA0 {
				return false
			}
		case 0xE2, 0xE3, 0xEF:
			if i+2 >= len(s) {
				return true
			}
			if needsMapping(rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)) {
				return false
			}
			i += 2
		}
	}
	return true
}

func needsMapping(r rune) bool {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '％':
		return true
	case r == '\u3000' || r == '\uFEFF' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060':
		return true
	}
	return false
}
