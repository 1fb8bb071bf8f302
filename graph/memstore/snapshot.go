package memstore

import (
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/dutygraph/dutygraph/graph"
)

// snapshot is one immutable state of the graph. A load builds the next
// snapshot from the current one, sharing everything the batch does not
// touch, so that a load costs in proportion to the document and the number
// of documents, not to the number of tasks already loaded.
type snapshot struct {
	jurisdictions *shardedMap[graph.Jurisdiction]
	reports       *shardedMap[*reportDoc]
	plans         *shardedMap[*planDoc]
	// units is split by jurisdiction so that a load copies only the maps of
	// the jurisdictions its document names.
	units       *shardedMap[map[string]*graph.Unit]
	successions map[succession]string // → note
	// targets holds each loaded document's targets, in target order.
	targets *shardedMap[[]graph.Target] // by document ID

	// The read index is built once per snapshot, by the first query or in
	// the background once loads pause (Store.indexWhenQuiet): a bulk load of
	// thousands of documents pays for it once, not once per document.
	indexMu sync.Mutex // held while building
	idx     atomic.Pointer[index]
}

type reportDoc struct {
	report   graph.Report
	sections []graph.Section // empty until the report's text is loaded
}

type planDoc struct {
	plan     graph.Plan
	sections []graph.Section // by number
	tasks    []graph.Task    // by number, then ID
}

type succession struct{ from, to string }

func emptySnapshot() *snapshot {
	return &snapshot{
		jurisdictions: newShardedMap[graph.Jurisdiction](),
		reports:       newShardedMap[*reportDoc](),
		plans:         newShardedMap[*planDoc](),
		units:         newShardedMap[map[string]*graph.Unit](),
		successions:   map[succession]string{},
		targets:       newShardedMap[[]graph.Target](),
	}
}

// index returns the snapshot's read index, building it on first use. A
// query that comes while the background build is under way waits for it.
func (s *snapshot) index() *index {
	if idx := s.idx.Load(); idx != nil {
		return idx
	}
	idx, _ := s.buildIndex(func() bool { return false })
	return idx
}

// buildIndex builds the index unless it is built; it gives up, returning
// false, as soon as stale says the work is no longer wanted.
func (s *snapshot) buildIndex(stale func() bool) (*index, bool) {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	if idx := s.idx.Load(); idx != nil {
		return idx, true
	}
	idx := buildIndex(s, stale)
	if idx == nil {
		return nil, false
	}
	s.idx.Store(idx)
	return idx, true
}

// apply returns the snapshot with a validated batch merged in. The merge
// rules make the result independent of load order and make loading the
// same batch twice a no-op.
func (s *snapshot) apply(b *graph.Batch) *snapshot {
	next := &snapshot{
		jurisdictions: s.jurisdictions.derive(),
		reports:       s.reports.derive(),
		plans:         s.plans.derive(),
		units:         s.units.derive(),
		successions:   s.successions,
		targets:       s.targets.derive(),
	}
	for _, j := range b.Jurisdictions {
		if old, ok := s.jurisdictions.get(j.Path); !ok || old != j {
			next.jurisdictions.set(j.Path, j)
		}
	}
	for _, r := range b.Reports {
		old, _ := s.reports.get(r.ID)
		next.reports.set(r.ID, mergeReport(old, r, sectionsOf(b, r.ID)))
	}
	if b.Plan != nil {
		// A plan is replaced whole: a task dropped from a revised version
		// of the plan must disappear.
		tasks := cloneTasks(b)
		sort.Slice(tasks, func(i, j int) bool { return taskLess(&tasks[i], &tasks[j]) })
		next.plans.set(b.Plan.ID, &planDoc{plan: *b.Plan, sections: sectionsOf(b, b.Plan.ID), tasks: tasks})
	}
	// A loaded document's targets are replaced whole, like a plan's tasks;
	// a report stub in a plan's batch says nothing about its targets.
	for _, r := range b.Reports {
		if r.Loaded {
			next.targets.set(r.ID, targetsOf(b, r.ID))
		}
	}
	if b.Plan != nil {
		next.targets.set(b.Plan.ID, targetsOf(b, b.Plan.ID))
	}
	copied := map[string]map[string]*graph.Unit{}
	for _, u := range b.Units {
		byID, ok := copied[u.Jurisdiction]
		if !ok {
			old, _ := s.units.get(u.Jurisdiction)
			byID = cloneMap(old)
			copied[u.Jurisdiction] = byID
			next.units.set(u.Jurisdiction, byID)
		}
		merged := graph.MergeUnit(byID[u.ID], u)
		byID[u.ID] = &merged
	}
	if len(b.Successions) > 0 {
		next.successions = cloneMap(s.successions)
	}
	for _, sc := range b.Successions {
		key := succession{sc.From, sc.To}
		note, ok := next.successions[key]
		next.successions[key] = graph.MergeSuccessionNote(note, ok, sc.Note)
	}
	return next
}

