package storetest

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dutygraph/dutygraph/graph"
)

// The fixtures are four small hand-made plans — Nanjing 2021 and 2026,
// Gulou 2025 and 2026 — and the Nanjing 2026 work report. They are built to
// exercise every merge rule a store must follow: a unit written differently
// in two years (市文化和旅游局 → 市文旅局, 区应急管理局 → 区应急局), a
// unit named by two plans of the same year (鼓楼区人民政府 / 区政府), a
// succession (市大数据管理局 → 市数据局), placeholders (各区政府,
// 相关街道板块), an alias shared by units of two jurisdictions
// (市场监管局), full-width brackets, a plan whose numbering restarts in
// every section, a report stub and the loaded report, and quantitative
// targets on tasks and in the report's headline (one without a figure).
//
// Every expected answer in the suite was counted by hand from the tables
// below; change a fixture and the suite's answers must be recounted.

// Jurisdictions.
const (
	Nanjing = "南京市"
	Gulou   = "南京市/鼓楼区"
)

// Unit IDs.
var (
	FGW     = graph.UnitID(Nanjing, "市发改委")
	GXJ     = graph.UnitID(Nanjing, "市工信局")
	KJJ     = graph.UnitID(Nanjing, "市科技局")
	WLJ     = graph.UnitID(Nanjing, "市文化和旅游局")
	DSJ     = graph.UnitID(Nanjing, "市大数据管理局") // succeeded by SJJ
	SJJ     = graph.UnitID(Nanjing, "市数据局")
	SCJG    = graph.UnitID(Nanjing, "市市场监管局")
	GQZF    = graph.UnitID(Nanjing, "各区政府") // placeholder
	GLZF    = graph.UnitID(Gulou, "鼓楼区政府")
	QFGW    = graph.UnitID(Gulou, "区发改委")
	QCZJ    = graph.UnitID(Gulou, "区财政局")
	QSCJG   = graph.UnitID(Gulou, "区市场监管局")
	QYJ     = graph.UnitID(Gulou, "区应急管理局")
	XGJD    = graph.UnitID(Gulou, "相关街道板块") // placeholder
	GXQ     = graph.UnitID(Gulou, "高新区（鼓楼）管委会")
	Missing = graph.UnitID(Gulou, "区不存在局") // in no valid fixture
)

// Document IDs.
var (
	PlanNanjing2021 = graph.PlanID(Nanjing, 2021)
	PlanNanjing2026 = graph.PlanID(Nanjing, 2026)
	PlanGulou2025   = graph.PlanID(Gulou, 2025)
	PlanGulou2026   = graph.PlanID(Gulou, 2026)
	Report2021      = graph.ReportID(Nanjing, 2021)
	Report2026      = graph.ReportID(Nanjing, 2026)
	ReportGulou2025 = graph.ReportID(Gulou, 2025)
	ReportGulou2026 = graph.ReportID(Gulou, 2026)
)

// Sessions the plans cite.
const (
	Session2021      = "市第十六届人大五次会议"
	Session2026      = "市第十七届人大五次会议"
	SessionGulou2025 = "区三届人大四次会议"
	SessionGulou2026 = "区三届人大五次会议"
)

var (
	jNanjing = graph.Jurisdiction{Path: Nanjing, Name: "南京市"}
	jGulou   = graph.Jurisdiction{Path: Gulou, Name: "鼓楼区", Parent: Nanjing}
)

// unit builds a unit as a plan of year writes it.
func unit(id, name string, year int, kind graph.UnitKind, jurisdiction string, aliases ...string) graph.Unit {
	return graph.Unit{ID: id, Name: name, NameYear: year, Kind: kind, Jurisdiction: jurisdiction, Aliases: aliases}
}

func dept(id, name string, year int, jurisdiction string, aliases ...string) graph.Unit {
	return unit(id, name, year, graph.KindDepartment, jurisdiction, aliases...)
}

// planBuilder assembles one plan's batch.
type planBuilder struct {
	b    *graph.Batch
	plan *graph.Plan
}

func newPlan(source, jurisdiction string, year int, session string, jurisdictions ...graph.Jurisdiction) *planBuilder {
	reportID := graph.ReportID(jurisdiction, year)
	p := &graph.Plan{
		ID:           graph.PlanID(jurisdiction, year),
		Jurisdiction: jurisdiction,
		Year:         year,
		Title:        "主要工作目标任务分解落实方案",
		Issuer:       jurisdiction + "人民政府",
		DocNumber:    "政发〔" + strconv.Itoa(year) + "〕1号",
		Date:         strconv.Itoa(year) + "-02-10",
		File:         source,
		ReportID:     reportID,
	}
	return &planBuilder{
		plan: p,
		b: &graph.Batch{
			Source:        source,
			Jurisdictions: jurisdictions,
			Reports: []graph.Report{{
				ID: reportID, Jurisdiction: jurisdiction, Year: year, Session: session,
			}},
			Plan: p,
		},
	}
}

