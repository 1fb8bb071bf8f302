package loader_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

// rowView is what a table test checks of a task: where it is, its text, its
// units by role, and what the table's other columns say.
type rowView struct {
	Section, Number   int
	Text, Leads, Coop string
	Leaders           string
	Deadline, Due     string
	Source            string
}

func rows(doc *loader.Document) []rowView {
	var out []rowView
	for _, s := range doc.Sections {
		for _, t := range s.Tasks {
			out = append(out, rowView{s.Number, t.Number, t.Text, names(t.Leads), names(t.Cooperators),
				strings.Join(t.Leaders, "、"), t.Deadline, t.Due, t.Source})
		}
	}
	return out
}

// TestTableForms: one table written in each of the forms plans take on the
// way to a reader, every one read alike.
func TestTableForms(t *testing.T) {
	want := []rowView{
		{1, 1, "推进消费升级。", "市商务局", "市发改委、市财政局", "", "2030年6月底前", "2030-06-30", ""},
		{1, 2, "扩大有效投资。", "市发改委", "", "", "2030年底", "2030-12-31", ""},
		{2, 3, "建设实验室。", "市科技局", "市教育局", "", "第三季度", "2030-09-30", ""},
	}
	tests := []struct{ name, body string }{
		{
			name: "pipe rows",
			body: "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|---|\n| 一 | 扩大内需 | | | |\n" +
				"| 1 | 推进消费升级。 | 市商务局 | 市发改委、市财政局 | 2030年6月底前 |\n| 2 | 扩大有效投资。 | 市发改委 | | 2030年底 |\n" +
				"| 二 | 科技创新 | | | |\n| 3 | 建设实验室。 | 市科技局 | 市教育局 | 第三季度 |\n",
		},
		{
			name: "rows flattened onto lines, cells separated by spaces",
			body: "序号 工作任务 牵头单位 配合单位 完成时限\n一、扩大内需\n1 推进消费升级。 市商务局 市发改委、市财政局 2030年6月底前\n" +
				"2 扩大有效投资。 市发改委 2030年底\n二、科技创新\n3 建设实验室。 市科技局 市教育局 第三季度\n",
		},
		{
			name: "rows flattened onto lines, cells separated by tabs, a cell broken over two lines",
			body: "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n一、扩大内需\n1\t推进消费\n升级。\t市商务局\t市发改委 市财政局\t2030年6月底前\n" +
				"2\t扩大有效投资。\t市发改委\t\t2030年底\n二、科技创新\n3\t建设实验室。\t市科技局\t市教育局\t第三季度\n",
		},
		{
			name: "one cell per line, empty cells dropped, a cell broken over lines",
			body: "序号\n工作任务\n牵头单位\n配合单位\n完成时限\n一、扩大内需\n1\n推进消费\n升级。\n市商务局\n市发改委、市财政局\n2030年6月底前\n" +
				"2\n扩大有效投资。\n市发改委\n2030年底\n二、科技创新\n3\n建设实验室。\n市科技局\n市教育局\n第三季度\n",
		},
		{
			name: "the header one cell per line, the rows flattened",
			body: "序号\n工作任务\n牵头单位\n配合单位\n完成时限\n一、扩大内需\n1 推进消费升级。 市商务局 市发改委、市财政局 2030年6月底前\n" +
				"2 扩大有效投资。 市发改委 2030年底\n二、科技创新\n3 建设实验室。 市科技局 市教育局 第三季度\n",
		},
		{
			name: "one cell per line between bar lines",
			body: "序号\n|\n工作任务\n|\n牵头单位\n|\n配合单位\n|\n完成时限\n|\n一、扩大内需\n||||\n1\n|\n推进消费升级。\n|\n市商务局\n|\n市发改委、市财政局\n|\n2030年6月底前\n|\n" +
				"2\n|\n扩大有效投资。\n|\n市发改委\n|\n|\n2030年底\n|\n二、科技创新\n||||\n3\n|\n建设实验室。\n|\n市科技局\n|\n市教育局\n|\n第三季度\n",
		},
		{
			name: "one cell per line, each cell closed by a bar",
			body: "序号 |\n工作任务 |\n牵头单位 |\n配合单位 |\n完成时限 |\n一、扩大内需\n1 |\n推进消费升级。 |\n市商务局 |\n市发改委、市财政局 |\n2030年6月底前 |\n" +
				"2 |\n扩大有效投资。 |\n市发改委 |\n2030年底 |\n二、科技创新\n3 |\n建设实验室。 |\n市科技局 |\n市教育局 |\n第三季度 |\n",
		},
		{
			name: "headings numbered in the 序号 column",
			body: "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|---|\n| （一） | 扩大内需 | | | |\n" +
				"| 1 | 推进消费升级。 | 市商务局 | 市发改委、市财政局 | 2030年6月底前 |\n| 2 | 扩大有效投资。 | 市发改委 | | 2030年底 |\n" +
				"| （二） | 科技创新 | | | |\n| 3 | 建设实验室。 | 市科技局 | 市教育局 | 第三季度 |\n",
		},
		{
			name: "columns in another order, other headers",
			body: "| 完成时间 | 配合单位 | 重点工作 | 主办单位 | 编号 |\n|---|---|---|---|---|\n| | | 一、扩大内需 | | |\n" +
				"| 2030年6月底前 | 市发改委、市财政局 | 推进消费升级。 | 市商务局 | 1 |\n| 2030年底 | | 扩大有效投资。 | 市发改委 | 2 |\n" +
				"| | | 二、科技创新 | | |\n| 第三季度 | 市教育局 | 建设实验室。 | 市科技局 | 3 |\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, planHeader+tt.body)
			require.Equal(t, want, rows(doc), warningsText(doc))
		})
	}
}

