package loader

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clause is a task's responsibility clause: the units that lead it (主办,
// 牵头, 负责, 责任单位) and those that cooperate on it (协办, 配合, 参与).
type Clause struct {
	Leads, Cooperators []string // unit names as written, trimmed, in clause order
	// Leaders are persons the clause names (责任领导：张三): never units.
	Leaders []string
	// Start is the byte offset in the text where the clause begins, its
	// opening bracket included: the task body is strings.TrimSpace(text[:Start]).
	Start int
	// Bracketed is false when the clause was read from unbracketed text on a
	// best-effort basis.
	Bracketed bool
	// Unranked is true when several units share the lead only because the
	// clause names who is responsible (责任单位：…, …负责) without saying
	// who leads: a document's convention may rank them (列第一位的为牵头单位).
	Unranked bool
	// Problems says what was read on a best-effort basis (a missing bracket,
	// units without a role); the caller turns them into warnings with a line.
	Problems []string
}

// FindClause finds the responsibility clause of a task: the last bracket
// group — () （） [] ［］ 【】 or 〔〕, the last used when a unit name holds
// brackets — that names roles, either by role words after the units
// (市发改委主办,市财政局协办; 牵头/配合; 负责) or by labels before them
// (牵头单位：…；配合单位：…). Brackets earlier in the text are part of the
// task (江苏(南京)涉外法律服务中心).
//
// Broken text is read on a best-effort basis, with a Problem saying how: a
// clause whose closing or opening bracket is missing, one without brackets
// after the task's last sentence (…。市发改委主办，市财政局协办), and a
// bracket opened inside the clause and never closed.
func FindClause(text string) (Clause, bool) {
	c, ok, _ := findClause(text)
	return c, ok
}

// findClause is FindClause, also counting the text's bracket groups: a text
// with two or more may hold several tasks (see splitAtClauses).
func findClause(text string) (c Clause, ok bool, groups int) {
	end := contentEnd(text)
	s := text[:end]
	bs := scanBrackets(s)
	c, ok = clauseIn(text, s, bs)
	return c, ok, len(bs.groups)
}

// clauseIn is FindClause on s, text without its trailing punctuation, whose
// brackets are bs.
func clauseIn(text, s string, bs brackets) (Clause, bool) {
	end := len(s)
	if g, ok := bs.groupEndingAt(end); ok {
		if c, ok := bracketedClause(s, bs, g.open, g.close); ok {
			return c, true
		}
	}
	if c, ok := unclosedClause(s, bs); ok {
		return c, true
	}
	if c, ok := unopenedClause(s, bs); ok {
		return c, true
	}
	if c, ok := plainClause(s, 0, end); ok {
		c.Problems = append(c.Problems, "responsibility clause without brackets")
		return c, true
	}
	if c, ok := earlierClause(text, s, bs); ok {
		return c, true
	}
	return labelledClause(text, s)
}

// labelledClause reads a label inside the text whose units run to the end of
// their sentence, with more text after it: 农村道路畅通工程，牵头部门：市交通局。
// 舒城县进度偏慢. The text after is a remark, not the task's, and is
// reported.
func labelledClause(text, s string) (Clause, bool) {
	if !containsLabel(s) {
		return Clause{}, false
	}
	at := labelRe.FindStringIndex(s)[0]
	end := len(s)
	if i := strings.Index(s[at:], "。"); i >= 0 {
		end = at + i
	}
	c, ok := parseBody(s[at:end])
	if !ok || !allUnits(c) {
		return Clause{}, false
	}
	c.Start = at
	if after := strings.TrimLeft(strings.TrimSpace(text[end:]), "。"); after != "" {
		c.Problems = append(c.Problems, fmt.Sprintf("text after the responsibility clause: %q", after))
	}
	return c, true
}

// bracketedClause reads the clause in the bracket group opening at open and
// closing at close (the closer's offset). An earlier opener never closed
// starts the clause instead when the text between names roles; then either
// the group's own opener is the one left open, if the group names roles
// itself — (市科技局主办,市委组织部(人才办、市工信局协办) — or the clause's
// closing bracket is missing — (市发改委主办,市委组织部(人才办).
func bracketedClause(s string, bs brackets, open, close int) (Clause, bool) {
	start, widened := widen(s, bs, open)
	body := s[start+runeLen(s, start) : close]
	problem := ""
	if widened {
		inner := s[open+runeLen(s, open) : close]
		if hasRoleToken(inner) || containsLabel(inner) {
			problem = fmt.Sprintf("bracket %q opened in the responsibility clause is never closed", s[open:open+runeLen(s, open)])
		} else {
			body = s[start+runeLen(s, start):]
			problem = missingCloser
		}
	}
	c, ok := parseBody(body)
	if !ok {
		return Clause{}, false
	}
	c.Start, c.Bracketed = start, true
	if problem != "" {
		c.Problems = append(c.Problems, problem)
	}
	return c, true
}