func (pb *planBuilder) section(number int, title string) *planBuilder {
	pb.b.Sections = append(pb.b.Sections, graph.Section{
		ID: graph.SectionID(pb.plan.ID, number), DocumentID: pb.plan.ID, Number: number, Title: title,
	})
	return pb
}

// task adds a task numbered within the plan (restart false) or within its
// section (restart true).
func (pb *planBuilder) task(section, number int, restart bool, text string, leads, coops []string) *planBuilder {
	idSection := 0
	if restart {
		idSection = section
	}
	pb.b.Tasks = append(pb.b.Tasks, graph.Task{
		ID:           graph.TaskID(pb.plan.ID, idSection, number),
		PlanID:       pb.plan.ID,
		SectionID:    graph.SectionID(pb.plan.ID, section),
		Jurisdiction: pb.plan.Jurisdiction,
		Year:         pb.plan.Year,
		Number:       number,
		Text:         text,
		Line:         10 + len(pb.b.Tasks),
		Leads:        leads,
		Cooperators:  coops,
	})
	return pb
}

// details sets what a task table's other columns say of the last task
// added: its leaders, deadline, due date and source.
func (pb *planBuilder) details(leaders []string, deadline, due, source string) *planBuilder {
	t := &pb.b.Tasks[len(pb.b.Tasks)-1]
	t.Leaders, t.Deadline, t.Due, t.Source = leaders, deadline, due, source
	return pb
}

func (pb *planBuilder) units(us ...graph.Unit) *planBuilder {
	pb.b.Units = append(pb.b.Units, us...)
	return pb
}

func (pb *planBuilder) succession(from, to, note string) *planBuilder {
	pb.b.Successions = append(pb.b.Successions, graph.Succession{From: from, To: to, Note: note})
	return pb
}

// target adds the next target of a task numbered within the plan; text is
// the clause of the task's text it was read from.
func (pb *planBuilder) target(taskNumber int, metric string, measure graph.TargetMeasure, value float64, unit, cmp, text string) *planBuilder {
	taskID := graph.TaskID(pb.plan.ID, 0, taskNumber)
	var task *graph.Task
	for i := range pb.b.Tasks {
		if pb.b.Tasks[i].ID == taskID {
			task = &pb.b.Tasks[i]
		}
	}
	if task == nil {
		panic("storetest: no task " + taskID)
	}
	index := 1
	for _, g := range pb.b.Targets {
		if g.TaskID == taskID {
			index++
		}
	}
	start, end := runeSpan(task.Text, text)
	pb.b.Targets = append(pb.b.Targets, graph.Target{
		ID: graph.TargetID(taskID, index), DocumentID: pb.plan.ID, TaskID: taskID, TaskNumber: taskNumber,
		Index: index, Jurisdiction: pb.plan.Jurisdiction, Year: pb.plan.Year,
		Metric: metric, Measure: measure, Value: ptr(value), Unit: unit, Comparator: cmp,
		Text: text, Start: start, End: end,
	})
	return pb
}

// runeSpan is where part sits in s, in runes.
func runeSpan(s, part string) (start, end int) {
	i := strings.Index(s, part)
	if i < 0 {
		panic("storetest: " + part + " is not in " + s)
	}
	start = utf8.RuneCountInString(s[:i])
	return start, start + utf8.RuneCountInString(part)
}

func ids(s ...string) []string { return s }

// DSJNote is the evidence recorded for 市大数据管理局 → 市数据局.
const DSJNote = "2024年机构改革,职责划入市数据局"

