package registry_test

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

const (
	nanjing = "南京市"
	gulou   = "南京市/鼓楼区"
)

func seedRegistry(t *testing.T) *registry.Registry {
	t.Helper()
	r, err := registry.Load(seeds.FS)
	require.NoError(t, err)
	return r
}

func TestResolveUnit(t *testing.T) {
	r := seedRegistry(t)
	tests := []struct {
		name, doc    string
		canonical    string
		kind         graph.UnitKind
		jurisdiction string
		aliases      []string
	}{
		// Scoping: 市… to the city, 区… to the district, whatever the document.
		{"市发改委", nanjing, "市发改委", graph.KindDepartment, nanjing, nil},
		{"区发改委", gulou, "区发改委", graph.KindDepartment, gulou, nil},
		{"市发改委", gulou, "市发改委", graph.KindDepartment, nanjing, nil},
		{"区发改委", "南京市/玄武区", "区发改委", graph.KindDepartment, "南京市/玄武区", nil},
		{"市市场监管局", nanjing, "市市场监管局", graph.KindDepartment, nanjing, nil},
		{"区市场监管局", gulou, "区市场监管局", graph.KindDepartment, gulou, nil},
		// A 市 prefix in a county-level city's document means that city.
		{"市发改委", "无锡市/江阴市", "市发改委", graph.KindDepartment, "无锡市/江阴市", nil},
		{"区发改委", "无锡市/江阴市", "区发改委", graph.KindDepartment, "无锡市/江阴市", nil},
		// Names starting with a place belong to it.
		{"鼓楼区政府", nanjing, "鼓楼区政府", graph.KindDistrictGovernment, gulou, nil},
		{"玄武区政府", nanjing, "玄武区政府", graph.KindDistrictGovernment, "南京市/玄武区", nil},
		{"雨花台区政府", nanjing, "雨花台区政府", graph.KindDistrictGovernment, "南京市/雨花台区", nil},
		{"鼓楼公安分局", gulou, "鼓楼公安分局", graph.KindDepartment, gulou, nil},
		{"鼓楼生态环境局", gulou, "鼓楼生态环境局", graph.KindDepartment, gulou, nil},
		{"南京海事局", nanjing, "南京海事局", graph.KindExternal, nanjing, nil},
		{"南京海事局", gulou, "南京海事局", graph.KindExternal, nanjing, nil},
		{"南京大数据集团", nanjing, "南京大数据集团", graph.KindStateOwnedGroup, nanjing, nil},
		{"江宁开发区管委会", nanjing, "江宁开发区管委会", graph.KindManagementCommittee, "南京市/江宁区", nil},
		// A units.yaml entry overrides the place its name starts with.
		{"雨花台烈士陵园管理局", nanjing, "雨花台烈士陵园管理局", graph.KindDepartment, nanjing, nil},
		// Otherwise the document's jurisdiction.
		{"江北新区管委会", nanjing, "江北新区管委会", graph.KindManagementCommittee, nanjing, nil},
		{"高新区管委会", gulou, "高新区管委会", graph.KindManagementCommittee, gulou, nil},
		{"湖南路街道", gulou, "湖南路街道", graph.KindSubdistrict, gulou, nil},
		{"下关滨江商务区管委会", gulou, "下关滨江商务区管委会", graph.KindManagementCommittee, gulou, nil},
		{"环南艺管理办", gulou, "环南艺管理办", graph.KindManagementCommittee, gulou, nil},
		{"市委组织部(人才办)", nanjing, "市委组织部(人才办)", graph.KindPartyOrgan, nanjing, nil},
		{"市委组织部（人才办）", nanjing, "市委组织部(人才办)", graph.KindPartyOrgan, nanjing, nil},
		{" 市 发改委 ", nanjing, "市发改委", graph.KindDepartment, nanjing, nil},
		{"市发改委", "", "市发改委", graph.KindDepartment, "", nil},
		// Alias groups: canonical is the newest plan's name.
		{"市文化和旅游局", nanjing, "市文旅局", graph.KindDepartment, nanjing, []string{"市文化和旅游局"}},
		{"市文旅局", nanjing, "市文旅局", graph.KindDepartment, nanjing, []string{"市文化和旅游局"}},
		{"市文化和旅游局", gulou, "市文旅局", graph.KindDepartment, nanjing, []string{"市文化和旅游局"}},
		{"市规划和自然资源局", nanjing, "市规划资源局", graph.KindDepartment, nanjing, []string{"市规划和自然资源局"}},
		{"市医疗保障局", nanjing, "市医保局", graph.KindDepartment, nanjing, []string{"市医疗保障局"}},
		{"市国资委", nanjing, "市政府国资委", graph.KindDepartment, nanjing, []string{"市国资委"}},
		{"市委社工部", nanjing, "市委社会工作部", graph.KindPartyOrgan, nanjing, []string{"市委社工部"}},
		{"市政府信访局", nanjing, "市信访局", graph.KindDepartment, nanjing, []string{"市政府信访局"}},
		{"市地铁集团", nanjing, "南京地铁集团", graph.KindStateOwnedGroup, nanjing, []string{"市地铁集团"}},
		{"南京地铁集团", nanjing, "南京地铁集团", graph.KindStateOwnedGroup, nanjing, []string{"市地铁集团"}},
		{"市安居集团", nanjing, "南京安居集团", graph.KindStateOwnedGroup, nanjing, []string{"市安居集团"}},
		{"市水务集团", nanjing, "南京水务集团", graph.KindStateOwnedGroup, nanjing, []string{"市水务集团"}},
		{"区应急管理局", gulou, "区应急局", graph.KindDepartment, gulou, []string{"区应急管理局"}},
		{"区应急局", gulou, "区应急局", graph.KindDepartment, gulou, []string{"区应急管理局"}},
		{"铁北片区管理办", gulou, "铁北管理办", graph.KindManagementCommittee, gulou, []string{"铁北片区管理办"}},
		// Aliases are scoped: Gulou's group says nothing of another district.
		{"区应急管理局", "南京市/玄武区", "区应急管理局", graph.KindDepartment, "南京市/玄武区", nil},
		// Lineage never merges.
		{"市大数据管理局", nanjing, "市大数据管理局", graph.KindDepartment, nanjing, nil},
		{"市地方金融监管局", nanjing, "市地方金融监管局", graph.KindDepartment, nanjing, nil},
		{"市委金融办", nanjing, "市委金融办", graph.KindPartyOrgan, nanjing, nil},
		// Kinds.
		{"市委宣传部", nanjing, "市委宣传部", graph.KindPartyOrgan, nanjing, nil},
		{"区委政法委", gulou, "区委政法委", graph.KindPartyOrgan, gulou, nil},
		{"市委老干部局", nanjing, "市委老干部局", graph.KindPartyOrgan, nanjing, nil},
		{"市文明办", nanjing, "市文明办", graph.KindPartyOrgan, nanjing, nil},
		{"团市委", nanjing, "团市委", graph.KindMassOrganization, nanjing, nil},
		{"团市委", gulou, "团市委", graph.KindMassOrganization, nanjing, nil},
		{"团区委", gulou, "团区委", graph.KindMassOrganization, gulou, nil},
		{"市总工会", nanjing, "市总工会", graph.KindMassOrganization, nanjing, nil},
		{"市妇联", nanjing, "市妇联", graph.KindMassOrganization, nanjing, nil},
		{"市科协", nanjing, "市科协", graph.KindMassOrganization, nanjing, nil},
		{"市文联", nanjing, "市文联", graph.KindMassOrganization, nanjing, nil},
		{"市残联", nanjing, "市残联", graph.KindMassOrganization, nanjing, nil},
		{"市工商联", nanjing, "市工商联", graph.KindMassOrganization, nanjing, nil},
		{"市红十字会", nanjing, "市红十字会", graph.KindMassOrganization, nanjing, nil},
		{"市关工委", nanjing, "市关工委", graph.KindMassOrganization, nanjing, nil},
		{"市侨联", nanjing, "市侨联", graph.KindMassOrganization, nanjing, nil},
		{"市税务局", nanjing, "市税务局", graph.KindExternal, nanjing, nil},
		{"南京海关", nanjing, "南京海关", graph.KindExternal, nanjing, nil},
		{"市气象局", nanjing, "市气象局", graph.KindExternal, nanjing, nil},
		{"市邮政管理局", nanjing, "市邮政管理局", graph.KindExternal, nanjing, nil},
		{"人行南京分行营管部", nanjing, "人行南京分行营管部", graph.KindExternal, nanjing, nil},
		{"中国人民银行南京分行", nanjing, "中国人民银行南京分行", graph.KindExternal, nanjing, nil},
		{"国家金融监督管理总局江苏监管局", nanjing, "国家金融监督管理总局江苏监管局", graph.KindExternal, nanjing, nil},
		{"南京警备区", nanjing, "南京警备区", graph.KindExternal, nanjing, nil},
		{"市法院", nanjing, "市法院", graph.KindExternal, nanjing, nil},
		{"市检察院", nanjing, "市检察院", graph.KindExternal, nanjing, nil},
		{"市消防救援支队", nanjing, "市消防救援支队", graph.KindExternal, nanjing, nil},
		{"鼓楼消防救援局", gulou, "鼓楼消防救援局", graph.KindExternal, gulou, nil},
		{"南京新工集团", nanjing, "南京新工集团", graph.KindStateOwnedGroup, nanjing, nil},
		{"东部机场集团", nanjing, "东部机场集团", graph.KindStateOwnedGroup, nanjing, nil},
		{"产发集团", gulou, "产发集团", graph.KindStateOwnedGroup, gulou, nil},
		{"国资集团", gulou, "国资集团", graph.KindStateOwnedGroup, gulou, nil},
		{"文旅集团", gulou, "文旅集团", graph.KindStateOwnedGroup, gulou, nil},
		{"淳溪镇", "南京市/高淳区", "淳溪镇", graph.KindSubdistrict, "南京市/高淳区", nil},
		{"江阴市政府", "无锡市", "江阴市政府", graph.KindDistrictGovernment, "无锡市", nil},
		{"市政府办公厅", nanjing, "市政府办公厅", graph.KindDepartment, nanjing, nil},
		{"区政府办", gulou, "区政府办", graph.KindDepartment, gulou, nil},
		{"南京仲裁办", nanjing, "南京仲裁办", graph.KindDepartment, nanjing, nil},
		{"市档案馆", nanjing, "市档案馆", graph.KindDepartment, nanjing, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name+"@"+tt.doc, func(t *testing.T) {
			got := r.ResolveUnit(tt.name, tt.doc)
			require.Equal(t, registry.Resolution{
				Canonical: tt.canonical, Kind: tt.kind, Jurisdiction: tt.jurisdiction, Aliases: tt.aliases,
			}, got)
		})
	}
}

