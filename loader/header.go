package loader

import (
	"fmt"
	"regexp"
	"strings"
	"time"
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

	docNumber string
	date      string
	signature string // the line above the date: the issuing government
	signLine  int
	session   string // 市第十七届人大五次会议
	// sessionText is the session's line up to the session's end: a report's
	// subtitle names the place there (在南京市第十九届人民代表大会…上).
	sessionText string
}

type metaField struct {
	value string
	line  int
}

// metaKeys maps the keys of sites' metadata tables, spaces removed
// (文 号 → 文号), to what they hold. Dates are ranked: the date a document
// was signed beats the date a site generated its page.
var metaKeys = map[string]string{
	"信息名称": "title", "标题": "title", "名称": "title", "文件名称": "title", "题名": "title",
	"发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布单位": "issuer", "成文机关": "issuer",
	"文号": "docNumber", "发文字号": "docNumber", "发文文号": "docNumber",
	"成文日期": "date1", "发文日期": "date2", "印发日期": "date3", "生成日期": "date4", "发布日期": "date5", "日期": "date6",
}

var (
	// docNumberRe reads 宁政发〔2021〕16号, with any of the brackets sites
	// substitute for 〔〕.
	docNumberRe = regexp.MustCompile(`(\p{Han}{1,10})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,5})\s*号`)
	// sessionRe reads the congress session a plan implements, short
	// (区三届人大四次会议) or long (市第十七届人民代表大会第五次会议).
	sessionRe = regexp.MustCompile(`[省市区县]?第?[一二三四五六七八九十百零〇]+届(?:人大|人民代表大会)(?:常委会)?第?[一二三四五六七八九十]+次(?:全体)?会议`)
	yearRe    = regexp.MustCompile(`((?:19|20)\d\d)年`)
	cnDateRe  = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	isoDateRe = regexp.MustCompile(`((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})`)
)

// titleEnds end the title of an official document.
var titleEnds = []string{"通知", "方案", "意见", "决定", "报告", "函", "批复", "通报", "办法", "规划", "计划", "清单"}

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

// readHeader reads the lines before a document's body.
func (p *parser) readHeader(lines []line) header {
	h := header{meta: map[string]metaField{}}
	for i, l := range lines {
		if isPipeRow(l.text) {
			readMetaRow(h.meta, splitRow(l.text), l.num)
			continue
		}
		if k, v, ok := metaLine(l.text); ok {
			if _, seen := h.meta[k]; !seen {
				h.meta[k] = metaField{value: v, line: l.num}
			}
			continue
		}
		switch {
		case h.title == "" && strings.Contains(l.text, "关于") && utf8.RuneCountInString(l.text) <= 80:
			if endsLikeTitle(l.text) {
				h.title = l.text
			} else if i+1 < len(lines) && endsLikeTitle(lines[i+1].text) && !strings.Contains(lines[i+1].text, "关于") {
				// A title set over two lines: …关于印发2021年市政府 / 主要工作…的通知.
				h.title = l.text + lines[i+1].text
			}
		case startsWithYear(l.text) && endsLikeTitle(l.text) && utf8.RuneCountInString(l.text) <= 60:
			h.planHeading = l.text
		}
		// The number and the date stand on lines of their own; the length
		// checks keep the regexps off the notice's long paragraphs.
		if h.docNumber == "" && len(l.text) <= 90 && strings.Contains(l.text, "号") {
			if m := docNumberRe.FindStringSubmatch(l.text); m != nil {
				h.docNumber = normalizeDocNumber(m)
			}
		}
		if h.date == "" && len(l.text) <= 40 {
			if m := cnDateRe.FindStringSubmatch(l.text); m != nil && m[0] == l.text {
				if d, ok := isoDate(m[1], m[2], m[3]); ok {
					h.date = d
					if i > 0 && !lines[i-1].marked && utf8.RuneCountInString(lines[i-1].text) <= 30 && !isPipeRow(lines[i-1].text) {
						h.signature, h.signLine = lines[i-1].text, lines[i-1].num
					}
				}
			}
		}
		if h.session == "" && strings.Contains(l.text, "届") {
			if loc := sessionRe.FindStringIndex(l.text); loc != nil {
				h.session, h.sessionText = l.text[loc[0]:loc[1]], l.text[:loc[1]]
			}
		}
	}
	if f, ok := h.meta["title"]; ok && f.value != "" {
		h.title = f.value
	}
	if f, ok := h.meta["docNumber"]; ok {
		if m := docNumberRe.FindStringSubmatch(f.value); m != nil {
			h.docNumber = normalizeDocNumber(m)
		}
	}
	if h.date == "" {
		for _, k := range []string{"date1", "date2", "date3", "date4", "date5", "date6"} {
			if d, ok := parseDate(h.meta[k].value); ok {
				h.date = d
				break
			}
		}
	}
	return h
}