// Nanjing2021 is the city plan of 2021: 4 tasks in 2 sections. It writes
// 市文化和旅游局 in full and still has 市大数据管理局.
func Nanjing2021() *graph.Batch {
	return newPlan("nanjing-2021-plan.txt", Nanjing, 2021, Session2021, jNanjing).
		section(1, "主要预期目标").
		section(2, "推动产业升级").
		task(1, 1, false, "地区生产总值增长6%以上", ids(FGW), ids(GXJ)).
		target(1, "地区生产总值", graph.MeasureGrowth, 6, "%", "≥", "地区生产总值增长6%以上").
		task(2, 2, false, "推进数字经济发展", ids(GXJ, DSJ), ids(FGW, KJJ)).
		task(2, 3, false, "发展全域旅游", ids(WLJ), ids(FGW, GQZF)).
		task(2, 4, false, "建设城市大脑", ids(DSJ), ids(GXJ, GQZF)).
		units(
			dept(FGW, "市发改委", 2021, Nanjing, "市发展和改革委员会"),
			dept(GXJ, "市工信局", 2021, Nanjing),
			dept(KJJ, "市科技局", 2021, Nanjing),
			dept(WLJ, "市文化和旅游局", 2021, Nanjing, "市文化和旅游局", "市文旅局"),
			dept(DSJ, "市大数据管理局", 2021, Nanjing),
			unit(GQZF, "各区政府", 2021, graph.KindPlaceholder, Nanjing),
			// The successor, known here only from the registry's lineage.
			dept(SJJ, "市数据局", 0, Nanjing),
		).
		succession(DSJ, SJJ, DSJNote).b
}

// Nanjing2026 is the city plan of 2026: 6 tasks in 3 sections. It writes
// 市文旅局, has 市数据局, and names Gulou's government.
func Nanjing2026() *graph.Batch {
	return newPlan("nanjing-2026-plan.txt", Nanjing, 2026, Session2026, jNanjing, jGulou).
		section(1, "主要预期目标").
		section(2, "坚持创新驱动").
		section(3, "保障改善民生").
		task(1, 1, false, "地区生产总值增长5%左右，新增首店300家", ids(FGW), ids(GXJ, KJJ)).
		task(2, 2, false, "培育新质生产力", ids(GXJ, KJJ), ids(FGW)).
		task(2, 3, false, "建设数据要素市场", ids(SJJ), ids(FGW, GXJ)).
		task(2, 4, false, "推进文旅融合发展", ids(WLJ), ids(GQZF)).
		task(3, 5, false, "持续优化营商环境", ids(SCJG, FGW), ids(GLZF, GQZF)).
		details([]string{"张三", "李四"}, "2026年6月底前", "2026-06-30", "政府工作报告").
		task(3, 6, false, "推动鼓楼滨江开发，建成滨江步道5公里", ids(GLZF), ids(WLJ)).
		target(1, "地区生产总值", graph.MeasureGrowth, 5, "%", "≈", "地区生产总值增长5%左右").
		target(1, "新增首店", graph.MeasureCount, 300, "家", "=", "新增首店300家").
		target(6, "建成滨江步道", graph.MeasureCount, 5, "公里", "=", "建成滨江步道5公里").
		units(
			dept(FGW, "市发改委", 2026, Nanjing, "市发展和改革委员会"),
			dept(GXJ, "市工信局", 2026, Nanjing),
			dept(KJJ, "市科技局", 2026, Nanjing),
			dept(SJJ, "市数据局", 2026, Nanjing),
			dept(WLJ, "市文旅局", 2026, Nanjing, "市文化和旅游局"),
			unit(GQZF, "各区政府", 2026, graph.KindPlaceholder, Nanjing),
			dept(SCJG, "市市场监管局", 2026, Nanjing, "市场监管局"),
			unit(GLZF, "鼓楼区人民政府", 2026, graph.KindDistrictGovernment, Gulou),
			dept(DSJ, "市大数据管理局", 0, Nanjing),
		).
		succession(DSJ, SJJ, DSJNote).b
}

// Nanjing2026Revised is a corrected version of Nanjing2026: task 6 is gone
// with its target, task 5 reworded, and task 1 no longer sets 新增首店.
// Loading it after Nanjing2026 must replace the plan.
func Nanjing2026Revised() *graph.Batch {
	b := Nanjing2026()
	b.Source = "nanjing-2026-plan-revised.txt"
	b.Plan.File = b.Source
	b.Tasks = b.Tasks[:5]
	b.Tasks[4].Text = "营造市场化法治化国际化一流营商环境"
	b.Tasks[0].Text = "地区生产总值增长5%左右"
	b.Targets = b.Targets[:1]
	return b
}

