package loader_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/loader/textin"
)

// parseString parses an invented document with the bundled registry.
func parseString(t *testing.T, text string) *loader.Document {
	t.Helper()
	doc, err := loader.Parse(strings.NewReader(text), "test.txt", loadRegistry(t))
	require.NoError(t, err)
	return doc
}

// taskView is what a test checks of a task: its number, text and units.
type taskView struct {
	Section     int
	Number      int
	Line        int
	Text        string
	Leads, Coop string
}

func view(doc *loader.Document) []taskView {
	var out []taskView
	for _, s := range doc.Sections {
		for _, t := range s.Tasks {
			out = append(out, taskView{s.Number, t.Number, t.Line, t.Text, names(t.Leads), names(t.Cooperators)})
		}
	}
	return out
}

func names(us []loader.UnitRef) string {
	var ns []string
	for _, u := range us {
		ns = append(ns, u.Name)
	}
	return strings.Join(ns, "、")
}

func warningsText(doc *loader.Document) string {
	var b strings.Builder
	for _, w := range doc.Warnings {
		b.WriteString(w.Message)
		b.WriteString("\n")
	}
	return b.String()
}

// planHeader is an invented notice header for a city plan.
const planHeader = `南京市人民政府关于印发2030年市政府主要工作目标任务分解落实方案的通知
宁政发〔2030〕5号
各区人民政府,市府各委办局:
市第十九届人大一次会议审议通过《政府工作报告》,现将方案印发给你们。
南京市人民政府
2030年2月1日
2030年市政府主要工作目标任务分解落实方案
`

func TestNumberingVariants(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []taskView
	}{
		{
			name: "dot, enumeration comma, full-width stop, small full stop, space",
			body: "一、扩大内需\n1.任务甲。(市发改委主办)\n2、任务乙。(市商务局主办,市财政局协办)\n3．任务丙。(市工信局主办)\n4﹒任务丁。(市科技局主办)\n5. 任务戊。(市教育局主办)\n",
			want: []taskView{
				{1, 1, 9, "任务甲。", "市发改委", ""},
				{1, 2, 10, "任务乙。", "市商务局", "市财政局"},
				{1, 3, 11, "任务丙。", "市工信局", ""},
				{1, 4, 12, "任务丁。", "市科技局", ""},
				{1, 5, 13, "任务戊。", "市教育局", ""},
			},
		},
		{
			name: "tasks numbered （一） under sections 一、, numbers restart per section",
			body: "一、扩大内需\n（一）任务甲。（市发改委主办）\n(二)任务乙。(市商务局主办)\n二、科技创新\n（一）任务丙。（市科技局主办）\n",
			want: []taskView{
				{1, 1, 9, "任务甲。", "市发改委", ""},
				{1, 2, 10, "任务乙。", "市商务局", ""},
				{2, 1, 12, "任务丙。", "市科技局", ""},
			},
		},
		{
			name: "sections （一） over tasks （1）",
			body: "（一）扩大内需\n（1）任务甲。（市发改委主办）\n(2)任务乙。(市商务局主办)\n",
			want: []taskView{
				{1, 1, 9, "任务甲。", "市发改委", ""},
				{1, 2, 10, "任务乙。", "市商务局", ""},
			},
		},
		{
			name: "full-width digits",
			body: "一、扩大内需\n１．任务甲。(市发改委主办)\n２．任务乙。(市商务局主办)\n",
			want: []taskView{
				{1, 1, 9, "任务甲。", "市发改委", ""},
				{1, 2, 10, "任务乙。", "市商务局", ""},
			},
		},
		{
			name: "task numbers continue across sections; sub-headings （一） are neither",
			body: "一、扩大内需\n（一）消费\n1.任务甲。(市发改委主办)\n（二）投资\n2.任务乙。(市商务局主办)\n二、科技创新\n3.任务丙。(市科技局主办)\n",
			want: []taskView{
				{1, 1, 10, "任务甲。", "市发改委", ""},
				{1, 2, 12, "任务乙。", "市商务局", ""},
				{2, 3, 14, "任务丙。", "市科技局", ""},
			},
		},
		{
			name: "a task over several lines, its clause split by a line break",
			body: "一、扩大内需\n1.推进消费升级,\n打造夜间经济集聚区。(市商务局、\n市发改委主办)\n2.任务乙。\n(市财政局主办)\n",
			want: []taskView{
				{1, 1, 9, "推进消费升级,打造夜间经济集聚区。", "市商务局、市发改委", ""},
				{1, 2, 12, "任务乙。", "市财政局", ""},
			},
		},
		{
			name: "tasks before the first section go to section 0",
			body: "1.任务甲。(市发改委主办)\n一、科技创新\n2.任务乙。(市科技局主办)\n",
			want: []taskView{
				{0, 1, 8, "任务甲。", "市发改委", ""},
				{1, 2, 10, "任务乙。", "市科技局", ""},
			},
		},
		{
			name: "decimals and years are not numbers",
			body: "一、扩大内需\n1.任务甲,\n2.5%的增长。\n2026年起实施。(市发改委主办)\n",
			want: []taskView{
				{1, 1, 9, "任务甲,2.5%的增长。2026年起实施。", "市发改委", ""},
			},
		},
		{
			name: "label lines after tasks",
			body: "一、扩大内需\n1.推进消费升级。\n牵头单位：市商务局\n配合单位：市发改委、市财政局\n2.培育新业态。\n责任单位：市工信局\n",
			want: []taskView{
				{1, 1, 9, "推进消费升级。", "市商务局", "市发改委、市财政局"},
				{1, 2, 12, "培育新业态。", "市工信局", ""},
			},
		},
		{
			name: "trailer boilerplate after the last task is not read into it",
			body: "一、扩大内需\n1.任务甲。\n(市发改委主办)\n责任编辑:张三\n文件解读:http://example.gov.cn/1.html\n",
			want: []taskView{
				{1, 1, 9, "任务甲。", "市发改委", ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, planHeader+tt.body)
			require.Equal(t, tt.want, view(doc), "warnings:\n%s", warningsText(doc))
		})
	}
}