// readMetaRow reads a metadata row: | 发布机构: | 南京市人民政府 | 生成日期: | 2026-02-08 |.
// A key is a cell ending in a colon; its value is the next cell, unless that
// is a key too (| 生效日期: | 废止日期: |).
func readMetaRow(meta map[string]metaField, cells []string, num int) {
	for i := 0; i < len(cells); i++ {
		key, ok := metaKey(cells[i])
		if !ok {
			continue
		}
		value := ""
		if i+1 < len(cells) {
			if _, isKey := metaKey(cells[i+1]); !isKey {
				value = cells[i+1]
				i++
			}
		}
		if k, known := metaKeys[key]; known && value != "" {
			if _, seen := meta[k]; !seen {
				meta[k] = metaField{value: value, line: num}
			}
		}
	}
}

func metaKey(cell string) (string, bool) {
	k, ok := strings.CutSuffix(cell, ":")
	if !ok {
		k, ok = strings.CutSuffix(cell, "：")
	}
	if !ok {
		return "", false
	}
	return strings.Join(strings.Fields(k), ""), true
}

// metaLine reads a metadata line outside a table: 文号：宁政发〔2021〕16号.
func metaLine(s string) (key, value string, ok bool) {
	i := strings.IndexAny(s, ":：")
	if i <= 0 {
		return "", "", false
	}
	k, known := metaKeys[strings.Join(strings.Fields(s[:i]), "")]
	if !known {
		return "", "", false
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return k, strings.TrimSpace(s[i+n:]), true
}

// normalizeDocNumber writes a document number with the standard 〔〕.
func normalizeDocNumber(m []string) string {
	return m[1] + "〔" + m[2] + "〕" + m[3] + "号"
}

// parseDate reads 2026-02-08, 2026/2/8, 2026.02.08 or 2026年2月8日.
func parseDate(s string) (string, bool) {
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	if m := cnDateRe.FindStringSubmatch(s); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	return "", false
}

// isoDate writes a valid calendar date as YYYY-MM-DD.
func isoDate(y, m, d string) (string, bool) {
	t, err := time.Parse("2006-1-2", y+"-"+m+"-"+d)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// docYear is the year a plan is for: its own heading's, else its title's,
// else its number's, else its date's.
func docYear(h header) (int, bool) {
	for _, s := range []string{h.planHeading, h.title} {
		if m := yearRe.FindStringSubmatch(s); m != nil {
			return atoi(m[1]), true
		}
	}
	if m := docNumberRe.FindStringSubmatch(h.docNumber); m != nil {
		return atoi(m[2]), true
	}
	if len(h.date) >= 4 {
		return atoi(h.date[:4]), true
	}
	return 0, false
}

// isGovName reports whether s names a government or its office:
// 南京市人民政府, 鼓楼区人民政府, 南京市人民政府办公厅 — a place of at least
// two Chinese characters before 政府, and nothing else.
func isGovName(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	for _, suffix := range []string{"办公厅", "办公室"} {
		s = strings.TrimSuffix(s, suffix)
	}
	place, ok := strings.CutSuffix(s, "政府")
	if !ok {
		return false
	}
	place = strings.TrimSuffix(place, "人民")
	if utf8.RuneCountInString(place) < 2 {
		return false
	}
	for _, r := range place {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// readPlanHeader fills a plan's metadata from its header and decides its
// jurisdiction and issuer on the evidence of the whole document.
func (p *parser) readPlanHeader(doc *Document, b planBody) {
	h := p.readHeader(p.lines[:b.start])
	doc.Kind = KindPlan
	doc.Title = h.title
	if doc.Title == "" {
		doc.Title = h.planHeading
	}
	if doc.Title == "" {
		p.warn(0, "the document has no title")
	}
	doc.DocNumber, doc.Date = h.docNumber, h.date
	if y, ok := docYear(h); ok {
		doc.Year = y
	} else {
		p.warn(0, "no year found in the title, document number or date")
	}
	doc.Jurisdiction, doc.Issuer = p.decidePlace(h, b.unitNames, "")
	if h.session != "" {
		doc.ImplementsReport = &ReportRef{
			Session:      h.session,
			Jurisdiction: sessionJurisdiction(h.session, doc.Jurisdiction),
			Year:         doc.Year,
		}
	}
}

// describe quotes a field with its line for a warning.
func describe(what, value string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s %q (line %d)", what, value, line)
	}
	return fmt.Sprintf("%s %q", what, value)
}
