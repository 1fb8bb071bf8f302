package loader

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// walker reads a plan's body line by line into sections and tasks.
type walker struct {
	p      *parser
	body   *planBody
	tables []table
	next   int // next table to read

	task       *openTask // the task being read, in current; nil between tasks
	current    openTask  // one task is read at a time: no allocation for each
	prevTask   int       // number of the previous task, 0 before the first
	newSection bool      // a section started since the previous task

	conventions conventions // what the notice says about reading its clauses
	// bareTasks: the document writes tasks as unnumbered paragraphs, each
	// closed by its clause, under numbered headings (see bareTaskLines).
	bareTasks bool
	// bareClauses: the document closes its tasks with bare brackets of
	// units, no role word (see bareUnitsClause).
	bareClauses bool
	// renumber: tasks are numbered in order within their section, because
	// some have no number of their own (a bare paragraph, or one of several
	// clauses in one paragraph).
	renumber bool
	// sectionClause is what the current section's heading says about who
	// leads its tasks (一、县示范区管委会牵头工作(8项)): the units lead each
	// task that names none, the persons (王宏副市长牵头重点工作) answer for
	// every task.
	sectionClause Clause
}

// sectionLeadRe reads a heading that names who leads the tasks under it:
// 县示范区管委会牵头工作(8项), 王宏副市长牵头重点工作.
var sectionLeadRe = regexp.MustCompile(`^(\p{Han}[^，,。；;：:]{1,29}?)牵头(?:的)?(?:重点)?(?:工作|任务|事项)`)

// headingClause reads sectionLeadRe's heading into a clause: units lead,
// persons named by office are leaders.
func headingClause(title string) Clause {
	m := sectionLeadRe.FindStringSubmatch(title)
	if m == nil {
		return Clause{}
	}
	persons, units := splitOffices(SplitUnits(m[1]))
	for i, n := range persons {
		persons[i] = personName(n) // 王宏副市长 is 王宏, as a leader column writes him
	}
	return Clause{Leads: units, Leaders: persons, Bracketed: true}
}

// openTask is a task being read: its number line, continuation lines, and
// any label lines after it.
type openTask struct {
	number    int
	line      int
	lastLine  int // the line its text (and so its clause) ends on
	text      string
	labels    []Label
	labelLine int
	closed    bool // its text ends in a clean bracketed clause
	// underClause is a bare bracket of units on the line under the task
	// (see bareUnitsLine), nil when there is none.
	underClause *Clause
}

func (w *walker) walk() {
	p, b := w.p, w.body
	for i := b.start; i < len(p.lines); i++ {
		l := p.lines[i]
		if l.trailer {
			break
		}
		if w.next < len(w.tables) && w.tables[w.next].header == i {
			w.finishTask(false)
			t := w.tables[w.next]
			w.readTable(t)
			w.next++
			i = t.end - 1
			continue
		}
		if l.marked {
			switch {
			case l.mark.style == b.secStyle:
				w.finishTask(false)
				w.startSection(l.mark.num, l.mark.rest, l.num)
				w.headingTask(l.mark.rest, l.num)
			case l.mark.style == b.taskStyle:
				w.finishTask(false)
				w.startTask(l.mark.num, l.mark.rest, l.num)
			case w.task != nil && !w.task.closed && len(w.task.labels) == 0 && l.mark.style > b.taskStyle:
				// An inner number, (1) (2) …, listing parts of the task.
				w.continueTask(l.text, l.num)
			default:
				// A sub-heading between the section and task levels.
				w.finishTask(false)
				w.headingTask(l.mark.rest, l.num)
			}
			continue
		}
		if labs, ok := ParseLabels(l.text); ok {
			if w.task == nil {
				p.warn(l.num, "label line outside any task ignored: %s", clip(l.text))
				continue
			}
			if len(w.task.labels) == 0 {
				w.task.labelLine = l.num
			}
			w.task.labels = append(w.task.labels, labs...)
			continue
		}
		if t := w.task; t != nil && len(t.labels) > 0 && len(t.labels[len(t.labels)-1].Names) == 0 {
			// A label whose names the line break pushed onto this line.
			if labs, ok := labelValue(t.labels[len(t.labels)-1].Role, l.text); ok {
				t.labels = append(t.labels[:len(t.labels)-1], labs...)
				continue
			}
		}
		if t := w.task; t != nil && !t.closed && len(t.labels) == 0 {
			if c, ok := bareUnitsLine(l.text); ok {
				t.underClause, t.closed = &c, true
				t.lastLine = l.num
				continue
			}
		}
		if w.bareTasks && w.isBareTask(l.text) {
			if w.task != nil && !w.task.closed && len(w.task.labels) == 0 {
				// A numbered heading sentence over bare tasks, not a task.
				w.prevTask, w.task = w.task.number-1, nil
			}
			w.finishTask(false)
			w.renumber = true
			w.startTask(w.prevTask+1, l.text, l.num)
			continue
		}
		if w.task != nil && !w.task.closed && len(w.task.labels) == 0 {
			w.continueTask(l.text, l.num)
			continue
		}
		if _, ok := p.findClause(l.text); ok {
			p.warn(l.num, "text with a responsibility clause but no task number ignored: %s", clip(l.text))
		}
	}
	w.finishTask(true)
}

