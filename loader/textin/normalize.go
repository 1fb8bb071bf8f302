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
// It looks for the newline first, with strings.IndexByte's vector search,
// and then for the rarer ends within that line only.
func lineEnd(s string) (end, next int) {
	nl := strings.IndexByte(s, '\n')
	line := s
	if nl >= 0 {
		line = s[:nl]
	}
	end = len(line)
	if cr := strings.IndexByte(line, '\r'); cr >= 0 {
		end = cr
	}
	if sep := strings.Index(line[:end], "\u2028"); sep >= 0 {
		end = sep
	}
	if sep := strings.Index(line[:end], "\u2029"); sep >= 0 {
		end = sep
	}
	switch {
	case end < len(line) && line[end] == '\r':
		if end+1 < len(s) && s[end+1] == '\n' {
			return end, end + 2
		}
		return end, end + 1
	case end < len(line): // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
		return end, end + 3
	case nl >= 0:
		return nl, nl + 1
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
	for i := 0; i+1 < len(s); {
		switch c := s[i]; {
		case c < 0x80:
			i++
		case c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// A CJK ideograph, most of a plan's text: none is mapped.
			i += 3
		case c == 0xC2: // U+00A0 no-break space
			if s[i+1] == 0xA0 {
				return false
			}
			i++
		case c == 0xE2 || c == 0xE3 || c == 0xEF:
			if i+2 >= len(s) {
				return true
			}
			if needsMapping(rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)) {
				return false
			}
			i += 3
		default:
			i++
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
