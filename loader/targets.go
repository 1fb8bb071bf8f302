package loader

import (
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutygraph/dutygraph/graph"
)

// Quantitative targets are read from two places: the report's headline
// sentence (主要预期目标是：地区生产总值增长5%以上，…), where every clause is a
// target, with or without a figure; and the text of plan tasks, where only
// a figure that reads as a target is one. The same clause reader serves
// both, so that 地区生产总值增长5%以上 gives the same metric, measure, value
// and comparator in a plan as in a report.
//
// A figure in a task is a target when it is a number with a unit (5%, 300家,
// 2400亿元, 千亿元) that
//   - follows its metric (地区生产总值增长5%, 技术合同成交额达1150亿元), or
//   - follows a verb that adds things and precedes what is added
//     (新增300个普通高中学位, 建成50个左右…乡村).
//
// and is none of these, which describe rather than set a goal: an
// enumeration's count (江苏—香港等3个法商融合服务平台, …等392个市级重大项目),
// an attribute (规模10亿元的母基金, 在2020年70%的基础上), a range (1-2家), an
// ordinal or code (第30届, PM2.5, 5号线, 12345热线 — these have no unit), or a
// number before its noun after any other verb (发挥55家链主企业引领作用).

// targetIntros introduce a report's headline targets.
var targetIntros = []string{"主要预期目标是：", "主要预期目标是:", "主要预期目标：", "主要预期目标:", "主要目标是：", "主要目标是:"}

// figureUnits are the units a target's figure may carry, longest first
// where one is a prefix of another.
var figureUnits = []string{
	"个百分点", "%", "‰", "倍",
	"万亿元", "亿美元", "万美元", "亿元", "万元", "元",
	"万人次", "人次", "万人", "人", "万名", "名",
	"万家", "家", "万户", "户", "万套", "套", "万个", "个", "万台", "台", "万辆", "辆",
	"万吨/日", "万吨", "吨", "亿斤", "万斤",
	"公里", "万平方米", "平方米", "万亩", "亩",
	"项次", "项", "件", "所", "座", "张", "条", "处", "场", "幢", "栋", "款",
}

// rateUnits measure a rate or share; with a growth or reduction verb they
// make a growth or reduction target.
var rateUnits = map[string]bool{"%": true, "‰": true, "个百分点": true, "倍": true}

// moneyUnits measure an amount reached, whatever the verb (完成投资2400亿元).
var moneyUnits = map[string]bool{"万亿元": true, "亿美元": true, "万美元": true, "亿元": true, "万元": true, "元": true}

// chineseMagnitudes are the round figures written in characters before a
// money unit (文化产业营收突破千亿元).
var chineseMagnitudes = map[rune]float64{'十': 10, '百': 100, '千': 1000}

// boundWords follow a figure and bound it; they win over any verb.
var boundWords = []struct{ word, cmp string }{
	{"以上", "≥"}, {"左右", "≈"}, {"以内", "≤"}, {"以下", "≤"},
}

// predicate is a word between a metric and its figure.
type predicate struct {
	word              string
	cmp               string
	growth, reduction bool
}

// predicateWords stand between a metric and its figure (地区生产总值|增长|5%,
// 托位占比|保持在|80%). They are stripped from the end of the text before a
// figure; cmp is the comparator a word sets when it is the one nearest the
// figure, growth and reduction the measure it gives a rate.
var predicateWords = []predicate{
	{word: "同比增长", growth: true}, {word: "增长", growth: true}, {word: "增速", growth: true},
	{word: "增幅", growth: true}, {word: "提高", growth: true}, {word: "提升", growth: true},
	{word: "下降", reduction: true}, {word: "降低", reduction: true}, {word: "压降", reduction: true},
	{word: "压减", reduction: true}, {word: "减少", reduction: true}, {word: "削减", reduction: true},
	{word: "不低于", cmp: "≥"}, {word: "不少于", cmp: "≥"}, {word: "达到", cmp: "≥"}, {word: "达", cmp: "≥"},
	{word: "不超过", cmp: "≤"}, {word: "不高于", cmp: "≤"}, {word: "控制在", cmp: "≤"},
	{word: "低于", cmp: "<"},
	{word: "超过", cmp: ">"}, {word: "突破", cmp: ">"}, {word: "高于", cmp: ">"}, {word: "超", cmp: ">"},
	{word: "保持在"}, {word: "稳定在"}, {word: "保持"}, {word: "稳定"}, {word: "年均"}, {word: "同比"},
	{word: "力争"}, {word: "争取"}, {word: "冲刺"}, {word: "确保"}, {word: "完成"}, {word: "实现"},
	{word: "均"}, {word: "各"}, {word: "分别"}, {word: "再"}, {word: "一律"}, {word: "累计"}, {word: "为"},
	{word: "、"}, {word: "，"}, {word: ","},
}

