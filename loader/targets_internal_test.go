package loader

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// brief writes a target on one line: metric, measure, comparator and value
// with unit, and 力争 when aspirational.
func brief(t Target) string {
	s := fmt.Sprintf("%s %s", t.Metric, t.Measure)
	if t.Value != nil {
		s += fmt.Sprintf(" %s%v%s", t.Comparator, *t.Value, t.Unit)
	}
	if t.Aspirational {
		s += " 力争"
	}
	return s
}

// TestTaskTargets reads real task texts of the seeds (plan, year, task
// number in the name): the figures that are targets, and the numbers that
// are not.
func TestTaskTargets(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"南京2021/2 two growth targets", "地区生产总值增长7%，固定资产投资增长8%。",
			[]string{"地区生产总值 growth =7%", "固定资产投资 growth =8%"}},
		{"南京2026/1 bounds; a clause without a figure is no task target",
			"地区生产总值增长5%以上，一般公共预算收入增长1%左右，居民收入增长与经济增长同步。",
			[]string{"地区生产总值 growth ≥5%", "一般公共预算收入 growth ≈1%"}},
		{"鼓楼2026/1 正增长 is growth above 0%",
			"地区生产总值增长5%以上,一般公共预算收入实现正增长,固定资产投资实现正增长,居民人均可支配收入增速与经济增长基本同步。",
			[]string{"地区生产总值 growth ≥5%", "一般公共预算收入 growth >0%", "固定资产投资 growth >0%"}},
		{"鼓楼2025/1 力争正增长", "一般公共预算收入力争正增长,固定资产投资收窄降幅、力争正增长",
			[]string{"一般公共预算收入 growth >0% 力争", "固定资产投资 growth >0% 力争"}},
		{"鼓楼2026/2", "社会消费品零售总额增长3%,外贸进出口总额稳中提质。", []string{"社会消费品零售总额 growth =3%"}},
		{"南京2026/4 a count keeps its verb",
			"设立新消费与现代服务业母基金，扩大文旅体育、教育培训、数字信息等服务消费，培育银发经济、国货“潮品”、直播电商、即时零售、宠物经济等增长点，新增首店300家。",
			[]string{"新增首店 count =300家"}},
		{"南京2021/4 均: one target per metric", "社会消费品零售总额、外贸进出口总额均增长8%，实际利用外资50亿美元。",
			[]string{"社会消费品零售总额 growth =8%", "外贸进出口总额 growth =8%", "实际利用外资 level =50亿美元"}},
		{"南京2021/37 均 lends the last metric's head", "集成电路、生命健康产业营业收入均增长30%以上。",
			[]string{"集成电路产业营业收入 growth ≥30%", "生命健康产业营业收入 growth ≥30%"}},
		{"南京2021/28 percentage points", "生产性服务业增加值占服务业比重提高1个百分点。",
			[]string{"生产性服务业增加值占服务业比重 growth =1个百分点"}},
		{"南京2021/14 a share is a level", "全社会研发费用占GDP比重3.48%。", []string{"全社会研发费用占GDP比重 level =3.48%"}},
		{"南京2021/43 reduction", "部门预算一般性支出一律压减10%。", []string{"部门预算一般性支出 reduction =10%"}},
		{"鼓楼2025/39 the second figure shares the metric", "力争投诉量分别再压降30%、20%。",
			[]string{"投诉量 reduction =30% 力争", "投诉量 reduction =20% 力争"}},
		{"鼓楼2026/4 千亿元", "文化产业营收突破千亿元，旅游收入同比增长5%。",
			[]string{"文化产业营收 level >1000亿元", "旅游收入 growth =5%"}},
		{"南京2021/16 力争 and 万家", "力争科技型中小企业总数达1.2万家，独角兽、瞪羚企业总数超过500家，净增高新技术企业3000家以上。",
			[]string{"科技型中小企业总数 level ≥1.2万家 力争", "独角兽、瞪羚企业总数 level >500家", "净增高新技术企业 count ≥3000家"}},
		{"鼓楼2025/27 a bare verb borrows what is counted", "全年科技型中小企业入库1800家，新认定高新技术企业160家、净增30家。",
			[]string{"科技型中小企业入库 count =1800家", "新认定高新技术企业 count =160家", "净增高新技术企业 count =30家"}},
		{"鼓楼2026/35 a part without a verb keeps counting", "新增亿元楼宇2幢、特色楼宇2幢。",
			[]string{"新增亿元楼宇 count =2幢", "新增特色楼宇 count =2幢"}},
		{"南京2026/139 the thing counted after the figure", "持续扩容优质高中教育资源，推动科学高中建设，新增普通高中学位4000个。",
			[]string{"新增普通高中学位 count =4000个"}},
		{"鼓楼2026/58 … or before it", "扎实建设高品质示范高中，新增300个普通高中学位。", []string{"新增普通高中学位 count =300个"}},
		{"南京2026/57 bounds after the figure",
			"新集聚10名左右顶尖人才、引进200个左右高层次人才(团队)、培育2000名左右骨干人才、汇聚不少于30万名海内外青年人才。",
			[]string{"新集聚顶尖人才 count ≈10名", "引进高层次人才(团队) count ≈200个", "培育骨干人才 count ≈2000名", "汇聚海内外青年人才 count ≥30万名"}},
		{"鼓楼2026/56 保持在", "确保婴幼儿普惠托位占比保持在80%以上。", []string{"婴幼儿普惠托位占比 level ≥80%"}},
		{"南京2021/6 an enumeration's count is not a target",
			"加快新型基础设施、新型城镇化、交通水利等重大工程建设，推进小米华东总部等392个市级重大项目，完成投资2400亿元以上。",
			[]string{"完成投资 level ≥2400亿元"}},
		{"鼓楼2026/8 等3个", "进一步做强江苏—香港等3个法商融合服务平台，专业服务业营收同比增长5%。",
			[]string{"专业服务业营收 growth =5%"}},
		{"鼓楼2026/43 enumerations only", "推进水西门大街西延、五塘路等13条道路建设，建成五佰村路一期等6条道路。", nil},
		{"鼓楼2026/24 an attribute", "进一步丰富金融服务，推动规模10亿元的国企投资母基金落地。", nil},
		{"南京2021/96 a baseline", "全市自然村生活污水处理设施覆盖率在2020年70%的基础上有明显提高。", nil},
		{"南京2026/55 a range", "大幅提升规上工业企业研发机构建有率，新增1-2家国家级企业技术中心。", nil},
		{"南京2026/54 a number before its noun after another verb", "发挥55家链主企业引领作用，引进培育产业链配套企业和生态合作伙伴。", nil},
		{"鼓楼2026/45 codes", "进一步压降PM2.5浓度，持续提升优良天数比例。", nil},
		{"南京2021/71 ordinals and dates", "办好第30届中国戏剧梅花奖颁奖活动等活动，精心做好庆祝中国共产党成立100周年活动。", nil},
		{"南京2026/48 十五五 and years", "争取将原子级制造等重大科技基础设施列入国家“十五五”规划，2026年底前完成。", nil},
		{"南京2026/86 line numbers", "推动地铁4号线二期、6号线、9号线一期、11号线一期等线路建设。", nil},
		{"南京2021/46 a bare verb with nothing to count", "续建10条、开工2条地铁线路，建成地铁2号线西延。",
			[]string{"开工地铁线路 count =2条"}},
	}
	for _, tc := range cases {
		var got []string
		for _, g := range taskTargets(tc.text) {
			got = append(got, brief(g))
		}
		require.Equal(t, tc.want, got, tc.name)
	}
}

