package loader_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

// formTask is what TestTaskListForms checks of a task.
type formTask struct {
	Number      int
	Text        string
	Leads, Coop string
	Leaders     string
}

func formTasks(doc *loader.Document) []formTask {
	var out []formTask
	for _, s := range doc.Sections {
		for _, t := range s.Tasks {
			out = append(out, formTask{t.Number, t.Text, names(t.Leads), names(t.Cooperators), strings.Join(t.Leaders, "、")})
		}
	}
	return out
}

// TestTaskListForms reads the task-list forms of plans from other places
// (invented tasks, forms as published).
func TestTaskListForms(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    []formTask
		warning string // a warning the document must carry, "" for none
	}{
		{
			name: "label lines with a leader and a division of roles",
			body: "一、目标\n1.地区生产总值增长6%。\n分管省领导：林清\n部门分工：市发改委牵头，各区、各部门配合。\n" +
				"2.新增就业10万人。\n牵头领导：宁波\n牵头单位：市人社局\n责任单位：市财政局、市统计局\n",
			want: []formTask{
				{1, "地区生产总值增长6%。", "市发改委", "各区、各部门", "林清"},
				{2, "新增就业10万人。", "市人社局", "市财政局、市统计局", "宁波"},
			},
		},
		{
			name: "label names pushed onto the next line, labels in brackets",
			body: "一、目标\n1.推进改革。\n牵头单位：\n市发改委\n责任单位：\n市财政局、市统计局\n2.推进开放。\n【牵头单位】市商务局\n【配合单位】市外办\n",
			want: []formTask{
				{1, "推进改革。", "市发改委", "市财政局、市统计局", ""},
				{2, "推进开放。", "市商务局", "市外办", ""},
			},
		},
		{
			name: "a leader label under a bracketed clause",
			body: "一、目标\n1.地区生产总值增长6%。(市发改委主办)\n责任领导：王小明\n",
			want: []formTask{{1, "地区生产总值增长6%。", "市发改委", "", "王小明"}},
		},
		{
			name: "the notice ranks responsible units: the first leads",
			body: "列第一位的责任单位为牵头单位。\n一、目标\n1.推进改革。\n责任单位：市发改委、市财政局\n2.推进开放。(市商务局、市外办负责)\n3.推进创新。\n牵头单位：市科技局\n责任单位：市工信局\n",
			want: []formTask{
				{1, "推进改革。", "市发改委", "市财政局", ""},
				{2, "推进开放。", "市商务局", "市外办", ""},
				{3, "推进创新。", "市科技局", "市工信局", ""},
			},
			warning: "convention applied to every task: the first responsible unit listed leads",
		},
		{
			name: "without a convention responsible units share the lead",
			body: "一、目标\n1.推进改革。\n责任单位：市发改委、市财政局\n",
			want: []formTask{{1, "推进改革。", "市发改委、市财政局", "", ""}},
		},
		{
			name: "unnumbered tasks under numbered heading sentences",
			body: "一、扩大内需\n（一）发挥消费、投资、出口的拉动作用。\n落实积极的财政政策。(市财政局、市发改委等负责)\n突出投资的关键作用，优化投资结构。(市发改委负责)\n" +
				"（二）推进开放。\n稳住外贸基本盘。(市商务局牵头，南京海关配合)\n",
			want: []formTask{
				{1, "落实积极的财政政策。", "市财政局、市发改委", "", ""},
				{2, "突出投资的关键作用，优化投资结构。", "市发改委", "", ""},
				{3, "稳住外贸基本盘。", "市商务局", "南京海关", ""},
			},
		},
		{
			name: "a paragraph of tasks after a heading sentence, leaders by office",
			body: "一、发展\n（一）增强创新能力。建设创新示范区(分管副市长、协管副秘书长负责，市科技局牵头。明确牵头部门的，其他部门配合，下同)。" +
				"落实研发费用加计扣除(分管副市长负责，市科技局、市财政局等负责。列第一位的为牵头部门，下同)，建成一批众创空间(分管副市长负责，市科技局牵头)。\n",
			want: []formTask{
				{1, "建设创新示范区", "市科技局", "", "分管副市长、协管副秘书长"},
				{2, "落实研发费用加计扣除", "市科技局", "市财政局", "分管副市长"},
				{3, "建成一批众创空间", "市科技局", "", "分管副市长"},
			},
			warning: "convention applied to every task",
		},
		{
			name: "numbered tasks run together on one line under a heading",
			body: "一、项目\n（一）推进项目建设。\n1.推进重点项目。(市发改委主办,市工信局协办)2.推进技改项目。(市工信局主办,市发改委协办)\n",
			want: []formTask{
				{1, "推进重点项目。", "市发改委", "市工信局", ""},
				{2, "推进技改项目。", "市工信局", "市发改委", ""},
			},
		},
		{
			name: "numbered tasks run together under task-level headings: numbered in order",
			body: "一、项目\n（一）地区生产总值增长6%。(市发改委负责)\n（二）推进项目建设。\n1.推进重点项目。(市发改委主办)2.推进技改项目。(市工信局主办)\n" +
				"（三）推进开放。\n1.稳住外贸。(市商务局主办)2.扩大外资。(市商务局主办)\n（四）保障民生。(市民政局负责)\n（五）稳定就业。(市人社局负责)\n",
			want: []formTask{
				{1, "地区生产总值增长6%。", "市发改委", "", ""},
				{2, "推进重点项目。", "市发改委", "", ""},
				{3, "推进技改项目。", "市工信局", "", ""},
				{4, "稳住外贸。", "市商务局", "", ""},
				{5, "扩大外资。", "市商务局", "", ""},
				{6, "保障民生。", "市民政局", "", ""},
				{7, "稳定就业。", "市人社局", "", ""},
			},
		},
		{
			name: "headings with clauses of their own above tasks with clauses",
			body: "一、目标\n（一）地区生产总值增长6%。(市发改委负责)\n（二）推进项目建设。\n1.推进重点项目。(市发改委主办)\n2.推进技改项目。(市工信局主办)\n" +
				"（三）推进开放。\n1.稳住外贸。(市商务局主办)\n2.扩大外资。(市商务局主办)\n",
			want: []formTask{
				{1, "地区生产总值增长6%。", "市发改委", "", ""},
				{1, "推进重点项目。", "市发改委", "", ""},
				{2, "推进技改项目。", "市工信局", "", ""},
				{1, "稳住外贸。", "市商务局", "", ""},
				{2, "扩大外资。", "市商务局", "", ""},
			},
		},
		{
			name: "a document flattened onto one line",
			body: "现将重点工作分解如下，请认真落实，确保按期完成各项任务，并按时报送进展情况，年底前报送全年落实情况，各单位要切实担起责任，谋划好工作，采取有力措施，保证重点工作按期推进，确保年度任务全面完成。" +
				" 一、扩大内需 （一）促进消费。 1.扩大消费场景，改善消费环境，打造一批新的消费地标。（市商务局、市财政局等相关部门按职责分工负责）" +
				" 2.抓好提振市场信心各项措施的落地见效。（市发改委牵头，市商务局、市财政局等市级有关部门按职责分工负责）" +
				" 3.推动房地产市场平稳健康发展。（市住建局负责）\n",
			want: []formTask{
				{1, "扩大消费场景，改善消费环境，打造一批新的消费地标。", "市商务局、市财政局、相关部门", "", ""},
				{2, "抓好提振市场信心各项措施的落地见效。", "市发改委", "市商务局、市财政局、市级有关部门", ""},
				{3, "推动房地产市场平稳健康发展。", "市住建局", "", ""},
			},
		},
		{
			name: "clauses in square, lenticular and full-width brackets",
			body: "一、目标\n1.推进改革。[牵头单位:市发改委;责任单位:市财政局]\n2.推进开放。【市商务局牵头，市外办配合】\n3.推进创新。［市科技局、市工信局牵头落实］\n",
			want: []formTask{
				{1, "推进改革。", "市发改委", "市财政局", ""},
				{2, "推进开放。", "市商务局", "市外办", ""},
				{3, "推进创新。", "市科技局、市工信局", "", ""},
			},
		},
		{
			name: "the notice's numbered paragraphs before a task list numbered the same way",
			body: "1.提高认识，抓好落实。\n2.加强督查，定期通报。\n附件\n重点任务分解表\n1.推进改革。(市发改委主办)\n2.推进开放。(市商务局主办)\n",
			want: []formTask{
				{1, "推进改革。", "市发改委", "", ""},
				{2, "推进开放。", "市商务局", "", ""},
			},
			warning: "2 numbered paragraphs before the task list name no responsible unit",
		},
		{
			name: "traditional characters",
			body: "一、王浩省長牽頭重點工作\n1.堅持過緊日子。\n責任單位:省政府辦公廳、省財政廳牽頭,省商務廳(除標註爲牽頭單位外,列第一位的爲牽頭單位,下同)\n" +
				"2.爭取專項債券。\n責任單位:省財政廳、省發展改革委\n3.推進改革。(省發展改革委牽頭,省財政廳協辦)\n",
			want: []formTask{
				// The document is read as its simplified original.
				{1, "坚持过紧日子。", "省政府办公厅、省财政厅", "省商务厅", "王浩"},
				{2, "争取专项债券。", "省财政厅", "省发展改革委", "王浩"},
				{3, "推进改革。", "省发展改革委", "省财政厅", "王浩"},
			},
			warning: "convention applied to every task",
		},
		{
			name: "labels after the task's full stop, without brackets",
			body: "一、目标\n1.地区生产总值增长6%。牵头单位:市发改委;责任单位:各县、市、区政府\n2.财政收入增长5%。牵头单位:市财政局;责任单位:市税务局\n",
			want: []formTask{
				{1, "地区生产总值增长6%。", "市发改委", "各县、市、区政府", ""},
				{2, "财政收入增长5%。", "市财政局", "市税务局", ""},
			},
		},
		{
			name: "a heading names the lead of the tasks under it",
			body: "一、市示范区管委会牵头工作(2项)\n1.建成养殖基地。\n2.建设食用菌基地。\n二、王宏副市长牵头重点工作\n1.推进改革。(市发改委负责)\n",
			want: []formTask{
				{1, "建成养殖基地。", "市示范区管委会", "", ""},
				{2, "建设食用菌基地。", "市示范区管委会", "", ""},
				{1, "推进改革。", "市发改委", "", "王宏"},
			},
		},
		{
			name: "共同责任单位 beside 牵头单位 cooperate, a clause cut after its last label",
			body: "一、目标\n1.新建学校8所。(牵头单位:市教育局;共同责任单位:市住建局、各县区)\n2.新建图书馆2座。(牵头单位:市文旅局;共同责任单位:\n",
			want: []formTask{
				{1, "新建学校8所。", "市教育局", "市住建局、各县区", ""},
				{2, "新建图书馆2座。", "市文旅局", "", ""},
			},
		},
		{
			name: "a bare bracket of units on the line under each task: they all lead",
			body: "一、目标分解\n1、全市工业产值增长9%。\n(市工信委、统计局,市国税局)\n2、新建公园5个。\n（市园林局）\n" +
				"3、粮食产量稳定在40万吨(含大豆)。\n(市农委,各市(县)、区政府)\n",
			want: []formTask{
				{1, "全市工业产值增长9%。", "市工信委、统计局、市国税局", "", ""},
				{2, "新建公园5个。", "市园林局", "", ""},
				{3, "粮食产量稳定在40万吨(含大豆)。", "市农委、各市(县)、区政府", "", ""},
			},
		},
		{
			name: "a bare bracket under a task that is not units stays text",
			body: "一、目标\n1、编制物流规划。\n(2021—2025年)\n2、推进改革。(市发改委主办)\n",
			want: []formTask{
				{1, "编制物流规划。(2021—2025年)", "", "", ""},
				{2, "推进改革。", "市发改委", "", ""},
			},
		},
		{
			name: "a document that ends its task lines with bare brackets of units",
			body: "一、目标\n1、城区新增绿地50公顷。(市园林局、城管局)\n2、改造老旧小区20个。(市住建局)\n3、开通公交线路3条(试行)。(市交通局)\n",
			want: []formTask{
				{1, "城区新增绿地50公顷。", "市园林局、城管局", "", ""},
				{2, "改造老旧小区20个。", "市住建局", "", ""},
				{3, "开通公交线路3条(试行)。", "市交通局", "", ""},
			},
		},
		{
			name: "a task line ending in a bare bracket where clauses name roles stays text",
			body: "一、目标\n1、扩建市图书馆(新馆)。(市文旅局主办)\n2、完善学校布局(市教育局)\n",
			want: []formTask{
				{1, "扩建市图书馆(新馆)。", "市文旅局", "", ""},
				{2, "完善学校布局(市教育局)", "", "", ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, planHeader+tt.body)
			require.Equal(t, tt.want, formTasks(doc), warningsText(doc))
			if tt.warning != "" {
				require.Contains(t, warningsText(doc), tt.warning)
			}
		})
	}
}

