package attach

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// Word keeps a numbered list's numbers out of the text: a paragraph says
// only which list (w:numId) and level (w:ilvl) it belongs to, and Word counts.
// Plans number their tasks that way, so the loader would see no task
// numbers unless the counting is redone here, the way Word shows it.

// numLevel is how one level of a list is numbered.
type numLevel struct {
	start  int
	format string // w:numFmt: decimal, chineseCounting, …
	text   string // w:lvlText, e.g. "%1." or "（%1）"
	legal  bool   // w:isLgl: every level shown in decimal
	style  string // w:pStyle: the paragraph style this level numbers
}

const numLevels = 9

// numbering is a document's list definitions and the counters of its
// lists while the document is read.
type numbering struct {
	abstract map[string]*[numLevels]*numLevel // by w:abstractNumId
	nums     map[string]numInstance           // by w:numId
	counts   map[string]*[numLevels]int       // by abstract id: 0 is not yet counted
	used     map[string]bool                  // numIds whose restarts were applied
	// A multilevel list Word links to a list style defines no levels of its
	// own (w:numStyleLink): the style names the list that does.
	styleLinks map[string]string         // abstract id → numbering style
	styleList  func(style string) string // numbering style → its w:numId
}

// numInstance is a w:num: a list using an abstract definition, perhaps
// restarting or redefining some levels.
type numInstance struct {
	abstract  string
	restart   map[int]int       // level → w:startOverride
	overrides map[int]*numLevel // level → w:lvl inside w:lvlOverride
}

func newNumbering() *numbering {
	return &numbering{abstract: map[string]*[numLevels]*numLevel{}, nums: map[string]numInstance{}, counts: map[string]*[numLevels]int{}, used: map[string]bool{},
		styleLinks: map[string]string{}, styleList: func(string) string { return "" }}
}

// readNumbering reads word/numbering.xml; data may be nil.
func readNumbering(data []byte) *numbering {
	n := newNumbering()
	d := xml.NewDecoder(bytes.NewReader(data))
	var levels *[numLevels]*numLevel // the abstractNum being read
	var abstractID string
	var lvl *numLevel
	var inst *numInstance
	var instID string
	overrideLevel := -1
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				levels, abstractID = &[numLevels]*numLevel{}, attr(t, "abstractNumId")
				n.abstract[abstractID] = levels
			case "numStyleLink":
				if levels != nil {
					n.styleLinks[abstractID] = attr(t, "val")
				}
			case "lvl":
				lvl = &numLevel{start: 1, format: "decimal"}
				i, err := strconv.Atoi(attr(t, "ilvl"))
				if err != nil || i < 0 || i >= numLevels {
					lvl = nil
					break
				}
				switch {
				case inst != nil && overrideLevel >= 0:
					inst.overrides[overrideLevel] = lvl
				case levels != nil:
					levels[i] = lvl
				}
			case "start":
				if lvl != nil {
					lvl.start = atoiOr(attr(t, "val"), 1)
				}
			case "numFmt":
				if lvl != nil {
					lvl.format = attr(t, "val")
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = attr(t, "val")
				}
			case "isLgl":
				if lvl != nil {
					lvl.legal = attr(t, "val") != "0" && attr(t, "val") != "false"
				}
			case "pStyle":
				if lvl != nil {
					lvl.style = attr(t, "val")
				}
			case "num":
				instID = attr(t, "numId")
				inst = &numInstance{restart: map[int]int{}, overrides: map[int]*numLevel{}}
			case "abstractNumId":
				if inst != nil {
					inst.abstract = attr(t, "val")
				}
			case "lvlOverride":
				overrideLevel = atoiOr(attr(t, "ilvl"), -1)
				if overrideLevel >= numLevels {
					overrideLevel = -1
				}
			case "startOverride":
				if inst != nil && overrideLevel >= 0 {
					inst.restart[overrideLevel] = atoiOr(attr(t, "val"), 1)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				levels = nil
			case "lvl":
				lvl = nil
			case "lvlOverride":
				overrideLevel = -1
			case "num":
				if inst != nil {
					n.nums[instID] = *inst
				}
				inst = nil
			}
		}
	}
	return n
}

// levelFor is the level a paragraph of style numbers in list numID when the
// paragraph does not say (a heading style linked to a list level), else -1.
func (n *numbering) levelFor(numID, style string) int {
	inst, ok := n.nums[numID]
	if !ok || style == "" {
		return -1
	}
	if levels := n.abstract[n.definition(inst.abstract)]; levels != nil {
		for i, l := range levels {
			if l != nil && l.style == style {
				return i
			}
		}
	}
	return -1
}

// definition follows an abstract list linked to a list style to the
// abstract list that defines its levels.
func (n *numbering) definition(abstract string) string {
	for range maxNesting {
		style, ok := n.styleLinks[abstract]
		if !ok {
			break
		}
		inst, ok := n.nums[n.styleList(style)]
		if !ok || inst.abstract == abstract {
			break
		}
		abstract = inst.abstract
	}
	return abstract
}

