package loader

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Roles as Label.Role spells them.
const (
	roleLead        = "lead"
	roleCooperator  = "cooperator"
	roleResponsible = "responsible" // 责任单位: every unit answers for the task, read as leads
)

// roleWords follow the units they apply to (市发改委主办). 负责 names the
// unit in charge, 参与 a participant.
var roleWords = []struct{ word, role string }{
	{"主办", roleLead}, {"牵头", roleLead}, {"负责", roleLead},
	{"协办", roleCooperator}, {"配合", roleCooperator}, {"参与", roleCooperator},
}

// labelRe matches a label that precedes the units it applies to
// (牵头单位：, 责任部门: ).
var labelRe = regexp.MustCompile(`(责任|牵头|主办|协办|配合|参与)(单位|部门)\s*[:：]`)

var labelRoles = map[string]string{
	"责任": roleResponsible,
	"牵头": roleLead, "主办": roleLead,
	"协办": roleCooperator, "配合": roleCooperator, "参与": roleCooperator,
}

// roleToken is a role word found after a list of units.
type roleToken struct {
	start, end int
	role       string
}

// roleTokens finds the role words of s outside brackets. A role word counts
// only where a list can end — before a separator, another role word or the
// end — so 负责人 or 主办方 in task text are not roles, and 主办单位 is a label.
// An opener never closed does not hide what follows it.
func roleTokens(s string) []roleToken {
	var toks []roleToken
	after := 0 // the end of the last role word: the next starts after it
	for i, r := range topLevel(s) {
		if i < after || !mayStartRoleWord(r) {
			continue
		}
		if w, role := roleWordAt(s, i); w != "" {
			next := s[i+len(w):]
			if next == "" || startsWithSeparator(next) || startsWithRoleWord(next) {
				toks = append(toks, roleToken{i, i + len(w), role})
				after = i + len(w)
			}
		}
	}
	return toks
}

// mayStartRoleWord is a cheap test before roleWordAt, which roleTokens
// would otherwise run at every rune of every clause.
func mayStartRoleWord(r rune) bool {
	switch r {
	case '主', '牵', '负', '协', '配', '参':
		return true
	}
	return false
}

func roleWordAt(s string, i int) (string, string) {
	for _, rw := range roleWords {
		if strings.HasPrefix(s[i:], rw.word) {
			return rw.word, rw.role
		}
	}
	return "", ""
}

func startsWithRoleWord(s string) bool {
	w, _ := roleWordAt(s, 0)
	return w != ""
}

func startsWithSeparator(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isSeparatorRune(r) || closerClass(r) != 0
}

// containsLabel reports whether s holds a label. Every label ends in a
// colon; looking for one first keeps the regexp off nearly every line.
func containsLabel(s string) bool {
	return strings.ContainsAny(s, ":：") && labelRe.MatchString(s)
}

// parseBody reads the inside of a responsibility clause, in either form:
// units before role words (市发改委主办,市财政局协办) or labels before units
// (牵头单位：市发改委；配合单位：市财政局). It fails when no role names a unit.
func parseBody(body string) (Clause, bool) {
	if containsLabel(body) {
		return labelBody(body)
	}
	toks := roleTokens(body)
	var c Clause
	named := false
	prev := 0
	for _, t := range toks {
		names := SplitUnits(body[prev:t.start])
		named = named || len(names) > 0
		c.add(t.role, names)
		prev = t.end
	}
	if !named {
		return Clause{}, false
	}
	if rest := SplitUnits(body[prev:]); len(rest) > 0 {
		c.Cooperators = appendNew(c.Cooperators, rest...)
		c.Problems = append(c.Problems, fmt.Sprintf("units without a role word read as cooperators: %s", strings.Join(rest, "、")))
	}
	return c, true
}

func labelBody(body string) (Clause, bool) {
	labels := parseLabels(body)
	var c Clause
	for _, l := range labels {
		c.add(l.Role, l.Names)
	}
	if len(c.Leads)+len(c.Cooperators) == 0 {
		return Clause{}, false
	}
	if i := labelRe.FindStringIndex(body); strings.TrimFunc(body[:i[0]], isSeparatorRune) != "" {
		c.Problems = append(c.Problems, fmt.Sprintf("text before the first label ignored: %q", strings.TrimSpace(body[:i[0]])))
	}
	return c, true
}

// parseLabels reads every label of s; each label's list runs to the next.
func parseLabels(s string) []Label {
	idx := labelRe.FindAllStringSubmatchIndex(s, -1)
	labels := make([]Label, 0, len(idx))
	for k, m := range idx {
		end := len(s)
		if k+1 < len(idx) {
			end = idx[k+1][0]
		}
		labels = append(labels, Label{Role: labelRoles[s[m[2]:m[3]]], Names: SplitUnits(s[m[1]:end])})
	}
	return labels
}

// leadMarkRe matches the mark some plans put after the leading unit of a
// 责任单位 list: 责任单位：市发改委（牵头）、市财政局.
var leadMarkRe = regexp.MustCompile(`[(（](牵头|主办|牵头单位)[)）]$`)

// leadMark is leadMarkRe.FindStringIndex, run only on names that end in a
// closing bracket: nearly none do, and the regexp is costly.
func leadMark(name string) []int {
	if !strings.HasSuffix(name, ")") && !strings.HasSuffix(name, "）") {
		return nil
	}
	return leadMarkRe.FindStringIndex(name)
}

// add appends names to the role's list, once each: a clause that names a
// unit twice in one role means it once. In a 责任单位 list whose units carry
// a lead mark, the marked units lead and the others cooperate; without marks
// every responsible unit leads.
func (c *Clause) add(role string, names []string) {
	var marked, plain []string
	for _, n := range names {
		if m := leadMark(n); m != nil && m[0] > 0 {
			marked = append(marked, n[:m[0]])
		} else {
			plain = append(plain, n)
		}
	}
	switch {
	case role == roleCooperator:
		c.Cooperators = appendNew(c.Cooperators, append(marked, plain...)...)
	case role == roleResponsible && len(marked) > 0:
		c.Leads = appendNew(c.Leads, marked...)
		c.Cooperators = appendNew(c.Cooperators, plain...)
	default:
		c.Leads = appendNew(c.Leads, append(marked, plain...)...)
	}
}

func appendNew(list []string, names ...string) []string {
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}