// TestUnitWithoutLevel: a department written without its level in a city's
// plan is the city's, under the name as written.
func TestUnitWithoutLevel(t *testing.T) {
	doc := parseString(t, planHeader+"一、目标\n1.推进改革。(市发改委主办)\n2.推进开放。(发改委牵头，统计局配合)\n")
	tasks := doc.Sections[0].Tasks
	require.Len(t, tasks, 2)
	prefixed, bare := tasks[0].Leads[0], tasks[1].Leads[0]
	require.Equal(t, "发改委", bare.Name)
	require.Equal(t, prefixed.Canonical, bare.Canonical)
	require.Equal(t, prefixed.Jurisdiction, bare.Jurisdiction)
	require.Equal(t, "统计局", tasks[1].Cooperators[0].Name)
	require.Equal(t, "南京市", tasks[1].Cooperators[0].Jurisdiction)
	require.Equal(t, "市统计局", tasks[1].Cooperators[0].Canonical)
}

// TestNoiseIsNotATask: page chrome and the notice's own numbered paragraphs
// around a task list are not tasks.
func TestNoiseIsNotATask(t *testing.T) {
	text := "首页 > 政务公开 > 通知公告\n" +
		"南京市人民政府关于印发2030年市政府主要工作目标任务分解落实方案的通知\n" +
		"字体:【大 中 小】\n【打印】【关闭】\n640.webp.jpg\n宁政发〔2030〕5号\n各区人民政府,市府各委办局:\n" +
		"一、提高认识。各单位要高度重视，认真抓好落实。\n二、加强督查。市政府督查室要定期通报进展情况。\n" +
		"南京市人民政府\n2030年2月1日\n2030年市政府主要工作目标任务分解落实方案\n地区生产总值突破1.2万亿元\n" +
		"一、扩大内需\n1.推进改革。(市发改委主办)\nimage_2.png\n2.推进开放。(市商务局主办,市外办协办)\n" +
		"二、工作要求\n1.加强组织领导。各单位要切实负起责任。\n2.强化督查考核。市政府督查室定期督查。\n附件：1.重点任务表\n责任编辑：张三\n"
	doc := parseString(t, text)
	require.Equal(t, "宁政发〔2030〕5号", doc.DocNumber)
	require.Equal(t, []formTask{
		{1, "推进改革。", "市发改委", "", ""},
		{2, "推进开放。", "市商务局", "市外办", ""},
	}, formTasks(doc))
	require.Contains(t, warningsText(doc), "read as part of the notice")
}

