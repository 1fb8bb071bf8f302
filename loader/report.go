package loader

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	// speakerRe reads who delivers a report: 我代表南京市人民政府向大会报告工作.
	speakerRe = regexp.MustCompile(`我代表(\p{Han}{2,20}?政府)[,，]?向大会(?:作|做)?报告(?:政府)?工作`)
	// reviewRe reads the heading of the review of the past year: 2023年工作回顾.
	reviewRe = regexp.MustCompile(`((?:19|20)\d\d)年(?:工作)?回顾`)
)

// looksLikeReport reports whether the document is a government work report:
// it opens by addressing the congress (各位代表), or says it is delivered to
// it, or its title calls it one.
func (p *parser) looksLikeReport() bool {
	for i, l := range p.lines {
		if i >= 10 {
			break
		}
		if i < 3 && strings.HasPrefix(l.text, "各位代表") {
			return true
		}
		if speakerRe.MatchString(l.text) || (strings.HasSuffix(l.text, "政府工作报告") && utf8.RuneCountInString(l.text) <= 30) {
			return true
		}
	}
	return false
}

// readReport reads a work report. Its sections are the areas of work for
// the year ahead: the （一）（二）… under the top-level heading that names
// that year's work (二、2024年重点工作), not those of the review of the year
// past (一、2023年工作回顾).
func (p *parser) readReport(doc *Document) error {
	doc.Kind = KindReport
	work, year, ok := p.reportWorkPart()
	if !ok {
		return &ParseError{File: p.file, Err: ErrNoDocument,
			Msg: "reads like a work report (各位代表) but has no heading for the year's work (二、2024年重点工作) with areas （一）（二）…"}
	}
	doc.Year = year
	end := len(p.lines)
	for i := work + 1; i < len(p.lines); i++ {
		if l := p.lines[i]; l.marked && l.mark.style == styleCnComma || l.trailer {
			end = i
			break
		}
	}
	prev := 0
	for _, l := range p.lines[work+1 : end] {
		if !l.marked || l.mark.style != styleCnParen {
			continue
		}
		if prev > 0 && l.mark.num != prev+1 {
			p.warn(l.num, "section number %d follows %d", l.mark.num, prev)
		}
		prev = l.mark.num
		doc.Sections = append(doc.Sections, Section{Number: l.mark.num, Title: leadSentence(l.mark.rest), Line: l.num, Tasks: []Task{}})
	}
	if len(doc.Sections) == 0 {
		p.warn(p.lines[work].num, "the year's work has no areas numbered （一）（二）…")
	}
	for _, l := range p.lines[work:end] {
		if ts, ok := readTargets(l.text); ok {
			doc.Targets = ts
			break
		}
	}

	h := p.readHeader(p.lines[:min(len(p.lines), 10)], false)
	speaker := ""
	for _, l := range p.lines[:min(len(p.lines), 10)] {
		if m := speakerRe.FindStringSubmatch(l.text); m != nil {
			speaker = m[1]
			break
		}
	}
	doc.Jurisdiction, doc.Issuer = p.decidePlace(h, nil, speaker)
	p.applyOverrides(doc, "its heading of the year's work")
	doc.Date = h.date
	if doc.Date == "" && h.sessionText != "" {
		// A report's subtitle dates its delivery: ——2024年1月8日在南京市第十七届….
		if m := cnDateRe.FindStringSubmatch(h.sessionText); m != nil {
			doc.Date, _ = isoDate(m[1], m[2], m[3])
		}
	}
	doc.Title = h.title
	if doc.Title == "" {
		for _, l := range p.lines[:min(len(p.lines), 10)] {
			if strings.HasSuffix(l.text, "政府工作报告") && utf8.RuneCountInString(l.text) <= 30 {
				doc.Title = l.text
				break
			}
		}
	}
	if doc.Title == "" {
		doc.Title = fmt.Sprintf("%d年%s工作报告", doc.Year, doc.Issuer)
		p.warn(0, "the document has no title; titled %q from its year and speaker", doc.Title)
	}
	return nil
}

// reportWorkPart finds the top-level heading of the year's work and the
// year: 二、2024年重点工作. Without a year in it, the year after the one
// reviewed (一、2023年工作回顾) is taken.
func (p *parser) reportWorkPart() (int, int, bool) {
	reviewed := 0
	for i, l := range p.lines {
		if !l.marked || l.mark.style != styleCnComma {
			continue
		}
		if m := reviewRe.FindStringSubmatch(l.mark.rest); m != nil {
			reviewed = atoi(m[1])
			continue
		}
		if m := yearRe.FindStringSubmatch(l.mark.rest); m != nil && strings.Contains(l.mark.rest, "工作") {
			return i, atoi(m[1]), true
		}
		if reviewed > 0 && (strings.Contains(l.mark.rest, "今年") || strings.Contains(l.mark.rest, "工作")) {
			return i, reviewed + 1, true
		}
	}
	return 0, 0, false
}

// leadSentence is an area's title: the sentence its paragraph opens with,
// （一）坚持扩大内需、稳定外需，着力巩固和增强经济回升向好态势。更好统筹….
func leadSentence(s string) string {
	if i := strings.Index(s, "。"); i >= 0 {
		return s[:i]
	}
	return s
}
