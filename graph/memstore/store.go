// Package memstore is the embedded graph.Store: the whole graph in process
// memory, the default when no database is configured.
//
// The graph lives in an immutable snapshot behind an atomic pointer. Load
// builds the next snapshot beside the current one and swaps it in, so any
// number of readers run without locks and never see a half-applied batch;
// loads are serialised among themselves.
package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dutygraph/dutygraph/graph"
)

// Store is the in-memory graph. The zero value is not usable; call New.
type Store struct {
	loadMu sync.Mutex // serialises loads; readers never take it
	cur    atomic.Pointer[snapshot]
	// indexer builds the read index of the newest snapshot once loads pause
	// (see indexQuiet); guarded by loadMu.
	indexer *time.Timer
	co      *coCache
	// loaded is what each loaded document's batch gave, by document ID
	// (guarded by loadMu): Remove rebuilds the graph from the others', as
	// merging names and aliases cannot be undone in place.
	loaded map[string]*graph.Batch
	// published counts the snapshots published: the store's version.
	published atomic.Uint64
}

// indexQuiet is how long loads must pause before the store builds the new
// snapshot's read index in the background. A bulk load of thousands of
// documents builds it once, at the end, instead of after every document;
// and the first query after the load finds it built (at a million tasks it
// takes about a second) instead of building it while the caller waits. A
// query that comes sooner builds it itself, once: the background build then
// waits for it.
const indexQuiet = 100 * time.Millisecond

// indexWhenQuiet builds the current snapshot's index, giving up as soon as
// a load replaces the snapshot: the next pause builds the newer one.
func (s *Store) indexWhenQuiet() {
	snap := s.cur.Load()
	snap.buildIndex(func() bool { return s.cur.Load() != snap })
}

var (
	_ graph.Store     = (*Store)(nil)
	_ graph.Versioned = (*Store)(nil)
)

// Published counts the loads and removals published, and changes only
// with them: an answer the store gave at one count is its answer for as
// long as Published returns the same. Always ok: nothing but this store's
// own loads changes what it holds (Version, for ETags, is its text).
func (s *Store) Published() (published uint64, ok bool) { return s.published.Load(), true }

// New returns an empty store.
func New() *Store {
	s := &Store{co: newCoCache(coCacheEntries, coCacheBytes), loaded: map[string]*graph.Batch{}}
	s.cur.Store(emptySnapshot())
	return s
}

// read returns the current snapshot, or the context's error: a cancelled
// request gets no answer, as it would from a database.
func (s *Store) read(ctx context.Context) (*snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.cur.Load(), nil
}

// Load validates the batch and merges it in as one new snapshot: either the
// whole batch becomes visible or, on any error, nothing changes.
func (s *Store) Load(ctx context.Context, b *graph.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := b.Validate(); err != nil {
		return err
	}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	id := b.DocumentID()
	next := s.cur.Load()
	if _, replacing := s.loaded[id]; replacing {
		// What the earlier version named (a unit's old name, a
		// jurisdiction) must go with it, which merging cannot undo: the
		// graph is rebuilt from the other documents first. Corpora reload
		// into a new store (package corpus), so this is the rare path.
		next = s.rebuild(id)
	}
	next = next.apply(b)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("load %s: %w", b.Source, err)
	}
	s.publish(next)
	s.loaded[id] = kept(b, next)
	return nil
}

// Remove rebuilds the graph from every other loaded document's batch and
// swaps it in whole, as Load does.
func (s *Store) Remove(ctx context.Context, documentID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	if _, ok := s.loaded[documentID]; !ok {
		return graph.NotFound("document", documentID, slices.Collect(maps.Keys(s.loaded)))
	}
	next := s.rebuild(documentID)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("remove %s: %w", documentID, err)
	}
	s.publish(next)
	delete(s.loaded, documentID)
	return nil
}

