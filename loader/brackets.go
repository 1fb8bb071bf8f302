package loader

import (
	"iter"
	"slices"
	"unicode/utf8"
)

// Bracket kinds: a closer matches an opener of the same kind, whichever its
// width, because scraped texts mix （ with ) freely. 〔〕 is its own kind: plans
// use it around a clause whose unit names hold round brackets.
const (
	roundBracket = iota + 1
	tortoiseBracket
	squareBracket
	lenticularBracket
)

func openerClass(r rune) int {
	switch r {
	case '(', '（', '﹙':
		return roundBracket
	case '〔', '〘':
		return tortoiseBracket
	case '[', '［':
		return squareBracket
	case '【', '〖':
		return lenticularBracket
	}
	return 0
}

func closerClass(r rune) int {
	switch r {
	case ')', '）', '﹚':
		return roundBracket
	case '〕', '〙':
		return tortoiseBracket
	case ']', '］':
		return squareBracket
	case '】', '〗':
		return lenticularBracket
	}
	return 0
}

// closerFor returns the closer of the same kind and width as opener r.
func closerFor(r rune) rune {
	switch r {
	case '(':
		return ')'
	case '（':
		return '）'
	case '﹙':
		return '﹚'
	case '〔':
		return '〕'
	case '〘':
		return '〙'
	case '[':
		return ']'
	case '［':
		return '］'
	case '【':
		return '】'
	case '〖':
		return '〗'
	}
	return r
}

// bracketGroup is a matched pair: open and close are the byte offsets of the
// two brackets, end the offset just after the closer.
type bracketGroup struct{ open, close, end int }

// brackets is the bracket structure of a text.
type brackets struct {
	groups   []bracketGroup // in the order they close, so inner before outer
	unclosed []int          // offsets of openers never closed, ascending
	unopened []int          // offsets of closers never opened, ascending
}

// scanBrackets matches brackets by kind. A closer whose kind is open further
// down the stack closes that bracket and leaves the ones above it unclosed:
// in (市科技局主办,市委组织部(人才办) the first bracket stays open.
func scanBrackets(s string) brackets {
	var b brackets
	first := firstBracket(s)
	if first < 0 {
		return b // most names and clause parts: no rune to decode
	}
	type open struct{ at, class int }
	var stack []open
	for i := first; i < len(s); i++ {
		var r rune
		switch s[i] { // the bytes a bracket may start with: see bracketAt
		case '(', ')', '[', ']', 0xE3, 0xEF:
			r = bracketAt(s, i)
		}
		if r == 0 {
			i += charTail(s, i)
			continue
		}
		if c := openerClass(r); c != 0 {
			stack = append(stack, open{i, c})
			continue
		}
		c := closerClass(r)
		if c == 0 {
			continue
		}
		k := len(stack) - 1
		for k >= 0 && stack[k].class != c {
			k--
		}
		if k < 0 {
			b.unopened = append(b.unopened, i)
			continue
		}
		for _, o := range stack[k+1:] {
			b.unclosed = append(b.unclosed, o.at)
		}
		b.groups = append(b.groups, bracketGroup{open: stack[k].at, close: i, end: i + runeLen(s, i)})
		stack = stack[:k]
	}
	for _, o := range stack {
		b.unclosed = append(b.unclosed, o.at)
	}
	slices.Sort(b.unclosed)
	return b
}

// unclosedSet returns the offsets of s's openers that are never closed, for
// depth counts that must not let such an opener hide the rest of the text.
func unclosedSet(s string) map[int]bool {
	unclosed := scanBrackets(s).unclosed
	if len(unclosed) == 0 {
		return nil // most texts: no map to make
	}
	set := make(map[int]bool, len(unclosed))
	for _, at := range unclosed {
		set[at] = true
	}
	return set
}

// topLevel yields the runes of s outside brackets, with their byte offsets:
// the places where list separators, conjunctions and role words count. An
// opener never closed does not count, so it cannot hide the rest of the text.
func topLevel(s string) iter.Seq2[int, rune] {
	return func(yield func(int, rune) bool) {
		unclosed := unclosedSet(s)
		depth := 0
		for i, r := range s {
			switch {
			case openerClass(r) != 0 && !unclosed[i]:
				depth++
			case closerClass(r) != 0 && depth > 0:
				depth--
			case depth == 0:
				if !yield(i, r) {
					return
				}
			}
		}
	}
}

// groupEndingAt returns the group whose closer ends at end.
func (b brackets) groupEndingAt(end int) (bracketGroup, bool) {
	if n := len(b.groups); n > 0 && b.groups[n-1].end == end {
		return b.groups[n-1], true
	}
	return bracketGroup{}, false
}

// lastGroupBefore returns the last group that ends at or before pos.
func (b brackets) lastGroupBefore(pos int) (bracketGroup, bool) {
	for i := len(b.groups) - 1; i >= 0; i-- {
		if b.groups[i].end <= pos {
			return b.groups[i], true
		}
	}
	return bracketGroup{}, false
}

// bracketAt returns the bracket rune of openerClass or closerClass that
// starts at s[i], 0 when none does. It reads bytes as firstBracket does,
// so that the runes between brackets need not be decoded.
func bracketAt(s string, i int) rune {
	switch c := s[i]; c {
	case '(', ')', '[', ']':
		return rune(c)
	case 0xE3:
		if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			return r
		}
	case 0xEF:
		if i+2 < len(s) {
			switch c1, c2 := s[i+1], s[i+2]; {
			case c1 == 0xBC && (c2 == 0x88 || c2 == 0x89 || c2 == 0xBB || c2 == 0xBD),
				c1 == 0xB9 && (c2 == 0x99 || c2 == 0x9A):
				r, _ := utf8.DecodeRuneInString(s[i:])
				return r
			}
		}
	}
	return 0
}

// mayHoldBracket reports whether s holds a bracket of openerClass or
// closerClass.
func mayHoldBracket(s string) bool { return firstBracket(s) >= 0 }

// firstBracket returns the offset of the first bracket of openerClass or
// closerClass in s, -1 when there is none. It reads bytes (see bracketAt),
// so that the runes between brackets need not be decoded: ( ) [ ], or the
// three-byte runes E3 80 90–99 (【】〔〕〖〗〘〙), EF BC 88/89/BB/BD (（）［］)
// and EF B9 99/9A (﹙﹚).
func firstBracket(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', ')', '[', ']', 0xE3, 0xEF:
			if bracketAt(s, i) != 0 {
				return i
			}
		}
		i += charTail(s, i)
	}
	return -1
}

// charTail is 2 when s[i] starts a three-byte character (lead byte
// E0–EF, two continuation bytes: a CJK ideograph, most of a plan's text)
// and 0 otherwise: the byte scans above step over the rest of such a
// character at once. No byte they look for is a continuation byte, so
// stepping over two never skips one, whatever the text.
func charTail(s string, i int) int {
	if s[i]&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return 2
	}
	return 0
}