// mergeReport combines what is known of a report (graph.MergeReport); the
// sections are those of its loaded text.
func mergeReport(old *reportDoc, r graph.Report, sections []graph.Section) *reportDoc {
	if old == nil {
		return &reportDoc{report: r, sections: sections}
	}
	merged := graph.MergeReport(&old.report, r)
	if r.Loaded {
		return &reportDoc{report: merged, sections: sections}
	}
	return &reportDoc{report: merged, sections: old.sections}
}

func sectionsOf(b *graph.Batch, documentID string) []graph.Section {
	var out []graph.Section
	for _, s := range b.Sections {
		if s.DocumentID == documentID {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Number != out[j].Number {
			return out[i].Number < out[j].Number
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func targetsOf(b *graph.Batch, documentID string) []graph.Target {
	var out []graph.Target
	for _, t := range b.Targets {
		if t.DocumentID == documentID {
			out = append(out, cloneTarget(t))
		}
	}
	slices.SortFunc(out, graph.CompareTargets)
	return out
}

func cloneTarget(t graph.Target) graph.Target {
	if t.Value != nil {
		v := *t.Value
		t.Value = &v
	}
	return t
}

// cloneTasks copies a batch's tasks for the snapshot, naming each unit and
// section by the batch's own ID string for it, which the snapshot's units
// and sections hold too. A loader may write a fresh string for every role
// (3.2 million at a million tasks, 155 MB): each one more object for the
// collector to mark at every cycle, which is what a request meeting a
// collection waits for.
func cloneTasks(b *graph.Batch) []graph.Task {
	ids := make(map[string]string, len(b.Units)+len(b.Sections))
	for _, u := range b.Units {
		ids[u.ID] = u.ID
	}
	for _, sec := range b.Sections {
		ids[sec.ID] = sec.ID
	}
	shared := func(id string) string {
		if s, ok := ids[id]; ok {
			return s
		}
		return id
	}
	out := make([]graph.Task, len(b.Tasks))
	for i, t := range b.Tasks {
		t.Leads = sharedIDs(t.Leads, shared)
		t.Cooperators = sharedIDs(t.Cooperators, shared)
		t.Leaders = slices.Clone(t.Leaders)
		t.SectionID = shared(t.SectionID)
		out[i] = t
	}
	return out
}

// sharedIDs copies ids with each replaced by shared's string for it.
func sharedIDs(ids []string, shared func(string) string) []string {
	out := slices.Clone(ids)
	for i, id := range out {
		out[i] = shared(id)
	}
	return out
}

// taskLess is the documented task order: jurisdiction, year descending,
// number, and the ID to break ties between plans that restart numbering in
// every section.
func taskLess(a, b *graph.Task) bool {
	if a.Jurisdiction != b.Jurisdiction {
		return a.Jurisdiction < b.Jurisdiction
	}
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	if a.Number != b.Number {
		return a.Number < b.Number
	}
	return a.ID < b.ID
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}
