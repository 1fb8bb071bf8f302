package loader

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// planBody is what the numbered part of a plan holds, before units are
// resolved against the registry.
type planBody struct {
	start     int // index into parser.lines where the body starts: the header is before it
	sections  []rawSection
	taskStyle numStyle
	secStyle  numStyle
	unitNames []string // every unit name in clause order, as evidence of the level
	tasks     int
	// filed holds every task filed, in order; a section's tasks are a run
	// of it, so that filing a task seldom copies the ones before.
	filed []rawTask
}

type rawSection struct {
	number int
	title  string
	line   int
	tasks  []rawTask
	first  int // where tasks starts in planBody.filed
}

type rawTask struct {
	number       int
	line         int
	text         string
	leads, coops []string
	leaders      []string // persons, never units
	unranked     bool     // see Clause.Unranked
	deadline     string
	source       string
}

// readPlanBody finds the task level, the section level above it, and reads
// the sections and tasks. It reports false when the document holds no task.
func (p *parser) readPlanBody() (planBody, bool) {
	tables := p.findTables()
	taskStyle, bareClauses, ok := p.taskStyle(len(tables) == 0)
	if !ok && len(tables) == 0 {
		return planBody{}, false
	}
	b := planBody{taskStyle: taskStyle}
	firstTask, numbered := -1, 0
	if ok {
		for i, l := range p.lines {
			if l.marked && l.mark.style == taskStyle {
				if firstTask < 0 {
					firstTask = i
				}
				numbered++
			}
		}
	}
	b.filed = make([]rawTask, 0, numbered)
	if len(tables) > 0 && (firstTask < 0 || tables[0].header < firstTask) {
		firstTask = tables[0].header
	}
	b.secStyle = p.sectionStyle(taskStyle, firstTask)
	b.start = firstTask
	for i := firstTask - 1; i >= 0 && b.secStyle != styleNone && !isAttachmentLine(p.lines[i].text); i-- {
		if l := p.lines[i]; l.marked && l.mark.style == b.secStyle {
			b.start = i
			break
		}
	}
	// Headings closed by clauses of their own just before are tasks too
	// (see walker.headingTask).
	for i := b.start - 1; i >= 0 && taskStyle != styleNone; i-- {
		l := p.lines[i]
		if !l.marked || l.mark.style >= taskStyle {
			break
		}
		if c, ok := p.findClause(l.mark.rest); cleanClause(c, ok) && c.Start > 0 {
			b.start = i
		}
	}
	w := walker{p: p, body: &b, tables: tables, conventions: p.readConventions(), bareTasks: p.bareTaskLines(firstTask) >= 2, bareClauses: bareClauses}
	w.walk()
	w.conventions.rankTasks(&b)
	p.trimNoticeSections(&b)
	return b, b.tasks > 0
}

// trimNoticeSections drops the sections before the first and after the last
// that name a responsible unit, when some do: they are the notice's own
// numbered paragraphs (一、提高认识 … 三、工作要求), printed before the task
// list or after it, not tasks.
func (p *parser) trimNoticeSections(b *planBody) {
	names := func(s rawSection) bool {
		for _, t := range s.tasks {
			if len(t.leads)+len(t.coops) > 0 {
				return true
			}
		}
		return false
	}
	first := slices.IndexFunc(b.sections, names)
	if first < 0 {
		return
	}
	last := len(b.sections) - 1
	for !names(b.sections[last]) {
		last--
	}
	for i, s := range b.sections {
		if (i < first || i > last) && len(s.tasks) > 0 {
			p.warn(s.line, "section %d %q names no responsible unit: read as part of the notice, its %d numbered paragraphs not as tasks", s.number, clip(s.title), len(s.tasks))
			b.tasks -= len(s.tasks)
		}
	}
	b.sections = b.sections[first : last+1]
	p.trimNoticeParagraphs(b)
}

// trimNoticeParagraphs drops the numbered paragraphs that open the first
// section when none names a unit and the numbering starts again after them
// with a task that does: the notice's 1. 2. 3. before its attachment's
// task list, with no heading between them.
func (p *parser) trimNoticeParagraphs(b *planBody) {
	s := &b.sections[0]
	restart := slices.IndexFunc(s.tasks, func(t rawTask) bool { return len(t.leads)+len(t.coops) > 0 })
	if restart <= 0 || s.tasks[restart].number != 1 {
		return
	}
	p.warn(s.tasks[0].line, "%d numbered paragraphs before the task list name no responsible unit: read as part of the notice, not as tasks", restart)
	s.tasks = s.tasks[restart:]
	b.tasks -= restart
}