func TestResolveUnitPlaceholders(t *testing.T) {
	r := seedRegistry(t)
	for _, tt := range []struct{ name, doc, jurisdiction string }{
		{"各区政府", nanjing, nanjing},
		{"相关区政府", nanjing, nanjing},
		{"各涉农区政府", nanjing, nanjing},
		{"市相关部门", nanjing, nanjing},
		{"市相关部门", gulou, nanjing},
		{"相关部门", gulou, gulou},
		{"各园区管委会", nanjing, nanjing},
		{"相关园区管委会", nanjing, nanjing},
		{"各市属国有企业", nanjing, nanjing},
		{"相关街道板块", gulou, gulou},
		{"各街道", gulou, gulou},
		{"各街道板块", gulou, gulou},
		{"相关街道", gulou, gulou},
		{"相关部门街道板块", gulou, gulou},
		{"相关部门街道", gulou, gulou},
		{"区相关部门", gulou, gulou},
		{"区政府各部门", gulou, gulou},
		{"国企集团", gulou, gulou},
		{"相关国企集团", gulou, gulou},
		{"有关单位", gulou, gulou},
	} {
		t.Run(tt.name+"@"+tt.doc, func(t *testing.T) {
			got := r.ResolveUnit(tt.name, tt.doc)
			require.Equal(t, graph.KindPlaceholder, got.Kind)
			require.Equal(t, tt.name, got.Canonical)
			require.Equal(t, tt.jurisdiction, got.Jurisdiction)
			require.Empty(t, got.Aliases)
		})
	}
}

