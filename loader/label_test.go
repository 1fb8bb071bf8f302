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

func TestMergeLabels(t *testing.T) {
	c := loader.MergeLabels([]loader.Label{
		{Role: "lead", Names: []string{"市发改委"}},
		{Role: "responsible", Names: []string{"市财政局", "市发改委"}},
		{Role: "cooperator", Names: []string{"市商务局", "各区政府"}},
		{Role: "cooperator", Names: []string{"市商务局"}},
	})
	require.Equal(t, loader.Clause{
		Leads:       []string{"市发改委", "市财政局"},
		Cooperators: []string{"市商务局", "各区政府"},
		Bracketed:   true,
	}, c)
}
