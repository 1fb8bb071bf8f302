package loader_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
)

// testRegistry is a small registry: an alias group whose canonical name the
// plans do not write (市发展和改革委员会), one they sometimes do
// (市文化和旅游局), a placeholder and a lineage link.
func testRegistry(t *testing.T) *registry.Registry {
	t.Helper()
	units := `
units:
  - name: 市发展和改革委员会
    jurisdiction: 南京市
    aliases: [市发改委, 市发展改革委]
  - name: 市文化和旅游局
    jurisdiction: 南京市
    aliases: [市文旅局]
placeholders: [各区政府]
lineage:
  - jurisdiction: 南京市
    from: 市大数据管理局
    to: 市数据局
    note: 2024年机构改革
`
	places := `
jurisdictions:
  - path: 南京市
    names: [南京市, 南京]
    abbreviations: [宁]
  - path: 南京市/鼓楼区
    names: [鼓楼区, 鼓楼]
    abbreviations: [鼓]
`
	reg, err := registry.Parse([]byte(units), []byte(places), "units.yaml", "jurisdictions.yaml")
	require.NoError(t, err)
	return reg
}

// refs resolves written names the way the parser does.
func refs(reg *registry.Registry, jurisdiction string, names ...string) []loader.UnitRef {
	var out []loader.UnitRef
	for _, n := range names {
		r := reg.ResolveUnit(n, jurisdiction)
		out = append(out, loader.UnitRef{Name: n, Canonical: r.Canonical, Kind: r.Kind, Jurisdiction: r.Jurisdiction})
	}
	return out
}

// cityPlan is a hand-built Nanjing plan whose numbering restarts in each
// section.
func cityPlan(reg *registry.Registry) *loader.Document {
	nj := "南京市"
	task := func(n int, text string, leads, coops []string) loader.Task {
		return loader.Task{Number: n, Text: text, Line: 10 + n, Leads: refs(reg, nj, leads...), Cooperators: refs(reg, nj, coops...)}
	}
	return &loader.Document{
		File: "nanjing-2024-plan.txt", Kind: loader.KindPlan, Title: "2024年市政府主要工作目标任务分解落实方案",
		Year: 2024, Issuer: "南京市人民政府", Jurisdiction: nj, DocNumber: "宁政发〔2024〕20号", Date: "2024-03-01",
		ImplementsReport: &loader.ReportRef{Session: "市第十七届人大三次会议", Jurisdiction: nj, Year: 2024},
		Sections: []loader.Section{
			{Number: 1, Title: "推动经济发展", Line: 5, Tasks: []loader.Task{
				task(1, "稳增长", []string{"市发改委", "市文旅局"}, []string{"市发展改革委", "各区政府"}),
				// 市文旅局 leads and cooperates: it stays lead only.
				task(2, "促消费", []string{"市文旅局"}, []string{"市文化和旅游局", "市发展改革委", "鼓楼区政府"}),
			}},
			{Number: 2, Title: "数字城市", Line: 20, Tasks: []loader.Task{
				withColumns(task(1, "建设城市大脑", []string{"市大数据管理局"}, []string{"市发展改革委"})),
			}},
		},
	}
}

// withColumns gives a task what a table's other columns say of it.
func withColumns(t loader.Task) loader.Task {
	t.Leaders, t.Deadline, t.Due, t.Source = []string{"王五"}, "2024年9月底前", "2024-09-30", "政府工作报告"
	return t
}