// leadingFillers open a clause without being part of its metric (全年新增
// 首店…, 力争引进…, 加快实施…).
var leadingFillers = []string{
	"全年", "年内", "今年", "力争", "确保", "努力", "争取", "实现", "推动", "推进", "加快", "持续",
	"进一步", "全力", "大力", "积极", "着力", "深入", "扎实", "全面", "累计", "全市", "全区", "基本",
	"、", "并", "和", "及",
}

// countVerbs add things in the year; a target whose metric holds one counts
// what is added (新增首店300家, 城镇新增就业26万人) rather than a level reached.
var countVerbs = []string{
	"新改建", "新开工", "新引进", "新认定", "新集聚", "新开办", "新增", "新建", "引进", "引育", "招引",
	"培育", "认定", "入库", "净增", "增加", "增设", "建成", "建设", "改造", "开工", "续建", "举办",
	"打造", "开展", "发布", "筹集", "实施", "完成", "创建", "援助", "帮助", "集聚", "汇聚", "组建",
	"更新", "修复", "促成", "上架", "落地", "挖掘",
}

// aspirationWords mark a figure the text strives for rather than commits to.
var aspirationWords = []string{"力争", "争取", "冲刺"}

// qualitativeCuts end the metric of a clause without a figure: it ends where
// the first thing said of it begins (实际使用外资|稳中提质).
var qualitativeCuts = []string{
	"增长", "增速", "下降", "降低", "提高", "提升", "保持", "力争", "达到", "突破", "超过", "高于", "低于",
	"不低于", "不高于", "不少于", "不超过", "控制在", "稳中", "实现", "完成", "收窄", "与",
}

// metricHeads end a metric that names what is measured (营业收入, 总额);
// 集成电路、生命健康产业营业收入 lends its head to 集成电路.
var metricHeads = []string{"总额", "总值", "收入", "营收", "规模", "产值", "增加值", "投资", "销售额", "成交额", "外资"}

// readTargets reads a headline-target sentence into targets, one or more per
// clause separated by commas or semicolons; 、 stays inside a clause
// (固定资产投资保持稳定增长、力争达到3%). Offsets are in the sentence after
// its introduction.
func readTargets(s string) ([]Target, bool) {
	var rest string
	found := false
	for _, intro := range targetIntros {
		if _, after, ok := strings.Cut(s, intro); ok {
			rest, found = after, true
			break
		}
	}
	if !found {
		return nil, false
	}
	if i := strings.Index(rest, "。"); i >= 0 {
		rest = rest[:i]
	}
	ts := extractTargets(rest, true)
	return ts, len(ts) > 0
}

// taskTargets reads the targets of a task's text: only figures that read
// as targets, and 正增长.
func taskTargets(text string) []Target {
	if !mayHoldFigure(text) && !strings.Contains(text, "正增长") {
		return nil // most tasks set no figure: skip the clause reader
	}
	return extractTargets(text, false)
}

func extractTargets(text string, headline bool) []Target {
	var out []Target
	for c := range clauses(text) {
		n := len(out)
		out = appendClauseTargets(out, c.text)
		if len(out) == n {
			if t, ok := unfiguredTarget(c.text, headline); ok {
				out = append(out, t)
			}
		}
		for k := n; k < len(out); k++ {
			out[k].Text = c.text
			out[k].Start, out[k].End = c.start, c.start+utf8.RuneCountInString(c.text)
		}
	}
	return out
}

// clause is a piece of text between commas, semicolons or full stops, with
// its rune offset in the text.
type clause struct {
	text  string
	start int
}