func TestTaskWarnings(t *testing.T) {
	tests := []struct {
		name string
		body string
		line int
		want string
	}{
		{"truncated last task", "一、扩大内需\n1.任务甲。(市发改委主办)\n2.任务乙,推进", 10, "task 2 has no responsibility clause (is the document cut short?)"},
		{"task without clause in the middle", "一、扩大内需\n1.任务甲。\n2.任务乙。(市发改委主办)\n", 9, "task 1 has no responsibility clause"},
		{"skipped task number", "一、扩大内需\n1.任务甲。(市发改委主办)\n3.任务丙。(市发改委主办)\n", 10, "task number 3 follows 1"},
		{"skipped section number", "一、扩大内需\n1.任务甲。(市发改委主办)\n三、科技\n2.任务丙。(市发改委主办)\n", 10, "section number 3 follows 1"},
		{"damaged bytes", "一、扩大内需\n1.任务\xff甲。(市发改委主办)\n", 9, "1 lines hold bytes that are not valid text"},
		{"clause without number", "一、扩大内需\n1.任务甲。(市发改委主办)\n\n附:任务乙。(市财政局主办)\n", 11, "text with a responsibility clause but no task number ignored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, planHeader+tt.body)
			found := false
			for _, w := range doc.Warnings {
				if strings.Contains(w.Message, tt.want) {
					require.Equal(t, tt.line, w.Line, w.Message)
					found = true
				}
			}
			require.True(t, found, "no warning %q in:\n%s", tt.want, warningsText(doc))
		})
	}
}

