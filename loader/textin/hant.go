package textin

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Mirrors of mainland plans on legal databases, Taiwanese and Hong Kong
// sites often republish them in traditional characters (牽頭單位,
// 發展和改革委員會), which the parser, reading simplified text, would not
// recognise. Decode converts such a document to simplified, line by line.

// hantData is the traditional-to-simplified table generated from OpenCC by
// scripts/hant/regen.sh; its header says what it holds.
//
//go:embed hant.txt
var hantData string

// Traditional text is told from simplified text with a stray traditional
// character (a quoted name, a 臺 in an address) by the share of its Han
// characters that are markers, characters simplified text never writes. In
// traditional running text a third or more of the characters are; in the
// seeds none. A document at or above both figures is converted. Converting
// simplified text would change next to nothing (markers are absent from it),
// so a low bar costs little; it only keeps the warning honest.
const (
	traditionalPercent = 3 // markers per hundred Han characters
	traditionalMin     = 5 // markers, so that a short note with one 臺 stays as written
)

// hantTable is hant.txt read into the forms the check and the conversion
// use.
type hantTable struct {
	// markersBMP holds one bit per character of the Basic Multilingual
	// Plane that is a marker: the check tests each Han character of every
	// document, so it must not cost a map look-up.
	markersBMP [0x10000 / 64]uint64
	// markersAstral holds the markers outside the Basic Multilingual Plane,
	// rare characters of the CJK extensions.
	markersAstral map[rune]bool
	chars         map[rune]rune
	// phrases lists, by first character, the words converted as a whole,
	// longest first so that the longest match wins as in OpenCC.
	phrases map[rune][]phrase
}

type phrase struct{ traditional, simplified string }

var hant = sync.OnceValue(func() *hantTable { return parseHant(hantData) })

func parseHant(data string) *hantTable {
	t := &hantTable{markersAstral: map[rune]bool{}, chars: map[rune]rune{}, phrases: map[rune][]phrase{}}
	section := ""
	for line := range strings.Lines(data) {
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = line
		case section == "[phrases]":
			trad, simp, ok := strings.Cut(line, " ")
			if !ok {
				panic("textin: hant.txt: phrase without a simplified form: " + line)
			}
			first, _ := utf8.DecodeRuneInString(trad)
			t.phrases[first] = append(t.phrases[first], phrase{trad, simp})
		default:
			rs := []rune(line)
			if len(rs)%2 != 0 {
				panic("textin: hant.txt: odd number of characters in " + section)
			}
			for i := 0; i < len(rs); i += 2 {
				t.chars[rs[i]] = rs[i+1]
				if section != "[markers]" {
					continue
				}
				if rs[i] < 0x10000 {
					t.markersBMP[rs[i]/64] |= 1 << (rs[i] % 64)
				} else {
					t.markersAstral[rs[i]] = true
				}
			}
		}
	}
	for _, ps := range t.phrases {
		slices.SortStableFunc(ps, func(a, b phrase) int { return len(b.traditional) - len(a.traditional) })
	}
	return t
}

// isTraditional reports whether lines are written in traditional characters.
func (t *hantTable) isTraditional(lines []Line) bool {
	han, markers := 0, 0
	for _, l := range lines {
		s := l.Text
		for i := 0; i < len(s); {
			if s[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if !isHan(r) {
				continue
			}
			han++
			if r < 0x10000 {
				if t.markersBMP[r/64]&(1<<(r%64)) != 0 {
					markers++
				}
			} else if t.markersAstral[r] {
				markers++
			}
		}
	}
	return markers >= traditionalMin && markers*100 >= han*traditionalPercent
}

// isHan reports whether r is a CJK ideograph: the unified blocks and their
// extensions, and the compatibility ideographs.
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x323AF
}

// simplify converts s to simplified characters: a word of the phrase list
// as a whole, the longest first, any other character on its own.
func (t *hantTable) simplify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if p, ok := t.matchPhrase(r, s[i:]); ok {
			b.WriteString(p.simplified)
			i += len(p.traditional)
			continue
		}
		if simp, ok := t.chars[r]; ok {
			b.WriteRune(simp)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func (t *hantTable) matchPhrase(first rune, s string) (phrase, bool) {
	for _, p := range t.phrases[first] {
		if strings.HasPrefix(s, p.traditional) {
			return p, true
		}
	}
	return phrase{}, false
}

// convertTraditional turns the text's lines into simplified characters when
// they are written in traditional ones, keeping each line's number, and
// says so in ConvertedFromTraditional.
func (t *Text) convertTraditional() {
	h := hant()
	if !h.isTraditional(t.Lines) {
		return
	}
	for i, l := range t.Lines {
		t.Lines[i].Text = h.simplify(l.Text)
	}
	t.ConvertedFromTraditional = true
}
