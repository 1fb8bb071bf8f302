package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// setDue reads the date each task's deadline names. It runs once the header
// is read: a deadline without a year (6月底前) is in the plan's year.
func setDue(doc *Document) {
	for i := range doc.Sections {
		for j := range doc.Sections[i].Tasks {
			t := &doc.Sections[i].Tasks[j]
			if t.Deadline != "" {
				t.Due = dueDate(t.Deadline, doc.Year)
			}
		}
	}
}

// Dates as deadlines write them. A year alone, 年底前, 全年 and 长期 name no
// day: a task due at the end of the plan's year says no more than that it is
// in the plan.
var (
	isoDeadlineRe     = regexp.MustCompile(`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`)
	monthDeadlineRe   = regexp.MustCompile(`(?:(\d{4})年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(?:(\d{1,2})日|(底|末|上旬|中旬|下旬))?`)
	quarterDeadlineRe = regexp.MustCompile(`(?:(\d{4})年)?第?([一二三四1-4])季度`)
	halfDeadlineRe    = regexp.MustCompile(`(?:(\d{4})年)?上半年`)
	yearEndRe         = regexp.MustCompile(`(\d{4})年(?:底|末|年底|年末)`)
)

// dueDate is the latest date a deadline names (2025年3月底前完成方案，6月底前
// 建成 is due on June 30), as YYYY-MM-DD; "" when it names none. year is the
// plan's, for dates written without one; 0 when unknown.
func dueDate(deadline string, year int) string {
	var due time.Time
	consider := func(y, m, d int) {
		if y < 1990 || y > 2100 || m < 1 || m > 12 {
			return
		}
		last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d <= 0 || d > last {
			d = last
		}
		if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.After(due) {
			due = t
		}
	}
	yearOf := func(s string) int {
		if s == "" {
			return year
		}
		y, _ := strconv.Atoi(s)
		return y
	}
	for _, m := range isoDeadlineRe.FindAllStringSubmatch(deadline, -1) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if d >= 1 {
			consider(y, mo, d)
		}
	}
	for _, m := range monthDeadlineRe.FindAllStringSubmatch(deadline, -1) {
		mo, ok := strconv.Atoi(m[2])
		if ok != nil {
			mo, _ = chineseNumber(m[2])
		}
		d := 0
		switch {
		case m[3] != "":
			d, _ = strconv.Atoi(m[3])
		case m[4] == "上旬":
			d = 10
		case m[4] == "中旬":
			d = 20
		}
		consider(yearOf(m[1]), mo, d)
	}
	for _, m := range quarterDeadlineRe.FindAllStringSubmatch(deadline, -1) {
		q, ok := strconv.Atoi(m[2])
		if ok != nil {
			q, _ = chineseNumber(m[2])
		}
		consider(yearOf(m[1]), 3*q, 0)
	}
	for _, m := range halfDeadlineRe.FindAllStringSubmatch(deadline, -1) {
		consider(yearOf(m[1]), 6, 0)
	}
	for _, m := range yearEndRe.FindAllStringSubmatch(deadline, -1) {
		consider(yearOf(m[1]), 12, 0)
	}
	if due.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", due.Year(), due.Month(), due.Day())
}
