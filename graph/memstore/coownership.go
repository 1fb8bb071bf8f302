package memstore

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/dutygraph/dutygraph/graph"
)

// coKey is a co-ownership filter without its unit: the part of the filter
// whose answer is worth caching in the snapshot.
type coKey struct {
	year         int
	jurisdiction string
	planID       string
	lead, coop   bool // roles that count
	collective   bool
}

// coResult is co-ownership over every unit under one coKey.
type coResult struct {
	pairs []pairCount // shared descending, then A's ID, then B's ID
	nodes []nodeCount // units with a counted part, by ID
}

// pairCount holds unit positions, a with the smaller ID.
type pairCount struct{ a, b, shared int32 }

type nodeCount struct{ unit, lead, coop int32 }

// CoOwnership ranks the pairs of units by the tasks they share.
func (s *Store) CoOwnership(ctx context.Context, f graph.CoOwnershipFilter, limit int) ([]graph.UnitPair, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("co-ownership limit %d: must be positive: %w", limit, graph.ErrInvalid)
	}
	idx := snap.index()
	key, err := idx.coKey(snap, f)
	if err != nil {
		return nil, err
	}
	var pairs []pairCount
	if f.UnitID != "" {
		pairs = idx.partners(idx.unitPos[f.UnitID], key)
	} else {
		res, err := s.coOwnership(ctx, idx, key)
		if err != nil {
			return nil, err
		}
		pairs = res.pairs
	}
	return idx.unitPairs(pairs[:min(limit, len(pairs))]), nil
}

// Network is the co-ownership graph under the filter. With f.UnitID it is
// that unit's neighbourhood: the unit, its partners sharing at least
// minShared tasks, and the edges between it and them.
func (s *Store) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (graph.Network, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return graph.Network{}, err
	}
	if minShared < 1 {
		return graph.Network{}, fmt.Errorf("network minShared %d: must be at least 1: %w", minShared, graph.ErrInvalid)
	}
	idx := snap.index()
	key, err := idx.coKey(snap, f)
	if err != nil {
		return graph.Network{}, err
	}
	var pairs []pairCount
	var nodes []nodeCount
	if f.UnitID != "" {
		u := idx.unitPos[f.UnitID]
		pairs = idx.partners(u, key)
		members := []int32{u}
		for _, p := range pairs {
			if int(p.shared) >= minShared {
				members = append(members, p.b)
			}
		}
		slices.SortFunc(members, func(a, b int32) int { return int(idx.idRank[a] - idx.idRank[b]) })
		for _, m := range members {
			lead, coop := idx.unitCounts(m, key)
			nodes = append(nodes, nodeCount{m, lead, coop})
		}
	} else {
		res, err := s.coOwnership(ctx, idx, key)
		if err != nil {
			return graph.Network{}, err
		}
		pairs, nodes = res.pairs, res.nodes
	}
	nw := graph.Network{Nodes: make([]graph.NetworkNode, 0, len(nodes)), Edges: []graph.UnitPair{}}
	for _, n := range nodes {
		nw.Nodes = append(nw.Nodes, graph.NetworkNode{UnitID: idx.units[n.unit].ID, Lead: int(n.lead), Cooperate: int(n.coop)})
	}
	end := sort.Search(len(pairs), func(i int) bool { return int(pairs[i].shared) < minShared })
	nw.Edges = append(nw.Edges, idx.unitPairs(pairs[:end])...)
	return nw, nil
}

// UnitWorkloads counts each unit's parts on the tasks under the filter:
// the network's nodes, without its pairs.
func (s *Store) UnitWorkloads(ctx context.Context, f graph.CoOwnershipFilter) ([]graph.NetworkNode, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	if f.UnitID != "" {
		return nil, fmt.Errorf("unit workloads of %s's neighbourhood: ask for its network: %w", f.UnitID, graph.ErrInvalid)
	}
	idx := snap.index()
	key, err := idx.coKey(snap, f)
	if err != nil {
		return nil, err
	}
	lead := make([]int32, len(idx.units))
	coop := make([]int32, len(idx.units))
	for _, pos := range idx.scope(key) {
		for _, p := range idx.partsOf(pos) {
			switch {
			case !key.counts(p):
			case p.lead:
				lead[p.unit]++
			default:
				coop[p.unit]++
			}
		}
	}
	nodes := []graph.NetworkNode{}
	for _, u := range idx.byID {
		if lead[u]+coop[u] > 0 {
			nodes = append(nodes, graph.NetworkNode{UnitID: idx.units[u].ID, Lead: int(lead[u]), Cooperate: int(coop[u])})
		}
	}
	return nodes, nil
}

