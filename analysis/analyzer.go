package analysis

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dutygraph/dutygraph/graph"
)

// comparisonCacheSize is how many plan comparisons an Analyzer keeps. A
// page of tasks asking each for its continuations compares the same two
// plans once; a dashboard cycles through a handful of plan pairs.
const comparisonCacheSize = 64

// Analyzer answers continuity, lineage and cascade questions over a store.
// It is safe for concurrent use. It remembers recent plan comparisons by
// the content of the tasks compared, so an answer never outlives a reload
// that changes a plan's tasks.
type Analyzer struct {
	store graph.Store

	mu    sync.Mutex
	cache map[[sha256.Size]byte]*comparison
	order [][sha256.Size]byte // oldest first
}

// New returns an Analyzer reading from store.
func New(store graph.Store) *Analyzer {
	return &Analyzer{store: store, cache: map[[sha256.Size]byte]*comparison{}}
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
	key := fingerprint(ta, tb)
	an.mu.Lock()
	c, ok := an.cache[key]
	an.mu.Unlock()
	if ok {
		return c, nil
	}
	c = &comparison{a: ta, b: tb, sim: Compare(taskTexts(ta), taskTexts(tb)), aIndex: taskIndex(ta), bIndex: taskIndex(tb)}
	an.mu.Lock()
	defer an.mu.Unlock()
	if cached, ok := an.cache[key]; ok {
		return cached, nil // another request computed it meanwhile
	}
	an.cache[key] = c
	an.order = append(an.order, key)
	if len(an.order) > comparisonCacheSize {
		delete(an.cache, an.order[0])
		an.order = slices.Delete(an.order, 0, 1)
	}
	return c, nil
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

// NoPlanError says that no plan of a jurisdiction is loaded for a year,
// and which years are.
type NoPlanError struct {
	Jurisdiction string
	Year         int
	Loaded       []int
}

func (e *NoPlanError) Error() string {
	if len(e.Loaded) == 0 {
		return fmt.Sprintf("no plan of %s is loaded, for %d or any year", e.Jurisdiction, e.Year)
	}
	years := make([]string, len(e.Loaded))
	for i, y := range e.Loaded {
		years[i] = strconv.Itoa(y)
	}
	return fmt.Sprintf("no plan of %s is loaded for %d; loaded years: %s", e.Jurisdiction, e.Year, strings.Join(years, ", "))
}

// Unwrap makes errors.Is(err, graph.ErrNotFound) hold.
func (e *NoPlanError) Unwrap() error { return graph.ErrNotFound }

// requirePlan fails with a *NoPlanError unless a plan of jurisdiction is
// loaded for year.
func (an *Analyzer) requirePlan(ctx context.Context, jurisdiction string, year int) error {
	years, err := an.planYears(ctx, jurisdiction)
	if err != nil {
		return err
	}
	if !slices.Contains(years, year) {
		return &NoPlanError{Jurisdiction: jurisdiction, Year: year, Loaded: years}
	}
	return nil
}