func TestHeaderForms(t *testing.T) {
	tests := []struct {
		name                                   string
		text                                   string
		title, number, date, issuer, jur, sess string
		year                                   int
	}{
		{
			name:   "plain article header",
			text:   planHeader + "一、扩大内需\n1.任务甲。(市发改委主办)\n",
			title:  "南京市人民政府关于印发2030年市政府主要工作目标任务分解落实方案的通知",
			number: "宁政发〔2030〕5号", date: "2030-02-01", issuer: "南京市人民政府", jur: "南京市", sess: "市第十九届人大一次会议", year: 2030,
		},
		{
			name:   "title over two lines, number in square brackets",
			text:   "南京市人民政府关于印发2030年市政府\n\n主要工作目标任务分解落实方案的通知\n\n宁政发[2030]7号\n\n南京市人民政府\n\n2030年3月4日\n\n一、扩大内需\n\n1.任务甲。(市发改委主办)\n",
			title:  "南京市人民政府关于印发2030年市政府主要工作目标任务分解落实方案的通知",
			number: "宁政发〔2030〕7号", date: "2030-03-04", issuer: "南京市人民政府", jur: "南京市", year: 2030,
		},
		{
			name:  "pipe metadata with and without leading pipe, keys with spaces",
			text:  "| 发布机构: | 南京市人民政府 | 生成日期: | 2030-02-08 |\n信息名称: | 市政府关于印发2030年方案的通知 | ||\n文 号: | 宁政发〔2030〕9号 | 关 键 词: | 方案 |\n一、扩大内需\n1.任务甲。(市发改委主办)\n",
			title: "市政府关于印发2030年方案的通知", number: "宁政发〔2030〕9号", date: "2030-02-08", issuer: "南京市人民政府", jur: "南京市", year: 2030,
		},
		{
			name:  "metadata lines with colons",
			text:  "标题：南京市人民政府关于印发2031年工作方案的通知\n文号：宁政发〔2031〕1号\n成文日期：2031年1月5日\n发布机构：南京市人民政府\n一、扩大内需\n1.任务甲。(市发改委主办)\n",
			title: "南京市人民政府关于印发2031年工作方案的通知", number: "宁政发〔2031〕1号", date: "2031-01-05", issuer: "南京市人民政府", jur: "南京市", year: 2031,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, tt.text)
			require.Equal(t, tt.title, doc.Title)
			require.Equal(t, tt.number, doc.DocNumber)
			require.Equal(t, tt.date, doc.Date)
			require.Equal(t, tt.issuer, doc.Issuer)
			require.Equal(t, tt.jur, doc.Jurisdiction)
			require.Equal(t, tt.year, doc.Year)
			if tt.sess == "" {
				require.Nil(t, doc.ImplementsReport)
			} else {
				require.Equal(t, tt.sess, doc.ImplementsReport.Session)
			}
			require.Len(t, view(doc), 1)
		})
	}
}

// TestIssuerContradicted: a field naming the government of another place is
// overridden when the number and body agree on the city.
func TestIssuerContradicted(t *testing.T) {
	doc := parseString(t, "| 发布机构: | 鼓楼区人民政府 |\n"+planHeader+"一、扩大内需\n1.任务甲。(市发改委主办)\n2.任务乙。(市财政局主办)\n")
	require.Equal(t, "南京市", doc.Jurisdiction)
	require.Equal(t, "南京市人民政府", doc.Issuer)
	require.Contains(t, warningsText(doc), "names a government the evidence contradicts")
}

func TestEncodings(t *testing.T) {
	plain := planHeader + "一、扩大内需\n1.推进消费升级。(市商务局主办,市发改委协办)\n2.培育新业态。（市工信局主办）\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(plain)
	require.NoError(t, err)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(plain)
	require.NoError(t, err)
	want := parseString(t, plain)
	inputs := map[string]string{
		"UTF-8 with BOM":                         "\uFEFF" + plain,
		"CRLF":                                   strings.ReplaceAll(plain, "\n", "\r\n"),
		"GB18030":                                gb,
		"GBK":                                    gbk,
		"ideographic indent and trailing spaces": strings.ReplaceAll(plain, "\n1.", "\n\u3000\u30001.") + "  ",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			doc := parseString(t, in)
			require.Equal(t, view(want), view(doc))
			require.Equal(t, want.Title, doc.Title)
			require.Equal(t, want.Warnings, doc.Warnings)
		})
	}
}