// bareTaskLines counts the unnumbered lines from the first task on that are
// tasks of their own: text closed by a clean clause.
func (p *parser) bareTaskLines(from int) int {
	n := 0
	for _, l := range p.lines[max(from, 0):] {
		if l.marked || l.trailer || isPipeRow(l.text) {
			continue
		}
		if c, ok := p.findClause(l.text); cleanClause(c, ok) && utf8.RuneCountInString(strings.TrimSpace(l.text[:c.Start])) >= minBareTaskRunes {
			n++
		}
	}
	return n
}

// taskStyle is the numbering style of the lines that carry responsibility
// clauses (on the numbered line, a continuation line, or label lines after
// it): the task level. Ties go to the inner style, since headings carry no
// clauses. When no numbered text carries a clause, the document has no task
// table (guess says so) and it calls itself a plan, the innermost style used
// twice or more is taken, and each task is reported without a clause.
//
// A bare bracket of units on the line under a task is its clause (see
// bareUnitsLine). One ending the task's own line is read as a clause only
// where the document writes most of its clauses so (bareClauses says it
// does): elsewhere such a bracket is more likely part of the task.
func (p *parser) taskStyle(guess bool) (style numStyle, bareClauses, ok bool) {
	var regular, under, trailing, seen [styleNumParen + 1]int
	for i := 0; i < len(p.lines); i++ {
		l := p.lines[i]
		if !l.marked {
			continue
		}
		seen[l.mark.style]++
		// Read the block as the walker will read a task: continuation lines
		// until a clean clause closes it, then label lines.
		text := l.mark.rest
		c, found := p.findClause(text)
		j := i + 1
		hasLabel, hasUnder := false, false
		for ; j < len(p.lines) && !p.lines[j].marked && !p.lines[j].trailer && !isPipeRow(p.lines[j].text); j++ {
			if _, ok := ParseLabel(p.lines[j].text); ok {
				hasLabel = true
				continue
			}
			if !hasLabel && !hasUnder && !cleanClause(c, found) {
				if _, ok := bareUnitsLine(p.lines[j].text); ok {
					hasUnder = true
					continue
				}
				text = joinText(text, p.lines[j].text)
				c, found = p.findClause(text)
			}
		}
		switch {
		case found || hasLabel:
			regular[l.mark.style]++
		case hasUnder:
			under[l.mark.style]++
		default:
			if bc, ok := bareUnitsClause(text); ok && bc.Start > 0 {
				trailing[l.mark.style]++
			}
		}
		i = j - 1
	}
	bareForm := func(s numStyle) bool {
		return under[s]+trailing[s] >= 2 && under[s]+trailing[s] > regular[s]
	}
	best, most := styleNone, 0
	for s := styleCnComma; s <= styleNumParen; s++ {
		n := regular[s] + under[s]
		if bareForm(s) {
			n += trailing[s]
		}
		if n > 0 && n >= most {
			best, most = s, n
		}
	}
	if best != styleNone {
		return best, bareForm(best), true
	}
	if !guess || !p.callsItselfPlan() {
		return styleNone, false, false
	}
	for s := styleNumParen; s >= styleCnComma; s-- {
		if seen[s] >= 2 {
			return s, false, true
		}
	}
	return styleNone, false, false
}

// callsItselfPlan reports whether a line before the first numbered one names
// a plan of tasks (…任务分解落实方案, …工作方案, …任务清单).
func (p *parser) callsItselfPlan() bool {
	for _, l := range p.lines {
		if l.marked {
			return false
		}
		if strings.Contains(l.text, "方案") || strings.Contains(l.text, "任务分解") || strings.Contains(l.text, "任务清单") {
			return true
		}
	}
	return false
}

// sectionStyle is the outermost style above the task level that numbers
// headings among the tasks (or the heading right before the first task).
// Styles between it and the task level are sub-headings, read as neither.
func (p *parser) sectionStyle(taskStyle numStyle, firstTask int) numStyle {
	if firstTask < 0 {
		return styleNone
	}
	present := map[numStyle]bool{}
	for i := firstTask - 1; i >= 0 && !isAttachmentLine(p.lines[i].text); i-- {
		if l := p.lines[i]; l.marked {
			if l.mark.style < taskStyle || taskStyle == styleNone {
				present[l.mark.style] = true
			}
			break
		}
	}
	for _, l := range p.lines[firstTask:] {
		if l.trailer {
			break
		}
		if l.marked && (l.mark.style < taskStyle || taskStyle == styleNone) {
			present[l.mark.style] = true
		}
	}
	for s := styleCnComma; s <= styleNumParen; s++ {
		if present[s] && (s < taskStyle || taskStyle == styleNone) {
			return s
		}
	}
	return styleNone
}

