package loader

import (
	"fmt"
	"iter"
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
// A role word may be followed by 落实 (市发改委牵头落实); the longer word
// comes first so that it is the one matched.
var roleWords = []struct{ word, role string }{
	{"主办", roleLead}, {"牵头落实", roleLead}, {"牵头", roleLead}, {"负责落实", roleLead}, {"负责", roleLead},
	{"协办", roleCooperator}, {"配合落实", roleCooperator}, {"配合", roleCooperator}, {"参与", roleCooperator},
	{"协助", roleCooperator}, {"协同", roleCooperator},
}

// labelRe matches a label that precedes what it names: units
// (牵头单位：, 责任部门: , 协同责任单位：, 牵头：), a division of roles written
// with role words (部门分工：市发改委牵头，各部门配合), or persons (责任领导：,
// 分管省领导：, 分管副市长：, 责任人：). Group 1 is the label without its colon.
var labelRe = regexp.MustCompile(labelWords + `\s*[:：]`)

// labelWords are the labels of labelRe without their colon, in group 1.
var labelWords = `(牵头负责领导|(?:牵头|责任|分管|联系|包抓|包保|协管)?[省市区县]?领导|分管副?[省市区县]长|责任人|部门分工|责任主体|` +
	`(?:牵头责任|协同责任|主要责任|共同责任|主要协作|责任|牵头|主办|主责|承办|协办|配合|协助|协作|参与|协同|数据提供)(?:单位|部门)|牵头|主办|协办|配合|协助)`

// Some sites write a label line's label in brackets (【牵头单位】市发改委) or
// set it off with spaces (牵头单位  市发改委) instead of a colon.
var (
	labelLineRe    = regexp.MustCompile(`^` + labelWords + `\s*[:：]`) // labelRe at the start, failing fast elsewhere
	bracketLabelRe = regexp.MustCompile(`^[【\[［〔]\s*` + labelWords + `\s*[】\]］〕]\s*[:：]?\s*`)
	spacedLabelRe  = regexp.MustCompile(`^` + labelWords + `[ \t\x{3000}]+`)
)

// otherLabelRe matches a label that names no one (任务目标：, 完成时限：): it
// ends the list of the label before it when a line runs them together
// (责任单位:莲塘镇任务目标:…).
var otherLabelRe = regexp.MustCompile(`(?:任务目标|工作目标|目标任务|主要目标|完成时限|完成时间|时间节点|时间要求|工作措施|主要措施|具体措施|进度安排|任务来源|备注)\s*[:：]`)

// Label.Role values beyond the unit roles: a label naming persons, and one
// whose list carries its own role words.
const (
	roleLeader   = "leader"
	roleDivision = "division"
)

// labelRole is the role of a label as labelRe's group 1 spells it.
func labelRole(label string) string {
	switch {
	case strings.HasSuffix(label, "领导"), strings.HasSuffix(label, "长"), label == "责任人":
		return roleLeader
	case label == "部门分工":
		return roleDivision
	case strings.HasPrefix(label, "牵头"), strings.HasPrefix(label, "主办"), strings.HasPrefix(label, "主要责任"),
		strings.HasPrefix(label, "主责"), strings.HasPrefix(label, "承办"):
		return roleLead
	case strings.HasPrefix(label, "责任"), strings.HasPrefix(label, "共同责任"):
		return roleResponsible
	}
	return roleCooperator // 协办, 配合, 协助, 参与, 协同, 数据提供
}

// roleToken is a role word found after a list of units.
type roleToken struct {
	start, end int
	role       string
	charge     bool // the word is 负责: see parseBody
}

// roleTokensIn yields the role words of s outside brackets, in order. A role
// word counts only where a list can end — before a separator, another role
// word or the end — so 负责人 or 主办方 in task text are not roles, and
// 主办单位 is a label. An opener never closed does not hide what follows
// it. Most callers only ask whether there is one (hasRoleToken) or read
// them once: the words are yielded, not collected.
func roleTokensIn(s string) iter.Seq[roleToken] {
	return func(yield func(roleToken) bool) {
		after := 0 // the end of the last role word: the next starts after it
		for i, r := range topLevel(s) {
			if i < after || !mayStartRoleWord(r) {
				continue
			}
			if w, role := roleWordAt(s, i); w != "" {
				next := s[i+len(w):]
				if next == "" || startsWithSeparator(next) || startsWithRoleWord(next) {
					if !yield(roleToken{i, i + len(w), role, strings.HasPrefix(w, "负责")}) {
						return
					}
					after = i + len(w)
				}
			}
		}
	}
}

// roleTokens lists the role words of s (see roleTokensIn).
func roleTokens(s string) []roleToken {
	var toks []roleToken
	for t := range roleTokensIn(s) {
		toks = append(toks, t)
	}
	return toks
}

// hasRoleToken reports whether s holds a role word (see roleTokensIn).
func hasRoleToken(s string) bool {
	for range roleTokensIn(s) {
		return true
	}
	return false
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
// colon after one of labelEnds; looking for those first keeps the regexp
// off nearly every text.
func containsLabel(s string) bool {
	return hasColon(s) && mayEndLabel(s) && labelRe.MatchString(s)
}

// hasColon is strings.ContainsAny(s, ":："), which is slow for a full-width
// rune.
func hasColon(s string) bool {
	return strings.IndexByte(s, ':') >= 0 || strings.Contains(s, "：")
}

// labelEnds are how the labels of labelRe end.
var labelEnds = []string{"单位", "部门", "领导", "长", "人", "分工", "主体", "牵头", "主办", "协办", "配合", "协助"}

// mayEndLabel reports whether some colon of s follows one of labelEnds.
func mayEndLabel(s string) bool {
	for i := 0; i < len(s); {
		j, size := nextColon(s[i:])
		if j < 0 {
			return false
		}
		before := strings.TrimRight(s[:i+j], " \t\u3000")
		for _, e := range labelEnds {
			if strings.HasSuffix(before, e) {
				return true
			}
		}
		i += j + size
	}
	return false
}

// nextColon returns the offset and size of the first colon of s, half- or
// full-width, or -1.
func nextColon(s string) (int, int) {
	half, full := strings.IndexByte(s, ':'), strings.Index(s, "：")
	switch {
	case full >= 0 && (half < 0 || full < half):
		return full, len("：")
	case half >= 0:
		return half, 1
	}
	return -1, 0
}

// parseBody reads the inside of a responsibility clause, in either form:
// units before role words (市发改委主办,市财政局协办) or labels before units
// (牵头单位：市发改委；配合单位：市财政局). It fails when no role names a unit.
//
// 负责 after units that lead (省发展改革委牵头，省财政厅等按职责分工负责)
// makes those units share the work, so they cooperate; without a lead
// before it, 负责 names the leads.
func parseBody(body string) (Clause, bool) {
	if containsLabel(body) {
		return labelBody(body)
	}
	if i := clauseNote(body); i >= 0 {
		body = body[:i]
	}
	var c Clause
	led := false
	prev := 0
	for t := range roleTokensIn(body) {
		names := SplitUnits(body[prev:t.start])
		role := t.role
		if persons, units := splitOffices(names); len(persons) > 0 {
			c.Leaders = appendNew(c.Leaders, persons...)
			names = units
		}
		switch {
		case t.charge && led:
			role = roleCooperator
		case role == roleLead && !t.charge && len(names) > 0:
			led = true
		}
		c.add(role, names)
		prev = t.end
	}
	if len(c.Leads)+len(c.Cooperators) == 0 {
		return Clause{}, false
	}
	c.Unranked = !led && len(c.Leads) > 1
	var units, other []string
	for _, n := range SplitUnits(body[prev:]) {
		if looksLikeUnit(n) {
			units = append(units, n)
		} else {
			other = append(other, n)
		}
	}
	if len(units) > 0 {
		c.Cooperators = appendNew(c.Cooperators, units...)
		c.Problems = append(c.Problems, fmt.Sprintf("units without a role word read as cooperators: %s", strings.Join(units, "、")))
	}
	if len(other) > 0 { // a deadline or a remark after the roles: 市发改委牵头，年底前完成
		c.Problems = append(c.Problems, fmt.Sprintf("text after the roles ignored: %s", strings.Join(other, "，")))
	}
	return c, true
}

// clauseNote returns where a note inside a clause begins — a sentence
// after the units and their roles (省科技厅牵头。列第一位的为牵头部门，下同)
// — or -1. The note is read for conventions, not for units.
func clauseNote(body string) int {
	if !strings.Contains(body, "。") {
		return -1 // nearly every clause: no scan
	}
	for i, r := range topLevel(body) {
		if r == '。' {
			if hasRoleToken(body[:i]) {
				return i
			}
			return -1
		}
	}
	return -1
}

// officeEndings end the title of a person's office (分管副省长,
// 协管副秘书长): persons answering for a task, never units.
var officeEndings = []string{"省长", "市长", "区长", "县长", "州长", "秘书长", "书记", "主任"}

// splitOffices separates persons named by office from units.
func splitOffices(names []string) (persons, units []string) {
	office := false
	for _, n := range names {
		office = office || isOffice(n)
	}
	if !office {
		return nil, names // nearly every list: nothing to copy
	}
	for _, n := range names {
		if isOffice(n) {
			persons = append(persons, n)
		} else {
			units = append(units, n)
		}
	}
	return persons, units
}

func isOffice(name string) bool {
	// 长 记 任 end in E9 95 BF, E8 AE B0, E4 BB BB: the lead byte turns
	// nearly every name away without decoding it.
	if n := len(name); n < 3 || name[n-3] != 0xE9 && name[n-3] != 0xE8 && name[n-3] != 0xE4 {
		return false
	}
	for _, e := range officeEndings {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

func labelBody(body string) (Clause, bool) {
	c := clauseFromLabels(parseLabels(body))
	if len(c.Leads)+len(c.Cooperators) == 0 {
		return Clause{}, false
	}
	if i := labelRe.FindStringIndex(body); strings.TrimFunc(body[:i[0]], isSeparatorRune) != "" {
		c.Problems = append(c.Problems, fmt.Sprintf("text before the first label ignored: %q", strings.TrimSpace(body[:i[0]])))
	}
	return c, true
}

// clauseFromLabels merges the labels of one task; a unit that leads does
// not also cooperate. Where a label names the
// leads (牵头单位), the units of a 责任单位 label are the ones that take part
// (协同), so they cooperate; without one they share the lead, and the
// clause is Unranked. A lead mark in a 责任单位 list (市发改委（牵头）)
// ranks the units itself.
func clauseFromLabels(labels []Label) Clause {
	var c Clause
	led, responsible := false, false
	for _, l := range labels {
		led = led || l.Role == roleLead && len(l.Names) > 0
	}
	for _, l := range labels {
		role := l.Role
		if role == roleResponsible && len(l.Names) > 0 {
			switch {
			case anyLeadMark(l.Names):
			case led:
				role = roleCooperator
			default:
				responsible = true
			}
		}
		c.add(role, l.Names)
	}
	c.Unranked = responsible && len(c.Leads) > 1
	c.Cooperators = slices.DeleteFunc(c.Cooperators, func(n string) bool { return slices.Contains(c.Leads, n) })
	return c
}

// parseLabels reads every label of s; each label's list runs to the next.
// A 部门分工 label's list is read with its role words, and gives a label
// per role.
func parseLabels(s string) []Label {
	idx := labelRe.FindAllStringSubmatchIndex(s, -1)
	labels := make([]Label, 0, len(idx))
	for k, m := range idx {
		end := len(s)
		if k+1 < len(idx) {
			end = idx[k+1][0]
		}
		list := s[m[1]:end]
		if hasColon(list) {
			if o := otherLabelRe.FindStringIndex(list); o != nil {
				list = list[:o[0]]
			}
		}
		switch role := labelRole(s[m[2]:m[3]]); role {
		case roleLeader:
			labels = append(labels, Label{Role: role, Names: splitPersons(list)})
		case roleDivision:
			labels = append(labels, divisionLabels(list)...)
		default:
			list = trimNote(list)
			if hasRoleToken(list) { // 责任单位：市发改委牵头，市财政局配合
				labels = append(labels, divisionLabels(list)...)
				break
			}
			labels = append(labels, Label{Role: role, Names: SplitUnits(list)})
		}
	}
	return labels
}

// labelValue reads a line as the list of a label of role whose line holds
// none: persons for a leader's label, units with role words
// (市发改委牵头，市财政局配合), or units alone, each looking like one.
func labelValue(role, line string) ([]Label, bool) {
	switch {
	case role == roleLeader:
		names := splitPersons(line)
		ok := len(names) > 0 && len(names) <= maxLeaders
		for _, n := range names {
			ok = ok && utf8.RuneCountInString(n) <= maxPersonRunes
		}
		return []Label{{Role: role, Names: names}}, ok
	case hasRoleToken(line):
		return divisionLabels(line), true
	}
	names := SplitUnits(line)
	return []Label{{Role: role, Names: names}}, len(names) > 0 && allLookLikeUnits(names)
}

// maxLeaders and maxPersonRunes bound the persons a task names and their
// names (欧阳明, 分管副省长); a line beyond them is text, not names.
const (
	maxLeaders     = 4
	maxPersonRunes = 8
)

// divisionLabels reads a label's list written with role words
// (省发展改革委牵头，各地、各部门配合) into a label per role; without role
// words its units are responsible.
func divisionLabels(list string) []Label {
	c, ok := parseBody(list)
	if !ok {
		return []Label{{Role: roleResponsible, Names: SplitUnits(list)}}
	}
	var labels []Label
	if len(c.Leads) > 0 {
		labels = append(labels, Label{Role: roleLead, Names: c.Leads})
	}
	if len(c.Cooperators) > 0 {
		labels = append(labels, Label{Role: roleCooperator, Names: c.Cooperators})
	}
	if len(c.Leaders) > 0 {
		labels = append(labels, Label{Role: roleLeader, Names: c.Leaders})
	}
	return labels
}

// trimNote drops the notes in brackets a label's list holds, at its end
// (…市商务局（除标注牵头的外，列第一位的为牵头单位，下同）) or after a unit
// (县发改局(首位单位为牵头单位,下同)、县财政局): a note holds a comma, the
// brackets of a unit's name (市委组织部(人才办、人才中心)) do not.
func trimNote(list string) string {
	if !strings.ContainsAny(list, ",，") {
		return list // nearly every list: no note to look for
	}
	var b strings.Builder
	depth, open := 0, -1
	for i, r := range list {
		switch {
		case openerClass(r) != 0:
			if depth == 0 {
				open = i
			}
			depth++
		case closerClass(r) != 0 && depth > 0:
			if depth--; depth == 0 {
				group := list[open : i+utf8.RuneLen(r)]
				if !strings.ContainsAny(group, ",，") {
					b.WriteString(group)
				}
				open = -1
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if open >= 0 {
		b.WriteString(list[open:]) // a bracket never closed stays
	}
	return strings.TrimSpace(b.String())
}

// splitPersons splits a list of persons' names: 张三、李四, 张三 李四.
// Titles after a name (同志) are dropped.
func splitPersons(list string) []string {
	var names []string
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return isSeparatorRune(r) || r == '：' || r == ':' }) {
		if f = strings.TrimSuffix(f, "同志"); f != "" {
			names = append(names, f)
		}
	}
	return names
}

// leadMarkRe matches the mark some plans put after the leading unit of a
// 责任单位 list: 责任单位：市发改委（牵头）、市财政局.
var leadMarkRe = regexp.MustCompile(`[(（](牵头|主办|牵头单位)[)）]$`)

// starLeadMarks are the marks other plans put before it: ★市发改委、市财政局.
const starLeadMarks = "★☆*＊"

// markedLead returns a unit name without its lead mark, and whether it
// carries one. The regexp runs only on names that end in a closing
// bracket: nearly none do, and it is costly.
func markedLead(name string) (string, bool) {
	// ★ ☆ ＊ start with E2 or EF: other names need no trim.
	if c := name[0]; c == '*' || c == 0xE2 || c == 0xEF {
		if rest := strings.TrimLeft(name, starLeadMarks); rest != name && rest != "" {
			return strings.TrimSpace(rest), true
		}
	}
	if !strings.HasSuffix(name, ")") && !strings.HasSuffix(name, "）") {
		return name, false
	}
	if m := leadMarkRe.FindStringIndex(name); m != nil && m[0] > 0 {
		return name[:m[0]], true
	}
	return name, false
}

// add appends names to the role's list, once each: a clause that names a
// unit twice in one role means it once. In a 责任单位 list whose units carry
// a lead mark (市发改委（牵头）, ★市发改委), the marked units lead and the
// others cooperate; without marks
// every responsible unit leads. Persons go to Leaders.
func (c *Clause) add(role string, names []string) {
	if role == roleLeader {
		c.Leaders = appendNew(c.Leaders, names...)
		return
	}
	if !anyLeadMark(names) { // most lists: no marks to sort the names by
		if role == roleCooperator {
			c.Cooperators = appendNew(c.Cooperators, names...)
		} else {
			c.Leads = appendNew(c.Leads, names...)
		}
		return
	}
	var marked, plain []string
	for _, n := range names {
		if unit, ok := markedLead(n); ok {
			marked = append(marked, unit)
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

func anyLeadMark(names []string) bool {
	for _, n := range names {
		if _, ok := markedLead(n); ok {
			return true
		}
	}
	return false
}

func appendNew(list []string, names ...string) []string {
	list = slices.Grow(list, len(names)) // once, not at each doubling
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}