func (idx *index) coKey(snap *snapshot, f graph.CoOwnershipFilter) (coKey, error) {
	if err := graph.CheckYear(f.Year); err != nil {
		return coKey{}, err
	}
	if err := snap.checkJurisdiction(f.Jurisdiction); err != nil {
		return coKey{}, err
	}
	if _, ok := idx.planRange[f.PlanID]; f.PlanID != "" && !ok {
		return coKey{}, &graph.NotFoundError{What: "plan", Name: f.PlanID}
	}
	if _, ok := idx.unitPos[f.UnitID]; f.UnitID != "" && !ok {
		return coKey{}, &graph.NotFoundError{What: "unit", Name: f.UnitID}
	}
	key := coKey{year: f.Year, jurisdiction: f.Jurisdiction, planID: f.PlanID, collective: f.IncludeCollective}
	key.lead, key.coop = len(f.Roles) == 0, len(f.Roles) == 0
	for _, r := range f.Roles {
		if err := graph.CheckRole(r); err != nil {
			return coKey{}, err
		}
		key.lead = key.lead || r == graph.RoleLead
		key.coop = key.coop || r == graph.RoleCooperator
	}
	return key, nil
}

// counts reports whether a unit's part on a task counts under key.
func (key coKey) counts(p part) bool {
	if (p.lead && !key.lead) || (!p.lead && !key.coop) {
		return false
	}
	return key.collective || !p.placeholder
}

// inScope reports whether a task is under key's year, jurisdiction and plan.
func (idx *index) inScope(pos int32, key coKey) bool {
	t := idx.tasks[pos]
	return (key.year == 0 || t.Year == key.year) &&
		(key.jurisdiction == "" || t.Jurisdiction == key.jurisdiction) &&
		(key.planID == "" || t.PlanID == key.planID)
}

// scope lists the task positions under key, ascending, from the narrowest
// index. The caller must not change it: it may be the index's own list.
func (idx *index) scope(key coKey) []int32 {
	all := span{0, int32(len(idx.tasks))}
	bounds := all
	if key.jurisdiction != "" {
		bounds = idx.jurRange[key.jurisdiction]
	}
	if key.planID != "" {
		r := idx.planRange[key.planID]
		bounds = span{max(bounds.lo, r.lo), min(bounds.hi, r.hi)}
	}
	if key.year != 0 {
		if bounds == all {
			return idx.byYear[key.year]
		}
		bounds = idx.yearSpan(bounds, key.year)
	}
	out := make([]int32, 0, max(0, bounds.hi-bounds.lo))
	for pos := bounds.lo; pos < bounds.hi; pos++ {
		if idx.inScope(pos, key) {
			out = append(out, pos)
		}
	}
	return out
}

// yearSpan narrows bounds, within one jurisdiction's tasks, to a year's:
// a jurisdiction's tasks run newest year first, so one place's year (the
// network the viewer draws) is found by two binary searches, not by
// walking the year's tasks of every place.
func (idx *index) yearSpan(bounds span, year int) span {
	n := int(bounds.hi - bounds.lo)
	lo := sort.Search(n, func(i int) bool { return idx.tasks[bounds.lo+int32(i)].Year <= year })
	hi := sort.Search(n, func(i int) bool { return idx.tasks[bounds.lo+int32(i)].Year < year })
	return span{bounds.lo + int32(lo), bounds.lo + int32(hi)}
}

// coOwnership counts the pairs under key (Store.coOwnership caches the
// answer): a small scope task by task, a large one unit by unit.
func (idx *index) coOwnership(ctx context.Context, key coKey) (*coResult, error) {
	scope := idx.scope(key)
	if len(scope) < min(smallScope, len(idx.units)/8) {
		return idx.countScope(scope, key), nil
	}
	return idx.countUnits(ctx, scope, key)
}