const missingCloser = "missing closing bracket at the end of the responsibility clause"

// unclosedClause reads a clause whose opening bracket is never closed:
// …。(市发改委主办,市财政局协办 — the usual damage when a clause is cut
// short — or closed with a bracket of another kind: 〔市发改委主办). A clause
// holds no sentence, so openers before the text's last sentence break are
// not tried; between labels (牵头单位:…;配合单位:…) ； is no sentence break.
func unclosedClause(s string, bs brackets) (Clause, bool) {
	for i := len(bs.unclosed) - 1; i >= 0; i-- {
		start, _ := widen(s, bs, bs.unclosed[i])
		body := s[start+runeLen(s, start):]
		breaks := sentenceBreaks
		if containsLabel(body) {
			breaks = fullStops // labels are separated by ；
		}
		if lastBreak(body, breaks) >= 0 {
			break
		}
		problem := missingCloser
		if n := len(bs.unopened); n > 0 && bs.unopened[n-1]+runeLen(s, bs.unopened[n-1]) == len(s) {
			closer := s[bs.unopened[n-1]:]
			body = body[:len(body)-len(closer)]
			problem = fmt.Sprintf("responsibility clause opened with %q but closed with %q", s[start:start+runeLen(s, start)], closer)
		}
		c, ok := parseBody(body)
		if !ok {
			continue
		}
		c.Start, c.Bracketed = start, true
		c.Problems = append(c.Problems, problem)
		return c, true
	}
	return Clause{}, false
}

// unopenedClause reads a clause that ends with a closing bracket nobody
// opened: …。市发改委主办,市财政局协办).
func unopenedClause(s string, bs brackets) (Clause, bool) {
	if len(bs.unopened) == 0 {
		return Clause{}, false
	}
	last := bs.unopened[len(bs.unopened)-1]
	if last+runeLen(s, last) != len(s) {
		return Clause{}, false
	}
	from := 0
	if g, ok := bs.lastGroupBefore(last); ok {
		from = g.end
	}
	c, ok := plainClause(s, from, last)
	if !ok {
		return Clause{}, false
	}
	c.Problems = append(c.Problems, "missing opening bracket of the responsibility clause")
	return c, true
}

// earlierClause reads the last bracket group naming roles when text follows
// it (…(市发改委主办)2025年底前完成). The clause still ends the task body, so
// the trailing text is reported rather than silently kept.
func earlierClause(text, s string, bs brackets) (Clause, bool) {
	for i := len(bs.groups) - 1; i >= 0; i-- {
		g := bs.groups[i]
		c, ok := bracketedClause(s, bs, g.open, g.close)
		if !ok {
			continue
		}
		after := strings.TrimSpace(text[g.end:])
		c.Problems = append(c.Problems, fmt.Sprintf("text after the responsibility clause: %q", after))
		return c, true
	}
	return Clause{}, false
}

// plainClause reads an unbracketed clause in s[from:to]: the units after the
// segment's last sentence break, as far back as they still look like unit
// names (…项目建设，市发改委主办，市财政局协办 starts at 市发改委). Without
// brackets, task text could pass for units, so every name must look like one
// and the clause must end with a role.
func plainClause(s string, from, to int) (Clause, bool) {
	seg := s[from:to]
	if containsLabel(seg) {
		// Labels are separated by ；, so only a full stop ends the task
		// before them: …增长6%。牵头单位:市发改委;责任单位:各区政府.
		if i := lastBreak(seg, fullStops); i >= 0 {
			from += i
			seg = s[from:to]
		}
	}
	if i := lastSentenceBreak(seg); i >= 0 && !containsLabel(seg[i:]) {
		from += i
		seg = s[from:to]
	}
	if containsLabel(seg) {
		i := labelRe.FindStringIndex(seg)
		c, ok := parseBody(seg[i[0]:])
		if !ok || !allUnits(c) {
			return Clause{}, false
		}
		c.Start = from + i[0]
		return c, true
	}
	toks := roleTokens(seg)
	if len(toks) == 0 || strings.TrimFunc(seg[toks[len(toks)-1].end:], isSeparatorRune) != "" {
		return Clause{}, false
	}
	head := firstUnitsStart(seg[:toks[0].start])
	if head < 0 {
		return Clause{}, false
	}
	c, ok := parseBody(seg[head:])
	if !ok || !allUnits(c) {
		return Clause{}, false
	}
	c.Start = from + head
	return c, true
}

