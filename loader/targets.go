package loader

import (
	"regexp"
	"strconv"
	"strings"
)

// targetIntros introduce a report's headline targets.
var targetIntros = []string{"主要预期目标是：", "主要预期目标是:", "主要预期目标：", "主要预期目标:", "主要目标是：", "主要目标是:"}

var (
	// numberRe reads a target's figure and its unit.
	numberRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(个百分点|%|‰|万亿元|亿美元|亿元|万元|元|万人次|万人|人次|人|万户|户|万套|套|万个|个|家|万吨|吨|公里|万平方米|平方米|万亩|亩|天|倍|项|所|座|张|辆|台)?`)
	// metricEndRe marks where a target's metric ends and what is said of it
	// begins: 地区生产总值|增长5%以上.
	metricEndRe = regexp.MustCompile(`增长|下降|降低|提高|提升|保持|力争|达到|突破|超过|高于|低于|不低于|不高于|不少于|不超过|控制在|稳中|实现|完成|与|\d`)
)

// Comparators. A bound word after the figure (以上, 左右, 以内) says most
// and wins; 正增长 is a bound of its own (> 0%); 力争 ("strive for") marks
// an aspiration rather than a bound and wins over the verbs before a figure
// (达到, 突破, 超过). The order of the table is that precedence.
var comparators = []struct{ word, cmp string }{
	{"以上", "≥"}, {"不低于", "≥"}, {"不少于", "≥"},
	{"左右", "≈"},
	{"以内", "≤"}, {"以下", "≤"}, {"不超过", "≤"}, {"不高于", "≤"}, {"控制在", "≤"},
	{"正增长", ">"},
	{"力争", "力争"},
	{"突破", ">"}, {"超过", ">"}, {"高于", ">"},
	{"达到", "≥"},
}

// readTargets reads a headline-target sentence into targets, one per clause
// separated by commas or semicolons; 、 stays inside a clause
// (固定资产投资保持稳定增长、力争达到3%).
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
	var ts []Target
	for _, clause := range strings.FieldsFunc(rest, func(r rune) bool { return r == '，' || r == ',' || r == '；' || r == ';' }) {
		if clause = strings.TrimSpace(clause); clause != "" {
			ts = append(ts, readTarget(clause))
		}
	}
	return ts, len(ts) > 0
}

func readTarget(text string) Target {
	t := Target{Text: text, Metric: text}
	if loc := metricEndRe.FindStringIndex(text); loc != nil && loc[0] > 0 {
		t.Metric = text[:loc[0]]
	}
	if m := numberRe.FindStringSubmatch(text); m != nil {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil {
			t.Value, t.Unit = &v, m[2]
		}
	}
	for _, c := range comparators {
		if strings.Contains(text, c.word) {
			t.Comparator = c.cmp
			break
		}
	}
	if t.Comparator == ">" && strings.Contains(text, "正增长") && t.Value == nil {
		zero := 0.0
		t.Value, t.Unit = &zero, "%"
	}
	return t
}