func TestHTMLPage(t *testing.T) {
	page := `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>站点标题</title>
<script>var x = "1.不是任务(市发改委主办)";</script>
<style>p { margin: 0 }</style></head>
<body>
<table class="meta">
<tr><td>发布机构:</td><td>南京市人民政府</td><td>生成日期:</td><td>2030-02-08</td></tr>
<tr><td>文 号:</td><td>宁政发〔2030〕5号</td><td>信息名称:</td><td>市政府关于印发2030年方案的通知</td></tr>
</table>
<div class="content">
<p>市第十九届人大一次会议审议通过《政府工作报告》。</p>
<p>一、扩大内需</p>
<p>1.推进消费升级&amp;提质,打造
夜间经济集聚区。(市商务局主办,<br>市发改委协办)</p>
<p>2.培育新业态。<span>(市工信局主办)</span></p>
</div>
<div>责任编辑:李四</div>
</body></html>`
	doc := parseString(t, page)
	require.Equal(t, "市政府关于印发2030年方案的通知", doc.Title)
	require.Equal(t, "宁政发〔2030〕5号", doc.DocNumber)
	require.Equal(t, "南京市", doc.Jurisdiction)
	require.Equal(t, []taskView{
		{1, 1, 13, "推进消费升级&提质,打造夜间经济集聚区。", "市商务局", "市发改委"},
		{1, 2, 15, "培育新业态。", "市工信局", ""},
	}, view(doc), warningsText(doc))
}

func TestTables(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []taskView
	}{
		{
			name: "Markdown table with section headings around it",
			body: "## 一、扩大内需\n\n| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n|---|---|:---:|---|\n| 1 | 推进消费升级。 | 市商务局 | 市发改委、市财政局 |\n| 2 | 扩大有效投资。 | 市发改委 | |\n\n## 二、科技创新\n\n| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n| 3 | 建设实验室。 | 市科技局<br>市教育局 | 市财政局 |\n",
			want: []taskView{
				{1, 1, 12, "推进消费升级。", "市商务局", "市发改委、市财政局"},
				{1, 2, 13, "扩大有效投资。", "市发改委", ""},
				{2, 3, 19, "建设实验室。", "市科技局、市教育局", "市财政局"},
			},
		},
		{
			name: "section rows inside the table, 责任单位 with 主办 and 协办 columns, no 序号",
			body: "| 主要任务 | 主办单位 | 协办单位 | 完成时限 |\n| --- | --- | --- | --- |\n| 一、扩大内需 | | | |\n| 推进消费升级。 | 市商务局 | 市发改委 | 年底 |\n| 二、科技创新 | | | |\n| 建设实验室。 | 市科技局 | | 年底 |\n",
			want: []taskView{
				{1, 1, 11, "推进消费升级。", "市商务局", "市发改委"},
				{2, 2, 13, "建设实验室。", "市科技局", ""},
			},
		},
		{
			name: "责任单位 column alone lists leads",
			body: "一、扩大内需\n| 序号 | 任务 | 责任单位 |\n| 1 | 推进消费升级。 | 市商务局、市发改委 |\n",
			want: []taskView{
				{1, 1, 10, "推进消费升级。", "市商务局、市发改委", ""},
			},
		},
		{
			name: "责任单位 beside 牵头单位 lists cooperators",
			body: "| 序号 | 任务 | 牵头单位 | 责任单位 |\n| 一 | 扩大内需 | | |\n| 1 | 推进消费升级。 | 市商务局 | 市发改委 |\n",
			want: []taskView{
				{1, 1, 10, "推进消费升级。", "市商务局", "市发改委"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, planHeader+tt.body)
			require.Equal(t, tt.want, view(doc), warningsText(doc))
		})
	}
}