func (w *walker) startSection(num int, title string, line int) {
	if n := len(w.body.sections); n > 0 {
		if prev := w.body.sections[n-1].number; prev > 0 && num != prev+1 {
			w.p.warn(line, "section number %d follows %d", num, prev)
		}
	}
	w.body.sections = append(w.body.sections, rawSection{number: num, title: title, line: line, first: len(w.body.filed)})
	w.newSection = true
	w.sectionClause = headingClause(title)
}

// headingTask files a heading closed by a clause of its own as a task too:
// where targets numbered （一） carry clauses and so do the tasks numbered
// 1. under other （一） headings, the level with fewer clauses is read as
// headings, and its clauses would be lost. Such tasks are numbered in order.
func (w *walker) headingTask(text string, line int) {
	if !w.isBareTask(text) {
		return
	}
	w.renumber = true
	w.startTask(w.prevTask+1, text, line)
	w.finishTask(false)
}

// isBareTask reports whether an unnumbered line is a task of its own: text
// closed by a clean clause. 附 lines (附：…) are notes after the plan.
func (w *walker) isBareTask(text string) bool {
	if strings.HasPrefix(text, "附") {
		return false
	}
	c, ok := w.p.findClause(text)
	return cleanClause(c, ok) && utf8.RuneCountInString(strings.TrimSpace(text[:c.Start])) >= minBareTaskRunes
}

// minBareTaskRunes is the least text a bare task has before its clause: a
// clause on a line of its own closes the task above it.
const minBareTaskRunes = 6

func (w *walker) startTask(num int, text string, line int) {
	if w.renumber {
		num = w.prevTask + 1
		if w.newSection {
			num = 1
		}
	}
	if w.prevTask > 0 && num != w.prevTask+1 && !(num == 1 && w.newSection) {
		w.p.warn(line, "task number %d follows %d", num, w.prevTask)
	}
	w.prevTask, w.newSection = num, false
	w.current = openTask{number: num, line: line, lastLine: line}
	w.task = &w.current
	w.continueTask(text, line)
}

func (w *walker) continueTask(text string, line int) {
	t := w.task
	t.text = joinText(t.text, text)
	t.lastLine = line
	t.closed = cleanClause(w.p.findClause(t.text))
}

// cleanClause reports whether a text ends a task: its clause is bracketed and
// read without problems. A clause read with problems may be cut by a line
// break, (市发改委、 / 市财政局主办): reading goes on until a number or a
// label ends the task.
func cleanClause(c Clause, found bool) bool {
	return found && c.Bracketed && len(c.Problems) == 0
}

// finishTask files the open task in the current section. last says it is
// the document's last task, whose missing clause hints at a truncated file.
func (w *walker) finishTask(last bool) {
	t := w.task
	if t == nil {
		return
	}
	w.task = nil
	p := w.p
	inline := p.clauseOf(t.text)
	// Two bracket groups or more may close several tasks.
	if len(t.labels) == 0 && inline.ok && inline.groups >= 2 {
		if parts := splitAtClauses(t.text); len(parts) > 1 {
			w.finishParts(t.number, t.line, t.lastLine, parts)
			return
		}
	}
	body := t.text
	var c Clause
	found := false
	var labels Clause
	if len(t.labels) > 0 {
		labels = MergeLabels(t.labels)
	}
	switch {
	case len(labels.Leads)+len(labels.Cooperators) > 0:
		c, found = labels, true
		if inline.ok && inline.c.Bracketed {
			p.warn(t.line, "task %d has a bracketed responsibility clause and label lines; the label lines are used", t.number)
			body = strings.TrimSpace(body[:inline.c.Start])
		}
		for _, pr := range c.Problems {
			p.warn(t.labelLine, "task %d: %s", t.number, pr)
		}
	case !inline.ok && t.underClause != nil:
		c, found = *t.underClause, true
	case !inline.ok && w.bareClauses:
		if bc, ok := bareUnitsClause(body); ok && bc.Start > 0 {
			c, found = bc, true
			body = strings.TrimSpace(body[:c.Start])
		}
	default:
		if c, found = inline.c, inline.ok; found {
			if note := body[c.Start:]; strings.Contains(note, "。") { // a clause states one only in a note: see clauseNote
				p.noteConventions(&w.conventions, note, t.lastLine)
			}
			body = strings.TrimSpace(body[:c.Start])
			for _, pr := range c.Problems {
				p.warn(t.lastLine, "task %d: %s", t.number, pr)
			}
		}
	}
	c.Leaders = appendNew(c.Leaders, labels.Leaders...) // label lines naming only persons
	if h := w.sectionClause; !found && len(h.Leads) > 0 {
		c.Leads, found = h.Leads, true
	}
	c.Leaders = appendNew(c.Leaders, w.sectionClause.Leaders...)
	switch {
	case !found && last:
		p.warn(t.line, "task %d has no responsibility clause (is the document cut short?)", t.number)
	case !found:
		p.warn(t.line, "task %d has no responsibility clause", t.number)
	case len(c.Leads) == 0:
		p.warn(t.line, "task %d names no lead unit", t.number)
	}
	if body == "" {
		p.warn(t.line, "task %d has no text", t.number)
	}
	w.addTask(rawTask{number: t.number, line: t.line, text: body, leads: c.Leads, coops: c.Cooperators, leaders: c.Leaders, unranked: c.Unranked})
}