// trailerPrefixes start the boilerplate government sites put after a
// document: editor credits, links to explanations, site registration.
var trailerPrefixes = []string{
	"责任编辑", "文件解读", "解读链接", "相关解读", "政策解读", "图片解读", "视频解读",
	"http://", "https://", "www.", "扫一扫", "【打印", "打印本页", "关闭窗口", "分享到",
	"抄送", "版权所有", "网站标识码", "网站地图", "联系我们", "上一篇", "下一篇", "附件下载",
}

// trailerStarts are trailerPrefixes by their first rune: a line is tested
// against the few that start as it does.
var trailerStarts = func() map[rune][]string {
	m := map[rune][]string{}
	for _, t := range trailerPrefixes {
		r, _ := utf8.DecodeRuneInString(t)
		m[r] = append(m[r], t)
	}
	return m
}()

// isTrailer reports a footer line: one that starts with trailerPrefixes,
// or holds a site's registration (公网安备, ICP备, 网站标识码) or copyright.
func isTrailer(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	for _, t := range trailerStarts[r] {
		if strings.HasPrefix(s, t) {
			return true
		}
	}
	if len(s) > 300 { // footers are short; paragraphs need not be searched
		return false
	}
	// One pass for the four marks, by the character each is found at: 备
	// ends two, 版 and 网 start the others. Every line is asked, and a
	// search per mark finds the common lead bytes of their first characters
	// all through a Chinese text.
	for i := 0; i+3 <= len(s); i++ {
		if s[i] != 0xE5 && s[i] != 0xE7 { // the first byte of 备, of 版 and 网
			continue
		}
		switch s[i : i+3] {
		case "备":
			if strings.HasSuffix(s[:i+3], "公网安备") || strings.HasSuffix(s[:i+3], "ICP备") {
				return true
			}
		case "版":
			if strings.HasPrefix(s[i:], "版权所有") {
				return true
			}
		case "网":
			if strings.HasPrefix(s[i:], "网站标识码") {
				return true
			}
		}
	}
	return false
}

// cutCellBar drops the bar some scrapers close each cell of a table with
// when they put one cell per line (80 |, 县教育局 |): without it the cell
// reads as a number, a unit or a header. A line holding several bars is a
// pipe row, and a bar alone separates cells or rows: both keep theirs.
func cutCellBar(text string) string {
	rest, ok := strings.CutSuffix(strings.TrimRight(text, " \t"), "|")
	if !ok || strings.Contains(rest, "|") {
		return text
	}
	if rest = strings.TrimRight(rest, " \t"); rest == "" {
		return text
	}
	return rest
}

// addLine adds a non-blank line of the document, with the number it starts
// with.
func (p *parser) addLine(num int, text string) {
	text = cutCellBar(text)
	m, ok := readMarker(text)
	p.lines = append(p.lines, line{num: num, text: text, mark: m, marked: ok, trailer: isTrailer(text)})
}

// imageNameRe matches a line that is only an image's file name, which
// scrapers leave where a page showed a picture (640.webp.jpg).
var imageNameRe = regexp.MustCompile(`(?i)^[\w\-. ]{1,80}\.(?:jpe?g|png|gif|webp|bmp|svg)$`)

// hasImageExtension is a cheap test before imageNameRe, which would
// otherwise run on every short line.
func hasImageExtension(s string) bool {
	tail := s[max(len(s)-5, 0):] // .webp, .jpeg: the longest ending and its dot
	i := strings.LastIndexByte(tail, '.')
	if i < 0 {
		return false
	}
	switch strings.ToLower(tail[i+1:]) {
	case "jpg", "jpeg", "png", "gif", "webp", "bmp", "svg":
		return true
	}
	return false
}

// chromeWords are what page chrome is made of: font-size and print bars
// (字体:【大 中 小】, 【打印】【关闭】), breadcrumbs and share buttons.
var chromeWords = strings.NewReplacer(
	"字体", "", "字号", "", "默认", "", "超大", "", "大", "", "中", "", "小", "",
	"打印本页", "", "打印", "", "关闭窗口", "", "关闭", "", "收藏", "", "返回顶部", "",
	"微信", "", "微博", "", "QQ空间", "", "【", "", "】", "", "[", "", "]", "",
	":", "", "：", "", "|", "", " ", "", "\u3000", "",
)