// TestTableRoles: who leads when a table has a 责任单位 column.
func TestTableRoles(t *testing.T) {
	tests := []struct {
		name, body string
		want       [][2]string // leads, cooperators per task
	}{
		{
			name: "责任单位 alone: every unit leads",
			body: "| 序号 | 任务 | 责任单位 |\n| 1 | 推进消费升级。 | 市商务局、市发改委 |\n",
			want: [][2]string{{"市商务局、市发改委", ""}},
		},
		{
			name: "a star or 牵头 marks the lead inside 责任单位",
			body: "| 序号 | 任务 | 责任单位 |\n| 1 | 推进消费升级。 | ★市商务局、市发改委 |\n| 2 | 扩大投资。 | 市财政局、市发改委* |\n| 3 | 建设实验室。 | 市教育局、市科技局（牵头） |\n",
			want: [][2]string{{"市商务局", "市发改委"}, {"市发改委", "市财政局"}, {"市科技局", "市教育局"}},
		},
		{
			name: "责任单位 beside 牵头单位 cooperates; 协办 cooperates",
			body: "| 序号 | 任务 | 牵头单位 | 责任单位 | 协办单位 |\n| 1 | 推进消费升级。 | 市商务局 | 市发改委 | 市财政局 |\n",
			want: [][2]string{{"市商务局", "市发改委、市财政局"}},
		},
		{
			name: "a cell that says the roles itself",
			body: "| 序号 | 任务 | 责任单位 |\n| 1 | 推进消费升级。 | 市商务局牵头，市发改委、市财政局配合 |\n| 2 | 扩大投资。 | 牵头单位：市发改委；配合单位：市财政局 |\n",
			want: [][2]string{{"市商务局", "市发改委、市财政局"}, {"市发改委", "市财政局"}},
		},
		{
			name: "a label line inside a loose row leads; the 责任单位 cell cooperates",
			body: "序号\n重点工作任务(本市配合)\n责任单位\n1\n抓好粮食保障。\n市农业农村局、市商务局\n省牵头单位：省农业农村厅\n",
			want: [][2]string{{"省农业农村厅", "市农业农村局、市商务局"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, planHeader+tt.body)
			var got [][2]string
			for _, r := range rows(doc) {
				got = append(got, [2]string{r.Leads, r.Coop})
			}
			require.Equal(t, tt.want, got, warningsText(doc))
		})
	}
}

// TestTableLeaders: leaders come from a column, a row above a group, or a
// heading naming the group's leader; they are persons, never units.
func TestTableLeaders(t *testing.T) {
	body := "| 序号 | 工作任务 | 责任领导 | 牵头单位 |\n|---|---|---|---|\n" +
		"| 一、扩大内需（责任领导：张三） | | | |\n| 1 | 推进消费升级。 | | 市商务局 |\n| 2 | 扩大投资。 | 李四、王 五 | 市发改委 |\n" +
		"| 二、科技创新 | | | |\n| 责任领导：赵六 | | | |\n| 3 | 建设实验室。 | | 市科技局 |\n| 4 | 新增就业。 | 钱七（副市长） | 市人社局 |\n"
	doc := parseString(t, planHeader+body)
	var got []string
	for _, r := range rows(doc) {
		got = append(got, r.Leaders)
	}
	require.Equal(t, []string{"张三", "李四、王五", "赵六", "钱七"}, got, warningsText(doc))
	require.Equal(t, "扩大内需", doc.Sections[0].Title)

	loose := "序号\n重点工作任务\n责任单位\n（一）王宏副市长牵头重点工作\n1\n抓好粮食保障。\n市农业农村局\n2\n落实消费新政。\n市商务局\n"
	doc = parseString(t, planHeader+loose)
	for _, r := range rows(doc) {
		require.Equal(t, "王宏", r.Leaders, r.Text)
	}
}