// TestPlaceholderRules checks the rules alone, without units.yaml's list.
func TestPlaceholderRules(t *testing.T) {
	r, err := registry.Parse(nil, []byte("jurisdictions: [{path: 南京市}, {path: 南京市/鼓楼区}]"), "units.yaml", "jurisdictions.yaml")
	require.NoError(t, err)
	for _, name := range []string{
		"各区政府", "相关区政府", "各涉农区政府", "市相关部门", "区相关部门", "相关部门", "区政府各部门",
		"各园区管委会", "相关园区管委会", "各市属国有企业", "相关国企集团", "各街道", "各街道板块",
		"相关街道", "相关街道板块", "相关部门街道", "相关部门街道板块", "有关部门", "其他相关单位", "属地街道",
		"区人民政府", "县政府", // from 各市、区人民政府 / 各市、县政府: the 各 covers both
	} {
		require.Equal(t, graph.KindPlaceholder, r.ResolveUnit(name, gulou).Kind, name)
	}
	for _, name := range []string{"国资集团", "产发集团", "文旅集团", "区发改委", "湖南路街道", "鼓楼区政府", "市政府办公厅"} {
		require.NotEqual(t, graph.KindPlaceholder, r.ResolveUnit(name, gulou).Kind, name)
	}
}

func TestLineage(t *testing.T) {
	require.Equal(t, []registry.Lineage{
		{Jurisdiction: nanjing, From: "市大数据管理局", To: "市数据局"},
		{Jurisdiction: nanjing, From: "市政务办", To: "市数据局"},
		{Jurisdiction: nanjing, From: "市地方金融监管局", To: "市委金融办"},
	}, withoutNotes(seedRegistry(t).Lineage()))
	for _, l := range seedRegistry(t).Lineage() {
		require.NotEmpty(t, l.Note)
	}
}