// countUnits counts co-ownership over scope unit by unit, in ID order,
// counting each unit's partners of higher ID in a dense array: the work is
// the sum over tasks of the square of their (small) number of units, never
// the square of the number of tasks, and no hash map of millions of pairs
// is built. Pairs then come out in ID order, and a stable counting sort by
// shared tasks gives the documented order without comparing them. Counting
// stops with ctx's error once ctx is done: a unit named on thousands of
// tasks makes it seconds of work.
func (idx *index) countUnits(ctx context.Context, scope []int32, key coKey) (*coResult, error) {
	tasksOf := func(u int32) []taskPart { return idx.byUnit[u] }
	if len(scope) < len(idx.tasks) {
		tasksOf = idx.unitTasksIn(scope)
	}
	// Units are counted in contiguous ranges of ID rank, on a goroutine per
	// CPU when the scope is large; the ranges' results joined in rank order
	// are what one pass would give.
	ranges := 1
	if len(scope) >= parallelScope {
		ranges = 4 * runtime.GOMAXPROCS(0)
	}
	parts := make([]coResult, ranges)
	maxes := make([]int32, ranges)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for r := range ranges {
		lo, hi := r*len(idx.byID)/ranges, (r+1)*len(idx.byID)/ranges
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			parts[r], maxes[r] = idx.countPairs(ctx, key, tasksOf, lo, hi)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &coResult{}
	maxShared := int32(0)
	for r := range parts {
		res.nodes = append(res.nodes, parts[r].nodes...)
		res.pairs = append(res.pairs, parts[r].pairs...)
		maxShared = max(maxShared, maxes[r])
	}
	res.pairs = bySharedDesc(res.pairs, maxShared)
	return res, nil
}

// smallScope is the number of tasks below which co-ownership may be
// counted task by task (countScope) rather than unit by unit: one place's
// plan, or one place over the years. It is, when the scope is also small
// beside the corpus's units: the unit-by-unit count's fixed cost is an
// array and a walk as long as the units, which at a million tasks (41,000
// units) is ten times a plan's own count; in a corpus of a few thousand
// units the task-by-task count's sort is the dearer (measured with
// BenchmarkNetwork, 100,000 tasks and 3,100 units: 0.6 ms unit by unit,
// 0.75-0.9 ms task by task).
const smallScope = 4096

// countScope counts co-ownership over a small scope from its tasks' own
// parts: each task's pairs of counted units, as ranks, sorted and run
// together. The work is the scope's alone; the unit-by-unit count walks
// and clears arrays as long as the corpus's units (41,000 at a million
// tasks), which costs more than a plan of a hundred tasks does. Pairs and
// nodes come out in the same order as there.
func (idx *index) countScope(scope []int32, key coKey) *coResult {
	var pairs, nodes []uint64 // rank a<<32 | rank b with a < b; rank<<1 | lead
	var ranks []int32
	for _, pos := range scope {
		ranks = ranks[:0]
		for _, p := range idx.partsOf(pos) {
			if !key.counts(p) {
				continue
			}
			lead := uint64(0)
			if p.lead {
				lead = 1
			}
			nodes = append(nodes, uint64(p.rank)<<1|lead)
			for _, r := range ranks {
				pairs = append(pairs, uint64(min(r, p.rank))<<32|uint64(max(r, p.rank)))
			}
			ranks = append(ranks, p.rank)
		}
	}
	res := &coResult{}
	slices.Sort(nodes)
	for i := 0; i < len(nodes); {
		rank := nodes[i] >> 1
		n := nodeCount{unit: idx.byID[rank]}
		for ; i < len(nodes) && nodes[i]>>1 == rank; i++ {
			if nodes[i]&1 == 1 {
				n.lead++
			} else {
				n.coop++
			}
		}
		res.nodes = append(res.nodes, n)
	}
	slices.Sort(pairs)
	maxShared := int32(0)
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		shared := int32(j - i)
		res.pairs = append(res.pairs, pairCount{idx.byID[pairs[i]>>32], idx.byID[uint32(pairs[i])], shared})
		maxShared = max(maxShared, shared)
		i = j
	}
	res.pairs = bySharedDesc(res.pairs, maxShared)
	return res
}

// parallelScope is the number of tasks from which co-ownership is counted
// on every CPU: below it, starting goroutines costs more than it saves.
const parallelScope = 20_000

// unitTasksIn is each unit's tasks within scope (ascending), as byUnit is
// within all tasks: counting one year of a million tasks then reads each
// unit's tasks of that year, not its tasks of every year each checked
// against the scope. Unit u's are items[start[u]:start[u+1]].
func (idx *index) unitTasksIn(scope []int32) func(u int32) []taskPart {
	start := make([]int32, len(idx.units)+1)
	for _, pos := range scope {
		for _, p := range idx.partsOf(pos) {
			start[p.unit+1]++
		}
	}
	for u := range idx.units {
		start[u+1] += start[u]
	}
	items := make([]taskPart, start[len(idx.units)])
	next := slices.Clone(start[:len(idx.units)])
	for _, pos := range scope {
		for _, p := range idx.partsOf(pos) {
			items[next[p.unit]] = taskPart{pos, p.lead}
			next[p.unit]++
		}
	}
	return func(u int32) []taskPart { return items[start[u]:start[u+1]] }
}