// TestLooseTableNumberedText: a table scraped one cell per line without a
// 序号 column numbers its rows in the task's text. A leader cell spanning
// rows is written once, before the first row's text; a cell of units or
// persons broken over lines stays one cell, so rows cannot be counted in
// cells.
func TestLooseTableNumberedText(t *testing.T) {
	body := "2030年重点工作分工方案\n牵头领导\n重点工作\n牵头单位\n配合单位\n备注\n" +
		"林海市长\n1.建好数字政府。推进政务服务一网通办,实现高频事项全程网办。\n市数据局\n各单位\n" +
		"2.深化法治建设。推行行政执法公示,规范重大决策程序,开展普法宣传。\n市司法局\n市审计局\n市信访局\n各单位\n" +
		"一、民生事业\n沈 青宋 远\n3.扩大就业。新增城镇就业岗位一万个以上,兜住困难群体就业底线。\n市人社局\n市财政局\n"
	doc := parseString(t, planHeader+body)
	want := []rowView{
		{0, 1, "建好数字政府。推进政务服务一网通办,实现高频事项全程网办。", "市数据局", "各单位", "林海", "", "", ""},
		{0, 2, "深化法治建设。推行行政执法公示,规范重大决策程序,开展普法宣传。", "市司法局", "市审计局、市信访局、各单位", "林海", "", "", ""},
		{1, 3, "扩大就业。新增城镇就业岗位一万个以上,兜住困难群体就业底线。", "市人社局", "市财政局", "沈青、宋远", "", "", ""},
	}
	require.Equal(t, want, rows(doc), warningsText(doc))

	twoLeaders := "目标任务\n责任领导\n责任单位\n一、主要指标\n1. 全市生产总值增长6%。\n陈立\n市发改委、市统计局\n" +
		"2. 居民收入与经济增长同步。\n陈立\n马骏\n市人社局、市农业农村局\n"
	doc = parseString(t, planHeader+twoLeaders)
	want = []rowView{
		{1, 1, "全市生产总值增长6%。", "市发改委、市统计局", "", "陈立", "", "", ""},
		{1, 2, "居民收入与经济增长同步。", "市人社局、市农业农村局", "", "陈立、马骏", "", "", ""},
	}
	require.Equal(t, want, rows(doc), warningsText(doc))
}

// TestRowOfTwoTasks: a row drawn as two whose 序号 and unit cells span
// both gives two tasks, the second with its own text and deadline; the
// tasks after it are numbered in order, so that no number repeats.
func TestRowOfTwoTasks(t *testing.T) {
	body := "序号\n民生实事\n责任单位\n完成时限\n" +
		"1\n新建社区食堂3个。\n县民政局\n6月底前\n" +
		"2\n改造县体育馆。\n县文旅局\n县代建中心\n9月底前\n新建全民健身步道。\n12月底前\n" +
		"3\n新增公办学位500个。\n县教育局\n8月底前\n"
	doc := parseString(t, planHeader+body)
	want := []rowView{
		{0, 1, "新建社区食堂3个。", "县民政局", "", "", "6月底前", "2030-06-30", ""},
		{0, 2, "改造县体育馆。", "县文旅局、县代建中心", "", "", "9月底前", "2030-09-30", ""},
		{0, 3, "新建全民健身步道。", "县文旅局、县代建中心", "", "", "12月底前", "2030-12-31", ""},
		{0, 4, "新增公办学位500个。", "县教育局", "", "", "8月底前", "2030-08-31", ""},
	}
	require.Equal(t, want, rows(doc), warningsText(doc))
	require.Contains(t, warningsText(doc), "row 2 holds two tasks")

	// A sentence in a note column is no second task.
	noted := "序号\n民生实事\n责任单位\n完成时限\n备注\n" +
		"1\n新建社区食堂3个。\n县民政局\n6月底前\n已选定全部地址。\n" +
		"2\n新增公办学位500个。\n县教育局\n8月底前\n"
	doc = parseString(t, planHeader+noted)
	require.Len(t, rows(doc), 2, warningsText(doc))
}

