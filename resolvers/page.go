package resolvers

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

// Page sizes of connections and ranked lists: the size when none is asked
// for, and the largest one may ask for unless Options.MaxPageSize says
// otherwise.
const (
	defaultPageSize    = 20
	DefaultMaxPageSize = 100
)

// cursorPrefix marks our cursors, so that a string that merely decodes as
// base64 is still refused.
const cursorPrefix = "dutygraph:"

// encodeCursor makes the opaque cursor of the item at offset.
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// decodeCursor returns the offset an encodeCursor cursor points at.
func decodeCursor(cursor string) (int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err == nil {
		if n, ok := strings.CutPrefix(string(raw), cursorPrefix); ok {
			if offset, err := strconv.Atoi(n); err == nil && offset >= 0 {
				return offset, nil
			}
		}
	}
	return 0, duty.Invalidf("after: %q is not a cursor of this API; pass a cursor from a previous page (pageInfo.endCursor)", cursor)
}

// toStorePage turns Relay arguments into the window the store reads: the
// items after the cursor, at most first of them.
func (r *Resolver) toStorePage(first *int, after *string) (graph.Page, error) {
	size, err := r.pageSize("first", first, defaultPageSize)
	if err != nil {
		return graph.Page{}, err
	}
	p := graph.Page{Limit: size}
	if after != nil {
		offset, err := decodeCursor(*after)
		if err != nil {
			return graph.Page{}, err
		}
		p.Offset = offset + 1
	}
	return p, nil
}

// maxPageSize is the largest page or list one may ask for.
func (r *Resolver) maxPageSize() int {
	if r.MaxPageSize > 0 {
		return r.MaxPageSize
	}
	return DefaultMaxPageSize
}

// pageSize checks a page or list size argument against the maximum; def
// is the size when none is asked for (at most the maximum).
func (r *Resolver) pageSize(arg string, n *int, def int) (int, error) {
	maxPageSize := r.maxPageSize()
	if n == nil {
		return min(def, maxPageSize), nil
	}
	switch {
	case *n < 0:
		return 0, duty.Invalidf("%s: %d is negative", arg, *n)
	case *n > maxPageSize:
		return 0, duty.Invalidf("%s: %d is more than the maximum of %d; page through the rest with cursors or narrow the filter", arg, *n, maxPageSize)
	}
	return *n, nil
}

// limitArg checks a ranked list's limit, which must ask for something.
func (r *Resolver) limitArg(arg string, n *int, def int) (int, error) {
	size, err := r.pageSize(arg, n, def)
	if err == nil && size == 0 {
		return 0, duty.Invalidf("%s: must be at least 1", arg)
	}
	return size, err
}

// toPageInfo describes the window p of a result of total items holding n.
func toPageInfo(p graph.Page, n, total int) *model.PageInfo {
	info := &model.PageInfo{
		HasNextPage:     p.Offset+n < total,
		HasPreviousPage: p.Offset > 0,
	}
	if n > 0 {
		start, end := encodeCursor(p.Offset), encodeCursor(p.Offset+n-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return info
}

// toGQLTaskConnection turns a page of tasks into a connection.
func toGQLTaskConnection(p graph.Page, page graph.TaskPage) *model.TaskConnection {
	edges := make([]*model.TaskEdge, len(page.Tasks))
	for i := range page.Tasks {
		edges[i] = &model.TaskEdge{Cursor: encodeCursor(p.Offset + i), Node: &page.Tasks[i]}
	}
	return &model.TaskConnection{Edges: edges, PageInfo: toPageInfo(p, len(edges), page.Total), TotalCount: page.Total}
}

// toGQLUnitConnection turns a page of units into a connection.
func toGQLUnitConnection(p graph.Page, page graph.UnitPage) *model.UnitConnection {
	edges := make([]*model.UnitEdge, len(page.Units))
	for i := range page.Units {
		edges[i] = &model.UnitEdge{Cursor: encodeCursor(p.Offset + i), Node: &page.Units[i]}
	}
	return &model.UnitConnection{Edges: edges, PageInfo: toPageInfo(p, len(edges), page.Total), TotalCount: page.Total}
}

// pageTasks reads one page of tasks with read and returns it as a
// connection.
func (r *Resolver) pageTasks(first *int, after *string, read func(graph.Page) (graph.TaskPage, error)) (*model.TaskConnection, error) {
	p, err := r.toStorePage(first, after)
	if err != nil {
		return nil, err
	}
	page, err := read(storeWindow(p))
	if err != nil {
		return nil, err
	}
	page.Tasks = page.Tasks[:min(len(page.Tasks), p.Limit)]
	return toGQLTaskConnection(p, page), nil
}

// storeWindow is the window to ask a store for. A store reads limit 0 as
// "no limit", while first: 0 asks for no edges (only totalCount), so that
// case asks for one item and drops it.
func storeWindow(p graph.Page) graph.Page {
	if p.Limit == 0 {
		p.Limit = 1
	}
	return p
}
