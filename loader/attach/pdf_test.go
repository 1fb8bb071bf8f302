package attach_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/loader/textin"
)

func needPdftotext(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils): PDF reading not tested")
	}
}

// TestPDFPlan: text outside tables comes out line by line, page numbers
// dropped; the task table's rows, wrapped cells joined, come out as pipe
// rows under its header, a merged section row as a row of one cell.
func TestPDFPlan(t *testing.T) {
	needPdftotext(t)
	text, err := attach.Decode(planPDF(), "plan.pdf")
	require.NoError(t, err)
	require.Equal(t, attach.FormatPDF, text.Format)
	var got []string
	for _, l := range text.Lines {
		got = append(got, l.Text)
	}
	require.Equal(t, []string{
		"南京市栖霞区人民政府关于印发2025年区政府工作报告重点工作任务",
		"分解方案的通知",
		"栖政发〔2025〕6号",
		"各街道办事处，区政府各部门，各直属单位：",
		"区四届人大五次会议审议通过了《政府工作报告》。现将重点工作任务分解方案印发给你们，",
		"请各牵头单位会同配合单位抓紧制定推进计划，确保按期完成。",
		"南京市栖霞区人民政府",
		"2025年2月10日",
		"2025年区政府工作报告重点工作任务分解方案",
		"一、扩大有效需求",
		"1.推动社会消费品零售总额稳步增长，办好各类促消费活动。（区商务局牵头，各街道配合）",
		"2.加快重大项目建设，年内新开工项目30个以上。（区发改委牵头，区财政局、区统计局配合",
		"）",
		"二、增进民生福祉",
		"3.新建改扩建中小学和幼儿园5所。（区教育局牵头，区财政局配合）",
		"4.完善养老服务网络，新增养老床位200张。（区民政局牵头）",
		"附件",
		"2025年区政府工作报告重点工作任务分解表",
		"| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |",
		"| 三、优化营商环境 |",
		"| 5 | 深化政务服务改革，推行高频事项一网通办，企业开办全程网上办理。 | 区政务办 | 区数据局、区司法局 | 2025年6月底前 |",
		"| 6 | 开展惠企政策直达行动，兑现资金不少于1亿元。 | 区财政局 | 区工信局、区商务局 | 2025年12月底前 |",
	}, got)
}

// TestPDFWithoutPdftotext: without pdftotext the error says what to install.
func TestPDFWithoutPdftotext(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := attach.Decode(planPDF(), "plan.pdf")
	require.ErrorIs(t, err, attach.ErrUnsupported)
	require.Contains(t, err.Error(), "install poppler-utils (apt-get install poppler-utils)")
}

func TestPDFDamaged(t *testing.T) {
	needPdftotext(t)
	_, err := attach.Decode([]byte("%PDF-1.7\n1 0 obj <<"), "bad.pdf")
	require.ErrorIs(t, err, textin.ErrBinary)
	require.Contains(t, err.Error(), "PDF document pdftotext cannot read")

	_, err = attach.Decode((&pdfDoc{pages: [][]pdfText{nil}}).bytes(), "scan.pdf")
	require.ErrorIs(t, err, textin.ErrEmpty)
	require.Contains(t, err.Error(), "OCR")
}

// fakePdftotext puts a pdftotext running script first on PATH.
func fakePdftotext(t *testing.T, script string) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pdftotext"), []byte("#!/bin/sh\n"+script+"\n"), 0o755))
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// TestPDFBounds: pdftotext is stopped when it runs too long or writes more
// than any plan holds.
func TestPDFBounds(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run a stand-in pdftotext")
	}
	t.Run("time", func(t *testing.T) {
		fakePdftotext(t, "exec sleep 30")
		attach.SetPDFTimeout(t, 200*time.Millisecond)
		start := time.Now()
		_, err := attach.Decode([]byte("%PDF-1.4\n"), "slow.pdf")
		require.ErrorIs(t, err, attach.ErrTooLarge)
		require.Contains(t, err.Error(), "still running")
		require.Less(t, time.Since(start), 5*time.Second)
	})
	t.Run("output", func(t *testing.T) {
		if _, err := exec.LookPath("yes"); err != nil {
			t.Skip("no yes(1) to write endless text")
		}
		fakePdftotext(t, "exec yes 1.任务（区发改委牵头）")
		_, err := attach.Decode([]byte("%PDF-1.4\n"), "endless.pdf")
		require.ErrorIs(t, err, attach.ErrTooLarge)
	})
}

