package attach

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// layoutSample is a task table as pdftotext -layout writes it, its header
// repeated on a new page.
const layoutSample = `序号       工作任务                     牵头单位   配合单位       完成时限

三、优化营商环境

5        深化政务服务改革，推行高频事项一网通办，企业   区政务办   区数据局、区司法   2025年6月底前
         开办全程网上办理。                       局
` + "\f" + `序号       工作任务                     牵头单位   配合单位       完成时限
6        开展惠企政策直达行动，兑现资金不少于1亿元。   区财政局   区工信局、区商务   2025年12月底前
                                         局
                             — 2 —
各单位要按照分工抓好落实，确保各项任务如期完成，并于每季度末报送进展情况。
`

// textLayout reads text laid out in columns, as pdftotext -layout writes
// it, into lines: pieces of a line stand apart by two spaces or more, each
// character is a unit wide and a line a unit high.
func textLayout(text string) []layoutLine {
	var lines []layoutLine
	for i, s := range strings.Split(text, "\n") {
		var fs []fragment
		pos, start, spaces := 0, -1, 0
		var cur strings.Builder
		flush := func(end int) {
			if start >= 0 {
				fs = append(fs, fragment{start: start, end: end, text: strings.TrimSpace(cur.String())})
			}
			start = -1
			cur.Reset()
		}
		for _, r := range strings.ReplaceAll(s, "\f", "") {
			if r == ' ' {
				spaces++
				if spaces == 2 {
					flush(pos - 1)
				}
				if start >= 0 {
					cur.WriteRune(' ')
				}
			} else {
				if start < 0 {
					start = pos
				}
				spaces = 0
				cur.WriteRune(r)
			}
			pos++
		}
		flush(pos - spaces)
		lines = append(lines, layoutLine{num: i + 1, frags: fs, em: 1})
	}
	return lines
}

func TestLayoutSample(t *testing.T) {
	var o out
	if err := layoutLines(&o, textLayout(layoutSample)); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range o.lines {
		got = append(got, l.Text)
	}
	want := []string{
		"| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |",
		"| 三、优化营商环境 |",
		"| 5 | 深化政务服务改革，推行高频事项一网通办，企业开办全程网上办理。 | 区政务办 | 区数据局、区司法局 | 2025年6月底前 |",
		"| 6 | 开展惠企政策直达行动，兑现资金不少于1亿元。 | 区财政局 | 区工信局、区商务局 | 2025年12月底前 |",
		"各单位要按照分工抓好落实，确保各项任务如期完成，并于每季度末报送进展情况。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzLayout: no text pdftotext may write makes the table reader panic.
func FuzzLayout(f *testing.F) {
	f.Add(layoutSample)
	f.Add("序号  牵头单位  配合单位\n\n  1\n一、\n序号  牵头单位  配合单位\n")
	f.Fuzz(func(t *testing.T, s string) {
		var o out
		_ = layoutLines(&o, textLayout(s))
	})
}

// TestLayoutMutations shuffles and cuts the sample's lines and spaces, as a
// short fuzzing run would, in every go test.
func TestLayoutMutations(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2026))
	lines := strings.Split(layoutSample, "\n")
	for range 500 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			l := []rune(lines[r.IntN(len(lines))])
			if len(l) > 0 && r.IntN(2) == 0 {
				i, j := r.IntN(len(l)), r.IntN(len(l))
				l = append(l[:min(i, j)], l[max(i, j):]...)
			}
			b.WriteString(string(l) + "\n")
		}
		var o out
		if err := layoutLines(&o, textLayout(b.String())); err != nil {
			t.Fatal(err)
		}
	}
}