// Gulou2025 is the district plan of 2025, numbered anew in each section
// (task IDs …:t1.1, …:t2.1). It writes 区应急管理局.
func Gulou2025() *graph.Batch {
	return newPlan("gulou-2025-plan.txt", Gulou, 2025, SessionGulou2025, jNanjing, jGulou).
		section(1, "推动经济发展").
		section(2, "守牢安全底线").
		task(1, 1, true, "稳定经济增长", ids(QFGW), ids(QCZJ, XGJD)).
		task(1, 2, true, "优化营商环境", ids(QSCJG), ids(QFGW)).
		task(2, 1, true, "强化安全生产", ids(QYJ), ids(XGJD)).
		task(2, 2, true, "提升应急处置能力", ids(QFGW), ids(QYJ)).
		units(
			dept(QFGW, "区发改委", 2025, Gulou),
			dept(QCZJ, "区财政局", 2025, Gulou),
			dept(QSCJG, "区市场监管局", 2025, Gulou, "市场监管局"),
			dept(QYJ, "区应急管理局", 2025, Gulou),
			unit(XGJD, "相关街道板块", 2025, graph.KindPlaceholder, Gulou),
		).b
}

// Gulou2026 is the district plan of 2026: 5 tasks in 3 sections. It writes
// 区应急局, names its own government 区政府, and a body with full-width
// brackets.
func Gulou2026() *graph.Batch {
	return newPlan("gulou-2026-plan.txt", Gulou, 2026, SessionGulou2026, jNanjing, jGulou).
		section(1, "推动经济发展").
		section(2, "守牢安全底线").
		section(3, "建设创新高地").
		task(1, 1, false, "地区生产总值增长5%以上", ids(QFGW, QCZJ), nil).
		target(1, "地区生产总值", graph.MeasureGrowth, 5, "%", "≥", "地区生产总值增长5%以上").
		task(1, 2, false, "推进营商环境改革", ids(QSCJG, QFGW), ids(QCZJ, XGJD)).
		task(2, 3, false, "排查整治安全隐患", ids(QYJ), ids(XGJD)).
		task(2, 4, false, "提升应急处置能力", ids(QYJ), ids(GLZF)).
		task(3, 5, false, "建设高新园区", ids(GXQ), ids(QFGW, QCZJ)).
		units(
			dept(QFGW, "区发改委", 2026, Gulou),
			dept(QCZJ, "区财政局", 2026, Gulou),
			dept(QSCJG, "区市场监管局", 2026, Gulou, "市场监管局"),
			dept(QYJ, "区应急局", 2026, Gulou, "区应急管理局"),
			unit(XGJD, "相关街道板块", 2026, graph.KindPlaceholder, Gulou),
			unit(GLZF, "区政府", 2026, graph.KindDistrictGovernment, Gulou, "区政府"),
			unit(GXQ, "高新区（鼓楼）管委会", 2026, graph.KindManagementCommittee, Gulou),
		).b
}

// Report2026Loaded is the Nanjing 2026 work report itself. It does not name
// its session; the stub from Nanjing2026 does, and the store keeps it.
func Report2026Loaded() *graph.Batch {
	return &graph.Batch{
		Source:        "nanjing-2026-report.txt",
		Jurisdictions: []graph.Jurisdiction{jNanjing},
		Reports: []graph.Report{{
			ID: Report2026, Jurisdiction: Nanjing, Year: 2026,
			Title: "2026年南京市政府工作报告", Date: "2026-01-20", File: "nanjing-2026-report.txt",
			Loaded: true,
		}},
		Sections: []graph.Section{
			{ID: graph.SectionID(Report2026, 1), DocumentID: Report2026, Number: 1, Title: "着力扩大内需"},
			{ID: graph.SectionID(Report2026, 2), DocumentID: Report2026, Number: 2, Title: "加快科技创新"},
		},
		Targets: ReportTargets(),
	}
}

// ReportTargets are the headline targets of the 2026 report, read from
// 地区生产总值增长5%左右，实际使用外资稳中提质: one with a figure, one
// without.
func ReportTargets() []graph.Target {
	headline := func(index int, metric string, measure graph.TargetMeasure, value *float64, unit, cmp, text string, start int) graph.Target {
		return graph.Target{
			ID: graph.TargetID(Report2026, index), DocumentID: Report2026, Index: index, Jurisdiction: Nanjing, Year: 2026,
			Metric: metric, Measure: measure, Value: value, Unit: unit, Comparator: cmp,
			Text: text, Start: start, End: start + utf8.RuneCountInString(text),
		}
	}
	return []graph.Target{
		headline(1, "地区生产总值", graph.MeasureGrowth, ptr(5.0), "%", "≈", "地区生产总值增长5%左右", 0),
		headline(2, "实际使用外资", graph.MeasureQualitative, nil, "", "", "实际使用外资稳中提质", 13),
	}
}