func TestBuildBatchPlan(t *testing.T) {
	reg := testRegistry(t)
	b, err := loader.BuildBatch(cityPlan(reg), reg)
	require.NoError(t, err)
	require.NoError(t, b.Validate())

	planID := graph.PlanID("南京市", 2024)
	reportID := graph.ReportID("南京市", 2024)
	require.Equal(t, "nanjing-2024-plan.txt", b.Source)
	require.Equal(t, &graph.Plan{
		ID: planID, Jurisdiction: "南京市", Year: 2024, Title: "2024年市政府主要工作目标任务分解落实方案",
		Issuer: "南京市人民政府", DocNumber: "宁政发〔2024〕20号", Date: "2024-03-01",
		File: "nanjing-2024-plan.txt", ReportID: reportID,
	}, b.Plan)
	require.Equal(t, []graph.Report{{ID: reportID, Jurisdiction: "南京市", Year: 2024, Session: "市第十七届人大三次会议"}},
		b.Reports, "the implemented report is a stub naming the session")
	require.Equal(t, []graph.Jurisdiction{
		{Path: "南京市", Name: "南京市"},
		{Path: "南京市/鼓楼区", Name: "鼓楼区", Parent: "南京市"},
	}, b.Jurisdictions, "the plan's jurisdiction and that of 鼓楼区政府")
	require.Equal(t, []graph.Section{
		{ID: graph.SectionID(planID, 1), DocumentID: planID, Number: 1, Title: "推动经济发展"},
		{ID: graph.SectionID(planID, 2), DocumentID: planID, Number: 2, Title: "数字城市"},
	}, b.Sections)

	fgw := graph.UnitID("南京市", "市发展和改革委员会")
	wlj := graph.UnitID("南京市", "市文化和旅游局")
	gqzf := graph.UnitID("南京市", "各区政府")
	glzf := graph.UnitID("南京市/鼓楼区", "鼓楼区政府")
	dsj := graph.UnitID("南京市", "市大数据管理局")
	sjj := graph.UnitID("南京市", "市数据局")

	// Task numbers repeat (section 2 restarts at 1): IDs carry the section.
	require.Equal(t, []graph.Task{
		{ID: graph.TaskID(planID, 1, 1), PlanID: planID, SectionID: graph.SectionID(planID, 1), Jurisdiction: "南京市",
			Year: 2024, Number: 1, Text: "稳增长", Line: 11, Leads: []string{fgw, wlj}, Cooperators: []string{gqzf}},
		{ID: graph.TaskID(planID, 1, 2), PlanID: planID, SectionID: graph.SectionID(planID, 1), Jurisdiction: "南京市",
			Year: 2024, Number: 2, Text: "促消费", Line: 12, Leads: []string{wlj}, Cooperators: []string{fgw, glzf}},
		{ID: graph.TaskID(planID, 2, 1), PlanID: planID, SectionID: graph.SectionID(planID, 2), Jurisdiction: "南京市",
			Year: 2024, Number: 1, Text: "建设城市大脑", Line: 11, Leads: []string{dsj}, Cooperators: []string{fgw},
			Leaders: []string{"王五"}, Deadline: "2024年9月底前", Due: "2024-09-30", Source: "政府工作报告"},
	}, b.Tasks)

	units := map[string]graph.Unit{}
	for _, u := range b.Units {
		units[u.ID] = u
	}
	require.Len(t, units, 6, "five named units and the successor from the lineage")
	// Written 市发改委 once, 市发展改革委 three times, never the canonical name.
	require.Equal(t, graph.Unit{ID: fgw, Name: "市发展改革委", NameYear: 2024, Kind: graph.KindDepartment, Jurisdiction: "南京市",
		Aliases: []string{"市发展和改革委员会", "市发改委"}}, units[fgw])
	// The canonical name is written once, the alias twice: the canonical wins.
	require.Equal(t, graph.Unit{ID: wlj, Name: "市文化和旅游局", NameYear: 2024, Kind: graph.KindDepartment, Jurisdiction: "南京市",
		Aliases: []string{"市文旅局"}}, units[wlj])
	require.Equal(t, graph.KindPlaceholder, units[gqzf].Kind)
	require.Equal(t, "南京市/鼓楼区", units[glzf].Jurisdiction)
	require.Equal(t, graph.KindDistrictGovernment, units[glzf].Kind)
	require.Equal(t, graph.Unit{ID: sjj, Name: "市数据局", Kind: graph.KindDepartment, Jurisdiction: "南京市"}, units[sjj],
		"the successor comes from the lineage with NameYear 0, so any plan naming it wins")
	require.Equal(t, []graph.Succession{{From: dsj, To: sjj, Note: "2024年机构改革"}}, b.Successions)

	again, err := loader.BuildBatch(cityPlan(reg), reg)
	require.NoError(t, err)
	require.Equal(t, b, again, "the same document gives the same batch")
}

