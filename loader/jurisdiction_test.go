package loader_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPlaceAcrossProvinces: the place of a plan from its title, issuer,
// signature, document number, session and the level its units speak at,
// for provinces, prefectures, counties and districts across China. A title
// alone does not give the issuer: it is derived from the place.
func TestPlaceAcrossProvinces(t *testing.T) {
	for _, tt := range []struct {
		name, header, units, place, issuer string
	}{
		{"province by title", "广东省人民政府关于印发2030年重点工作任务分工方案的通知\n粤府〔2030〕3号\n", "省发展改革委",
			"广东省", "广东省人民政府"},
		{"province by document number and units", "关于印发2030年重点工作任务分工方案的通知\n鄂政办发〔2030〕3号\n", "省发展改革委、省财政厅",
			"湖北省", "湖北省人民政府"},
		{"autonomous region", "广西壮族自治区人民政府办公厅关于印发2030年工作分工的通知\n桂政办发〔2030〕1号\n", "自治区发展改革委",
			"广西壮族自治区", "广西壮族自治区人民政府"},
		{"prefecture by signature", "关于印发2030年市政府工作报告重点工作分解方案的通知\n咸政办发〔2030〕2号\n咸宁市人民政府办公室\n2030年2月1日\n", "市发改委",
			"湖北省/咸宁市", "咸宁市人民政府办公室"},
		{"county under its city", "咸安区人民政府关于印发2030年区政府工作报告任务分解的通知\n咸安政发〔2030〕1号\n", "区发改局、区财政局",
			"湖北省/咸宁市/咸安区", "咸宁市咸安区人民政府"},
		{"municipal district", "北京市朝阳区人民政府关于印发2030年重点工作的通知\n", "区发展改革委",
			"北京市/朝阳区", "北京市朝阳区人民政府"},
		{"municipal county", "重庆市城口县人民政府关于印发2030年重点工作的通知\n", "县发展改革委",
			"重庆市/城口县", "重庆市城口县人民政府"},
		{"county-level city", "昆山市人民政府关于印发2030年重点工作任务分解的通知\n昆政发〔2030〕9号\n", "市发改委",
			"江苏省/苏州市/昆山市", "昆山市人民政府"},
		{"province-run city", "仙桃市人民政府关于印发2030年重点工作的通知\n", "市发改委",
			"湖北省/仙桃市", "仙桃市人民政府"},
		{"autonomous prefecture by 州 units", "恩施州人民政府办公室关于印发2030年重点工作分工的通知\n", "州发改委、州财政局",
			"湖北省/恩施土家族苗族自治州", "恩施土家族苗族自治州人民政府"},
		{"shared name, parent written", "福州市鼓楼区人民政府关于印发2030年重点工作的通知\n", "区发改局",
			"福建省/福州市/鼓楼区", "福州市鼓楼区人民政府"},
		{"shared name, settled by the units' places", "鼓楼区人民政府关于印发2030年重点工作的通知\n", "区发改局、台江区政府、福州市财政局",
			"福建省/福州市/鼓楼区", "福州市鼓楼区人民政府"},
		{"shared name, the user's own place", "鼓楼区人民政府关于印发2030年重点工作的通知\n", "区发改局",
			"南京市/鼓楼区", "南京市鼓楼区人民政府"},
		{"province written before the re-rooted city", "江苏省南京市人民政府关于印发2030年重点工作的通知\n", "市发改委",
			"南京市", "南京市人民政府"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, tt.header+"一、扩大内需\n1.任务甲。("+tt.units+"负责)\n")
			require.Equal(t, tt.place, doc.Jurisdiction, warningsText(doc))
			require.Equal(t, tt.issuer, doc.Issuer, warningsText(doc))
		})
	}
}

// TestPlaceAmbiguous: a name several places share with nothing to settle
// it is reported with its candidates; the plan loads under the first, and
// the warning says how to give the right one.
func TestPlaceAmbiguous(t *testing.T) {
	doc := parseString(t, "朝阳区人民政府关于印发2030年重点工作的通知\n一、扩大内需\n1.任务甲。(区发改委负责)\n")
	require.Equal(t, "北京市/朝阳区", doc.Jurisdiction)
	w := warningsText(doc)
	require.Contains(t, w, "jurisdiction ambiguous")
	require.Contains(t, w, "loaded as 北京市/朝阳区: give the right one with --jurisdiction")
	for _, c := range []string{"北京市/朝阳区", "吉林省/长春市/朝阳区"} {
		require.True(t, strings.Contains(w, c), w)
	}
}

// TestPlaceWithoutFields: a news repost or a page that lost its header
// names its place in its opening lines or its units only.
func TestPlaceWithoutFields(t *testing.T) {
	for _, tt := range []struct{ name, text, place string }{
		{"government in a repost", "日前,成都市人民政府网站公布2030年目标任务分解方案。\n一、扩大内需\n1.任务甲。(牵头单位:市发改委)\n", "四川省/成都市"},
		{"document number fitting a mention", "嘉政办发〔2030〕5号\n县人民政府办公室关于县政府工作报告及涉及嘉鱼的重点事项责任分解的通知\n一、扩大内需\n1.任务甲。(牵头单位:县发改局)\n", "湖北省/咸宁市/嘉鱼县"},
		{"index number with the body's credit code", "索引号 11330922090963010M/2030-00001\n2030年政府工作报告重点工作任务分解\n一、扩大内需\n1.任务甲。(牵头单位:县发改局)\n", "浙江省/舟山市/嵊泗县"},
		{"places named together", "2030年民生实事项目分解表\n常州运河文化节与幸福钟楼惠民月等活动安排如下。\n一、扩大内需\n1.任务甲。(牵头单位:区文体旅局)\n", "江苏省/常州市/钟楼区"},
		{"units naming their place", "2030年区政府工作报告重点工作任务分解\n一、扩大内需\n1.任务甲。(牵头单位:咸安区发改局;责任单位:区财政局)\n", "湖北省/咸宁市/咸安区"},
		// 建安 is also 许昌市's 建安区, but 建安投资 is building investment:
		// a short name inside a word, with nothing beside it, is no place.
		{"a word holding a short name", "2030年重点工作进展情况\n建安投资增长居全省第1。\n一、扩大内需\n1.任务甲。(牵头单位:市发改委)\n", "未知辖区"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseString(t, tt.text)
			require.Equal(t, tt.place, doc.Jurisdiction, warningsText(doc))
		})
	}
}