// firstUnitsStart returns where the units of an unbracketed clause's first
// list begin: the longest run of comma-separated pieces at its end that all
// look like unit names, -1 if the last piece does not.
func firstUnitsStart(list string) int {
	start := -1
	rest := list
	for {
		i := strings.LastIndexAny(rest, ",，")
		piece := rest
		pieceStart := 0
		if i >= 0 {
			_, size := utf8.DecodeRuneInString(rest[i:])
			piece, pieceStart = rest[i+size:], i+size
		}
		names := SplitUnits(piece)
		if len(names) == 0 || !allLookLikeUnits(names) {
			break
		}
		start = pieceStart + leadingSpace(piece)
		if i < 0 {
			break
		}
		rest = rest[:i]
	}
	return start
}

// widen moves a clause start at open back to the earliest opener before it
// that was never closed when the text between names roles.
func widen(s string, bs brackets, open int) (int, bool) {
	start, widened := open, false
	for i := len(bs.unclosed) - 1; i >= 0; i-- {
		u := bs.unclosed[i]
		if u >= start {
			continue
		}
		between := s[u+runeLen(s, u) : start]
		if strings.ContainsAny(between, "。；;") || (!hasRoleToken(between) && !containsLabel(between)) {
			break
		}
		start, widened = u, true
	}
	return start, widened
}

// contentEnd is the end of text without trailing space and sentence
// punctuation: (市发改委主办)。 ends at its bracket.
func contentEnd(text string) int {
	return len(strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("。．.；;，,、", r)
	}))
}

// lastSentenceBreak returns the offset just after the last sentence break in
// s outside brackets (an opener never closed does not count), -1 when there
// is none.
func lastSentenceBreak(s string) int {
	return lastBreak(s, sentenceBreaks)
}

const (
	sentenceBreaks = "。；;！？!?"
	fullStops      = "。！？!?"
)

// lastBreak is lastSentenceBreak for the breaks listed in breaks.
func lastBreak(s, breaks string) int {
	at := -1
	depth := 0
	unclosed := unclosedSet(s)
	for i, r := range s {
		switch {
		case openerClass(r) != 0 && !unclosed[i]:
			depth++
		case closerClass(r) != 0:
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(breaks, r):
			at = i + utf8.RuneLen(r)
		}
	}
	return at
}

func allUnits(c Clause) bool {
	return allLookLikeUnits(c.Leads) && allLookLikeUnits(c.Cooperators)
}

func allLookLikeUnits(names []string) bool {
	for _, n := range names {
		if !looksLikeUnit(n) {
			return false
		}
	}
	return true
}

// looksLikeUnit tells a unit name (市发改委, 相关街道板块, 市委组织部(人才办))
// from task text, for clauses that have no brackets to delimit them.
func looksLikeUnit(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 30 || strings.ContainsAny(name, "。；;：:！？“”\"") {
		return false
	}
	return endsLikeUnit(name)
}

func leadingSpace(s string) int { return len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace)) }

// runeLen is the byte length of the rune at s[i:].
func runeLen(s string, i int) int {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// bareUnitsClause reads a bracket group that ends text and holds nothing but
// unit names, without a role word or label: (市发改委、财政局，地税局). Some
// plans write every task's clause so, meaning the units named all lead. A
// bracket holding a sentence, figures or ordinary words (2020—2025年, 试行,
// 含高新区在内的全市范围) is task text.
func bareUnitsClause(text string) (Clause, bool) {
	s := text[:contentEnd(text)]
	if last, _ := utf8.DecodeLastRuneInString(s); closerClass(last) == 0 {
		return Clause{}, false // nearly every line: no scan
	}
	bs := scanBrackets(s)
	g, ok := bs.groupEndingAt(len(s))
	if !ok {
		return Clause{}, false
	}
	inside := s[g.open+runeLen(s, g.open) : g.close]
	if hasRoleToken(inside) || containsLabel(inside) || strings.ContainsAny(inside, "。；;：:！？") {
		return Clause{}, false
	}
	names := SplitUnits(inside)
	if len(names) == 0 || !allLookLikeUnits(names) {
		return Clause{}, false
	}
	return Clause{Leads: names, Start: g.open, Bracketed: true, Unranked: len(names) > 1}, true
}

// bareUnitsLine reads a line that is nothing but a bare bracket of units
// (see bareUnitsClause): written under a task, it is that task's clause.
func bareUnitsLine(line string) (Clause, bool) {
	line = strings.TrimSpace(line)
	if first, _ := utf8.DecodeRuneInString(line); openerClass(first) == 0 {
		return Clause{}, false
	}
	c, ok := bareUnitsClause(line)
	return c, ok && c.Start == 0
}