func TestBuildBatchNameTie(t *testing.T) {
	reg := testRegistry(t)
	doc := cityPlan(reg)
	doc.Sections = doc.Sections[:1]
	doc.Sections[0].Tasks = []loader.Task{
		{Number: 1, Text: "甲", Line: 3, Leads: refs(reg, "南京市", "市发改委")},
		{Number: 2, Text: "乙", Line: 4, Leads: refs(reg, "南京市", "市发展改革委")},
	}
	b, err := loader.BuildBatch(doc, reg)
	require.NoError(t, err)
	require.Len(t, b.Units, 1)
	require.Equal(t, "市发展改革委", b.Units[0].Name, "written once each: the lexically first form")
	require.Empty(t, b.Successions, "no unit of the lineage is named")
	require.Equal(t, graph.TaskID(b.Plan.ID, 0, 2), b.Tasks[1].ID, "numbers do not repeat: plain task IDs")
}

func TestBuildBatchReport(t *testing.T) {
	reg := testRegistry(t)
	five := 5.0
	doc := &loader.Document{
		File: "nanjing-2024-report.txt", Kind: loader.KindReport, Title: "2024年南京市人民政府工作报告",
		Year: 2024, Jurisdiction: "南京市", Date: "2024-01-15",
		Sections: []loader.Section{{Number: 1, Title: "扩大内需", Line: 40}, {Number: 2, Title: "科技创新", Line: 50}},
		Targets: []loader.Target{{
			Metric: "地区生产总值", Measure: graph.MeasureGrowth, Text: "地区生产总值增长5%左右",
			Value: &five, Unit: "%", Comparator: "≈", Start: 0, End: 13,
		}},
	}
	b, err := loader.BuildBatch(doc, reg)
	require.NoError(t, err)
	require.NoError(t, b.Validate())
	reportID := graph.ReportID("南京市", 2024)
	require.Nil(t, b.Plan)
	require.Empty(t, b.Tasks)
	require.Empty(t, b.Units)
	require.Equal(t, []graph.Report{{
		ID: reportID, Jurisdiction: "南京市", Year: 2024, Title: "2024年南京市人民政府工作报告",
		Date: "2024-01-15", File: "nanjing-2024-report.txt", Loaded: true,
	}}, b.Reports)
	require.Equal(t, []graph.Target{{
		ID: graph.TargetID(reportID, 1), DocumentID: reportID, Index: 1, Jurisdiction: "南京市", Year: 2024,
		Metric: "地区生产总值", Measure: graph.MeasureGrowth, Value: &five, Unit: "%", Comparator: "≈",
		Text: "地区生产总值增长5%左右", Start: 0, End: 13,
	}}, b.Targets, "the headline targets become the report's targets, without a task")
	require.Equal(t, []graph.Section{
		{ID: graph.SectionID(reportID, 1), DocumentID: reportID, Number: 1, Title: "扩大内需"},
		{ID: graph.SectionID(reportID, 2), DocumentID: reportID, Number: 2, Title: "科技创新"},
	}, b.Sections)
}

func TestBuildBatchRejects(t *testing.T) {
	reg := testRegistry(t)
	cases := []struct {
		name   string
		change func(*loader.Document)
		want   string
	}{
		{"no jurisdiction", func(d *loader.Document) { d.Jurisdiction = "" }, "nanjing-2024-plan.txt: cannot load: no jurisdiction (no document number, issuer, signature or title names a place): give it with --jurisdiction"},
		{"no year", func(d *loader.Document) { d.Year = 0 }, "no year (none in the title, headings, notice, date or document number): give it with --year or in manifest.yaml"},
		{"a year out of range", func(d *loader.Document) { d.Year = 20240 }, "no plausible year (got 20240)"},
		{"unknown kind", func(d *loader.Document) { d.Kind = "memo" }, `unknown kind "memo" (want plan or report)`},
		{"a number twice in one section", func(d *loader.Document) {
			d.Sections[0].Tasks[1].Number = 1
		}, "nanjing-2024-plan.txt:12: task 1 appears twice in section 1 (first at line 11)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := cityPlan(reg)
			c.change(doc)
			_, err := loader.BuildBatch(doc, reg)
			require.ErrorIs(t, err, graph.ErrInvalid)
			require.ErrorContains(t, err, c.want)
		})
	}
	_, err := loader.BuildBatch(nil, reg)
	require.Error(t, err)
}