// TestHeaderlessTable: rows of a table scraped one cell per line from a
// page after the one holding its header are read by what their cells hold,
// when every row has the same shape: number, task text, persons, units.
func TestHeaderlessTable(t *testing.T) {
	body := "附件\n2030年重点工作任务分解表\n" +
		"41 |\n推进城区污水管网改造,完成雨污分流改造30公里,提升污水收集率。 |\n何 平 |\n市住建局 |\n市水务局、市财政局 |\n" +
		"42 |\n建设智慧停车平台,新增公共停车泊位两千个,缓解医院学校周边停车难。 |\n何 平叶 青 |\n市公安局 |\n各区政府 |\n"
	doc := parseString(t, planHeader+body)
	want := []rowView{
		{0, 41, "推进城区污水管网改造,完成雨污分流改造30公里,提升污水收集率。", "市住建局", "市水务局、市财政局", "何平", "", "", ""},
		{0, 42, "建设智慧停车平台,新增公共停车泊位两千个,缓解医院学校周边停车难。", "市公安局", "各区政府", "何平、叶青", "", "", ""},
	}
	require.Equal(t, want, rows(doc), warningsText(doc))

	// One responsible cell per row: its units share the lead.
	single := "41\n推进城区污水管网改造,完成雨污分流改造30公里。\n市住建局\n2030年底\n" +
		"42\n建设智慧停车平台,新增公共停车泊位两千个。\n市公安局、各区政府\n2030年6月\n"
	doc = parseString(t, planHeader+single)
	want = []rowView{
		{0, 41, "推进城区污水管网改造,完成雨污分流改造30公里。", "市住建局", "", "", "2030年底", "2030-12-31", ""},
		{0, 42, "建设智慧停车平台,新增公共停车泊位两千个。", "市公安局、各区政府", "", "", "2030年6月", "2030-06-30", ""},
	}
	require.Equal(t, want, rows(doc), warningsText(doc))
}

// TestHeaderlessTableNotInferred: numbered paragraphs are no table unless
// every row has the table's shape.
func TestHeaderlessTableNotInferred(t *testing.T) {
	body := "一、目标\n1.推进改革。(市发改委主办)\n" +
		"2\n这一段是说明文字,不是表格的一行,也没有单位。\n另一段说明文字,同样不是单元格。\n" +
		"3\n再一段很长的说明文字,用来检查推断。\n市发改委\n"
	doc := parseString(t, planHeader+body)
	require.Equal(t, []rowView{{1, 1, "推进改革。", "市发改委", "", "", "", "", ""}}, rows(doc), warningsText(doc))
}

// TestTableSourceAndNote: 任务来源 is kept on the task; 备注 is not text.
func TestTableSourceAndNote(t *testing.T) {
	doc := parseString(t, planHeader+"| 序号 | 任务来源 | 具体任务 | 责任单位 | 时间节点 | 备注 |\n|---|---|---|---|---|---|\n| 1 | 政府工作报告 | 推进消费升级。 | 市商务局 | 持续推进 | 新增 |\n")
	require.Equal(t, []rowView{{0, 1, "推进消费升级。", "市商务局", "", "", "持续推进", "", "政府工作报告"}}, rows(doc), warningsText(doc))
}

