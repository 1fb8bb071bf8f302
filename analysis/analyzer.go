package analysis

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/internal/costlru"
)

// The bounds of a Comparisons. A page of tasks asking each for its
// continuations compares the same two plans once; a dashboard cycles
// through a handful of plan pairs. A comparison holds a score for every
// pair of tasks: two years of a city's 300 tasks are 0.7 MB, but a
// jurisdiction whose year runs to thousands of tasks would make one
// comparison hundreds of megabytes, so the bytes are bounded too.
const (
	comparisonCacheSize  = 64
	comparisonCacheBytes = 256 << 20
)

// Source is what the analysis reads: a graph.Store, or a request's view of
// one that fetches each distinct read once.
type Source interface {
	Tasks(ctx context.Context, f graph.TaskFilter, p graph.Page) (graph.TaskPage, error)
	Plans(ctx context.Context, f graph.PlanFilter) ([]graph.Plan, error)
	Units(ctx context.Context, f graph.UnitFilter, p graph.Page) (graph.UnitPage, error)
	UnitsByID(ctx context.Context, ids []string) (map[string]graph.Unit, error)
	graph.SuccessionReader
}

// Comparisons remembers recent plan comparisons by the content of the tasks
// compared, so an answer never outlives a reload that changes a plan's
// tasks. It is safe for concurrent use and shared by every Analyzer of a
// server.
type Comparisons struct {
	lru *costlru.Cache[[sha256.Size]byte, *comparison]
}

// NewComparisons returns an empty cache of comparisons.
func NewComparisons() *Comparisons {
	return &Comparisons{costlru.New[[sha256.Size]byte, *comparison](comparisonCacheSize, comparisonCacheBytes)}
}

// Stats reports how the cache has served, for /metrics.
func (cs *Comparisons) Stats() costlru.Stats { return cs.lru.Stats() }

// Analyzer answers continuity, lineage and cascade questions over what it
// reads from a Source, keeping its plan comparisons in a Comparisons. It is
// safe for concurrent use and cheap to make: a server makes one per request
// over the request's view.
type Analyzer struct {
	store       Source
	comparisons *Comparisons
}

// New returns an Analyzer reading from store and remembering comparisons
// in comparisons (a fresh cache when nil).
func New(store Source, comparisons *Comparisons) *Analyzer {
	if comparisons == nil {
		comparisons = NewComparisons()
	}
	return &Analyzer{store: store, comparisons: comparisons}
}

// comparison is every task of one plan scored against every task of another,
// with term weights taken over both plans.
type comparison struct {
	a, b   []graph.Task
	sim    *Similarity
	aIndex map[string]int // task ID → position in a
	bIndex map[string]int

	matchOnce sync.Once
	pairs     []Pair // continuity links, a earlier than b
}

// continuity is the one-to-one matching of the comparison's tasks.
func (c *comparison) continuity() []Pair {
	c.matchOnce.Do(func() { c.pairs = Match(c.a, c.b, c.sim, ContinuityThreshold) })
	return c.pairs
}

// planTasks reads every task of a jurisdiction's plans of one year, in task
// order.
func (an *Analyzer) planTasks(ctx context.Context, jurisdiction string, year int) ([]graph.Task, error) {
	page, err := an.store.Tasks(ctx, graph.TaskFilter{Jurisdiction: jurisdiction, Year: year}, graph.Page{})
	if err != nil {
		return nil, fmt.Errorf("tasks of %s %d: %w", jurisdiction, year, err)
	}
	return page.Tasks, nil
}

// compare scores the tasks of jurisdiction a's plans of yearA against those
// of b's plans of yearB, from the cache when the same tasks were compared
// before.
func (an *Analyzer) compare(ctx context.Context, a string, yearA int, b string, yearB int) (*comparison, error) {
	ta, err := an.planTasks(ctx, a, yearA)
	if err != nil {
		return nil, err
	}
	tb, err := an.planTasks(ctx, b, yearB)
	if err != nil {
		return nil, err
	}
	cs := an.comparisons
	key := fingerprint(ta, tb)
	if c, ok := cs.lru.Get(key); ok {
		return c, nil
	}
	sim, err := Compare(ctx, taskTexts(ta), taskTexts(tb))
	if err != nil {
		return nil, err
	}
	c := &comparison{a: ta, b: tb, sim: sim, aIndex: taskIndex(ta), bIndex: taskIndex(tb)}
	// An earlier comparison, when another request computed it meanwhile.
	return cs.lru.Add(key, c, int64(len(sim.scores))*8+int64(len(ta)+len(tb))*64), nil
}

// fingerprint identifies two task lists by everything a comparison reads
// from them: the tasks' IDs, texts and units.
func fingerprint(a, b []graph.Task) [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	write := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	for _, list := range [][]graph.Task{a, b} {
		write(fmt.Sprint(len(list)))
		for _, t := range list {
			write(t.ID)
			write(t.Text)
			write(fmt.Sprint(t.Leads, t.Cooperators))
		}
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

func taskTexts(tasks []graph.Task) []string {
	out := make([]string, len(tasks))
	for i, t := range tasks {
		out[i] = t.Text
	}
	return out
}

func taskIndex(tasks []graph.Task) map[string]int {
	out := make(map[string]int, len(tasks))
	for i, t := range tasks {
		out[t.ID] = i
	}
	return out
}

// planYears lists the years for which plans of jurisdiction are loaded,
// oldest first.
func (an *Analyzer) planYears(ctx context.Context, jurisdiction string) ([]int, error) {
	plans, err := an.store.Plans(ctx, graph.PlanFilter{Jurisdiction: jurisdiction})
	if err != nil {
		return nil, err
	}
	var years []int
	for _, p := range plans {
		if !slices.Contains(years, p.Year) {
			years = append(years, p.Year)
		}
	}
	slices.Sort(years)
	return years, nil
}

// requirePlan fails with a *graph.NoPlanError unless a plan of jurisdiction is
// loaded for year.
func (an *Analyzer) requirePlan(ctx context.Context, jurisdiction string, year int) error {
	years, err := an.planYears(ctx, jurisdiction)
	if err != nil {
		return err
	}
	if !slices.Contains(years, year) {
		return &graph.NoPlanError{Jurisdiction: jurisdiction, Year: year, Loaded: years}
	}
	return nil
}
