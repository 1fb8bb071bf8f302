package loader

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// header is what a document says about itself before its body: a metadata
// table copied from the publishing site, and the notice's own title, number,
// signature and date.
type header struct {
	meta map[string]metaField // by canonical key: title, issuer, docNumber, date…

	title       string
	planHeading string // 2026年市政府主要工作目标任务分解落实方案
	planName    string // a heading without a year: 支持四县小康攻坚重点工作责任分工方案

	docNumber string
	date      string // the date the document was signed, else the site's
	signed    bool   // date is the document's own, not a site's
	signature string // the line above the date: the issuing government
	signLine  int
	session   string // 市第十七届人大五次会议
	// sessionText is the session's line up to the session's end: a report's
	// subtitle names the place there (在南京市第十九届人民代表大会…上).
	sessionText string
	// workYear is the year the notice says the tasks are for: 现将2023年重点
	// 工作任务进行分解.
	workYear int
	// nextYear: the notice speaks of 明年, as one published in December does.
	nextYear bool
	// cited is the number of a document the notice cites in its text:
	// 为落实《…指导意见》(赣府发〔2017〕12号).
	cited string
}

type metaField struct {
	value string
	line  int
}

// metaKeys maps the labels of sites' metadata tables and legal databases,
// spaces removed (文 号 → 文号), to what they hold; "" marks a label known
// only so that a line holding several (发布时间：2025-02-07 来源：XX
// 浏览次数：) can be split. Dates are ranked: the date a document was signed
// (date1–date3) beats the date a site made its page (date4–date6).
var metaKeys = map[string]string{
	"信息名称": "title", "标题": "title", "名称": "title", "文件名称": "title", "题名": "title", "公文标题": "title", "法规标题": "title",
	"发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布单位": "issuer", "成文机关": "issuer",
	"制定机关": "issuer", "发布部门": "issuer", "发布机关": "issuer", "颁布机关": "issuer", "发文机构": "issuer",
	"文号": "docNumber", "发文字号": "docNumber", "发文文号": "docNumber", "字号": "docNumber", "文件编号": "docNumber",
	"成文日期": "date1", "成文时间": "date1", "发文日期": "date2", "发文时间": "date2", "印发日期": "date3", "签发日期": "date3",
	"生成日期": "date4", "发布日期": "date5", "发布时间": "date5", "公布日期": "date5", "公开日期": "date5", "发表时间": "date5",
	"日期": "date6", "时间": "date6", "更新时间": "date6",
	"来源": "source", "信息来源": "source", "文章来源": "", "作者": "", "编辑": "", "责任编辑": "", "浏览次数": "", "浏览量": "", "访问量": "", "访问次数": "", "点击数": "", "点击量": "", "阅读量": "",
	"阅读次数": "", "索引号": "", "主题分类": "", "信息分类": "", "组配分类": "", "体裁分类": "", "分类": "", "主题词": "",
	"关键词": "", "时效性": "", "有效性": "", "效力级别": "", "生效日期": "", "施行日期": "", "实施日期": "", "废止日期": "",
	"失效日期": "", "有效期": "", "公文种类": "", "文种": "", "字体": "", "所属主题": "",
	"批准部门": "", "法规类别": "", "专题分类": "", "唯一标志": "", "生效时间": "", "废止时间": "", "公开范围": "",
	"公开方式": "", "内容概述": "", "内容概览": "", "归档时间": "",
}

// signedDateKeys rank the dates a document signs itself with.
var signedDateKeys = []string{"date1", "date2", "date3"}

// siteDateKeys rank the dates a site gives its page.
var siteDateKeys = []string{"date4", "date5", "date6"}