// TestConventionPhrases: each way a notice states that the first unit listed
// leads is applied, with a warning on its line; the phrase that says what
// the loader does anyway is reported too.
func TestConventionPhrases(t *testing.T) {
	for _, tt := range []struct {
		sentence string
		want     string // the leads of the task
		warning  string
	}{
		{"列第一位的责任单位为牵头单位。", "市发改委", "the first responsible unit listed leads"},
		{"排名第一的为牵头单位。", "市发改委", "the first responsible unit listed leads"},
		{"排在第一位的为牵头单位。", "市发改委", "the first responsible unit listed leads"},
		{"责任单位两个以上的，列第一者为牵头单位。", "市发改委", "the first responsible unit listed leads"},
		{"首位单位为牵头单位，下同。", "市发改委", "the first responsible unit listed leads"},
		{"无牵头单位的，责任单位即为牵头单位。", "市发改委、市财政局", "where no lead unit is named, the responsible units lead"},
	} {
		t.Run(tt.sentence, func(t *testing.T) {
			doc := parseString(t, planHeader+tt.sentence+"\n一、目标\n1.推进改革。\n责任单位：市发改委、市财政局\n")
			require.Equal(t, tt.want, names(doc.Sections[0].Tasks[0].Leads))
			found := false
			for _, w := range doc.Warnings {
				if strings.Contains(w.Message, tt.warning) {
					require.Equal(t, 8, w.Line, w.Message)
					found = true
				}
			}
			require.True(t, found, warningsText(doc))
		})
	}
}

