package loader_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

func TestParseLabel(t *testing.T) {
	tests := []struct {
		line string
		want loader.Label
	}{
		{"责任单位：市发改委、市财政局", loader.Label{Role: "responsible", Names: []string{"市发改委", "市财政局"}}},
		{"牵头单位：市发改委", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"主办单位:市发改委", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"配合单位：市财政局，市商务局", loader.Label{Role: "cooperator", Names: []string{"市财政局", "市商务局"}}},
		{"协办单位：各区政府、各园区管委会", loader.Label{Role: "cooperator", Names: []string{"各区政府", "各园区管委会"}}},
		{"参与单位：市统计局", loader.Label{Role: "cooperator", Names: []string{"市统计局"}}},
		{"  牵头部门 ： 市发改委 ", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"（牵头单位：市发改委）", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"配合单位：市文化和旅游局、国企集团和各街道板块等单位", loader.Label{Role: "cooperator", Names: []string{"市文化和旅游局", "国企集团", "各街道板块"}}},
		{"牵头单位：市发改委；配合单位：市财政局", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"责任单位：", loader.Label{Role: "responsible", Names: nil}},
		{"牵头责任单位：省发展改革委", loader.Label{Role: "lead", Names: []string{"省发展改革委"}}},
		{"协同责任单位：省财政厅、省商务厅", loader.Label{Role: "cooperator", Names: []string{"省财政厅", "省商务厅"}}},
		{"主要协作单位：各乡镇人民政府、县政府有关部门", loader.Label{Role: "cooperator", Names: []string{"各乡镇人民政府", "县政府有关部门"}}},
		{"责任单位：县发改局(首位单位为牵头单位,下同)、县财政局", loader.Label{Role: "responsible", Names: []string{"县发改局", "县财政局"}}},
		{"主要责任单位:市发改委", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"共同责任单位：市住建局、各县区", loader.Label{Role: "responsible", Names: []string{"市住建局", "各县区"}}},
		{"协同单位：市统计局", loader.Label{Role: "cooperator", Names: []string{"市统计局"}}},
		{"责任部门：区财政局", loader.Label{Role: "responsible", Names: []string{"区财政局"}}},
		{"责任领导：王小明", loader.Label{Role: "leader", Names: []string{"王小明"}}},
		{"牵头领导:李华、张伟", loader.Label{Role: "leader", Names: []string{"李华", "张伟"}}},
		{"牵头负责领导：周敏 陈强", loader.Label{Role: "leader", Names: []string{"周敏", "陈强"}}},
		{"分管领导：宁波", loader.Label{Role: "leader", Names: []string{"宁波"}}},
		{"分管省领导：刘洋同志", loader.Label{Role: "leader", Names: []string{"刘洋"}}},
		{"市领导：孙丽", loader.Label{Role: "leader", Names: []string{"孙丽"}}},
		{"部门分工：省发展改革委牵头，各地、各部门配合。", loader.Label{Role: "lead", Names: []string{"省发展改革委"}}},
		{"部门分工:省财政厅", loader.Label{Role: "responsible", Names: []string{"省财政厅"}}},
		{"牵头：市发改委", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"配合:市财政局、市统计局", loader.Label{Role: "cooperator", Names: []string{"市财政局", "市统计局"}}},
		{"协助单位：区民政局", loader.Label{Role: "cooperator", Names: []string{"区民政局"}}},
		{"主责部门：区住建局", loader.Label{Role: "lead", Names: []string{"区住建局"}}},
		{"责任主体：各镇人民政府", loader.Label{Role: "responsible", Names: []string{"各镇人民政府"}}},
		{"联系市领导：陈明", loader.Label{Role: "leader", Names: []string{"陈明"}}},
		{"分管副市长：赵亮", loader.Label{Role: "leader", Names: []string{"赵亮"}}},
		{"责任人：钱伟", loader.Label{Role: "leader", Names: []string{"钱伟"}}},
		{"【牵头单位】市发改委", loader.Label{Role: "lead", Names: []string{"市发改委"}}},
		{"[责任单位]：市财政局、市统计局", loader.Label{Role: "responsible", Names: []string{"市财政局", "市统计局"}}},
		{"配合单位  市商务局、市外办", loader.Label{Role: "cooperator", Names: []string{"市商务局", "市外办"}}},
		{"责任领导　王小明", loader.Label{Role: "leader", Names: []string{"王小明"}}},
		{"责任单位:莲塘镇任务目标:年内完成改造", loader.Label{Role: "responsible", Names: []string{"莲塘镇"}}},
		{"牵头单位：县住建局 完成时限：2024年底", loader.Label{Role: "lead", Names: []string{"县住建局"}}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := loader.ParseLabel(tt.line)
			require.True(t, ok)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestParseLabelNone(t *testing.T) {
	for _, line := range []string{
		"",
		"牵头单位要加强组织领导",
		"市发改委牵头，市财政局配合",
		"1.推进改革。(市发改委主办)",
		"请各责任单位：抓紧制订推进计划",
		"牵头单位 要加强组织领导",
		"【牵头单位",
	} {
		t.Run(line, func(t *testing.T) {
			_, ok := loader.ParseLabel(line)
			require.False(t, ok)
		})
	}
}

func TestParseLabels(t *testing.T) {
	got, ok := loader.ParseLabels("牵头单位：市发改委；配合单位: 市财政局、市商务局")
	require.True(t, ok)
	require.Equal(t, []loader.Label{
		{Role: "lead", Names: []string{"市发改委"}},
		{Role: "cooperator", Names: []string{"市财政局", "市商务局"}},
	}, got)
}

func TestMergeLabelsLeadMark(t *testing.T) {
	l, ok := loader.ParseLabel("责任单位：市发改委（牵头）、市财政局、市商务局(牵头)")
	require.True(t, ok)
	require.Equal(t, loader.Clause{
		Leads:       []string{"市发改委", "市商务局"},
		Cooperators: []string{"市财政局"},
		Bracketed:   true,
	}, loader.MergeLabels([]loader.Label{l}))
}

func TestParseLabelsRoleWordsInTheList(t *testing.T) {
	got, ok := loader.ParseLabels("责任单位：省政府办公厅、省财政厅牵头，省商务厅、省文化和旅游厅（除标注牵头的外，列第一位的为牵头单位，下同）")
	require.True(t, ok)
	require.Equal(t, []loader.Label{
		{Role: "lead", Names: []string{"省政府办公厅", "省财政厅"}},
		{Role: "cooperator", Names: []string{"省商务厅", "省文化和旅游厅"}},
	}, got)
}

func TestMergeLabelsStarMark(t *testing.T) {
	l, ok := loader.ParseLabel("责任单位：★区发改委、统计局")
	require.True(t, ok)
	require.Equal(t, loader.Clause{
		Leads:       []string{"区发改委"},
		Cooperators: []string{"统计局"},
		Bracketed:   true,
	}, loader.MergeLabels([]loader.Label{l}))
}

func TestMergeLabels(t *testing.T) {
	c := loader.MergeLabels([]loader.Label{
		{Role: "lead", Names: []string{"市发改委"}},
		{Role: "responsible", Names: []string{"市财政局", "市发改委"}},
		{Role: "cooperator", Names: []string{"市商务局", "各区政府"}},
		{Role: "cooperator", Names: []string{"市商务局"}},
	})
	require.Equal(t, loader.Clause{
		Leads:       []string{"市发改委"},
		Cooperators: []string{"市财政局", "市商务局", "各区政府"},
		Bracketed:   true,
	}, c)
}

func TestParseLabelsDivision(t *testing.T) {
	got, ok := loader.ParseLabels("部门分工：省发展改革委牵头，各地、各部门配合。")
	require.True(t, ok)
	require.Equal(t, []loader.Label{
		{Role: "lead", Names: []string{"省发展改革委"}},
		{Role: "cooperator", Names: []string{"各地", "各部门"}},
	}, got)
}

func TestMergeLabelsRoles(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  loader.Clause
	}{
		{
			name:  "牵头单位 and 责任单位: the responsible units cooperate",
			lines: []string{"牵头单位：市发改委", "责任单位：市财政局、市商务局"},
			want:  loader.Clause{Leads: []string{"市发改委"}, Cooperators: []string{"市财政局", "市商务局"}, Bracketed: true},
		},
		{
			name:  "责任单位 alone: they share the lead, unranked",
			lines: []string{"责任单位：市财政局、市商务局"},
			want:  loader.Clause{Leads: []string{"市财政局", "市商务局"}, Unranked: true, Bracketed: true},
		},
		{
			name:  "牵头责任单位 and 协同责任单位",
			lines: []string{"牵头责任单位：省科技厅", "协同责任单位：省教育厅、省财政厅"},
			want:  loader.Clause{Leads: []string{"省科技厅"}, Cooperators: []string{"省教育厅", "省财政厅"}, Bracketed: true},
		},
		{
			name:  "persons are leaders, never units",
			lines: []string{"责任领导：南京", "牵头单位：区发改委", "配合单位：区统计局"},
			want:  loader.Clause{Leads: []string{"区发改委"}, Cooperators: []string{"区统计局"}, Leaders: []string{"南京"}, Bracketed: true},
		},
		{
			name:  "分管省领导 and 部门分工",
			lines: []string{"分管省领导：林清", "部门分工：省商务厅牵头，各地、各部门配合。"},
			want:  loader.Clause{Leads: []string{"省商务厅"}, Cooperators: []string{"各地", "各部门"}, Leaders: []string{"林清"}, Bracketed: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var labels []loader.Label
			for _, l := range tt.lines {
				ls, ok := loader.ParseLabels(l)
				require.True(t, ok, l)
				labels = append(labels, ls...)
			}
			require.Equal(t, tt.want, loader.MergeLabels(labels))
		})
	}
}