// TestPDFTableCells: rows whose cells are centred vertically (the number on
// the middle line) read as rows aligned to the top do; header labels
// wrapped in narrow columns and a unit name wrapped in its column are joined
// again, units on lines of their own in a cell stay apart.
func TestPDFTableCells(t *testing.T) {
	needPdftotext(t)
	rows := [][]string{
		{"1", "统筹推进城市更新，完成老旧小区改造20个，同步完善养老托育等配套设施，提升居民生活品质。", "区住建局", "区民政局\n区卫健委\n各街道", "2025年12月底前"},
		{"2", "加快数字政府建设，推进政务数据共享。", "区数据局", "区政务办", "2025年9月底前"},
		{"3", "实施就业优先战略，城镇新增就业1万人以上，零就业家庭动态清零，开展职业技能培训。", "区人社局", "区发展和改革委员会", "2025年12月底前"},
	}
	want := []string{
		"| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |",
		"| 1 | 统筹推进城市更新，完成老旧小区改造20个，同步完善养老托育等配套设施，提升居民生活品质。 | 区住建局 | 区民政局 区卫健委 各街道 | 2025年12月底前 |",
		"| 2 | 加快数字政府建设，推进政务数据共享。 | 区数据局 | 区政务办 | 2025年9月底前 |",
		"| 3 | 实施就业优先战略，城镇新增就业1万人以上，零就业家庭动态清零，开展职业技能培训。 | 区人社局 | 区发展和改革委员会 | 2025年12月底前 |",
	}
	for _, centred := range []bool{false, true} {
		var d pdfDoc
		p := d.page()
		y := tableRow(p, 780, centred, "序号", "工作任务", "牵头\n单位", "配合\n单位", "完成\n时限")
		for _, r := range rows {
			y = tableRow(p, y, centred, r...)
		}
		text, err := attach.Decode(d.bytes(), "table.pdf")
		require.NoError(t, err)
		var got []string
		for _, l := range text.Lines {
			got = append(got, l.Text)
		}
		require.Equal(t, want, got, "centred %v", centred)
	}
}

// TestPDFTableAcrossPages: a table continued on a new page under its header
// repeated, the header's labels centred over two lines, reads as one table.
func TestPDFTableAcrossPages(t *testing.T) {
	needPdftotext(t)
	var d pdfDoc
	header := []string{"序号", "工作任务", "牵头\n单位", "配合单位", "完成\n时限"}
	p := d.page()
	y := tableRow(p, 780, true, header...)
	y = tableRow(p, y, true, "1", "加快数字政府建设，推进政务数据共享，提升一网通办水平。", "区数据局", "区政务办", "2025年9月底前")
	*p = append(*p, pdfText{280, 60, 9, "— 1 —"})
	p = d.page()
	y = tableRow(p, 780, true, header...)
	tableRow(p, y, true, "2", "实施就业优先战略，城镇新增就业1万人以上。", "区人社局", "区财政局\n各街道", "2025年12月底前")
	text, err := attach.Decode(d.bytes(), "table.pdf")
	require.NoError(t, err)
	var got []string
	for _, l := range text.Lines {
		got = append(got, l.Text)
	}
	require.Equal(t, []string{
		"| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |",
		"| 1 | 加快数字政府建设，推进政务数据共享，提升一网通办水平。 | 区数据局 | 区政务办 | 2025年9月底前 |",
		"| 2 | 实施就业优先战略，城镇新增就业1万人以上。 | 区人社局 | 区财政局 各街道 | 2025年12月底前 |",
	}, got)
}

// TestPDFFromLibreOffice: a task table made in Word with narrow columns and
// every cell centred vertically (w:vAlign center), printed by LibreOffice
// 7.4: header labels wrapped (牵头单 over 位), a merged section row, units
// wrapped mid-name and one per line, the numbers on the rows' middle lines.
func TestPDFFromLibreOffice(t *testing.T) {
	needPdftotext(t)
	b, err := os.ReadFile(filepath.Join("..", "testdata", "attach", "table-centred-libreoffice.pdf"))
	require.NoError(t, err)
	text, err := attach.Decode(b, "table.pdf")
	require.NoError(t, err)
	var got []string
	for _, l := range text.Lines {
		got = append(got, l.Text)
	}
	require.Equal(t, []string{
		"附件1",
		"2025年重点工作任务分解表",
		"| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |",
		"| 一、稳定经济增长 |",
		"| 1 | 统筹推进城市更新，完成老旧小区改造20个，同步完善养老托育等配套设施，提升居民生活品质。 | 区住建局 | 区民政局 区卫健委 各街道 | 2025年12月底前 |",
		"| 2 | 加快数字政府建设。 | 区数据局 | 区政务办 | 2025年9月底前 |",
		"| 3 | 实施就业优先战略，城镇新增就业1万人以上，零就业家庭动态清零，开展职业技能培训。 | 区人力资源和社会保障局 | 区发展和改革委员会、区财政局 | 2025年12月底前 |",
	}, got)
}

// TestPDFPagesFromLibreOffice: a table of 45 rows over four pages, its
// header row repeated on each (w:tblHeader), printed by LibreOffice 7.4:
// one table, every row whole, rows broken across a page joined again.
func TestPDFPagesFromLibreOffice(t *testing.T) {
	needPdftotext(t)
	b, err := os.ReadFile(filepath.Join("..", "testdata", "attach", "table-4pages-libreoffice.pdf"))
	require.NoError(t, err)
	text, err := attach.Decode(b, "table.pdf")
	require.NoError(t, err)
	var rows []string
	for _, l := range text.Lines[3:] {
		rows = append(rows, l.Text)
	}
	require.Len(t, rows, 45)
	task := "推进重点项目建设并完善配套政策"
	for i, r := range rows {
		n := i + 1
		want := fmt.Sprintf("| %d | %s（第%d项）。 | 区发改委 | 区财政局 区统计局 | 2025年底前 |", n, strings.Repeat(task, 1+n%3), n)
		require.Equal(t, want, r)
	}
}