// finishParts files a paragraph that holds several tasks, each closed by
// its clause. Parts that start with a number are tasks a scraper ran
// together (1.…(市发改委负责)2.…), under a heading sentence when the
// paragraph opens with one; otherwise the paragraph is a heading sentence
// followed by unnumbered tasks (（一）促进消费。扩大…(省商务厅牵头)。提升…
// (省发改委牵头)). The heading is dropped in both cases. Unnumbered parts,
// and numbered ones that do not follow the task before, are numbered in
// order, so that no number repeats in the section.
func (w *walker) finishParts(number, line, lastLine int, parts []string) {
	_, numbered := readMarker(parts[1])
	head := dropHeadingSentence(parts[0])
	if _, ok := readMarker(head); ok || !numbered {
		parts[0] = head
	}
	w.renumber = w.renumber || !numbered
	w.prevTask = number - 1 // the first part takes the paragraph's place
	for i, part := range parts {
		num := w.prevTask + 1
		if m, ok := readMarker(part); ok {
			num, part = m.num, m.rest
		} else if i == 0 {
			num = number
		}
		if num != w.prevTask+1 {
			w.renumber = true
		}
		w.startTask(num, part, line)
		w.task.lastLine = lastLine
		w.finishTask(false)
	}
}

// clauseOf is findClause's answer for text, with its count of bracket
// groups, in one look-up of the memo.
func (p *parser) clauseOf(text string) clauseResult {
	r, ok := p.clauses[text]
	if !ok {
		p.findClause(text)
		r = p.clauses[text]
	}
	return *r
}

// splitAtClauses splits a paragraph after each clause that more text with
// a clause of its own follows. Text after a clause that names no units
// (…(市发改委主办)2025年底前完成) stays with the task it ends.
func splitAtClauses(text string) []string {
	bs := scanBrackets(text)
	if len(bs.groups) < 2 {
		return nil // one clause at most: nearly every task
	}
	var parts []string
	from := 0
	for _, g := range topGroups(bs.groups) {
		if g.open < from {
			continue
		}
		rest := strings.TrimLeftFunc(text[g.end:], func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune("。．.；;，,、", r)
		})
		if rest == "" {
			break
		}
		if _, ok := parseBody(text[g.open+runeLen(text, g.open) : g.close]); !ok {
			continue
		}
		if c, ok := FindClause(rest); !ok || !c.Bracketed {
			continue
		}
		parts = append(parts, strings.TrimSpace(text[from:g.end]))
		from = len(text) - len(rest)
	}
	if parts == nil {
		return nil
	}
	return append(parts, strings.TrimSpace(text[from:]))
}

// topGroups returns the bracket groups not inside another, in text order.
func topGroups(groups []bracketGroup) []bracketGroup {
	var top []bracketGroup
	for i := len(groups) - 1; i >= 0; i-- { // outer groups close after the ones inside them
		g := groups[i]
		if n := len(top); n == 0 || g.end <= top[n-1].open {
			top = append(top, g)
		}
	}
	slices.Reverse(top)
	return top
}

// maxHeadingRunes bounds the heading sentence a paragraph of tasks opens
// with.
const maxHeadingRunes = 40

// dropHeadingSentence drops a paragraph's first sentence when it is a short
// heading without brackets and more text follows it.
func dropHeadingSentence(s string) string {
	i := strings.Index(s, "。")
	if i < 0 {
		return s
	}
	head, rest := s[:i], strings.TrimSpace(s[i+len("。"):])
	if rest == "" || mayHoldBracket(head) || utf8.RuneCountInString(head) > maxHeadingRunes {
		return s
	}
	return rest
}

// addTask files a finished task, opening the implicit section 0 for tasks
// before any heading.
func (w *walker) addTask(t rawTask) {
	b := w.body
	if len(b.sections) == 0 {
		b.sections = append(b.sections, rawSection{number: 0, line: t.line, first: len(b.filed)})
	}
	s := &b.sections[len(b.sections)-1]
	b.filed = append(b.filed, t)
	s.tasks = b.filed[s.first:len(b.filed):len(b.filed)]
	b.unitNames = append(b.unitNames, t.leads...)
	b.unitNames = append(b.unitNames, t.coops...)
	b.tasks++
}

// clip shortens a line quoted in a warning.
func clip(s string) string {
	const maxRunes = 40
	n := 0
	for i := range s {
		if n == maxRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