// clauses yields the clauses of s in order. It yields rather than returns
// a slice: a task's text is read once, clause by clause.
func clauses(s string) iter.Seq[clause] {
	return func(yield func(clause) bool) {
		start, startRune, runes := 0, 0, 0 // the clause's first byte and rune
		flush := func(end int) bool {
			piece := s[start:end]
			trimmed := strings.TrimLeftFunc(piece, unicode.IsSpace)
			offset := startRune + utf8.RuneCountInString(piece[:len(piece)-len(trimmed)])
			if trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace); trimmed != "" {
				return yield(clause{text: trimmed, start: offset})
			}
			return true
		}
		for i, r := range s {
			runes++
			switch r {
			case '，', ',', '；', ';', '。', '！', '？':
				if !flush(i) {
					return
				}
				start, startRune = i+utf8.RuneLen(r), runes
			}
		}
		flush(len(s))
	}
}

// figure is a number with a unit in a clause, as byte offsets: the number
// starts at start, the unit ends at unitEnd and a bound word (以上) at end.
type figure struct {
	start, unitEnd, end int
	value               float64
	unit, bound         string
}

// figures finds the numbers with units in a clause. Numbers glued to a
// letter, a dash or another number (PM2.5, G312, 1-2家, 03-10) and ordinals
// (第30届) are codes, not figures, and so are numbers without a unit.
func figures(s string) []figure {
	if !mayHoldFigure(s) {
		return nil // most clauses: no number at all
	}
	var out []figure
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if mag, ok := chineseMagnitudes[r]; ok {
			if f, ok := magnitudeFigure(s, i, size, mag); ok {
				out = append(out, f)
				i = f.end
				continue
			}
		}
		if r < '0' || r > '9' {
			i += size
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
			j++
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		code := i > 0 && (prev < utf8.RuneSelf && (unicode.IsLetter(prev) || prev == '-' || prev == '.') ||
			strings.ContainsRune("－—～~第", prev))
		unit := unitAt(s[j:])
		if code || unit == "" {
			i = j
			continue
		}
		v, err := strconv.ParseFloat(s[i:j], 64)
		if err != nil {
			i = j
			continue
		}
		f := figure{start: i, unitEnd: j + len(unit), value: v, unit: unit}
		f.end, f.bound = boundAt(s, f.unitEnd)
		out = append(out, f)
		i = f.end
	}
	return out
}

// mayHoldFigure is a quick test for a digit, or for 亿 after which a
// figure may be written in characters (千亿元).
func mayHoldFigure(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return strings.Contains(s, "亿")
}

// magnitudeFigure reads 千亿元 at i: a character magnitude directly before a
// money unit, not part of a longer numeral (三千亿元 is left alone).
func magnitudeFigure(s string, i, size int, mag float64) (figure, bool) {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if strings.ContainsRune("一二三四五六七八九十百千万两几数", prev) {
		return figure{}, false
	}
	unit := unitAt(s[i+size:])
	if !moneyUnits[unit] {
		return figure{}, false
	}
	f := figure{start: i, unitEnd: i + size + len(unit), value: mag, unit: unit}
	f.end, f.bound = boundAt(s, f.unitEnd)
	return f, true
}

func unitAt(s string) string {
	for _, u := range figureUnits {
		if strings.HasPrefix(s, u) {
			return u
		}
	}
	return ""
}

func boundAt(s string, at int) (int, string) {
	for _, b := range boundWords {
		if strings.HasPrefix(s[at:], b.word) {
			return at + len(b.word), b.cmp
		}
	}
	return at, ""
}

// appendClauseTargets appends the targets of the figures in one clause, in
// order.
// A figure with nothing before it in its part of the clause takes the
// metric of the figure before (投诉量分别再压降30%、20%); a count with only a
// verb borrows the thing counted (新认定高新技术企业160家、净增30家); a part
// without a verb after a count keeps counting with the same verb
// (新增亿元楼宇2幢、特色楼宇2幢).
func appendClauseTargets(out []Target, c string) []Target {
	figs := figures(c)
	var prev *reading
	from := 0
	for k, f := range figs {
		next := len(c)
		if k+1 < len(figs) {
			next = figs[k+1].start
		}
		pre := c[from:f.start]
		post := c[f.end:next]
		from = f.end
		if strings.HasSuffix(pre, "等") {
			prev = nil // an enumeration's count: neither a target nor a model for the next
			continue
		}
		rd, ok := read(pre, post, f, prev, next < len(c))
		if !ok {
			prev = nil
			continue
		}
		from += len(rd.object)
		prev = &rd
		out = rd.appendTargets(out, f, containsAny(c[:f.start], aspirationWords))
	}
	return out
}

// reading is what the text around one figure says.
type reading struct {
	metric  string
	verb    string // the count verb the metric opens with, if any
	object  string // the raw text after the figure taken into the metric
	measure graph.TargetMeasure
	cmp     string
	split   bool // 均: one target per 、-separated metric
}