// Gulou2026Renamed is a corrected version of Gulou2026 that writes the
// high-tech zone's committee 鼓楼高新区管委会: loaded after Gulou2026, the
// old name must go with the old version, not linger as an alias.
func Gulou2026Renamed() *graph.Batch {
	b := Gulou2026()
	b.Source = "gulou-2026-plan-renamed.txt"
	b.Plan.File = b.Source
	for i := range b.Units {
		if b.Units[i].ID == GXQ {
			b.Units[i].Name = "鼓楼高新区管委会"
		}
	}
	return b
}

// withKind returns b with one of its units reclassified, as a registry
// change does when the document is reloaded.
func withKind(b *graph.Batch, unitID string, kind graph.UnitKind) *graph.Batch {
	for i := range b.Units {
		if b.Units[i].ID == unitID {
			b.Units[i].Kind = kind
		}
	}
	return b
}

// All returns every valid fixture batch (the original Nanjing 2026 plan,
// not the revision) in a fixed order.
func All() []*graph.Batch {
	return []*graph.Batch{Nanjing2021(), Nanjing2026(), Gulou2025(), Gulou2026(), Report2026Loaded()}
}

// InvalidBatch is a batch a store must refuse whole.
type InvalidBatch struct {
	Name  string
	Batch *graph.Batch
}

// Invalid returns batches that fail validation, each for one reason. The
// last tasks or units are the bad ones, so a store that writes as it checks
// would leave the first parts behind.
func Invalid() []InvalidBatch {
	missingUnit := Gulou2026()
	missingUnit.Source = "gulou-2026-missing-unit.txt"
	missingUnit.Tasks = append(missingUnit.Tasks, graph.Task{
		ID: graph.TaskID(PlanGulou2026, 0, 6), PlanID: PlanGulou2026, SectionID: graph.SectionID(PlanGulou2026, 3),
		Jurisdiction: Gulou, Year: 2026, Number: 6, Text: "新增一项任务", Line: 99,
		Leads: ids(QFGW), Cooperators: ids(Missing),
	})

	badKind := Nanjing2021()
	badKind.Source = "nanjing-2021-bad-kind.txt"
	badKind.Units[len(badKind.Units)-1].Kind = "ministry"

	missingSection := Gulou2025()
	missingSection.Source = "gulou-2025-missing-section.txt"
	missingSection.Tasks[len(missingSection.Tasks)-1].SectionID = graph.SectionID(PlanGulou2025, 9)

	badYear := Nanjing2026()
	badYear.Source = "nanjing-2026-bad-year.txt"
	badYear.Plan.Year = 26
	for i := range badYear.Tasks {
		badYear.Tasks[i].Year = 26
	}

	emptyID := Gulou2026()
	emptyID.Source = "gulou-2026-empty-id.txt"
	emptyID.Tasks[len(emptyID.Tasks)-1].ID = ""

	badSuccession := Nanjing2021()
	badSuccession.Source = "nanjing-2021-bad-succession.txt"
	badSuccession.Successions = append(badSuccession.Successions, graph.Succession{From: SJJ, To: graph.UnitID(Nanjing, "市政务办")})

	missingReport := Nanjing2026()
	missingReport.Source = "nanjing-2026-missing-report.txt"
	missingReport.Reports = nil

	orphanTarget := Gulou2026()
	orphanTarget.Source = "gulou-2026-orphan-target.txt"
	orphan := orphanTarget.Targets[0]
	orphan.ID, orphan.TaskID, orphan.TaskNumber = graph.TargetID(tn(PlanGulou2026, 9), 1), tn(PlanGulou2026, 9), 9
	orphanTarget.Targets = append(orphanTarget.Targets, orphan)

	figurelessTarget := Report2026Loaded()
	figurelessTarget.Source = "nanjing-2026-report-figureless-target.txt"
	figurelessTarget.Targets[len(figurelessTarget.Targets)-1].Measure = graph.MeasureLevel

	noDocument := Report2026Loaded()
	noDocument.Source = "nanjing-2026-report-stub.txt"
	noDocument.Reports[0].Loaded = false
	noDocument.Sections, noDocument.Targets = nil, nil

	return []InvalidBatch{
		{"batch carrying no document", noDocument},
		{"task names a unit not in the batch", missingUnit},
		{"target of a task not in the batch", orphanTarget},
		{"target without a figure that is not qualitative", figurelessTarget},
		{"unit of unknown kind", badKind},
		{"task in a missing section", missingSection},
		{"impossible year", badYear},
		{"task without ID", emptyID},
		{"succession to a unit not in the batch", badSuccession},
		{"plan implements a report not in the batch", missingReport},
	}
}

func ptr[T any](v T) *T { return &v }
