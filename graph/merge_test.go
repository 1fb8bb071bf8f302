package graph_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

func TestMergeUnitNewestNameWinsWithItsKind(t *testing.T) {
	old := graph.Unit{ID: "u", Name: "市文化和旅游局", NameYear: 2021, Kind: graph.KindDepartment, Jurisdiction: "南京市", Aliases: []string{"市文旅局"}}
	newer := graph.Unit{ID: "u", Name: "市文旅局", NameYear: 2026, Kind: graph.KindExternal, Jurisdiction: "南京市", Aliases: []string{"市文化和旅游局"}}
	want := graph.Unit{ID: "u", Name: "市文旅局", NameYear: 2026, Kind: graph.KindExternal, Jurisdiction: "南京市", Aliases: []string{"市文化和旅游局"}}
	require.Equal(t, want, graph.MergeUnit(&old, newer))
	require.Equal(t, want, graph.MergeUnit(&newer, old), "whatever the order")
	require.Equal(t, newer, graph.MergeUnit(nil, newer), "the first view as it is")

	a := graph.Unit{ID: "g", Name: "鼓楼区人民政府", NameYear: 2026, Kind: graph.KindDistrictGovernment}
	b := graph.Unit{ID: "g", Name: "区政府", NameYear: 2026, Kind: graph.KindPlaceholder}
	require.Equal(t, graph.MergeUnit(&a, b), graph.MergeUnit(&b, a), "equal years: the smaller name, and its kind")
	require.Equal(t, graph.KindPlaceholder, graph.MergeUnit(&a, b).Kind)
}

func TestMergeReportLoadedTextWinsAndKeepsTheStubsSession(t *testing.T) {
	stub := graph.Report{ID: "r", Jurisdiction: "南京市", Year: 2026, Session: "十七届五次"}
	text := graph.Report{ID: "r", Jurisdiction: "南京市", Year: 2026, Title: "报告", Loaded: true}
	want := text
	want.Session = stub.Session
	require.Equal(t, want, graph.MergeReport(&stub, text))
	require.Equal(t, want, graph.MergeReport(&want, stub), "a stub changes nothing of a loaded report's")

	other := stub
	other.Session = "十七届一次"
	require.Equal(t, other, graph.MergeReport(&stub, other), "two stubs: the smaller session")
	require.Equal(t, other, graph.MergeReport(&other, stub))
}

func TestMergeSuccessionNote(t *testing.T) {
	require.Equal(t, "b", graph.MergeSuccessionNote("", false, "b"))
	require.Equal(t, "b", graph.MergeSuccessionNote("", true, "b"), "the non-empty note")
	require.Equal(t, "b", graph.MergeSuccessionNote("b", true, ""))
	require.Equal(t, "a", graph.MergeSuccessionNote("b", true, "a"), "then the smaller")
	require.Equal(t, "a", graph.MergeSuccessionNote("a", true, "b"))
}