// TestConventionInAWrappedNote: a convention stated in a clause's note
// that a copy wrapped over two lines still applies: no line holds it whole,
// the task's joined text does.
func TestConventionInAWrappedNote(t *testing.T) {
	doc := parseString(t, planHeader+"一、目标\n1.推进改革。(市发改委、市财政局负责。列第一位的\n为牵头单位，下同)\n2.推进开放。(市商务局、市发改委负责)\n")
	tasks := doc.Sections[0].Tasks
	require.Equal(t, "市发改委", names(tasks[0].Leads))
	require.Equal(t, "市商务局", names(tasks[1].Leads))
	require.Equal(t, "市发改委", names(tasks[1].Cooperators))
}

// TestUnitWithoutLevelInDistrict: in a district's plan 发改委 is the
// district's.
func TestUnitWithoutLevelInDistrict(t *testing.T) {
	doc := parseString(t, "南京市鼓楼区人民政府关于印发2030年区政府主要工作目标任务分解落实方案的通知\n鼓政发〔2030〕1号\n"+
		"区第三届人大五次会议审议通过《政府工作报告》。\n南京市鼓楼区人民政府\n2030年2月1日\n"+
		"一、目标\n1.推进改革。(区发改委主办)\n2.推进开放。(发改委牵头)\n")
	require.Equal(t, "南京市/鼓楼区", doc.Jurisdiction)
	tasks := doc.Sections[0].Tasks
	require.Equal(t, "发改委", tasks[1].Leads[0].Name)
	require.Equal(t, tasks[0].Leads[0].Canonical, tasks[1].Leads[0].Canonical)
	require.Equal(t, "南京市/鼓楼区", tasks[1].Leads[0].Jurisdiction)
}