func TestLineageResolvesAliases(t *testing.T) {
	r, err := registry.Parse([]byte(`
units:
  - name: 市文旅局
    jurisdiction: 南京市
    aliases: [市文化和旅游局]
lineage:
  - jurisdiction: 南京市
    from: 市旅游局
    to: 市文化和旅游局
    note: merged in 2019
`), []byte(`jurisdictions: [{path: 南京市}]`), "units.yaml", "jurisdictions.yaml")
	require.NoError(t, err)
	require.Equal(t, []registry.Lineage{{Jurisdiction: nanjing, From: "市旅游局", To: "市文旅局", Note: "merged in 2019"}}, r.Lineage())
}

func withoutNotes(ls []registry.Lineage) []registry.Lineage {
	for i := range ls {
		ls[i].Note = ""
	}
	return ls
}

func TestWildcardAliases(t *testing.T) {
	r, err := registry.Parse([]byte(`
units:
  - name: 区应急局
    jurisdiction: "*"
    aliases: [区应急管理局]
placeholders: [属地单位汇总]
`), []byte(`
jurisdictions:
  - path: 南京市
  - path: 南京市/玄武区
`), "units.yaml", "jurisdictions.yaml")
	require.NoError(t, err)
	got := r.ResolveUnit("区应急管理局", "南京市/玄武区")
	require.Equal(t, registry.Resolution{Canonical: "区应急局", Kind: graph.KindDepartment, Jurisdiction: "南京市/玄武区", Aliases: []string{"区应急管理局"}}, got)
	require.Equal(t, graph.KindPlaceholder, r.ResolveUnit("属地单位汇总", nanjing).Kind)
}

func TestKindOverride(t *testing.T) {
	r, err := registry.Parse([]byte(`
units:
  - name: 市贸促会
    jurisdiction: 南京市
    kind: mass_organization
`), []byte(`jurisdictions: [{path: 南京市}]`), "units.yaml", "jurisdictions.yaml")
	require.NoError(t, err)
	require.Equal(t, graph.KindMassOrganization, r.ResolveUnit("市贸促会", nanjing).Kind)
}

func TestPlaceByDocNumber(t *testing.T) {
	r := seedRegistry(t)
	for _, tt := range []struct {
		number, path string
		ok           bool
	}{
		{"鼓政〔2025〕2号", gulou, true},
		{"宁政发〔2026〕16号", nanjing, true},
		{"宁政发〔2021〕16号", nanjing, true},
		{"宁政办发〔2024〕3号", nanjing, true},
		{" 宁政规〔2023〕1号", nanjing, true},
		{"江宁政发〔2025〕1号", "南京市/江宁区", true},
		{"建邺政发〔2025〕1号", "南京市/建邺区", true},
		{"建政发〔2025〕1号", "南京市/建邺区", true},
		{"玄政发〔2025〕1号", "南京市/玄武区", true},
		{"苏政发〔2025〕1号", "江苏省", true},
		{"鄂政办发〔2023〕5号", "湖北省", true},
		{"粤府〔2024〕3号", "广东省", true},
		{"川府发〔2022〕1号", "四川省", true},
		{"内政发〔2021〕2号", "内蒙古自治区", true},
		{"宁委发〔2025〕1号", "", false},
		{"", "", false},
	} {
		t.Run(tt.number, func(t *testing.T) {
			path, ok := r.PlaceByDocNumber(tt.number)
			require.Equal(t, tt.ok, ok)
			require.Equal(t, tt.path, path)
		})
	}
}