func TestTargetSpansAreRuneOffsets(t *testing.T) {
	text := "地区生产总值增长5%以上，一般公共预算收入增长1%左右，居民收入增长与经济增长同步。"
	ts := taskTargets(text)
	require.Len(t, ts, 2)
	runes := []rune(text)
	for _, g := range ts {
		require.Equal(t, g.Text, string(runes[g.Start:g.End]))
	}
	require.Equal(t, [2]int{13, 27}, [2]int{ts[1].Start, ts[1].End})
}

func TestHeadlineTargetsKeepClausesWithoutFigures(t *testing.T) {
	ts, ok := readTargets("今年主要预期目标是：地区生产总值增长6%左右，实际使用外资稳中提质，单位能耗下降3%以内。设定上述目标…")
	require.True(t, ok)
	var got []string
	for _, g := range ts {
		got = append(got, brief(g))
	}
	require.Equal(t, []string{"地区生产总值 growth ≈6%", "实际使用外资 qualitative", "单位能耗 reduction ≤3%"}, got)
	_, ok = readTargets("地区生产总值增长6%左右")
	require.False(t, ok, "without 主要预期目标 a sentence is no headline")
}

// FuzzTargets: any text gives well-formed targets whose span is the clause
// they were read from, and never a panic.
func FuzzTargets(f *testing.F) {
	for _, s := range []string{
		"地区生产总值增长5%以上，一般公共预算收入增长1%左右", "新增1-2家", "千亿元", "百", "等3个", "、、20%", "PM2.5",
		"主要预期目标是：实际使用外资稳中提质，固定资产投资保持稳定增长、力争达到3%。", "新增城镇就业2.1万人、援助就业困难人员1700人",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts := taskTargets(s)
		if hs, ok := readTargets(s); ok {
			ts = append(ts, hs...)
		}
		for _, g := range ts {
			if g.Metric == "" || g.Start < 0 || g.End < g.Start || !g.Measure.Valid() {
				t.Fatalf("malformed target %+v from %q", g, s)
			}
			if (g.Value == nil) != (g.Measure == "qualitative") {
				t.Fatalf("value %v for measure %s from %q", g.Value, g.Measure, s)
			}
		}
		if !utf8.ValidString(s) {
			return // the parser hands on valid UTF-8 only (textin)
		}
		for _, g := range taskTargets(s) {
			if runes := []rune(s); g.End > len(runes) || string(runes[g.Start:g.End]) != g.Text {
				t.Fatalf("span %d..%d is not %q in %q", g.Start, g.End, g.Text, s)
			}
		}
	})
}