func read(pre, post string, f figure, prev *reading, more bool) (reading, bool) {
	pre = strings.TrimLeft(strings.TrimSpace(pre), "、和及与并")
	unfilled := stripFillers(pre)
	bare := unfilled == pre // nothing opens the part: it may share the verb before
	metric, preds := stripPredicates(unfilled)
	metric = afterEnumeration(metric)
	rd := reading{metric: metric}
	growth, reduction := false, false
	for _, p := range preds { // nearest the figure first
		if rd.cmp == "" && p.cmp != "" {
			rd.cmp = p.cmp
		}
		growth = growth || p.growth
		reduction = reduction || p.reduction
		rd.split = rd.split || p.word == "均"
	}

	object := ""
	if post != "" && !strings.HasPrefix(post, "、") {
		if strings.HasPrefix(post, "的") {
			return reading{}, false // an attribute: 规模10亿元的母基金
		}
		object = post
		if more {
			// Another figure follows: the object ends at the last 、 before it.
			if i := strings.LastIndex(post, "、"); i >= 0 {
				object = post[:i]
			}
		}
		object = strings.TrimRight(object, "、和及与")
	}

	switch {
	case rd.metric == "" && prev == nil:
		return reading{}, false
	case rd.metric == "" && object != "" && prev.verb != "":
		rd.metric = prev.verb
	case rd.metric == "":
		// 投诉量分别再压降30%、20%: the figure shares the one before's
		// metric, and its verb unless it has its own.
		rd.metric, rd.verb = prev.metric, prev.verb
		if rd.cmp == "" {
			rd.cmp = prev.cmp
		}
		if !growth && !reduction {
			growth, reduction = prev.measure == graph.MeasureGrowth, prev.measure == graph.MeasureReduction
		}
	case bare && !hasCountVerb(rd.metric) && prev != nil && prev.verb != "" && prev.measure == graph.MeasureCount &&
		!rateUnits[f.unit] && !moneyUnits[f.unit]:
		rd.metric = prev.verb + rd.metric
	}
	if rd.verb == "" {
		rd.verb = countVerbPrefix(rd.metric)
	}
	counted := hasCountVerb(rd.metric)

	switch {
	case rateUnits[f.unit] && reduction:
		rd.measure = graph.MeasureReduction
	case rateUnits[f.unit] && growth:
		rd.measure = graph.MeasureGrowth
	case moneyUnits[f.unit] || rateUnits[f.unit] || !counted:
		rd.measure = graph.MeasureLevel
	default:
		rd.measure = graph.MeasureCount
	}

	if object != "" {
		if rd.measure != graph.MeasureCount {
			return reading{}, false // a number before its noun after some other verb
		}
		rd.metric += object
		rd.object = object
	} else if rd.verb != "" && rd.metric == rd.verb {
		if prev == nil || prev.verb == "" || len(prev.metric) <= len(prev.verb) {
			return reading{}, false // 新开工650万平方米: what is counted is not in the clause
		}
		rd.metric += prev.metric[len(prev.verb):]
	}
	if rd.cmp == "" {
		rd.cmp = "="
	}
	return rd, true
}

// appendTargets appends a reading's targets: one, or one per metric of a
// list sharing the figure (社会消费品零售总额、外贸进出口总额均增长8%).
func (rd reading) appendTargets(out []Target, f figure, aspirational bool) []Target {
	cmp := rd.cmp
	if f.bound != "" {
		cmp = f.bound
	}
	metrics := []string{rd.metric}
	if rd.split && strings.Contains(rd.metric, "、") {
		metrics = splitMetricList(rd.metric)
	}
	for _, m := range metrics {
		v := f.value
		out = append(out, Target{
			Metric: graph.NormalizeMetric(m), Measure: rd.measure, Value: &v, Unit: f.unit,
			Comparator: cmp, Aspirational: aspirational,
		})
	}
	return out
}

// splitMetricList splits 集成电路、生命健康产业营业收入 into metrics; an
// item without a head of its own takes the last item's, from its 产业 on.
func splitMetricList(s string) []string {
	items := strings.Split(s, "、")
	last := items[len(items)-1]
	head := ""
	if i := strings.LastIndex(last, "产业"); i > 0 && endsWithAny(last, metricHeads) {
		head = last[i:]
	}
	var out []string
	for _, it := range items {
		if it == "" {
			continue
		}
		if head != "" && !endsWithAny(it, metricHeads) {
			it += head
		}
		out = append(out, it)
	}
	return out
}