func TestUnreadableInput(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		is   error
		msg  string
	}{
		{"empty", nil, textin.ErrEmpty, "bad.txt: empty file"},
		{"white space only", []byte(" \r\n\u3000\n"), textin.ErrEmpty, "bad.txt: empty file"},
		{"NUL bytes", []byte("abc\x00\x01def"), textin.ErrBinary, "bad.txt: binary file, not text (NUL bytes)"},
		{"PNG", []byte("\x89PNG\r\n\x1a\n..."), textin.ErrBinary, "bad.txt: binary file, not text (PNG image)"},
		{"no plan", []byte("今天天气很好。\n1.出门散步\n"), loader.ErrNoDocument, "bad.txt: no plan or work report found"},
		{"report without work part", []byte("各位代表：\n现在我代表南京市人民政府向大会报告工作。\n"), loader.ErrNoDocument, "bad.txt: reads like a work report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loader.Parse(bytes.NewReader(tt.in), "bad.txt", loadRegistry(t))
			require.Error(t, err)
			require.ErrorIs(t, err, tt.is)
			var pe *loader.ParseError
			require.True(t, errors.As(err, &pe))
			require.Equal(t, "bad.txt", pe.File)
			require.True(t, strings.HasPrefix(err.Error(), tt.msg), err.Error())
		})
	}
}

func TestReportVariants(t *testing.T) {
	report := "各位代表：\n现在，我代表南京市人民政府向大会报告工作。\n一、2029年工作回顾\n（一）回顾甲。内容。\n（二）回顾乙。\n二、2030年重点工作\n今年主要预期目标是：地区生产总值增长6%左右，城镇新增就业突破25万人，研发投入力争达到4%，单位能耗下降3%以内。\n（一）坚持创新驱动。加快建设。\n（二）坚持扩大开放\n三、加强政府自身建设\n（一）不是工作领域。\n"
	doc := parseString(t, report)
	require.Equal(t, loader.KindReport, doc.Kind)
	require.Equal(t, 2030, doc.Year)
	require.Equal(t, "南京市", doc.Jurisdiction)
	require.Len(t, doc.Sections, 2)
	require.Equal(t, "坚持创新驱动", doc.Sections[0].Title)
	require.Equal(t, "坚持扩大开放", doc.Sections[1].Title)
	require.Equal(t, []loader.Task{}, doc.Sections[0].Tasks)

	type tv struct {
		Metric  string
		Measure graph.TargetMeasure
		Unit    string
		Cmp     string
		Value   float64
		Strive  bool
	}
	var got []tv
	for _, tg := range doc.Targets {
		require.NotNil(t, tg.Value, tg.Text)
		got = append(got, tv{tg.Metric, tg.Measure, tg.Unit, tg.Comparator, *tg.Value, tg.Aspirational})
	}
	require.Equal(t, []tv{
		{"地区生产总值", graph.MeasureGrowth, "%", "≈", 6, false},
		{"城镇新增就业", graph.MeasureCount, "万人", ">", 25, false},
		{"研发投入", graph.MeasureLevel, "%", "≥", 4, true},
		{"单位能耗", graph.MeasureReduction, "%", "≤", 3, false},
	}, got)
}

// TestJSONArraysNeverNull: dashboards read [] for an empty list, never null.
func TestJSONArraysNeverNull(t *testing.T) {
	doc := parseString(t, planHeader+"一、扩大内需\n1.任务甲。(市发改委主办)\n")
	b := marshal(t, doc)
	require.NotContains(t, string(b), "null,")
	require.Contains(t, string(b), `"cooperators": []`)
	require.Contains(t, string(b), `"targets": []`)
}

