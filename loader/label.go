package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Label is a label naming responsible units, on a line of its own after a
// task (牵头单位：市发改委) or inside a clause.
type Label struct {
	Role  string // "lead" | "cooperator" | "responsible" | "leader"
	Names []string
}

// ParseLabel reads a label line: 责任单位 (responsible); 牵头单位, 主办单位,
// 牵头责任单位 or 主要责任单位 (lead); 配合单位, 协办单位, 参与单位 or
// 协同责任单位 (cooperator) — or …部门 — then a full- or half-width colon
// and the units. 责任领导, 牵头领导, 分管领导, 分管省领导, 市领导 and the
// like name persons (leader); 部门分工 is followed by units with role words
// (省发展改革委牵头，各地、各部门配合) and gives a label per role. Spaces and
// brackets around the line are ignored, and the label may be bracketed
// instead of followed by a colon (【牵头单位】市发改委), or followed by spaces
// when units follow (牵头单位  市发改委). A line holding several labels
// (牵头单位：市发改委；配合单位：市财政局) gives its first; ParseLabels gives
// them all.
func ParseLabel(line string) (Label, bool) {
	labels, ok := ParseLabels(line)
	if !ok {
		return Label{}, false
	}
	return labels[0], true
}

// ParseLabels reads every label of a label line; ok is false when the line
// does not start with a label.
func ParseLabels(line string) ([]Label, bool) {
	s := unwrap(strings.TrimSpace(line))
	if labelLineRe.MatchString(s) {
		return parseLabels(s), true
	}
	if m := bracketLabelRe.FindStringSubmatchIndex(s); m != nil {
		return parseLabels(s[m[2]:m[3]] + "：" + s[m[1]:]), true
	}
	if m := spacedLabelRe.FindStringSubmatchIndex(s); m != nil {
		// Without a colon or brackets, what follows must read as names.
		labels := parseLabels(s[m[2]:m[3]] + "：" + s[m[1]:])
		for _, l := range labels {
			if len(l.Names) == 0 || l.Role != roleLeader && !allLookLikeUnits(l.Names) {
				return nil, false
			}
		}
		return labels, true
	}
	return nil, false
}

// unwrap strips one pair of brackets around the whole of s.
func unwrap(s string) string {
	first, fsize := utf8.DecodeRuneInString(s)
	last, lsize := utf8.DecodeLastRuneInString(s)
	if len(s) > fsize+lsize && openerClass(first) != 0 && openerClass(first) == closerClass(last) {
		return strings.TrimFunc(s[fsize:len(s)-lsize], unicode.IsSpace)
	}
	return s
}

// MergeLabels turns the label lines of one task into its clause (see
// clauseFromLabels for how 责任单位 is read). Start is 0 because the labels
// are not part of the task's text, and Bracketed is true because labels
// delimit the clause as surely as brackets do.
func MergeLabels(labels []Label) Clause {
	c := clauseFromLabels(labels)
	c.Bracketed = true
	return c
}