// next counts a paragraph of list numID at level ilvl and returns the
// number Word shows before it ("" for bullets and unknown lists).
func (n *numbering) next(numID string, ilvl int) string {
	inst, ok := n.nums[numID]
	if !ok || ilvl < 0 || ilvl >= numLevels {
		return ""
	}
	abstract := n.definition(inst.abstract)
	levels := n.abstract[abstract]
	if levels == nil {
		return ""
	}
	level := func(i int) *numLevel {
		if l := inst.overrides[i]; l != nil {
			return l
		}
		return levels[i]
	}
	counts := n.counts[abstract]
	if counts == nil {
		counts = &[numLevels]int{}
		n.counts[abstract] = counts
	}
	if !n.used[numID] {
		// A list instance that restarts numbering does so where it begins.
		n.used[numID] = true
		for i, start := range inst.restart {
			counts[i] = start // as if start-1 had been counted
		}
	}
	l := level(ilvl)
	if l == nil {
		return ""
	}
	if counts[ilvl] == 0 {
		counts[ilvl] = max(l.start, 0) + 1
	} else {
		counts[ilvl]++
	}
	for i := ilvl + 1; i < numLevels; i++ {
		counts[i] = 0
	}
	if l.format == "bullet" {
		return ""
	}
	var b strings.Builder
	text := l.text
	for i := 0; i < len(text); i++ {
		if text[i] != '%' || i+1 >= len(text) || text[i+1] < '1' || text[i+1] > '9' {
			b.WriteByte(text[i])
			continue
		}
		k := int(text[i+1] - '1')
		i++
		lk := level(k)
		if lk == nil {
			continue
		}
		v := counts[k] - 1 // counts hold the number plus one, so 0 means none yet
		if counts[k] == 0 {
			v = lk.start
		}
		format := lk.format
		if l.legal {
			format = "decimal"
		}
		b.WriteString(formatNumber(v, format))
	}
	return b.String()
}

// formatNumber writes v as Word's numFmt does.
func formatNumber(v int, format string) string {
	switch format {
	case "none":
		return ""
	case "decimalZero":
		if v < 10 && v >= 0 {
			return "0" + strconv.Itoa(v)
		}
	case "upperRoman":
		return strings.ToUpper(roman(v))
	case "lowerRoman":
		return roman(v)
	case "upperLetter":
		return letters(v, 'A')
	case "lowerLetter":
		return letters(v, 'a')
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographDigital":
		if v == 0 {
			return "〇"
		}
		return chinese(v, "零一二三四五六七八九", "十百千")
	case "chineseLegalSimplified":
		return chinese(v, "零壹贰叁肆伍陆柒捌玖", "拾佰仟")
	case "ideographTraditional":
		return cycle(v, "甲乙丙丁戊己庚辛壬癸")
	case "ideographZodiac":
		return cycle(v, "子丑寅卯辰巳午未申酉戌亥")
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if v >= 1 && v <= 20 {
			return string(rune('①' + v - 1))
		}
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
	var b strings.Builder
	for _, p := range []struct {
		n int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for v >= p.n {
			b.WriteString(p.s)
			v -= p.n
		}
	}
	return b.String()
}

// letters writes 1 as a, 26 as z, 27 as aa: Word repeats the letter.
func letters(v int, first rune) string {
	if v <= 0 {
		return strconv.Itoa(v)
	}
	return strings.Repeat(string(first+rune((v-1)%26)), (v-1)/26+1)
}

func cycle(v int, symbols string) string {
	r := []rune(symbols)
	if v <= 0 {
		return strconv.Itoa(v)
	}
	return string(r[(v-1)%len(r)])
}

// chinese writes v below 10000 in Chinese numerals, as Word does: 十, 十一,
// 二十, 一百零五.
func chinese(v int, digits, units string) string {
	d, u := []rune(digits), []rune(units)
	if v < 0 || v >= 10000 {
		return strconv.Itoa(v)
	}
	if v < 10 {
		return string(d[v])
	}
	var b []rune
	pendingZero := false
	for i, p := 3, 1000; i >= 0; i, p = i-1, p/10 {
		q := v / p % 10
		switch {
		case q == 0:
			pendingZero = len(b) > 0
		default:
			if pendingZero {
				b = append(b, d[0])
				pendingZero = false
			}
			if !(q == 1 && i == 1 && len(b) == 0) { // 十一, not 一十一
				b = append(b, d[q])
			}
			if i > 0 {
				b = append(b, u[i-1])
			}
		}
	}
	return string(b)
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func atoiOr(s string, def int) int {
	if v, err := strconv.Atoi(s); err == nil {
		return v
	}
	return def
}