// unfiguredTarget reads a clause without a figure: 正增长 is a growth
// target of more than 0% anywhere; in the headline sentence any clause is a
// target, qualitative when it has no figure.
func unfiguredTarget(c string, headline bool) (Target, bool) {
	growth := strings.Index(c, "正增长")
	if growth < 0 && !headline {
		return Target{}, false // most clauses of a task: nothing to read
	}
	metric := c
	for i := range c {
		if i > 0 && hasPrefixAny(c[i:], qualitativeCuts) {
			metric = c[:i]
			break
		}
	}
	metric = graph.NormalizeMetric(strings.TrimRight(stripFillers(metric), "、"))
	if metric == "" {
		return Target{}, false
	}
	if growth >= 0 {
		zero := 0.0
		return Target{
			Metric: metric, Measure: graph.MeasureGrowth, Value: &zero, Unit: "%", Comparator: ">",
			Aspirational: containsAny(c[:growth], aspirationWords),
		}, true
	}
	return Target{Metric: metric, Measure: graph.MeasureQualitative}, true
}

// stripFillers removes the words that open a clause without naming what is
// measured.
func stripFillers(s string) string {
	for {
		s = strings.TrimSpace(s)
		trimmed := false
		for _, w := range leadingFillers {
			if rest, ok := strings.CutPrefix(s, w); ok && rest != "" {
				s, trimmed = rest, true
				break
			}
		}
		if !trimmed {
			return s
		}
	}
}

// predicateEnds holds the last runes of predicateWords: stripPredicates
// runs before every figure, and a text that ends in none of them needs no
// look at the fifty words.
var predicateEnds = func() *runeSet {
	ends := new(runeSet)
	for _, p := range predicateWords {
		r, _ := utf8.DecodeLastRuneInString(p.word)
		ends.add(r)
	}
	return ends
}()

// runeSet is a set of runes of the Basic Multilingual Plane, a bit each:
// a test before trying a list of words, cheaper than a map.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) { s[r/64] |= 1 << (r % 64) }

func (s *runeSet) has(r rune) bool { return r < 0x10000 && s[r/64]&(1<<(r%64)) != 0 }

// stripPredicates removes the predicate words from the end of the text
// before a figure and returns them nearest-first.
func stripPredicates(s string) (string, []predicate) {
	var found []predicate
	for {
		s = strings.TrimSpace(s)
		if r, _ := utf8.DecodeLastRuneInString(s); !predicateEnds.has(r) {
			return s, found
		}
		best := -1
		for i, p := range predicateWords {
			if strings.HasSuffix(s, p.word) && (best < 0 || len(p.word) > len(predicateWords[best].word)) {
				best = i
			}
		}
		if best < 0 {
			return s, found
		}
		found = append(found, predicateWords[best])
		s = strings.TrimSuffix(s, predicateWords[best].word)
	}
}

// afterEnumeration drops the examples of a metric that names some before
// what they are examples of: 实施山西路军人俱乐部等城市更新项目 → 实施城市更新项目.
func afterEnumeration(m string) string {
	i := strings.LastIndex(m, "等")
	if i < 0 {
		return m
	}
	rest := m[i+len("等"):]
	if rest == "" {
		return m
	}
	return countVerbPrefix(m) + rest
}

func countVerbPrefix(s string) string {
	for _, v := range countVerbs {
		if strings.HasPrefix(s, v) {
			return v
		}
	}
	return ""
}

// countVerbStarts files countVerbs by their first rune: hasCountVerb runs
// twice on every figure's metric, and most of its runes start none.
var countVerbStarts, countVerbFirstRunes = func() (map[rune][]string, *runeSet) {
	byRune, first := map[rune][]string{}, new(runeSet)
	for _, v := range countVerbs {
		r, _ := utf8.DecodeRuneInString(v)
		byRune[r] = append(byRune[r], v)
		first.add(r)
	}
	return byRune, first
}()

// hasCountVerb reports whether s holds one of countVerbs.
func hasCountVerb(s string) bool {
	for i, r := range s {
		if !countVerbFirstRunes.has(r) {
			continue
		}
		for _, v := range countVerbStarts[r] {
			if strings.HasPrefix(s[i:], v) {
				return true
			}
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func endsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