// rebuild is the graph of every loaded document but one, applied in ID
// order; call it with loadMu held.
func (s *Store) rebuild(without string) *snapshot {
	next := emptySnapshot()
	for _, id := range slices.Sorted(maps.Keys(s.loaded)) {
		if id != without {
			next = next.apply(s.loaded[id])
		}
	}
	return next
}

// Batch is the batch a loaded document gave, as the store keeps it (its
// tasks are the store's own, never changed): loading it into another store
// gives the same document there.
func (s *Store) Batch(documentID string) (*graph.Batch, bool) {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	b, ok := s.loaded[documentID]
	return b, ok
}

// publish makes next the snapshot readers see; call it with loadMu held.
// The version moves after the snapshot, so that a reader who saw the new
// version reads the new snapshot.
func (s *Store) publish(next *snapshot) {
	s.cur.Store(next)
	s.published.Add(1)
	s.co.Purge()
	if s.indexer == nil {
		s.indexer = time.AfterFunc(indexQuiet, s.indexWhenQuiet)
	} else {
		s.indexer.Reset(indexQuiet)
	}
}

// kept is the copy of a loaded batch Remove rebuilds from. Its tasks are
// the snapshot's own (never changed once published), so a corpus is not
// held twice; everything else is copied, the caller owning b.
func kept(b *graph.Batch, snap *snapshot) *graph.Batch {
	k := *b
	k.Jurisdictions = slices.Clone(b.Jurisdictions)
	k.Reports = slices.Clone(b.Reports)
	k.Sections = slices.Clone(b.Sections)
	k.Successions = slices.Clone(b.Successions)
	k.Units = make([]graph.Unit, len(b.Units))
	for i := range b.Units {
		k.Units[i] = cloneUnit(&b.Units[i])
	}
	k.Targets = make([]graph.Target, len(b.Targets))
	for i, t := range b.Targets {
		k.Targets[i] = cloneTarget(t)
	}
	k.Tasks = nil
	if b.Plan != nil {
		plan := *b.Plan
		k.Plan = &plan
		doc, _ := snap.plans.get(plan.ID)
		k.Tasks = doc.tasks
	}
	return &k
}

// Version numbers the snapshots published: every Load and Remove that
// succeeded moves it.
func (s *Store) Version(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return strconv.FormatUint(s.published.Load(), 10), nil
}

func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return graph.Stats{}, err
	}
	var st graph.Stats
	for _, r := range snap.reports.all() {
		st.Reports++
		if r.report.Loaded {
			st.LoadedReports++
		}
		st.Sections += len(r.sections)
	}
	for _, p := range snap.plans.all() {
		st.Plans++
		st.Sections += len(p.sections)
		st.Tasks += len(p.tasks)
	}
	for _, byID := range snap.units.all() {
		st.Units += len(byID)
	}
	return st, nil
}

// Jurisdictions lists every jurisdiction by path.
func (s *Store) Jurisdictions(ctx context.Context) ([]graph.Jurisdiction, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	return append([]graph.Jurisdiction{}, snap.index().jurisdictions...), nil
}

// Reports lists every report, loaded or only referenced, by jurisdiction
// and year descending.
func (s *Store) Reports(ctx context.Context) ([]graph.Report, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Report, 0, snap.reports.len())
	for _, r := range snap.reports.all() {
		out = append(out, cloneReport(r.report))
	}
	sort.Slice(out, func(i, j int) bool {
		return docLess(out[i].Jurisdiction, out[i].Year, out[j].Jurisdiction, out[j].Year)
	})
	return out, nil
}

