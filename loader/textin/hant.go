package textin

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Legal databases and Taiwanese or Hong Kong sites often republish mainland
// plans in traditional characters (牽頭單位, 發展和改革委員會), which the
// parser, reading simplified text, would not recognise. Decode converts such
// a document to simplified characters, line by line.

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
	traditionalPercent = 3    // markers per hundred Han characters read
	traditionalMin     = 5    // markers, so that a short note with one 臺 stays as written
	readAll            = 1024 // Han characters read one by one: a short document's all
	sampleStride       = 24   // bytes from one character read to the next after those: one in eight
)

// convertTraditional turns the text's lines into simplified characters when
// they are written in traditional ones, keeping each line's number, and
// says so in ConvertedFromTraditional.
func (t *Text) convertTraditional() {
	if !isTraditional(t.Lines) {
		return
	}
	c := hantConverter()
	for i, l := range t.Lines {
		t.Lines[i].Text = c.simplify(l.Text)
	}
	t.ConvertedFromTraditional = true
}

// markerSet holds one bit per character up to U+9FFF: the check looks up
// every Han character it reads, so a look-up must not cost a map's.
type markerSet [0xA000 / 64]uint64

// hantMarkers is read from the table's [markers] section on the first
// Decode; the conversion's maps are built only when a document needs them.
var hantMarkers = sync.OnceValue(func() *markerSet {
	var m markerSet
	for _, pairs := range hantSection("[markers]") {
		rs := []rune(pairs)
		for i := 0; i < len(rs); i += 2 {
			if rs[i] < 0xA000 {
				m[rs[i]/64] |= 1 << (rs[i] % 64)
			}
		}
	}
	return &m
})

// isTraditional reports whether lines are written in traditional characters.
// It reads a document's first readAll Han characters and after them one
// every sampleStride bytes: a document's script shows all through it, and
// reading every character would add a pass over every document to the
// parse for no better answer.
//
// It reads UTF-8 bytes directly and counts only the characters of the
// unified blocks U+3400–U+9FFF, all three-byte sequences led by 0xE3–0xE9;
// the rare characters of other blocks would not change a document's share.
// The lines are valid UTF-8 (decodeBytes makes them so), and no
// continuation byte lies in 0xE3–0xE9, so such a byte always starts a
// character, wherever a stride lands.
func isTraditional(lines []Line) bool {
	m := hantMarkers()
	han, markers := 0, 0
	for _, l := range lines {
		s := l.Text
		for i := 0; i+2 < len(s); i++ {
			if s[i] < 0xE3 || s[i] > 0xE9 {
				continue
			}
			r := rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r < 0x3400 { // CJK punctuation, kana, enclosed forms
				i += 2
				continue
			}
			han++
			markers += int(m[r/64] >> (r % 64) & 1)
			if han < readAll {
				i += 2
			} else {
				i += sampleStride - 1
			}
		}
	}
	return markers >= traditionalMin && markers*100 >= han*traditionalPercent
}

// converter maps traditional text to simplified.
type converter struct {
	chars map[rune]rune
	// phrases lists, by first character, the words converted as a whole,
	// longest first so that the longest match wins, as in OpenCC.
	phrases map[rune][]phrase
}

type phrase struct{ traditional, simplified string }

var hantConverter = sync.OnceValue(func() *converter {
	c := &converter{chars: map[rune]rune{}, phrases: map[rune][]phrase{}}
	for _, section := range []string{"[markers]", "[shared]"} {
		for _, pairs := range hantSection(section) {
			rs := []rune(pairs)
			if len(rs)%2 != 0 {
				panic("textin: hant.txt: odd number of characters in " + section)
			}
			for i := 0; i < len(rs); i += 2 {
				c.chars[rs[i]] = rs[i+1]
			}
		}
	}
	for _, line := range hantSection("[phrases]") {
		trad, simp, ok := strings.Cut(line, " ")
		if !ok {
			panic("textin: hant.txt: phrase without a simplified form: " + line)
		}
		first, _ := utf8.DecodeRuneInString(trad)
		c.phrases[first] = append(c.phrases[first], phrase{trad, simp})
	}
	for _, ps := range c.phrases {
		slices.SortStableFunc(ps, func(a, b phrase) int { return len(b.traditional) - len(a.traditional) })
	}
	return c
})

// hantSection returns the lines of one section of hant.txt.
func hantSection(name string) []string {
	var lines []string
	in := false
	for line := range strings.Lines(hantData) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			in = line == name
		case in:
			lines = append(lines, line)
		}
	}
	return lines
}

// simplify converts s to simplified characters: a word of the phrase list
// as a whole, the longest first, any other character on its own. It drops
// the pinyin some mirror sites gloss characters with (開發(fā)區(qū)), which
// would otherwise split unit names (开发(fā)区).
func (c *converter) simplify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	han := false // the last character written is a Han character
	for i := 0; i < len(s); {
		if n := pinyinGloss(s[i:]); han && n > 0 {
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		han = r >= 0x3400 && r <= 0x9FFF || r >= 0x20000
		if p, ok := c.matchPhrase(r, s[i:]); ok {
			b.WriteString(p.simplified)
			i += len(p.traditional)
			continue
		}
		if simp, ok := c.chars[r]; ok {
			b.WriteRune(simp)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// pinyinGloss returns the length of the pinyin syllable in brackets that s
// starts with ("(qū)"), or 0. A syllable carries a tone mark, which tells
// it from a bracketed letter or abbreviation.
func pinyinGloss(s string) int {
	if !strings.HasPrefix(s, "(") {
		return 0
	}
	toned := false
	for i, r := range s[1:] {
		switch {
		case r == ')':
			if toned && i > 0 {
				return i + 2
			}
			return 0
		case strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", r):
			toned = true
		case r == 'ü' || r >= 'a' && r <= 'z':
		default:
			return 0
		}
		if i > 12 {
			return 0
		}
	}
	return 0
}

func (c *converter) matchPhrase(first rune, s string) (phrase, bool) {
	for _, p := range c.phrases[first] {
		if strings.HasPrefix(s, p.traditional) {
			return p, true
		}
	}
	return phrase{}, false
}
