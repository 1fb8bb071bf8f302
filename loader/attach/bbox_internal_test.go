package attach

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// bboxSample is pdftotext -bbox-layout output as LibreOffice's PDF of a task
// table gives it: poppler runs a task cell into the lead unit cell beside it
// (一网 区政务办, 11.5 pt apart), sets a row's number 2 pt above its text, and
// splits 2025年 where the font changes.
var bboxSample = func() string {
	word := func(x0, y0, x1, y1 float64, text string) string {
		return fmt.Sprintf(`<word xMin="%g" yMin="%g" xMax="%g" yMax="%g">%s</word>`, x0, y0, x1, y1, text)
	}
	line := func(words ...string) string { return "<line>" + strings.Join(words, "") + "</line>\n" }
	return `<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><doc><page width="612" height="792"><flow><block>` +
		line(word(72.1, 331.3, 93.1, 345.0, "序号"), word(107.1, 331.3, 149.1, 345.0, "工作任务")) +
		line(word(297.1, 331.3, 339.1, 345.0, "牵头单位")) +
		line(word(362.1, 331.3, 404.1, 345.0, "配合单位")) +
		line(word(427.1, 331.3, 469.1, 345.0, "完成时限")) +
		line(word(72.1, 360.2, 79.1, 374.5, "5")) +
		line(word(107.1, 362.5, 285.6, 376.2, "深化政务服务改革，推行高频事项一网"), word(297.1, 362.5, 339.1, 376.2, "区政务办")) +
		line(word(362.1, 362.5, 404.1, 376.2, "区数据局")) +
		line(word(427.1, 362.1, 455.1, 376.4, "2025"), word(457.3, 362.5, 467.8, 376.2, "年"), word(469.9, 362.1, 476.9, 376.4, "6")) +
		line(word(107.1, 377.6, 138.6, 391.3, "通办。")) +
		line(word(362.1, 377.6, 404.1, 391.3, "区司法局")) +
		line(word(427.1, 377.6, 458.6, 391.3, "月底前")) +
		`</block></flow></page></doc></body></html>`
}()

func TestBBoxLines(t *testing.T) {
	lines := bboxLines([]byte(bboxSample))
	var got []string
	for _, l := range lines {
		var texts []string
		for _, f := range l.frags {
			texts = append(texts, f.text)
		}
		got = append(got, fmt.Sprintf("%d %s", l.num, strings.Join(texts, " / ")))
	}
	want := []string{
		"1 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限",
		"2 5 / 深化政务服务改革，推行高频事项一网 / 区政务办 / 区数据局 / 2025年6",
		"3 通办。 / 区司法局 / 月底前",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var o out
	if err := layoutLines(&o, lines); err != nil {
		t.Fatal(err)
	}
	if row := o.lines[1].Text; row != "| 5 | 深化政务服务改革，推行高频事项一网通办。 | 区政务办 | 区数据局 区司法局 | 2025年6月底前 |" {
		t.Fatalf("row %q", row)
	}
}

// TestBBoxMutations damages the sample byte by byte, as a short fuzzing
// run would: no output of pdftotext makes the reader panic.
func TestBBoxMutations(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 2026))
	for range 2000 {
		b := []byte(bboxSample)
		for range 1 + r.IntN(6) {
			const alphabet = "<>/\"=0123456789.-e \n"
			b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
		}
		var o out
		if err := layoutLines(&o, bboxLines(b)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestJoinPieces(t *testing.T) {
	for _, tt := range []struct {
		pieces []string
		want   string
	}{
		{[]string{"1.", "推动消费增长。"}, "1.推动消费增长。"},
		{[]string{"（二）", "扩大投资"}, "（二）扩大投资"},
		{[]string{"南京市栖霞区人民政府", "2025年2月10日"}, "南京市栖霞区人民政府 2025年2月10日"},
		{[]string{"2025", "年"}, "2025 年"},
	} {
		var fs []fragment
		for _, p := range tt.pieces {
			fs = append(fs, fragment{text: p})
		}
		if got := joinPieces(fs); got != tt.want {
			t.Errorf("joinPieces(%q) = %q, want %q", tt.pieces, got, tt.want)
		}
	}
}