func TestLoadMergesAcrossDocuments(t *testing.T) {
	ctx := context.Background()
	reg := testRegistry(t)
	s := memstore.New()
	require.NoError(t, loader.Load(ctx, s, cityPlan(reg), reg))

	later := cityPlan(reg)
	later.File, later.Year = "nanjing-2025-plan.txt", 2025
	later.ImplementsReport.Year = 2025
	later.Sections = later.Sections[:1]
	later.Sections[0].Tasks = []loader.Task{
		{Number: 1, Text: "建设数据要素市场", Line: 3, Leads: refs(reg, "南京市", "市数据局", "市文旅局")},
	}
	require.NoError(t, loader.Load(ctx, s, later, reg))
	require.NoError(t, loader.Load(ctx, s, cityPlan(reg), reg), "reloading the older plan")

	u, err := s.FindUnit(ctx, "市文化和旅游局", "")
	require.NoError(t, err)
	require.Equal(t, "市文旅局", u.Name, "the 2025 plan writes 市文旅局 and is newer")
	require.Equal(t, 2025, u.NameYear)
	sjj, err := s.FindUnit(ctx, "市数据局", "南京市")
	require.NoError(t, err)
	require.Equal(t, 2025, sjj.NameYear)
	preds, _, err := s.Successions(ctx, sjj.ID)
	require.NoError(t, err)
	require.Equal(t, []graph.Succession{{From: graph.UnitID("南京市", "市大数据管理局"), To: sjj.ID, Note: "2024年机构改革"}}, preds)
	st, err := s.Stats(ctx)
	require.NoError(t, err)
	require.Equal(t, graph.Stats{Reports: 2, Plans: 2, Sections: 3, Tasks: 4, Units: 6}, st)
}

// gulouPlan is a minimal plan in the shape of the seeds.
const gulouPlan = `区政府关于印发2024年区政府主要工作目标任务分解落实方案的通知
鼓政〔2024〕2号
区三届人大三次会议通过的《政府工作报告》,确定了全区经济社会发展目标。
南京市鼓楼区人民政府
2024年2月9日
2024年区政府主要工作目标任务分解落实方案
一、推动经济发展
1.稳定经济增长。(区发改委主办,区财政局协办)
2.优化营商环境。(区市场监管局主办)
`

func TestLoadFSReportsFailuresAndKeepsTheRest(t *testing.T) {
	ctx := context.Background()
	reg := testRegistry(t)
	fsys := fstest.MapFS{
		"a-plan.txt":      {Data: []byte(gulouPlan)},
		"b-empty.txt":     {Data: []byte("")},
		"c-binary.htm":    {Data: []byte{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00}},
		"units.yaml":      {Data: []byte("units: []\n")},
		".hidden/x.txt":   {Data: []byte("ignored")},
		"notes/readme.md": {Data: []byte("ignored")},
	}
	s := memstore.New()
	sum, err := loader.LoadFS(ctx, s, fsys, reg)
	require.Error(t, err)
	require.ErrorContains(t, err, "2 of 3 documents failed to load")
	require.Len(t, sum.Failed, 2)
	require.Equal(t, "b-empty.txt", sum.Failed[0].File)
	require.Equal(t, "c-binary.htm", sum.Failed[1].File)
	require.ErrorContains(t, sum.Failed[0].Err, "b-empty.txt")
	require.Len(t, sum.Loaded, 1)
	require.Equal(t, "a-plan.txt", sum.Loaded[0].File)
	require.Equal(t, 2, sum.Tasks())

	st, err := s.Stats(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, st.Tasks, "the good document is loaded")

	_, err = loader.LoadFS(ctx, s, fstest.MapFS{"units.yaml": {Data: []byte("units: []\n")}}, reg)
	require.ErrorContains(t, err, "no documents")

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = loader.LoadFS(cancelled, memstore.New(), fsys, reg)
	require.ErrorIs(t, err, context.Canceled)
}
