package loader

import "strings"

// walker reads a plan's body line by line into sections and tasks.
type walker struct {
	p      *parser
	body   *planBody
	tables []table
	next   int // next table to read

	task       *openTask
	prevTask   int  // number of the previous task, 0 before the first
	newSection bool // a section started since the previous task

	conventions conventions // what the notice says about reading its clauses
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
			case l.mark.style == b.taskStyle:
				w.finishTask(false)
				w.startTask(l.mark.num, l.mark.rest, l.num)
			case w.task != nil && !w.task.closed && len(w.task.labels) == 0 && l.mark.style > b.taskStyle:
				// An inner number, (1) (2) …, listing parts of the task.
				w.continueTask(l.text, l.num)
			default:
				// A sub-heading between the section and task levels.
				w.finishTask(false)
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
	w.body.sections = append(w.body.sections, rawSection{number: num, title: title, line: line})
	w.newSection = true
}

func (w *walker) startTask(num int, text string, line int) {
	if w.prevTask > 0 && num != w.prevTask+1 && !(num == 1 && w.newSection) {
		w.p.warn(line, "task number %d follows %d", num, w.prevTask)
	}
	w.prevTask, w.newSection = num, false
	w.task = &openTask{number: num, line: line, lastLine: line}
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
	body := t.text
	var c Clause
	found := false
	labels := MergeLabels(t.labels)
	switch {
	case len(labels.Leads)+len(labels.Cooperators) > 0:
		c, found = labels, true
		if inline, ok := p.findClause(body); ok && inline.Bracketed {
			p.warn(t.line, "task %d has a bracketed responsibility clause and label lines; the label lines are used", t.number)
			body = strings.TrimSpace(body[:inline.Start])
		}
		for _, pr := range c.Problems {
			p.warn(t.labelLine, "task %d: %s", t.number, pr)
		}
	default:
		if c, found = p.findClause(body); found {
			body = strings.TrimSpace(body[:c.Start])
			for _, pr := range c.Problems {
				p.warn(t.lastLine, "task %d: %s", t.number, pr)
			}
		}
		c.Leaders = appendNew(c.Leaders, labels.Leaders...) // label lines naming only persons
	}
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
	leads, coops := w.conventions.rank(c)
	w.addTask(rawTask{number: t.number, line: t.line, text: body, leads: leads, coops: coops, leaders: c.Leaders})
}

// addTask files a finished task, opening the implicit section 0 for tasks
// before any heading.
func (w *walker) addTask(t rawTask) {
	b := w.body
	if len(b.sections) == 0 {
		b.sections = append(b.sections, rawSection{number: 0, line: t.line})
	}
	s := &b.sections[len(b.sections)-1]
	s.tasks = append(s.tasks, t)
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
