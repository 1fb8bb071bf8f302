package loader

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	yearRe   = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)
	cnDateRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	// cnNumeralDateRe reads the date official documents print under their
	// signature: 二〇二三年十二月二十八日 (〇 also written ○, 零 or O).
	cnNumeralDateRe = regexp.MustCompile(`([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`)
	// isoDateRe reads 2025-02-07, 2025/2/7, 2015.03.13.
	isoDateRe = regexp.MustCompile(`((?:19|20)\d\d)\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})`)
	// dmyDateRe reads the European order some sites use: 13.03.2015.
	dmyDateRe = regexp.MustCompile(`\b(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)\b`)
	// clockRe is the time of day sites print after a date: 22:01:43.
	clockRe = regexp.MustCompile(`^\d{1,2}:\d{2}(?::\d{2})?$`)
)

// parseDate reads the first date in s, in any form sites and documents
// write: 2013年2月25日, 二〇一三年二月二十五日, 2025-02-07, 2025/2/7,
// 2015.03.13, 13.03.2015.
func parseDate(s string) (string, bool) {
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		if d, ok := isoDate(m[1], m[2], m[3]); ok {
			return d, true
		}
	}
	if m := cnDateRe.FindStringSubmatch(s); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	if m := cnNumeralDateRe.FindStringSubmatch(s); m != nil {
		return isoDate(cnYear(m[1]), strconv.Itoa(cnNumber(m[2])), strconv.Itoa(cnNumber(m[3])))
	}
	if m := dmyDateRe.FindStringSubmatch(s); m != nil {
		return isoDate(m[3], m[2], m[1])
	}
	return "", false
}

// signedDate reads a line that is a date as a document is signed with,
// written out in Chinese (2021年3月21日, 二〇二一年三月二十一日), and
// nothing else but the signature it may follow on the same line
// (广东省人民政府 2021年3月21日), brackets around it ((2021年3月21日)) or
// the 印发 of an office's imprint. A site's 2021-05-14 22:01 is not one.
func signedDate(s string) (date, before string, ok bool) {
	s = strings.TrimSpace(s)
	if open, ok := strings.CutPrefix(s, "("); ok {
		s = strings.TrimSuffix(open, ")")
	} else if open, ok := strings.CutPrefix(s, "（"); ok {
		s = strings.TrimSuffix(open, "）")
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "印发"), "发布")
	loc := cnDateRe.FindStringSubmatchIndex(s)
	var d string
	if loc != nil {
		d, ok = isoDate(s[loc[2]:loc[3]], s[loc[4]:loc[5]], s[loc[6]:loc[7]])
	} else if loc = cnNumeralDateRe.FindStringSubmatchIndex(s); loc != nil {
		d, ok = isoDate(cnYear(s[loc[2]:loc[3]]), strconv.Itoa(cnNumber(s[loc[4]:loc[5]])), strconv.Itoa(cnNumber(s[loc[6]:loc[7]])))
	}
	if !ok || strings.TrimSpace(s[loc[1]:]) != "" {
		return "", "", false
	}
	before = strings.TrimSpace(s[:loc[0]])
	if before != "" && !isGovName(before) {
		return "", "", false
	}
	return d, before, true
}

// siteDate reads a line that is only a date in digits, perhaps with the
// time of day: the date a site published its page.
func siteDate(s string) (string, bool) {
	s = strings.TrimLeft(s, bullets)
	for _, re := range []*regexp.Regexp{isoDateRe, dmyDateRe} {
		m := re.FindStringSubmatchIndex(s)
		if m == nil || m[0] != 0 {
			continue
		}
		if rest := strings.TrimSpace(s[m[1]:]); rest != "" && !clockRe.MatchString(rest) {
			continue
		}
		if re == dmyDateRe {
			return isoDate(s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
		}
		return isoDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	return "", false
}

// bullets are what sites set before the items of a metadata list:
// • 发布日期:2022-12-14.
const bullets = " \t\u3000•·●◆■▪-*"

// isoDate writes a valid calendar date as YYYY-MM-DD.
func isoDate(y, m, d string) (string, bool) {
	t, err := time.Parse("2006-1-2", y+"-"+m+"-"+d)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// cnYear writes a year spelt digit by digit in Chinese (二〇二三) in digits.
func cnYear(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteByte(byte('0' + cnDigit(r)))
	}
	return b.String()
}

// cnNumber reads a month or day in Chinese numerals: 三, 十二, 二十八.
func cnNumber(s string) int {
	tens, n := 0, 0
	for _, r := range s {
		if r == '十' {
			tens = max(n, 1)
			n = 0
			continue
		}
		n = cnDigit(r)
	}
	return tens*10 + n
}

// cnDigit reads one Chinese digit; the forms of zero (〇 ○ 零 O) read 0.
func cnDigit(r rune) int {
	for i, d := range []rune("一二三四五六七八九") {
		if r == d {
			return i + 1
		}
	}
	return 0
}