var (
	// docNumberRe reads 宁政发〔2021〕16号, with any of the brackets sites
	// substitute for 〔〕, matched or not (〔2013]).
	docNumberRe = regexp.MustCompile(`(\p{Han}{1,10})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,5})\s*号`)
	// sessionRe reads the congress session a plan implements, short
	// (区三届人大四次会议) or long (市第十七届人民代表大会第五次会议).
	sessionRe = regexp.MustCompile(`(?:自治区|自治州|自治县|[省市区县州旗盟])?第?[一二三四五六七八九十百零〇]+届(?:人大|人民代表大会)(?:常委会)?第?[一二三四五六七八九十]+次(?:全体)?会议`)
	// workYearRe reads the year a notice or a heading gives the work:
	// 2023年重点工作, 2024年政府工作报告重点工作, 2021年经济社会发展主要预期目标.
	workYearRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年度?(?:全?[省市区县])?(?:政府)?《?(?:[省市区县]?政府工作报告)?》?(?:确定的|提出的|明确的|所列的?)?(?:经济社会发展)?(?:重点|主要)?(?:预期)?(?:工作|任务|目标|民生工程|民生实事)`)
)

// titleEnds end the title of an official document or the heading of a plan
// (…分解表, …进度表, …汇总表 end in 表).
var titleEnds = []string{"通知", "方案", "意见", "决定", "报告", "函", "批复", "通报", "办法", "规划", "计划", "清单",
	"分解", "分工", "表", "台账", "安排"}

// startsWithYear reports whether s opens with a year: 2026年….
func startsWithYear(s string) bool {
	return len(s) > 4+len("年") && isDigits(s[:4]) && strings.HasPrefix(s[4:], "年")
}

func endsLikeTitle(s string) bool {
	for _, e := range titleEnds {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// isPlanHeading reports whether s heads a plan: 2023年区政府工作报告重点工作
// 目标任务分解, 咸安区2023年重点工作任务分工方案 — a short line, not a
// sentence, with a year near its start, ending as a plan's title does.
func isPlanHeading(s string) bool {
	if len(s) > 240 || !strings.Contains(s, "年") {
		return false
	}
	s = headingText(s)
	if utf8.RuneCountInString(s) > 60 || !endsLikeTitle(s) || strings.ContainsAny(s, "。，,；;：:|") {
		return false
	}
	if startsWithYear(s) {
		return true
	}
	loc := yearRe.FindStringIndex(s)
	return loc != nil && utf8.RuneCountInString(s[:loc[0]]) <= 12 && !strings.Contains(s[:loc[0]], "关于")
}

// attachmentNameRe is the file name an attachment's heading may be written
// as: 2021年重大民生实事项目目标任务责任分解表.docx.
var attachmentNameRe = regexp.MustCompile(`(?i)\.(?:docx?|wps|xlsx?|pdf)$`)

// headingText is a heading without what may follow its name: a file
// extension, a closing note in brackets (截至10月31日).
func headingText(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ".") {
		s = attachmentNameRe.ReplaceAllString(s, "")
	}
	for _, pair := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if strings.HasSuffix(s, pair[1]) {
			if i := strings.LastIndex(s, pair[0]); i > 0 {
				s = strings.TrimSpace(s[:i])
			}
		}
	}
	return s
}

// isPlanName reports whether s names a plan without a year: a short line,
// not a sentence, ending as a plan's title does.
func isPlanName(s string) bool {
	if len(s) > 240 {
		return false
	}
	s = headingText(s)
	n := utf8.RuneCountInString(s)
	return n >= 6 && n <= 60 && endsLikeTitle(s) && !strings.ContainsAny(s, "。，,；;：:|") && !strings.Contains(s, "关于")
}

// readHeader reads the lines before a document's body. Only a plan's
// notice is read for the year of the work and the issuer a report names
// (forPlan): a work report opens with long paragraphs that give neither.
func (p *parser) readHeader(lines []line, forPlan bool) header {
	h := header{meta: map[string]metaField{}}
	govLine := -1          // a line naming a government alone, not part of the title
	var reported metaField // the government a news report or site says the notice is from
	// titled: the title or a heading gives the year; issuerTitled: the
	// title names the issuing government.
	titled, issuerTitled := false, false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if isPipeRow(l.text) {
			readMetaRow(h.meta, splitRow(l.text), l.num)
			continue
		}
		if pairs, ok := metaPairs(l.text); ok {
			// A label alone, its value on the next line: a table scraped
			// one cell per line.
			if last := &pairs[len(pairs)-1]; last.value == "" && i+1 < len(lines) && !isPipeRow(lines[i+1].text) {
				if _, next := metaPairs(lines[i+1].text); !next && utf8.RuneCountInString(lines[i+1].text) <= 60 {
					last.value = lines[i+1].text
					i++
				}
			}
			for _, m := range pairs {
				keepMeta(h.meta, m.key, m.value, l.num)
			}
			continue
		}
		switch {
		case h.title == "" && strings.Contains(l.text, "关于") && utf8.RuneCountInString(l.text) <= 80:
			title, used := titleFrom(lines, i)
			if title == "" {
				break
			}
			if strings.HasPrefix(title, "关于") && i > 0 && isGovName(lines[i-1].text) {
				// The issuer set on a line of its own above: 河南省人民政府 / 关于….
				title = strings.Join(strings.Fields(lines[i-1].text), "") + title
				if govLine == i-1 {
					govLine = -1
				}
			}
			h.title = title
			titled = titled || yearRe.MatchString(title)
			before, _, _ := strings.Cut(title, "关于")
			issuerTitled = isGovName(before)
			if h.docNumber == "" && strings.Contains(l.text, "号") {
				if m := docNumberRe.FindStringSubmatchIndex(l.text); m != nil && m[0] == 0 {
					// The number set before the title on its line.
					h.docNumber = normalizeDocNumber([]string{"", l.text[m[2]:m[3]], l.text[m[4]:m[5]], l.text[m[6]:m[7]]})
				}
			}
			i += used - 1
			continue
		case h.planHeading == "" && isPlanHeading(quoted(headingLine(l))):
			h.planHeading = headingText(quoted(headingLine(l)))
			titled = true
		case h.planName == "" && isPlanName(quoted(headingLine(l))):
			h.planName = headingText(quoted(headingLine(l)))
		case len(l.text) <= 30*3 && isGovName(l.text):
			govLine = i
		}
		// The number and the date stand on lines of their own; the length
		// checks keep the regexps off the notice's long paragraphs. A number
		// inside a paragraph is that of a document the notice cites.
		if (h.docNumber == "" || h.cited == "") && strings.Contains(l.text, "号") {
			if m := docNumberRe.FindStringSubmatch(l.text); m != nil {
				if len(l.text) <= 90 && h.docNumber == "" {
					h.docNumber = normalizeDocNumber(m)
				} else if h.cited == "" {
					h.cited = normalizeDocNumber(m)
				}
			}
		}
		if h.date == "" && len(l.text) <= 90 && strings.Contains(l.text, "日") {
			if d, before, ok := signedDate(l.text); ok {
				h.date, h.signed = d, true
				switch {
				case before != "":
					h.signature, h.signLine = before, l.num
				case i > 0 && isSignatureLine(lines[i-1]):
					h.signature, h.signLine = lines[i-1].text, lines[i-1].num
				}
			}
		}
		if h.session == "" {
			if start, end, ok := findSession(l.text); ok {
				h.session, h.sessionText = l.text[start:end], l.text[:end]
			}
		}
		// What a notice says is asked only while the title does not tell.
		if h.workYear == 0 && !titled && forPlan {
			h.workYear, _ = workYear(l.text)
		}
		if reported.value == "" && !issuerTitled && forPlan && len(l.text) <= 1500 {
			if name, ok := newsIssuer(l.text); ok {
				reported = metaField{value: name, line: l.num}
			}
		}
		h.nextYear = h.nextYear || strings.Contains(l.text, "明年") || strings.Contains(l.text, "来年")
	}
	if src, ok := h.meta["source"]; ok && isGovName(src.value) && h.meta["issuer"].value == "" {
		// A site's 来源 naming a government: the office that published it.
		h.meta["issuer"] = src
	}
	if h.meta["issuer"].value == "" && h.signature == "" && govLine < 0 && !issuerTitled && reported.value != "" {
		// Only when the notice names no issuer itself: a notice may cite
		// what a higher government issued (根据省人民政府印发的…).
		h.meta["issuer"] = reported
	}
	if h.signature == "" && govLine >= 0 {
		h.signature, h.signLine = lines[govLine].text, lines[govLine].num
	}
	if f, ok := h.meta["title"]; ok && f.value != "" && (yearRe.MatchString(f.value) || !yearRe.MatchString(h.title)) {
		// The site's title is the cleaner, unless only the text's gives
		// the year.
		h.title = f.value
	}
	if f, ok := h.meta["docNumber"]; ok {
		if m := docNumberRe.FindStringSubmatch(f.value); m != nil {
			h.docNumber = normalizeDocNumber(m)
		}
	}
	if h.date == "" {
		h.date, h.signed = metaDate(h.meta, signedDateKeys), true
	}
	if h.date == "" {
		h.date, h.signed = metaDate(h.meta, siteDateKeys), false
	}
	if h.date == "" {
		for _, l := range lines {
			if len(l.text) > 60 {
				continue
			}
			if d, ok := siteDate(l.text); ok {
				h.date = d
				break
			}
		}
	}
	return h
}

// findSession finds a congress session in s. The regexp runs only on the
// few characters around each 届, not on a whole paragraph.
func findSession(s string) (start, end int, ok bool) {
	for from := 0; ; {
		i := strings.Index(s[from:], "届")
		if i < 0 {
			return 0, 0, false
		}
		i += from
		lo, hi := max(0, i-3*12), min(len(s), i+3*24)
		for lo > 0 && !utf8.RuneStart(s[lo]) {
			lo--
		}
		for hi < len(s) && !utf8.RuneStart(s[hi]) {
			hi++
		}
		if loc := sessionRe.FindStringIndex(s[lo:hi]); loc != nil {
			return lo + loc[0], lo + loc[1], true
		}
		from = i + len("届")
	}
}

// isSignatureLine reports whether l may sign the date below it: a short
// line, not a numbered one, a table row, a label (附件：…) or a list of
// attachments.
func isSignatureLine(l line) bool {
	return !l.marked && utf8.RuneCountInString(l.text) <= 30 && !isPipeRow(l.text) &&
		!strings.ContainsAny(l.text, ":：") && !strings.HasPrefix(l.text, "附件")
}

// metaDate is the first date of the ranked keys the metadata holds.
func metaDate(meta map[string]metaField, keys []string) string {
	for _, k := range keys {
		if d, ok := parseDate(meta[k].value); ok {
			return d
		}
	}
	return ""
}

// titleFrom reads a title starting at lines[i], which holds 关于: on that
// line, or set over up to four (广东省人民政府关于印发2021年 / 省《政府工作
// 报告》重点任务 / 分工方案的通知). It returns the title and the lines used,
// or "" when no title ends there.
func titleFrom(lines []line, i int) (string, int) {
	title := titleText(lines[i].text)
	for n := 1; ; n++ {
		// A title that opened 《 has not ended before the 》: …印发《2023年
		// 市〈政府工作报告〉任务分解 / 和责任分工方案》的通知.
		open := strings.Count(title, "《") > strings.Count(title, "》")
		if endsLikeTitle(title) && !open {
			return title, n
		}
		if cut, ok := withoutSiteName(title); ok {
			return cut, n
		}
		if n == 4 || i+n >= len(lines) {
			return "", 0
		}
		next := lines[i+n].text
		if strings.Contains(next, "关于") || utf8.RuneCountInString(next) > 40 || isPipeRow(next) || strings.Contains(next, "号") && docNumberRe.MatchString(next) {
			return "", 0
		}
		title += strings.TrimSpace(next)
	}
}

// titleText is a title line without what sites set before a title: their
// breadcrumbs, a column's name in 【】 (【民生实事】), the document number
// (鲁政办字〔2015〕46号 山东省人民政府办公厅关于…).
func titleText(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, ">＞»"); i >= 0 && strings.Contains(s[i:], "关于") {
		// The site's breadcrumbs: 首页 > 政务公开 > 关于印发…的通知.
		_, size := utf8.DecodeRuneInString(s[i:])
		s = strings.TrimSpace(s[i+size:])
	}
	if strings.HasPrefix(s, "【") {
		if i := strings.Index(s, "】"); i > 0 && !strings.Contains(s[:i], "关于") {
			s = strings.TrimSpace(s[i+len("】"):])
		}
	}
	if !strings.Contains(s, "号") {
		return s
	}
	if loc := docNumberRe.FindStringIndex(s); loc != nil && loc[0] == 0 {
		s = strings.TrimSpace(s[loc[1]:])
	}
	return s
}

// withoutSiteName cuts the site's name a page's title ends with:
// …的通知-欧洲杯网络平台, …的意见_湖南省人民政府门户网站.
func withoutSiteName(s string) (string, bool) {
	i := strings.LastIndexAny(s, "-_|–—")
	if i <= 0 {
		return "", false
	}
	title := strings.TrimSpace(s[:i])
	return title, endsLikeTitle(title)
}

// newsIssuerRe reads the government a news report or a site says a notice
// comes from: 渝中区人民政府办公室印发《…》, 安徽省人民政府日前下发关于…,
// 成都市人民政府网站公布《…》, …-湖南省人民政府门户网站.
var newsIssuerRe = regexp.MustCompile(`(\p{Han}{2,12}?人民政府(?:办公厅|办公室)?)(?:门户网站|网站|日前|近日|近期|正式|印发|下发|公布|发布|出台|发出)`)

// newsIssuer is the first government newsIssuerRe finds in s.
func newsIssuer(s string) (string, bool) {
	if !strings.Contains(s, "人民政府") {
		return "", false
	}
	for _, m := range newsIssuerRe.FindAllStringSubmatch(s, -1) {
		name := m[1]
		for _, lead := range []string{"日前", "近日", "近期", "据", "经", "由"} {
			name = strings.TrimPrefix(name, lead)
		}
		if isGovName(name) && !strings.Contains(name, "委") {
			return name, true
		}
	}
	return "", false
}

// listNumberRe is the number a list gives a heading: 2. (2.2025年…).
var listNumberRe = regexp.MustCompile(`^\d{1,2}\s*[.、．]\s*`)

// headingLine is a heading's text without the number a list may give it:
// 2.2025年十五件民盼实事任务分解.
func headingLine(l line) string {
	if loc := listNumberRe.FindStringIndex(l.text); loc != nil && startsWithYear(l.text[loc[1]:]) {
		return l.text[loc[1]:]
	}
	return l.text
}

// quoted is s without the 《》 a line may set a plan's name in.
func quoted(s string) string {
	if inner, ok := strings.CutPrefix(s, "《"); ok {
		if inner, ok := strings.CutSuffix(inner, "》"); ok {
			return inner
		}
	}
	return s
}

// workYear reads the year a line gives the work (2023年重点工作), not the
// year it reviews (2022年工作回顾, 在总结2022年工作的基础上).
func workYear(s string) (int, bool) {
	if !strings.Contains(s, "年") {
		return 0, false
	}
	for _, loc := range workYearRe.FindAllStringSubmatchIndex(s, -1) {
		before, rest := s[:loc[0]], s[loc[1]:]
		if strings.HasPrefix(rest, "回顾") || strings.HasPrefix(rest, "总结") || strings.HasPrefix(rest, "完成情况") ||
			strings.HasSuffix(before, "回顾") || strings.HasSuffix(before, "总结") || strings.HasSuffix(before, "完成") {
			continue
		}
		return atoi(s[loc[2]:loc[3]]), true
	}
	return 0, false
}

// readMetaRow reads a metadata row: | 发布机构: | 南京市人民政府 | 生成日期: | 2026-02-08 |.
// A key is a cell ending in a colon, or a known label alone; its value is
// the next cell, unless that is a key too (| 生效日期: | 废止日期: |). A
// cell may also hold a label and its value: | 文号：宁政发〔2021〕16号 |.
func readMetaRow(meta map[string]metaField, cells []string, num int) {
	for i := 0; i < len(cells); i++ {
		key, ok := metaKey(cells[i])
		if !ok {
			if pairs, ok := metaPairs(cells[i]); ok {
				for _, m := range pairs {
					keepMeta(meta, m.key, m.value, num)
				}
			}
			continue
		}
		value := ""
		if i+1 < len(cells) {
			if _, isKey := metaKey(cells[i+1]); !isKey {
				value = cells[i+1]
				i++
			}
		}
		keepMeta(meta, metaKeys[key], value, num)
	}
}

// officeRe is an office written in brackets after its government:
// 泾县人民政府(办公室).
var officeRe = regexp.MustCompile(`[(（](办公室|办公厅)[)）]`)

// keepMeta records the first value of a canonical key that holds what the
// key promises: a document number, a date. Sites reuse labels (字号 is
// also their font-size switch: 字号:【大 中 小】).
func keepMeta(meta map[string]metaField, key, value string, num int) {
	if key == "" || value == "" {
		return
	}
	if _, seen := meta[key]; seen {
		return
	}
	switch {
	case key == "docNumber" && !docNumberRe.MatchString(value):
		return
	case strings.HasPrefix(key, "date"):
		if _, ok := parseDate(value); !ok {
			return
		}
	case key == "source":
		// A source may be followed by the time it was posted: 华容县政府 2021-03-23 10:56.
		fields := strings.Fields(value)
		value = fields[0]
		keepMeta(meta, "date6", strings.Join(fields[1:], " "), num)
		fallthrough
	case key == "issuer":
		// 泾县人民政府(办公室) is the government's office.
		value = officeRe.ReplaceAllString(value, "$1")
	}
	meta[key] = metaField{value: value, line: num}
}

// metaKey reads a cell that is a label: one ending in a colon (any label,
// so that its value is not read as one), or a known label alone.
func metaKey(cell string) (string, bool) {
	k, ok := strings.CutSuffix(cell, ":")
	if !ok {
		k, ok = strings.CutSuffix(cell, "：")
	}
	if !ok && len(cell) > 3*12 { // labels are short; values need no lookup
		return "", false
	}
	if strings.ContainsAny(k, " \t\u3000") {
		k = strings.Join(strings.Fields(k), "")
	}
	if !ok {
		_, ok = metaKeys[k]
	}
	if !ok {
		return "", false
	}
	return k, true
}

// metaPair is one labelled value of a metadata line; key is the canonical
// key, "" for a label known but not kept.
type metaPair struct{ key, value string }

// metaPairs reads a line of labelled values: 文号：宁政发〔2021〕16号,
// 发布时间：2025-02-07 来源：XX 浏览次数：, 时间 : 2021-05-14 来源 : 本网,
// the legal databases' 【字 号】粤府〔2021〕22号 【时效性】现行有效. ok is
// false unless the line opens with a known label.
func metaPairs(s string) ([]metaPair, bool) {
	if strings.IndexByte(s, ':') < 0 && !strings.Contains(s, "：") && !strings.Contains(s, "【") {
		return nil, false // no label without a colon or a bracket: most lines of a plan
	}
	s = strings.TrimSpace(strings.TrimLeft(s, bullets))
	if strings.HasPrefix(s, "【") {
		s = bracketLabels(s)
	}
	type label struct{ start, end int } // the label's start, the colon's end
	var labels []label
	for i, r := range s {
		if r != ':' && r != '：' {
			continue
		}
		start, ok := labelBefore(s[:i])
		if !ok {
			continue
		}
		if len(labels) == 0 && start != 0 && !metaPrefix(s[:start]) {
			return nil, false
		}
		labels = append(labels, label{start, i + utf8.RuneLen(r)})
	}
	if len(labels) == 0 {
		return nil, false
	}
	pairs := make([]metaPair, len(labels), len(labels)+1)
	for j, lb := range labels {
		end := len(s)
		if j+1 < len(labels) {
			end = labels[j+1].start
		}
		key := strings.Join(strings.Fields(strings.TrimRight(s[lb.start:lb.end], ":："+" ")), "")
		pairs[j] = metaPair{key: metaKeys[key], value: strings.TrimSpace(s[lb.end:end])}
	}
	if prefix := strings.TrimSpace(s[:labels[0].start]); prefix != "" {
		// 2021-05-27 14:31 来源：… : the unlabelled date of the page.
		pairs = append(pairs, metaPair{key: "date6", value: prefix})
	}
	return pairs, true
}

// metaPrefix reports whether what precedes a line's first label leaves it
// a line of labels: the site's breadcrumbs or the page's date, not a
// sentence or a title (关于印发…的通知 发布日期：…).
func metaPrefix(s string) bool {
	return len(s) <= 60 && !strings.ContainsAny(s, "。，,；;") && !strings.Contains(s, "关于")
}

// labelBefore finds the known label s ends with (spaces before a colon
// allowed: 时间 :), set off from what precedes it by the start of s, a
// space or punctuation, and returns where it starts. Labels may be spaced
// out (索 引 号).
func labelBefore(s string) (int, bool) {
	end := len(strings.TrimRight(s, " \t\u3000"))
	start, best := end, -1
	var key []rune
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsSpace(r) {
			start -= size
			continue
		}
		if !unicode.Is(unicode.Han, r) || len(key) >= 6 {
			break
		}
		key = append([]rune{r}, key...)
		start -= size
		if _, known := metaKeys[string(key)]; known && (start == 0 || !unicode.Is(unicode.Han, lastRune(s[:start]))) {
			best = start
		}
	}
	return best, best >= 0
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// bracketLabels writes the legal databases' 【label】value as label：value.
func bracketLabels(s string) string {
	var b strings.Builder
	for {
		open := strings.Index(s, "【")
		if open < 0 {
			break
		}
		closing := strings.Index(s[open:], "】")
		if closing < 0 {
			break
		}
		label := s[open+len("【") : open+closing]
		b.WriteString(s[:open])
		if _, known := metaKeys[strings.Join(strings.Fields(label), "")]; known {
			b.WriteString(" " + label + "：")
		} else {
			b.WriteString(s[open : open+closing+len("】")])
		}
		s = s[open+closing+len("】"):]
	}
	b.WriteString(s)
	return strings.TrimSpace(b.String())
}

// normalizeDocNumber writes a document number with the standard 〔〕.
func normalizeDocNumber(m []string) string {
	return m[1] + "〔" + m[2] + "〕" + m[3] + "号"
}

// planYear is the year a plan's tasks are for, and what says so
// (headingYear reads the body's headings, asked only when needed). A title
// or heading that names it decides (关于印发2024年…的通知 is 2024's plan
// even when dated 2023-12-28), the title first: a site sets headings of
// other pages around a document, never another title; then the notice (现将2023年重点工作任务…) or
// a section heading (一、2021年经济社会发展主要预期目标); then the date:
// plans are issued after the congress session early in the year they are
// for, so a plan dated in December, or in November speaking of 明年, is
// the next year's; then the document number's year, the next one when the
// notice speaks of 明年. A date only a site gives comes last.
func planYear(h header, headingYear func() int) (year int, from string, ok bool) {
	for _, c := range []struct{ what, text string }{{"title", h.title}, {"heading", h.planHeading}} {
		if m := yearRe.FindStringSubmatch(c.text); m != nil {
			return atoi(m[1]), c.what + " " + c.text, true
		}
	}
	if h.workYear != 0 {
		return h.workYear, "the notice", true
	}
	if y := headingYear(); y != 0 {
		return y, "a section heading", true
	}
	byDate := func() (int, string, bool) {
		y, m := atoi(h.date[:4]), atoi(h.date[5:7])
		if m == 12 || m == 11 && h.nextYear {
			return y + 1, fmt.Sprintf("its date %s (a plan issued at the end of a year is for the next)", h.date), true
		}
		return y, "its date " + h.date, true
	}
	if h.date != "" && h.signed {
		return byDate()
	}
	if m := docNumberRe.FindStringSubmatch(h.docNumber); m != nil {
		if h.nextYear {
			return atoi(m[2]) + 1, "document number " + h.docNumber + " and the notice's 明年", true
		}
		return atoi(m[2]), "document number " + h.docNumber, true
	}
	if h.date != "" {
		return byDate()
	}
	if y, ok := provincialSessionYear(h.session); ok {
		return y, fmt.Sprintf("the session %s (most provinces' congresses began their 13th term in 2018, and a term has a session a year for five years)", h.session), true
	}
	if m := docNumberRe.FindStringSubmatch(h.cited); m != nil {
		return atoi(m[2]), "the number of the document it carries out, " + h.cited, true
	}
	return 0, "", false
}

// sessionNumbersRe reads a session's term and number: 十三届人大五次会议.
var sessionNumbersRe = regexp.MustCompile(`([一二三四五六七八九十]+)届.*?([一二三四五六七八九十]+)次`)

// provincialSessionYear estimates the year a provincial congress held a
// session, for a plan that gives no other clue: provincial congresses are
// elected together every five years (2013, 2018, 2023) and most numbered
// the term begun in 2018 the 13th, so 省十三届人大五次会议 met early in
// 2022. Some provinces and the municipalities number otherwise; a warning
// says how the year was found.
func provincialSessionYear(session string) (int, bool) {
	if !strings.HasPrefix(session, "省") && !strings.HasPrefix(session, "自治区") {
		return 0, false
	}
	m := sessionNumbersRe.FindStringSubmatch(session)
	if m == nil {
		return 0, false
	}
	term, n := cnNumber(m[1]), cnNumber(m[2])
	if n < 1 || n > 5 || term < 9 || term > 16 {
		return 0, false
	}
	return 2018 + 5*(term-13) + n - 1, true
}

// isGovName reports whether s names a government or its office:
// 南京市人民政府, 鼓楼区人民政府, 南京市人民政府办公厅 — a place of at least
// two Chinese characters before 政府, and nothing else.
func isGovName(s string) bool {
	_, ok := govPlaceName(s)
	return ok
}

// govPlaceName is the place a government's name names, without spaces:
// 咸宁市咸安区 of 咸宁市咸安区人民政府办公室 or 咸宁市咸安区政府办.
func govPlaceName(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), "")
	for _, suffix := range []string{"办公厅", "办公室", "办"} {
		s = strings.TrimSuffix(s, suffix)
	}
	place, ok := strings.CutSuffix(s, "政府")
	if !ok {
		return "", false
	}
	place = strings.TrimSuffix(place, "人民")
	if utf8.RuneCountInString(place) < 2 {
		return "", false
	}
	for _, r := range place {
		if !unicode.Is(unicode.Han, r) {
			return "", false
		}
	}
	return place, true
}

// readPlanHeader fills a plan's metadata from its header and decides its
// jurisdiction and issuer on the evidence of the whole document.
func (p *parser) readPlanHeader(doc *Document, b planBody) {
	h := p.readHeader(p.lines[:b.start], true)
	if h.signature == "" || h.date == "" {
		p.readClosing(&h, p.lines[b.start:])
	}
	doc.Kind = KindPlan
	doc.Title = cmp.Or(h.title, h.planHeading, h.planName)
	if doc.Title == "" {
		p.warn(0, "the document has no title")
	}
	doc.DocNumber, doc.Date = h.docNumber, h.date
	y, from, ok := planYear(h, func() int { return p.headingYear(b) })
	if !ok {
		y, from, ok = p.mostNamedYear()
	}
	if ok && !strings.HasPrefix(from, "heading") && !strings.HasPrefix(from, "title") && p.given.Year == 0 {
		p.warn(0, "no year in the title: %d taken from %s; if wrong, give it with --year or in %s", y, from, ManifestFile)
	}
	doc.Year = y
	doc.Jurisdiction, doc.Issuer = p.decidePlace(h, b.unitNames, "")
	p.applyOverrides(doc, from)
	if h.session != "" {
		doc.ImplementsReport = &ReportRef{
			Session:      h.session,
			Jurisdiction: p.sessionJurisdiction(h.session, doc.Jurisdiction),
			Year:         doc.Year,
		}
	}
}

// readClosing reads the signature and date a plan may put after its body
// (the notice printed after the tasks, or a signed attachment): a
// government's name on a line of its own, dated on the next line or the
// same one. The name is required: a bare date among the tasks is a
// deadline.
func (p *parser) readClosing(h *header, lines []line) {
	for i, l := range lines {
		if l.trailer {
			break
		}
		if len(l.text) > 120 || !strings.Contains(l.text, "日") {
			continue
		}
		d, before, ok := signedDate(l.text)
		if !ok {
			continue
		}
		if before == "" && i > 0 && isGovName(lines[i-1].text) {
			before, l = lines[i-1].text, lines[i-1]
		}
		if before == "" {
			continue
		}
		if h.signature == "" {
			h.signature, h.signLine = before, l.num
		}
		if h.date == "" || !h.signed {
			h.date, h.signed = d, true
		}
		return
	}
}

// mostNamedYear is the year the text names most often, for a plan nothing
// else dates: its tasks say what is to be done in 2017 (2017年开工…). Target
// years (到2025年, 至2025年) do not count. Ties go to the earlier year.
func (p *parser) mostNamedYear() (int, string, bool) {
	count := map[int]int{}
	for _, l := range p.lines {
		if !strings.Contains(l.text, "年") {
			continue
		}
		for _, loc := range yearRe.FindAllStringSubmatchIndex(l.text, -1) {
			before := l.text[:loc[0]]
			if strings.HasSuffix(before, "到") || strings.HasSuffix(before, "至") || strings.HasSuffix(before, "—") || strings.HasSuffix(before, "-") {
				continue
			}
			count[atoi(l.text[loc[2]:loc[3]])]++
		}
	}
	best, most := 0, 0
	for y, n := range count {
		if n > most || n == most && y < best {
			best, most = y, n
		}
	}
	if best == 0 {
		return 0, "", false
	}
	return best, fmt.Sprintf("the year its text names most often (%d times)", most), true
}

// headingYear is the year the first section heading that names one gives
// the work: 一、2021年经济社会发展主要预期目标.
func (p *parser) headingYear(b planBody) int {
	for _, l := range p.lines[b.start:] {
		if l.marked && l.mark.style == b.secStyle && b.secStyle != styleNone && utf8.RuneCountInString(l.mark.rest) <= 60 {
			if y, ok := workYear(l.mark.rest); ok {
				return y
			}
		}
	}
	return 0
}

// describe quotes a field with its line for a warning.
func describe(what, value string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s %q (line %d)", what, value, line)
	}
	return fmt.Sprintf("%s %q", what, value)
}