// TestDeadlines: the date a completion time names, in the plan's year when
// it names none; none for the whole year.
func TestDeadlines(t *testing.T) {
	due := map[string]string{
		"2030年6月底前":  "2030-06-30",
		"6月底":        "2030-06-30",
		"2031年3月":    "2031-03-31",
		"2030年9月15日": "2030-09-15",
		"2030-11-30": "2030-11-30",
		"2030/2/28":  "2030-02-28",
		"第三季度":       "2030-09-30",
		"2030年一季度":   "2030-03-31",
		"上半年":        "2030-06-30",
		"十月底前":       "2030-10-31",
		"3月底前出台方案，9月底前完成": "2030-09-30",
		"2030年底前": "2030-12-31",
		"年底前":     "",
		"全年":      "",
		"长期坚持":    "",
		"2030年":   "",
		"2月30日":   "2030-02-28",
		"每季度报送进展": "",
	}
	var b strings.Builder
	b.WriteString("| 序号 | 任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n")
	var order []string
	for d := range due {
		order = append(order, d)
	}
	for i, d := range order {
		b.WriteString("| " + itoa(i+1) + " | 任务" + itoa(i+1) + "。 | 市发改委 | " + d + " |\n")
	}
	doc := parseString(t, planHeader+b.String())
	for i, r := range rows(doc) {
		require.Equal(t, order[i], r.Deadline)
		require.Equal(t, due[order[i]], r.Due, order[i])
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestSeveralTables: each attachment's table keeps its own tasks, numbered
// afresh; its sections follow the document's.
func TestSeveralTables(t *testing.T) {
	body := "附件1\n2030年主要预期目标分解表\n| 序号 | 目标 | 责任单位 |\n|---|---|---|\n| 1 | 地区生产总值增长6%。 | 市发改委 |\n| 2 | 一般公共预算收入增长5%。 | 市财政局 |\n" +
		"附件2\n2030年重点工作任务分解表\n| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n| 一 | 扩大内需 | | |\n| 1 | 推进消费升级。 | 市商务局 | 市发改委 |\n| 二 | 科技创新 | | |\n| 2 | 建设实验室。 | 市科技局 | |\n" +
		"附件3\n2030年民生实事分解表\n序号 实事项目 牵头单位\n1 新增就业岗位。 市人社局\n"
	doc := parseString(t, planHeader+body)
	type sec struct {
		Number int
		Title  string
		Tasks  int
	}
	var got []sec
	for _, s := range doc.Sections {
		got = append(got, sec{s.Number, s.Title, len(s.Tasks)})
	}
	require.Equal(t, []sec{{0, "", 2}, {1, "扩大内需", 1}, {2, "科技创新", 1}, {3, "2030年民生实事分解表", 1}}, got, warningsText(doc))
	require.Empty(t, doc.Warnings)
}

// TestHTMLTableGrid: a page's table with a title row, a two-level header,
// cells spanning rows and columns, nested tags and line breaks in cells.
func TestHTMLTableGrid(t *testing.T) {
	page := "<html><body>\n<p>2030年市政府主要工作目标任务分解落实方案</p>\n<table>\n" +
		"<tr><td colspan=\"6\">2030年重点工作任务分解表</td></tr>\n" +
		"<tr><th rowspan=\"2\">序号</th><th rowspan=\"2\">工作任务</th><th colspan=\"2\">责任单位</th><th rowspan=\"2\">完成时限</th><th rowspan=\"2\">责任领导</th></tr>\n" +
		"<tr><th>牵头单位</th><th>配合单位</th></tr>\n" +
		"<tr><td colspan=\"6\"><b>一、扩大内需</b></td></tr>\n" +
		"<tr><td>1</td><td><p><span>推进消费</span>升级。</p></td><td rowspan=\"2\">市商务局</td><td>市发改委<br>市财政局</td><td>6月底前</td><td rowspan=\"2\">张三</td></tr>\n" +
		"<tr><td>2</td><td>扩大有效投资。</td><td></td><td>年底前</td></tr>\n" +
		"<tr><td rowspan=\"2\">3</td><td rowspan=\"2\">建设实验室。</td><td>市科技局</td><td></td><td>全年</td><td>李四</td></tr>\n" +
		"<tr><td>市教育局</td><td>市财政局</td><td>全年</td><td>李四</td></tr>\n" +
		"</table></body></html>"
	doc := parseString(t, page)
	require.Equal(t, []rowView{
		{1, 1, "推进消费升级。", "市商务局", "市发改委、市财政局", "张三", "6月底前", "2030-06-30", ""},
		{1, 2, "扩大有效投资。", "市商务局", "", "张三", "年底前", "", ""},
		{1, 3, "建设实验室。", "市科技局、市教育局", "市财政局", "李四", "全年", "", ""},
	}, rows(doc), warningsText(doc))
}

// TestPipeLedCells: cells a scraper led with a bar, a row ended by a bar
// alone, and a 牵头单位 cell spanning rows written once, broken over lines.
func TestPipeLedCells(t *testing.T) {
	body := "牵头单位\n| 目 标 任 务\n| 责 任 单 位\n|\n市发\n改委\n| 推进消费升级。\n| 商务局、财政局\n|\n扩大有效投资。\n| 统计局\n|\n市\n科\n技\n局\n| 建设实验室。\n| 教育局\n|\n"
	doc := parseString(t, planHeader+body)
	require.Equal(t, []rowView{
		{0, 1, "推进消费升级。", "市发改委", "商务局、财政局", "", "", "", ""},
		{0, 2, "扩大有效投资。", "市发改委", "统计局", "", "", "", ""},
		{0, 3, "建设实验室。", "市科技局", "教育局", "", "", "", ""},
	}, rows(doc), warningsText(doc))
}

// TestTableGroupRow: an outer 序号 and label spanning numbered targets is a
// group, not a task.
func TestTableGroupRow(t *testing.T) {
	body := "序号\n项目\n重点工作目标任务\n责任单位\n1\n主要预期目标\n1.地区生产总值增长6%。\n★区发改委、统计局\n2.一般公共预算收入增长5%。\n★区财政局、税务局\n"
	doc := parseString(t, planHeader+body)
	require.Equal(t, []rowView{
		{0, 1, "地区生产总值增长6%。", "区发改委", "统计局", "", "", "", ""},
		{0, 2, "一般公共预算收入增长5%。", "区财政局", "税务局", "", "", "", ""},
	}, rows(doc), warningsText(doc))
}

// TestMergedCellShifted: a page that lost a merged 牵头单位 cell writes the
// rows under it shifted left, with an empty cell at the end; they take the
// lead of the row that opened the group.
func TestMergedCellShifted(t *testing.T) {
	body := "序号 | 项目内容 | 月度计划 | 牵头单位 | 落实情况 |\n" +
		"1 | 为老人免费接种流感疫苗。 | 4月:印发方案。 | 县卫生健康局 | 已完成。 |\n" +
		"2 | 为重点人群免费筛查。 | 4月:筛查1480人。 | 已完成。 已筛查3495人。 | |\n" +
		"3 | 培训应急救护人员。 | 4月:培训65人。 | 县红十字会 | 已完成。 |\n"
	doc := parseString(t, planHeader+body)
	var got []string
	for _, r := range rows(doc) {
		got = append(got, r.Leads)
	}
	require.Equal(t, []string{"县卫生健康局", "县卫生健康局", "县红十字会"}, got, warningsText(doc))

	// A last row the page cut off lost its cells: none spans into it.
	cut := body + "4 | 新建口袋公园。 | 4月:完成选址"
	doc = parseString(t, planHeader+cut)
	got = got[:0]
	for _, r := range rows(doc) {
		got = append(got, r.Leads)
	}
	require.Equal(t, []string{"县卫生健康局", "县卫生健康局", "县红十字会", ""}, got, warningsText(doc))
}

// TestPipeTableInterrupted: a heading or leader line between a table's rows,
// and the header repeated at a page break, leave the table whole.
func TestPipeTableInterrupted(t *testing.T) {
	body := "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n一、扩大内需\n责任领导：张三\n| 1 | 推进消费升级。 | 市商务局 |\n" +
		"| 序号 | 工作任务 | 牵头单位 |\n二、科技创新\n| 2 | 建设实验室。 | 市科技局 |\n"
	doc := parseString(t, planHeader+body)
	require.Equal(t, []rowView{
		{1, 1, "推进消费升级。", "市商务局", "", "张三", "", "", ""},
		{2, 2, "建设实验室。", "市科技局", "", "", "", "", ""},
	}, rows(doc), warningsText(doc))
}

// TestTableHeaders: the names tables give their columns.
func TestTableHeaders(t *testing.T) {
	tests := []struct{ header, want string }{
		{"| 项次 | 项目名称 | 承办单位 | 参加单位 |", "市发改委|市财政局"},
		{"| 序号 | 实事项目 | 实施单位 | 计量单位 |", "市发改委|"},
		{"| 序号 | 项目 | 工作内容 | 牵头部门 | 协同部门 |", "市发改委|市财政局"},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			row := "| 1 | 建设城市书房。 | 市发改委 | 市财政局 |"
			if strings.Contains(tt.header, "| 项目 |") {
				row = "| 1 | 民生项目 | 建设城市书房。 | 市发改委 | 市财政局 |"
			}
			doc := parseString(t, planHeader+tt.header+"\n"+row+"\n")
			r := rows(doc)
			require.Len(t, r, 1, warningsText(doc))
			require.Equal(t, "建设城市书房。", r[0].Text)
			require.Equal(t, tt.want, r[0].Leads+"|"+r[0].Coop)
		})
	}
}
