package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// writePlan writes one plan in the seeds' format: the publishing site's
// metadata table, the notice, and the plan's sections of numbered tasks,
// each ending in its responsibility clause.
func writePlan(buf *bytes.Buffer, rng *rand.Rand, pl plan) {
	p, y := pl.place, pl.year
	lvl := p.level()
	serial := 2 + rng.IntN(40)
	day := 1 + rng.IntN(28)
	docNumber := fmt.Sprintf("%s政发〔%d〕%d号", p.short, y, serial)
	if !p.isCity() {
		docNumber = fmt.Sprintf("%s政〔%d〕%d号", p.short, y, serial)
	}
	planTitle := fmt.Sprintf("%d年%s政府主要工作目标任务分解落实方案", y, lvl)
	notice := fmt.Sprintf("%s政府关于印发《%s》的通知", lvl, planTitle)

	fmt.Fprintf(buf, "| 索 引 号: | %09d/%d-%05d | 信息分类: | 综合政务 / 通知 |\n", 10000000+rng.IntN(90000000), y, rng.IntN(100000))
	fmt.Fprintf(buf, "| 发布机构: | %s | 生成日期: | %d-02-%02d |\n", p.government(), y, day)
	buf.WriteString("| 生效日期: | 失效日期: | ||\n")
	fmt.Fprintf(buf, "| 信息名称: | %s | ||\n", notice)
	fmt.Fprintf(buf, "| 文 号: | %s | 关 键 词: | %d年;工作目标任务;分解落实方案;通知 |\n", docNumber, y)
	buf.WriteString("| 内容概览: | |||\n")
	buf.WriteString(notice + "\n")
	if p.isCity() {
		buf.WriteString("各区人民政府,市府各委办局,市各直属单位:\n")
	} else {
		buf.WriteString("各街道办事处,区政府各部门,各直属单位:\n")
	}
	fmt.Fprintf(buf, "%s审议通过的《政府工作报告》,明确了%d年全%s经济社会发展的主要目标、总体要求和重点任务。为切实推动各项部署落地见效,现将《%s》印发给你们。\n",
		session(p, y), y, lvl, planTitle)
	buf.WriteString("请各有关部门和单位高度重视,切实加强组织领导,对照所承担的任务事项,逐项细化实化工作举措,确保各项目标任务高质量完成。\n")
	buf.WriteString(p.government() + "\n")
	fmt.Fprintf(buf, "%d年2月%d日\n(此件公开发布)\n%s\n", y, day, planTitle)

	sections := min(pl.tasks, 6+rng.IntN(5))
	titles := rng.Perm(len(sectionTitles))
	n := 0
	for s := range sections {
		fmt.Fprintf(buf, "%s、%s\n", chineseNumber(s+1), sectionTitles[titles[s]])
		// Tasks are spread evenly, the remainder to the first sections.
		count := pl.tasks / sections
		if s < pl.tasks%sections {
			count++
		}
		for range count {
			n++
			fmt.Fprintf(buf, "%d.%s(%s)\n", n, taskText(rng), clause(rng, p, y))
		}
	}
}

// session is the congress session whose report the plan carries out: a
// city's congress (第十六届) or a district's (三届), five years a term.
func session(p *place, year int) string {
	term, meeting := 15+(year-2012)/5, 1+(year-2012)%5
	if p.isCity() {
		return fmt.Sprintf("市第%s届人大%s次会议", chineseNumber(term), chineseNumber(meeting))
	}
	return fmt.Sprintf("区%s届人大%s次会议", chineseNumber(term-12), chineseNumber(meeting))
}

// taskText is a task's sentence: an action on an object, how, and for some
// tasks a measurable target.
func taskText(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString(actions[rng.IntN(len(actions))])
	b.WriteString(objects[rng.IntN(len(objects))])
	b.WriteString(",")
	b.WriteString(means[rng.IntN(len(means))])
	switch rng.IntN(4) {
	case 0:
		fmt.Fprintf(&b, ",%s增长%d%%左右", indicators[rng.IntN(len(indicators))], 2+rng.IntN(7))
	case 1:
		c := counters[rng.IntN(len(counters))]
		fmt.Fprintf(&b, ",全年%s%d%s", c.what, 10*(1+rng.IntN(50)), c.unit)
	}
	b.WriteString("。")
	return b.String()
}

// clause names one to three leads and zero to eight cooperators:
// (市发改委、市财政局主办,市税务局协办).
func clause(rng *rand.Rand, p *place, year int) string {
	leads := 1
	switch r := rng.IntN(10); {
	case r >= 9:
		leads = 3
	case r >= 6:
		leads = 2
	}
	coops := 0
	if rng.IntN(10) >= 3 {
		coops = min(8, 1+int(rng.ExpFloat64()*2))
	}
	var taken []int
	names := func(n int, cum []float64) string {
		parts := make([]string, n)
		for i := range parts {
			u := draw(rng, cum, taken)
			taken = append(taken, u)
			parts[i] = p.units[u].written(year)
		}
		return strings.Join(parts, "、")
	}
	s := names(leads, p.leadCum) + "主办"
	if coops > 0 {
		s += "," + names(coops, p.coopCum) + "协办"
	}
	return s
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseNumber writes 1–99 as section headings and sessions do: 十一, 二十.
func chineseNumber(n int) string {
	tens, ones := n/10, n%10
	s := ""
	switch {
	case tens == 1:
		s = "十"
	case tens > 1:
		s = digits[tens] + "十"
	}
	if ones > 0 || tens == 0 {
		s += digits[ones]
	}
	return s
}