// Plans lists the plans under the filter by jurisdiction and year
// descending.
func (s *Store) Plans(ctx context.Context, f graph.PlanFilter) ([]graph.Plan, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	if err := graph.CheckYear(f.Year); err != nil {
		return nil, err
	}
	if err := snap.checkJurisdiction(f.Jurisdiction); err != nil {
		return nil, err
	}
	idx := snap.index()
	plans := idx.plans
	if f.Jurisdiction != "" {
		r := idx.jurPlans[f.Jurisdiction] // zero span: a jurisdiction without plans
		plans = plans[r.lo:r.hi]
	}
	out := []graph.Plan{}
	for _, p := range plans {
		if f.Year == 0 || p.Year == f.Year {
			out = append(out, p)
		}
	}
	return out, nil
}

// Sections lists a plan's or report's sections by number; a report known
// only from a plan's reference has none yet.
func (s *Store) Sections(ctx context.Context, documentID string) ([]graph.Section, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	var sections []graph.Section
	if p, ok := snap.plans.get(documentID); ok {
		sections = p.sections
	} else if r, ok := snap.reports.get(documentID); ok {
		sections = r.sections
	} else {
		return nil, &graph.NotFoundError{What: "document", Name: documentID}
	}
	return append([]graph.Section{}, sections...), nil
}

func (s *Store) PlansByID(ctx context.Context, ids []string) (map[string]graph.Plan, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Plan, len(ids))
	for _, id := range ids {
		if p, ok := snap.plans.get(id); ok {
			out[id] = p.plan
		}
	}
	return out, nil
}

func (s *Store) SectionsByID(ctx context.Context, ids []string) (map[string]graph.Section, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	idx := snap.index()
	out := make(map[string]graph.Section, len(ids))
	for _, id := range ids {
		if sec, ok := idx.sections[id]; ok {
			out[id] = *sec
		}
	}
	return out, nil
}

func (s *Store) UnitsByID(ctx context.Context, ids []string) (map[string]graph.Unit, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	idx := snap.index()
	out := make(map[string]graph.Unit, len(ids))
	for _, id := range ids {
		if pos, ok := idx.unitPos[id]; ok {
			out[id] = cloneUnit(idx.units[pos])
		}
	}
	return out, nil
}

func (s *Store) TasksByID(ctx context.Context, ids []string) (map[string]graph.Task, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	idx := snap.index()
	out := make(map[string]graph.Task, len(ids))
	for _, id := range ids {
		if pos, ok := idx.taskPos[id]; ok {
			out[id] = cloneTask(idx.tasks[pos])
		}
	}
	return out, nil
}

// checkJurisdiction accepts "" and known jurisdictions: a filter naming an
// unknown one is a mistake to report, not an empty answer.
func (s *snapshot) checkJurisdiction(path string) error {
	if path == "" {
		return nil
	}
	if _, ok := s.jurisdictions.get(path); ok {
		return nil
	}
	paths := make([]string, 0, s.jurisdictions.len())
	for p := range s.jurisdictions.all() {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return graph.NotFound("jurisdiction", path, paths)
}

// planLess is the order of Plans: docLess, then ID, so that two plans of
// one jurisdiction and year keep one order.
func planLess(a, b *graph.Plan) bool {
	if a.Jurisdiction != b.Jurisdiction || a.Year != b.Year {
		return docLess(a.Jurisdiction, a.Year, b.Jurisdiction, b.Year)
	}
	return a.ID < b.ID
}

// docLess orders plans and reports: jurisdiction, then newest first.
func docLess(ja string, ya int, jb string, yb int) bool {
	if ja != jb {
		return ja < jb
	}
	return ya > yb
}

// Answers are copies: callers may change what they get without reaching
// into the snapshot other readers share.

func cloneReport(r graph.Report) graph.Report { return r }

func cloneUnit(u *graph.Unit) graph.Unit {
	c := *u
	c.Aliases = append([]string(nil), u.Aliases...)
	return c
}

func cloneTask(t *graph.Task) graph.Task {
	c := *t
	c.Leads = append([]string(nil), t.Leads...)
	c.Cooperators = append([]string(nil), t.Cooperators...)
	c.Leaders = append([]string(nil), t.Leaders...)
	return c
}