func TestPlaceByName(t *testing.T) {
	r := seedRegistry(t)
	for _, tt := range []struct {
		text, path string
		ok         bool
	}{
		{"南京市鼓楼区人民政府", gulou, true},
		{"鼓楼区政府", gulou, true},
		{"南京市", nanjing, true},
		{"南京市人民政府关于印发2026年市政府主要工作目标任务分解落实方案的通知", nanjing, true},
		{"南京市人民政府办公厅", nanjing, true},
		{"雨花台区人民政府", "南京市/雨花台区", true},
		{"金宝博-金宝博官网 办公室", "", false},
		{"区政府关于印发2025年区政府主要工作目标任务分解落实方案的通知", "", false},
	} {
		t.Run(tt.text, func(t *testing.T) {
			path, ok := r.PlaceByName(tt.text)
			require.Equal(t, tt.ok, ok)
			require.Equal(t, tt.path, path)
		})
	}
}

func TestPlaces(t *testing.T) {
	r := seedRegistry(t)
	nj, ok := r.Place(nanjing)
	require.True(t, ok)
	require.Equal(t, registry.Place{
		Path: nanjing, Parent: "江苏省", Level: registry.LevelPrefecture, Code: "320100",
		Names: []string{"南京市", "南京"}, Abbreviations: []string{"宁"},
	}, nj)
	gl, ok := r.Place(gulou)
	require.True(t, ok)
	require.Equal(t, registry.Place{
		Path: gulou, Parent: nanjing, Level: registry.LevelCounty, Code: "320106",
		Names: []string{"鼓楼区", "鼓楼"}, Abbreviations: []string{"鼓"}, Former: []string{"下关区"},
	}, gl)
	_, ok = r.Place("江苏省/南京市")
	require.False(t, ok, "re-rooted: the gazetteer's path gives way to the seeds'")
	for _, p := range r.Places() {
		if p.Parent == nanjing {
			require.Regexp(t, `^南京市/.+区$`, p.Path)
			require.NotEmpty(t, p.Abbreviations, p.Path)
		}
	}
}

func TestLoadLayerWithOneFile(t *testing.T) {
	_, err := registry.Load(fstest.MapFS{"jurisdictions.yaml": {Data: []byte("jurisdictions: [{path: 南京市, replaces: 江苏省/南京市}]")}})
	require.NoError(t, err)
	r, err := registry.Load(fstest.MapFS{"units.yaml": {Data: []byte("units: [{name: 省发展改革委, jurisdiction: 广东省, aliases: [省发改委]}]")}})
	require.NoError(t, err)
	require.Equal(t, "省发展改革委", r.ResolveUnit("省发改委", "广东省/广州市").Canonical)
	_, err = registry.LoadLayers(registry.Layer{Name: "/data", FS: fstest.MapFS{}})
	require.ErrorContains(t, err, "/data holds neither units.yaml nor jurisdictions.yaml")
}