// isNoise reports a line that is page chrome and nothing else: an image's
// file name, a breadcrumb (首页 > 政务公开 > …), a font or print bar. Such a
// line is no part of the document; a line mixing chrome with metadata
// (发布时间：… 【打印】) is kept for its metadata.
func isNoise(s string) bool {
	if len(s) > 200 { // chrome is short; paragraphs need not be searched
		return false
	}
	switch {
	case hasImageExtension(s):
		return imageNameRe.MatchString(s)
	case strings.HasPrefix(s, "首页") && (strings.Contains(s, ">") || strings.Contains(s, "＞") || strings.Contains(s, "»")),
		strings.HasPrefix(s, "当前位置") || strings.HasPrefix(s, "您的位置") || strings.HasPrefix(s, "您现在的位置"):
		// A breadcrumb ending in the page's title (首页 > 政务公开 >
		// 关于印发…的通知) or running into labels (发布时间：…) is kept
		// for the header to read.
		return !strings.ContainsAny(s, ":：") && !strings.Contains(s, "关于") && !endsLikeTitle(s)
	case len(s) < 80 && (strings.Contains(s, "【") || strings.Contains(s, "字体") || strings.HasPrefix(s, "[")):
		return chromeWords.Replace(s) == ""
	}
	return false
}

// joinText joins a continuation line to a task: Chinese text wraps without a
// space, but two Latin words need one.
func joinText(a, b string) string {
	if a == "" {
		return b
	}
	if isASCIIWordByte(a[len(a)-1]) && isASCIIWordByte(b[0]) {
		return a + " " + b
	}
	return a + b
}

func isASCIIWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// conventions are rules a notice states once for all its clauses.
type conventions struct {
	// firstLeads: the first unit a responsible-unit list names leads and
	// the others cooperate (列第一位的责任单位为牵头单位).
	firstLeads bool
	sharedLead bool // 无牵头单位的，责任单位即为牵头单位: warned about once
}

var (
	// firstLeadsRe reads 列第一位的责任单位为牵头单位, 排名第一的为牵头单位,
	// 排在第一位的为牵头单位, 排在首位的单位为牵头单位, 列第一者为牵头单位.
	firstLeadsRe = regexp.MustCompile(`(?:(?:列|排名|排在|排序|排)[在于]?(?:第一位|第一个|第一|首位)|首位)(?:的|者)?(?:责任单位|单位|部门)?(?:为|是|即为)牵头`)
	// sharedLeadRe reads 无牵头单位的，责任单位即为牵头单位: what the loader
	// does anyway, but said so that a reader knows why.
	sharedLeadRe = regexp.MustCompile(`(?:无|没有|未列|未明确)牵头单位的[,，]?\s*(?:责任单位|其)?(?:即|均|即均)?为牵头单位`)
)

// readConventions finds the conventions the document states, on lines of
// their own or in a note inside a task's clause (县发改局(首位单位为牵头单位,
// 下同)、县财政局): wherever it is written, it is the document's rule.
func (p *parser) readConventions() conventions {
	var cv conventions
	for _, l := range p.lines {
		p.noteConventions(&cv, l.text, l.num)
	}
	return cv
}

// noteConventions adds the conventions text states, wherever it is in the
// document, and warns that they are applied to the whole document.
func (p *parser) noteConventions(cv *conventions, text string, line int) {
	if !strings.Contains(text, "牵头") {
		return // nearly every text: no regexp to run
	}
	// Each regexp runs only on texts holding the words it cannot match
	// without: a task's clause names 牵头 too, and neither has a literal
	// prefix for the regexp package to find first.
	switch {
	case (strings.Contains(text, "第一") || strings.Contains(text, "首位")) && firstLeadsRe.MatchString(text):
		if !cv.firstLeads {
			p.warn(line, "convention applied to every task: the first responsible unit listed leads, the others cooperate")
		}
		cv.firstLeads = true
	case strings.Contains(text, "牵头单位的") && sharedLeadRe.MatchString(text):
		if !cv.sharedLead {
			p.warn(line, "convention applied to every task: where no lead unit is named, the responsible units lead")
		}
		cv.sharedLead = true
	}
}

// rankTasks applies the conventions to every task of the document, those
// before the sentence stating them included.
func (cv conventions) rankTasks(b *planBody) {
	if !cv.firstLeads {
		return
	}
	for i := range b.sections {
		for j := range b.sections[i].tasks {
			t := &b.sections[i].tasks[j]
			if t.unranked && len(t.leads) > 1 {
				t.leads, t.coops = t.leads[:1], append(slices.Clone(t.leads[1:]), t.coops...)
			}
		}
	}
}