// countPairs counts the nodes and pairs of the units of ID rank lo to hi
// (the pair's first unit) under key, in rank order, and the largest count.
// tasksOf gives each unit's tasks in coOwnership's scope. It stops early,
// with a partial count, once ctx is done.
func (idx *index) countPairs(ctx context.Context, key coKey, tasksOf func(u int32) []taskPart, lo, hi int) (coResult, int32) {
	var res coResult
	count := make([]int32, len(idx.units)) // by partner's ID rank
	var touched []int32                    // ranks with a count
	maxShared := int32(0)
	for rank := lo; rank < hi; rank++ {
		if ctx.Err() != nil {
			break
		}
		a := idx.byID[rank]
		tasks := tasksOf(a)
		if len(tasks) == 0 {
			continue
		}
		var lead, coop int32
		placeholder := idx.units[a].Kind == graph.KindPlaceholder
		for _, tp := range tasks {
			if !key.counts(part{unit: a, lead: tp.lead, placeholder: placeholder}) {
				continue
			}
			if tp.lead {
				lead++
			} else {
				coop++
			}
			for _, p := range idx.partsOf(tp.task) {
				if p.rank <= int32(rank) || !key.counts(p) {
					continue
				}
				if count[p.rank] == 0 {
					touched = append(touched, p.rank)
				}
				count[p.rank]++
			}
		}
		if lead+coop > 0 {
			res.nodes = append(res.nodes, nodeCount{a, lead, coop})
		}
		slices.Sort(touched)
		for _, b := range touched {
			res.pairs = append(res.pairs, pairCount{a, idx.byID[b], count[b]})
			maxShared = max(maxShared, count[b])
			count[b] = 0
		}
		touched = touched[:0]
	}
	return res, maxShared
}

// bySharedDesc sorts pairs by shared tasks, most first, keeping the order
// of pairs that share as many (a counting sort: shared is small).
func bySharedDesc(pairs []pairCount, maxShared int32) []pairCount {
	start := make([]int, maxShared+2) // start[maxShared-s] is where shared s begins
	for _, p := range pairs {
		start[maxShared-p.shared+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	out := make([]pairCount, len(pairs))
	for _, p := range pairs {
		i := maxShared - p.shared
		out[start[i]] = p
		start[i]++
	}
	return out
}

// partners counts the tasks u shares with each other unit under key. The
// unit asked for counts even when it is a placeholder: it was named.
func (idx *index) partners(u int32, key coKey) []pairCount {
	shared := map[int32]int32{}
	for _, tp := range idx.byUnit[u] {
		if (tp.lead && !key.lead) || (!tp.lead && !key.coop) || !idx.inScope(tp.task, key) {
			continue
		}
		for _, p := range idx.partsOf(tp.task) {
			if p.unit != u && key.counts(p) {
				shared[p.unit]++
			}
		}
	}
	pairs := make([]pairCount, 0, len(shared))
	for b, n := range shared {
		pairs = append(pairs, pairCount{u, b, n})
	}
	idx.sortPairs(pairs)
	return pairs
}

// unitCounts is a unit's own lead and cooperate tasks under key.
func (idx *index) unitCounts(u int32, key coKey) (lead, coop int32) {
	for _, tp := range idx.byUnit[u] {
		if !idx.inScope(tp.task, key) {
			continue
		}
		if tp.lead && key.lead {
			lead++
		} else if !tp.lead && key.coop {
			coop++
		}
	}
	return lead, coop
}

func (idx *index) sortPairs(pairs []pairCount) {
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.shared != b.shared {
			return a.shared > b.shared
		}
		if a.a != b.a {
			return idx.idRank[a.a] < idx.idRank[b.a]
		}
		return idx.idRank[a.b] < idx.idRank[b.b]
	})
}

func (idx *index) unitPairs(pairs []pairCount) []graph.UnitPair {
	out := make([]graph.UnitPair, len(pairs))
	for i, p := range pairs {
		out[i] = graph.UnitPair{A: idx.units[p.a].ID, B: idx.units[p.b].ID, Shared: int(p.shared)}
	}
	return out
}
