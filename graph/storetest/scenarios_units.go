package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

func unitScenarios() []scenario {
	return []scenario{
		{"FindUnit/by name alias and bracket form", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			cases := []struct {
				name, jurisdiction, want string
			}{
				{"市文旅局", "", WLJ},
				{"市文化和旅游局", "", WLJ}, // the 2021 name is an alias
				{"  市文旅局 ", "", WLJ}, // trimmed
				{"市发展和改革委员会", Nanjing, FGW},
				{"区应急局", "", QYJ},
				{"区应急管理局", Gulou, QYJ},
				{"鼓楼区人民政府", "", GLZF},
				{"区政府", Gulou, GLZF},
				{"高新区(鼓楼)管委会", "", GXQ},
				{"高新区（鼓楼）管委会", Gulou, GXQ},
				{"市大数据管理局", "", DSJ}, // a predecessor stays its own unit
				{"市数据局", "", SJJ},
				{"各区政府", "", GQZF}, // placeholders can be looked up
				{"市场监管局", Nanjing, SCJG},
				{"市场监管局", Gulou, QSCJG},
			}
			for _, c := range cases {
				u, err := s.FindUnit(ctx, c.name, c.jurisdiction)
				require.NoError(t, err, "FindUnit(%q, %q)", c.name, c.jurisdiction)
				require.Equal(t, expectedUnit(c.want), normalizeUnit(u), "FindUnit(%q, %q)", c.name, c.jurisdiction)
			}
		}},
		{"FindUnit/ambiguous across jurisdictions", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			_, err := s.FindUnit(ctx, "市场监管局", "")
			require.ErrorIs(t, err, graph.ErrAmbiguous)
			var amb *graph.AmbiguousError
			require.True(t, errors.As(err, &amb), "want *graph.AmbiguousError, got %T: %v", err, err)
			require.Equal(t, "unit", amb.What)
			require.Equal(t, "市场监管局", amb.Name)
			require.Equal(t, []string{"区市场监管局 (南京市/鼓楼区)", "市市场监管局 (南京市)"}, amb.Candidates)
		}},
		{"FindUnit/not found suggests near names", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			_, err := s.FindUnit(ctx, "市文旅", "")
			require.ErrorIs(t, err, graph.ErrNotFound)
			var nf *graph.NotFoundError
			require.True(t, errors.As(err, &nf), "want *graph.NotFoundError, got %T: %v", err, err)
			require.Equal(t, "unit", nf.What)
			require.Equal(t, "市文旅", nf.Name)
			require.LessOrEqual(t, len(nf.Suggestions), 5)
			require.GreaterOrEqual(t, len(nf.Suggestions), 2, "suggestions: %v", nf.Suggestions)
			require.Equal(t, []string{"市文旅局", "市文化和旅游局"}, nf.Suggestions[:2])

			_, err = s.FindUnit(ctx, "区发改委", Nanjing)
			require.ErrorIs(t, err, graph.ErrNotFound, "区发改委 is Gulou's, not Nanjing's: the jurisdiction is exact")
			_, err = s.FindUnit(ctx, "市发改委", "南京市/玄武区")
			require.ErrorIs(t, err, graph.ErrNotFound, "an unknown jurisdiction")
			_, err = s.FindUnit(ctx, "  ", "")
			require.ErrorIs(t, err, graph.ErrInvalid, "an empty name")
		}},
		{"Units/filters order and paging", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			all := ExpectedUnits()
			cases := []struct {
				name   string
				filter graph.UnitFilter
				page   graph.Page
				want   []string
				total  int
			}{
				{"all", graph.UnitFilter{}, graph.Page{}, idsOf(all), 15},
				{"Gulou", graph.UnitFilter{Jurisdiction: Gulou}, graph.Page{}, ids(QFGW, QSCJG, QYJ, GLZF, QCZJ, XGJD, GXQ), 7},
				{"placeholders", graph.UnitFilter{Kind: graph.KindPlaceholder}, graph.Page{}, ids(GQZF, XGJD), 2},
				{"search by alias", graph.UnitFilter{Search: "文化"}, graph.Page{}, ids(WLJ), 1},
				{"search matching name and alias once", graph.UnitFilter{Search: "应急"}, graph.Page{}, ids(QYJ), 1},
				{"search across jurisdictions", graph.UnitFilter{Search: "市场监管"}, graph.Page{}, ids(SCJG, QSCJG), 2},
				{"search with half-width brackets", graph.UnitFilter{Search: "(鼓楼)"}, graph.Page{}, ids(GXQ), 1},
				{"page of Nanjing departments", graph.UnitFilter{Jurisdiction: Nanjing, Kind: graph.KindDepartment},
					graph.Page{Offset: 2, Limit: 3}, ids(GXJ, SCJG, SJJ), 7},
				{"page past the end", graph.UnitFilter{Jurisdiction: Nanjing, Kind: graph.KindDepartment},
					graph.Page{Offset: 7, Limit: 3}, nil, 7},
				{"nothing matches", graph.UnitFilter{Search: "不存在"}, graph.Page{}, nil, 0},
			}
			for _, c := range cases {
				got, err := s.Units(ctx, c.filter, c.page)
				require.NoError(t, err, c.name)
				require.Equal(t, c.want, idsOf(got.Units), c.name)
				require.Equal(t, c.total, got.Total, "%s: total", c.name)
			}
			got, err := s.Units(ctx, graph.UnitFilter{}, graph.Page{})
			require.NoError(t, err)
			require.Equal(t, normalizeUnits(all), normalizeUnits(got.Units), "merged units")
		}},
		{"Successions/lineage both ways", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			succession := []graph.Succession{{From: DSJ, To: SJJ, Note: DSJNote}}
			preds, succs, err := s.Successions(ctx, SJJ)
			require.NoError(t, err)
			require.Equal(t, succession, preds, "市数据局 succeeds 市大数据管理局")
			require.Empty(t, succs)
			preds, succs, err = s.Successions(ctx, DSJ)
			require.NoError(t, err)
			require.Empty(t, preds)
			require.Equal(t, succession, succs)
			preds, succs, err = s.Successions(ctx, FGW)
			require.NoError(t, err)
			require.Empty(t, preds)
			require.Empty(t, succs)
			_, _, err = s.Successions(ctx, Missing)
			require.ErrorIs(t, err, graph.ErrNotFound)
		}},
	}
}

func idsOf(us []graph.Unit) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	return out
}
