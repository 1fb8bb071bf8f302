package attach_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/loader/textin"
)

func TestXLSXPlan(t *testing.T) {
	text, err := attach.Decode(planXLSX(t), "plan.xlsx")
	require.NoError(t, err)
	require.Equal(t, attach.FormatXLSX, text.Format)
	require.Equal(t, []textin.Line{
		l(1, "南京市栖霞区2025年区政府工作报告重点工作任务分解表"),
		l(2, "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |"),
		l(3, "| 一、扩大有效需求 |"),
		l(4, "| 1 | 推动社会消费品零售总额稳步增长，办好各类促消费活动。 | 区商务局 | 各街道 | 2025年12月底前 |"),
		l(5, "| 2 | 加快重大项目建设，年内新开工项目30个以上。 | 区发改委 | 区财政局 区统计局 | 2025年12月底前 |"),
		l(6, "| 3 | 完善重大项目服务机制，建立项目专员制度。 | 区发改委 | 区政务办 | 2025年6月底前 |"),
		l(8, "| 二、增进民生福祉 |"),
		l(9, "| 4 | 新建改扩建中小学和幼儿园5所。 | 区教育局 | 区财政局 | 2025年9月底前 |"),
	}, text.Lines)
}

// TestXLSXSheets: each visible sheet is a table of its own, headed by its
// name, its rows numbered sheet×1,000,000 + row counting visible sheets
// from 0; hidden sheets and columns empty left of a table are skipped.
func TestXLSXSheets(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "附件1"))
	require.NoError(t, f.SetSheetRow("附件1", "A1", &[]any{"序号", "任务", "责任单位"}))
	require.NoError(t, f.SetSheetRow("附件1", "A2", &[]any{1, "任务甲", "区发改委"}))
	_, err := f.NewSheet("隐藏")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("隐藏", "A1", &[]any{"下拉选项", "区发改委"}))
	require.NoError(t, f.SetSheetVisible("隐藏", false))
	_, err = f.NewSheet("附件2")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("附件2", "B3", &[]any{"序号", "任务", "责任单位"}))
	require.NoError(t, f.SetSheetRow("附件2", "B4", &[]any{1, "任务乙", "区商务局"}))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	require.Equal(t, []textin.Line{
		l(1, "附件1"),
		l(1, "| 序号 | 任务 | 责任单位 |"),
		l(2, "| 1 | 任务甲 | 区发改委 |"),
		l(1_000_001, "附件2"),
		l(1_000_003, "| 序号 | 任务 | 责任单位 |"),
		l(1_000_004, "| 1 | 任务乙 | 区商务局 |"),
	}, decode(t, buf.Bytes()))
}

// TestXLSXDates: a deadline typed as a date reads as Excel shows it in
// China, whatever its format.
func TestXLSXDates(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	due := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"序号", "牵头单位", "完成时限", "完成时限", "完成时限", "完成时限"}))
	require.NoError(t, f.SetSheetRow("Sheet1", "A2", &[]any{1, "区发改委", due, due, due, due}))
	custom := `yyyy"年"m"月"d"日"前`
	for cell, style := range map[string]*excelize.Style{"C2": {NumFmt: 14}, "D2": {NumFmt: 31}, "E2": {NumFmt: 57}, "F2": {CustomNumFmt: &custom}} {
		id, err := f.NewStyle(style)
		require.NoError(t, err)
		require.NoError(t, f.SetCellStyle("Sheet1", cell, cell, id))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	require.Equal(t, l(2, "| 1 | 区发改委 | 2025/6/30 | 2025年6月30日 | 2025年6月 | 2025年6月30日前 |"), decode(t, buf.Bytes())[1])
}
