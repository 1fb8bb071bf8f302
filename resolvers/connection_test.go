package resolvers_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

type pageInfoJSON struct {
	HasNextPage, HasPreviousPage bool
	StartCursor, EndCursor       *string
}

type connectionJSON struct {
	TotalCount int
	PageInfo   pageInfoJSON
	Edges      []struct {
		Cursor string
		Node   struct{ ID string }
	}
}

// walk pages through a connection field with pages of size, returning the
// IDs in order and requiring the page info to be consistent on the way.
func walk(t *testing.T, url, query, field string, size int) (ids []string, total int) {
	t.Helper()
	var after any
	for pages := 0; ; pages++ {
		require.Less(t, pages, 100, "pagination does not end")
		data := apitest.Query[map[string]connectionJSON](t, url, query, map[string]any{"first": size, "after": after})
		c := data[field]
		require.LessOrEqual(t, len(c.Edges), size)
		require.Equal(t, pages > 0, c.PageInfo.HasPreviousPage)
		if len(c.Edges) > 0 {
			require.Equal(t, c.Edges[0].Cursor, *c.PageInfo.StartCursor)
			require.Equal(t, c.Edges[len(c.Edges)-1].Cursor, *c.PageInfo.EndCursor)
		}
		for _, e := range c.Edges {
			ids = append(ids, e.Node.ID)
		}
		total = c.TotalCount
		if !c.PageInfo.HasNextPage {
			return ids, total
		}
		after = *c.PageInfo.EndCursor
	}
}

func TestPaginationRoundTrip(t *testing.T) {
	url := serve(t, fixtureStore(t))
	tests := []struct {
		name, field, query string
		wantTotal          int
	}{
		{"units", "units", `query($first: Int, $after: String) { units(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`, 15},
		{"tasks", "tasks", `query($first: Int, $after: String) { tasks(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`, 19},
		{"tasks of a unit", "tasks", `query($first: Int, $after: String) { tasks(filter: {unit: "市发改委"}, first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all, total := walk(t, url, tt.query, tt.field, 100)
			require.Equal(t, tt.wantTotal, total)
			require.Len(t, all, total)
			for _, size := range []int{1, 2, 4} {
				paged, total := walk(t, url, tt.query, tt.field, size)
				require.Equal(t, tt.wantTotal, total)
				require.Equal(t, all, paged, "pages of %d", size)
			}
		})
	}
}

func TestEmptyPage(t *testing.T) {
	url := serve(t, fixtureStore(t))
	c := apitest.Query[struct{ Units connectionJSON }](t, url,
		`{ units(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }`, nil).Units
	require.Equal(t, 15, c.TotalCount)
	require.Empty(t, c.Edges)
	require.True(t, c.PageInfo.HasNextPage)
	require.Nil(t, c.PageInfo.StartCursor)
	require.Nil(t, c.PageInfo.EndCursor)
}