func TestParseErrors(t *testing.T) {
	const places = "jurisdictions:\n  - path: 南京市\n  - path: 南京市/鼓楼区\n"
	tests := []struct {
		name, units, places, want string
	}{
		{"yaml syntax", "units: []\nlineage: []\nplaceholders: a: b\n", places, "units.yaml:3: mapping values are not allowed in this context"},
		{"unknown top key", "unit:\n  - name: 市发改委\n", places, `units.yaml:1: unknown key "unit" in the file (known: units, placeholders, lineage)`},
		{"units not a list", "units: 市发改委\n", places, `units.yaml:1: units must be a list, not the value "市发改委"`},
		{"unknown unit key", "units:\n  - name: 市文旅局\n    jurisdiction: 南京市\n    alias: [市文化和旅游局]\n", places, `units.yaml:4: unknown key "alias" in a unit`},
		{"unit without name", "units:\n  - jurisdiction: 南京市\n", places, "units.yaml:2: unit without a name"},
		{"unit without jurisdiction", "units:\n  - name: 市文旅局\n", places, "units.yaml:2: missing jurisdiction"},
		{"unknown jurisdiction", "units:\n  - name: 市文旅局\n    jurisdiction: 南京市/江北区\n", places, `units.yaml:3: unknown jurisdiction "南京市/江北区": add it to jurisdictions.yaml`},
		{"unknown kind", "units:\n  - name: 市文旅局\n    jurisdiction: 南京市\n    kind: agency\n", places, `units.yaml:4: unknown kind "agency" (known: department,`},
		{"alias in two groups", "units:\n  - name: 市文旅局\n    jurisdiction: 南京市\n    aliases: [市文化和旅游局]\n  - name: 市旅游局\n    jurisdiction: 南京市\n    aliases: [市文化和旅游局]\n", places, `units.yaml:5: "市文化和旅游局" is already a name of the unit at line 2 in 南京市`},
		{"empty alias", "units:\n  - name: 市文旅局\n    jurisdiction: 南京市\n    aliases: [\"\"]\n", places, "units.yaml:4: empty item in aliases"},
		{"lineage without note", "lineage:\n  - jurisdiction: 南京市\n    from: 市政务办\n    to: 市数据局\n", places, `units.yaml:2: lineage link without "note"`},
		{"lineage to itself", "units:\n  - name: 市文旅局\n    jurisdiction: 南京市\n    aliases: [市文化和旅游局]\nlineage:\n  - jurisdiction: 南京市\n    from: 市文化和旅游局\n    to: 市文旅局\n    note: x\n", places, `units.yaml:6: lineage link from "市文旅局" to itself`},
		{"lineage for every jurisdiction", "lineage:\n  - jurisdiction: \"*\"\n    from: a\n    to: b\n    note: x\n", places, `units.yaml:2: a lineage link belongs to one jurisdiction`},
		{"places empty", "", "", "jurisdictions.yaml: no jurisdictions: the file is empty"},
		{"places empty list", "", "jurisdictions: []\n", "jurisdictions.yaml:1: no jurisdictions listed"},
		{"place without path", "", "jurisdictions:\n  - names: [南京]\n", "jurisdictions.yaml:2: jurisdiction without a path"},
		{"place before parent", "", "jurisdictions:\n  - path: 南京市/鼓楼区\n  - path: 南京市\n", `jurisdictions.yaml:2: jurisdiction "南京市/鼓楼区" is listed before its parent "南京市"`},
		{"place twice", "", "jurisdictions:\n  - path: 南京市\n  - path: 南京市\n", `jurisdictions.yaml:3: jurisdiction "南京市" listed twice`},
		{"padded path", "", "jurisdictions:\n  - path: 南京市/ 鼓楼区\n", `jurisdictions.yaml:2: path "南京市/ 鼓楼区" has an empty or padded element`},
		{"abbreviation twice", "", "jurisdictions:\n  - path: 南京市\n    abbreviations: [宁]\n  - path: 南京市/鼓楼区\n    abbreviations: [宁]\n", `jurisdictions.yaml:4: abbreviation "宁" of "南京市/鼓楼区" is already "南京市"'s`},
		{"names not a list", "", "jurisdictions:\n  - path: 南京市\n    names: {a: b}\n", "jurisdictions.yaml:3: names must be a list, not a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := registry.Parse([]byte(tt.units), []byte(tt.places), "units.yaml", "jurisdictions.yaml")
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestParseEmptyUnits(t *testing.T) {
	r, err := registry.Parse(nil, []byte("jurisdictions: [{path: 南京市}]"), "units.yaml", "jurisdictions.yaml")
	require.NoError(t, err)
	require.Empty(t, r.Lineage())
	require.Equal(t, "市发改委", r.ResolveUnit("市发改委", nanjing).Canonical)
}

// TestDigest: registries read from the same files share a digest; a file
// changed, or one more, gives another.
func TestDigest(t *testing.T) {
	units := []byte("units:\n  - name: 市数据局\n    jurisdiction: \"*\"\n")
	load := func(files fstest.MapFS) string {
		t.Helper()
		r, err := registry.Load(files)
		require.NoError(t, err)
		return r.Digest()
	}
	a := load(fstest.MapFS{"units.yaml": {Data: units}})
	require.Equal(t, a, load(fstest.MapFS{"units.yaml": {Data: bytes.Clone(units)}}))
	require.NotEqual(t, a, load(fstest.MapFS{"units.yaml": {Data: append(bytes.Clone(units), "    kind: department\n"...)}}))
	require.NotEqual(t, a, load(fstest.MapFS{"units.yaml": {Data: units}, "jurisdictions.yaml": {Data: []byte("{}\n")}}))
	bundled, err := registry.Load()
	require.NoError(t, err)
	require.NotEqual(t, a, bundled.Digest())
}