// TestHTMLTable: a task table on an HTML page, line breaks inside its cells.
func TestHTMLTable(t *testing.T) {
	page := "<html><body>\n<p>2030年市政府主要工作目标任务分解落实方案</p>\n<p>一、扩大内需</p>\n<table>\n" +
		"<tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>配合单位</td></tr>\n" +
		"<tr><td>1</td><td><p>推进消费升级。</p></td><td>市商务局<br>市发改委</td><td>市财政局</td></tr>\n" +
		"</table></body></html>"
	doc := parseString(t, page)
	require.Equal(t, []taskView{{1, 1, 6, "推进消费升级。", "市商务局、市发改委", "市财政局"}}, view(doc), warningsText(doc))
}

// TestUnknownPlace: a place the gazetteer does not know is read from its
// government's name, under the part the gazetteer knows, with a warning.
func TestUnknownPlace(t *testing.T) {
	doc := parseString(t, "咸宁市梓山湖新区人民政府关于印发2030年工作方案的通知\n梓政发〔2030〕3号\n咸宁市梓山湖新区人民政府\n2030年1月9日\n一、扩大内需\n1.任务甲。(区发改局主办)\n")
	require.Equal(t, "湖北省/咸宁市/梓山湖新区", doc.Jurisdiction)
	require.Equal(t, "咸宁市梓山湖新区人民政府", doc.Issuer)
	require.Contains(t, warningsText(doc), "jurisdiction 湖北省/咸宁市/梓山湖新区 read from")
	require.Contains(t, warningsText(doc), "gazetteer does not know it")
}

// TestReportWithTitle: a report that has a title, a subtitle naming the
// session, and a work part without a year in its heading.
func TestReportWithTitle(t *testing.T) {
	doc := parseString(t, "政府工作报告\n——2031年1月10日在南京市第十九届人民代表大会第二次会议上\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2030年工作回顾\n（一）回顾。\n二、今年重点工作\n（一）坚持创新驱动。加快建设。\n")
	require.Equal(t, loader.KindReport, doc.Kind)
	require.Equal(t, "政府工作报告", doc.Title)
	require.Equal(t, 2031, doc.Year)
	require.Equal(t, "南京市", doc.Jurisdiction)
	require.Equal(t, "南京市人民政府", doc.Issuer)
	require.Equal(t, "2031-01-10", doc.Date)
	require.Len(t, doc.Sections, 1)
	require.Equal(t, []loader.Target{}, doc.Targets)
}

// TestUnnumberedTextBetweenTasks: a note between tasks neither joins the task
// before it nor hides the task level.
func TestUnnumberedTextBetweenTasks(t *testing.T) {
	doc := parseString(t, planHeader+"一、扩大内需\n1.任务甲。(市发改委主办)\n说明：本部分任务年底前完成。\n2.任务乙。(市财政局主办)\n")
	require.Equal(t, []taskView{
		{1, 1, 9, "任务甲。", "市发改委", ""},
		{1, 2, 11, "任务乙。", "市财政局", ""},
	}, view(doc), warningsText(doc))
}

// TestTableSectionColumn: a 类别 column opens a section at each new value,
// and rows that only name a section are numbered in turn.
func TestTableSectionColumn(t *testing.T) {
	doc := parseString(t, planHeader+"| 类别 | 序号 | 重点任务 | 责任单位 |\n|---|---|---|---|\n| 扩大内需 | 1 | 推进消费升级。 | 市商务局 |\n| 扩大内需 | 2 | 扩大投资。 | 市发改委 |\n| | | | |\n| 科技创新 | 3 | 建设实验室。 | 市科技局 |\n| 民生保障 | | | |\n| | 4 | 新增就业。 | 市人社局 |\n")
	require.Equal(t, []taskView{
		{1, 1, 10, "推进消费升级。", "市商务局", ""},
		{1, 2, 11, "扩大投资。", "市发改委", ""},
		{2, 3, 13, "建设实验室。", "市科技局", ""},
		{3, 4, 15, "新增就业。", "市人社局", ""},
	}, view(doc), warningsText(doc))
	require.Equal(t, "民生保障", doc.Sections[2].Title)
	require.Empty(t, doc.Warnings)
}
