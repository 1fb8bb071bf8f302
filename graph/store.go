package graph

import "context"

// Store is the graph of documents, tasks and units, whatever holds it: a
// Writer, a Reader and an Aggregator. Every implementation passes the
// scenarios in graph/storetest, so callers get identical answers from the
// embedded store and from Neo4j. Callers ask for the part they use (the
// loader writes; the analysis reads), so that a wrapper or a test double
// implements only that.
//
// Reads never see a half-loaded document: Load applies a Batch whole or not
// at all. Methods return ErrNotFound (wrapped, possibly in a *NotFoundError
// with suggestions) for unknown names and IDs — also when a filter names an
// unknown jurisdiction, plan, section or unit, so that a typo is never
// answered with an empty list — and ErrInvalid for arguments no answer can
// satisfy (a negative page, an impossible year). A cancelled context gives an
// error wrapping context.Canceled.
type Store interface {
	Writer
	Remover
	Reader
	Aggregator
}

// Writer is what loading documents needs.
type Writer interface {
	// Load merges one document's graph into the store. Loading the same batch
	// again changes nothing.
	Load(ctx context.Context, b *Batch) error
}

// Remover takes documents out of a store: what keeping a corpus (removing a
// file, reloading a folder from which files went) needs beyond loading.
type Remover interface {
	// Remove takes out the document a batch carried (Batch.DocumentID):
	// afterwards the store answers exactly as if every other document had
	// been loaded and this one never. A plan goes with its sections, tasks
	// and targets; a report's text with its sections and targets, its node
	// staying as the stub of any plan that implements it; units,
	// jurisdictions, names and successions that only this document gave
	// go too. An ID no loaded document has gives ErrNotFound.
	Remove(ctx context.Context, documentID string) error
}

// Reader reads what is loaded: lists, nodes by ID, names, lineage.
type Reader interface {
	// Stats counts what is loaded.
	Stats(ctx context.Context) (Stats, error)

	Jurisdictions(ctx context.Context) ([]Jurisdiction, error)
	// Reports and Plans are ordered by jurisdiction, then newest year first.
	Reports(ctx context.Context) ([]Report, error)
	Plans(ctx context.Context, f PlanFilter) ([]Plan, error)
	// Sections lists a plan's or report's sections by number.
	Sections(ctx context.Context, documentID string) ([]Section, error)

	// PlansByID, SectionsByID, UnitsByID and TasksByID fetch many at once (for
	// per-request data loaders); unknown IDs are absent from the map.
	PlansByID(ctx context.Context, ids []string) (map[string]Plan, error)
	SectionsByID(ctx context.Context, ids []string) (map[string]Section, error)
	UnitsByID(ctx context.Context, ids []string) (map[string]Unit, error)
	TasksByID(ctx context.Context, ids []string) (map[string]Task, error)

	// FindUnit resolves a name (canonical or any alias) to a unit. With
	// jurisdiction "" it searches all jurisdictions and fails with ErrAmbiguous
	// when the name is used in more than one. An unknown name gives a
	// *NotFoundError carrying near names.
	FindUnit(ctx context.Context, name, jurisdiction string) (Unit, error)
	Units(ctx context.Context, f UnitFilter, p Page) (UnitPage, error)
	Tasks(ctx context.Context, f TaskFilter, p Page) (TaskPage, error)

	// Successions lists the direct predecessors and successors of a unit.
	Successions(ctx context.Context, unitID string) (predecessors, successors []Succession, err error)
}

// Aggregator answers the questions a store counts best where the data is:
// workloads, co-ownership, targets and the network.
type Aggregator interface {
	// Workload counts the distinct tasks on which any of the units takes part.
	// A task counts as lead when any of them leads it, otherwise as cooperate.
	Workload(ctx context.Context, unitIDs []string, year int) (Workload, error)

	// CoOwnership ranks unit pairs by the number of distinct tasks both take
	// part in: shared tasks descending, then A.ID, then B.ID, with A.ID < B.ID
	// (or A the filter's unit when f.UnitID is set).
	CoOwnership(ctx context.Context, f CoOwnershipFilter, limit int) ([]UnitPair, error)

	// Targets lists the quantitative targets under the filter, ordered by
	// jurisdiction, year, document ID, task number, task ID, then index (a
	// report's headline targets, task number 0, first in their document).
	// A Metric, DocumentID or TaskID that names nothing loaded gives a
	// *NotFoundError (with near metrics for a metric), as an unknown
	// jurisdiction does.
	Targets(ctx context.Context, f TargetFilter) ([]Target, error)

	// Network is the whole co-ownership graph under a filter: every unit with
	// a task in it (placeholders only when asked) and every pair sharing at
	// least minShared tasks. Nodes are ordered by unit ID, edges as CoOwnership.
	Network(ctx context.Context, f CoOwnershipFilter, minShared int) (Network, error)

	// UnitWorkloads lists every unit with a task under a filter, with its
	// lead and cooperate counts: the nodes of Network(f, minShared) for any
	// minShared, without counting a single pair, so that ranking units by
	// workload costs a pass over the filter's tasks. Ordered by unit ID.
	// f.UnitID must be empty (ErrInvalid): a neighbourhood is a network's.
	UnitWorkloads(ctx context.Context, f CoOwnershipFilter) ([]NetworkNode, error)
}

// Versioned is a store that tells whether what it answers may have
// changed: its version changes with every Load and Remove that commits,
// whether made through this value or (in a shared database) by another
// process. Equal versions of one store mean equal answers, so an answer
// may be kept under the version read before it was computed: a change
// committing meanwhile makes the answer newer than its version, never
// older, and the version read next differs. The server's ETags rest on it.
type Versioned interface {
	Version(ctx context.Context) (string, error)
}

// Stats counts what a store holds.
type Stats struct {
	Reports       int // report nodes, loaded or referenced
	LoadedReports int
	Plans         int
	Sections      int
	Tasks         int
	Units         int
}

// Page selects a window of an ordered result; Limit 0 reads to the end.
type Page struct {
	Offset int
	Limit  int
}

// PlanFilter selects plans; zero fields select everything.
type PlanFilter struct {
	Jurisdiction string
	Year         int
}

// UnitFilter selects units; zero fields select everything. Units are
// ordered by jurisdiction, then name.
type UnitFilter struct {
	Search       string // substring of the name or any alias
	Jurisdiction string
	Kind         UnitKind
}

// UnitPage is one page of units and the size of the whole result.
type UnitPage struct {
	Units []Unit
	Total int
}

// TaskFilter selects tasks; zero fields select everything. Tasks are ordered
// by jurisdiction, year descending, task number, then ID. Jurisdiction
// filters here and elsewhere match the path exactly.
type TaskFilter struct {
	Text         string // substring of the task text
	Year         int
	Jurisdiction string
	PlanID       string
	SectionID    string
	// UnitIDs keeps tasks on which any of these units takes part (in Role,
	// when set).
	UnitIDs []string
	// AllUnitIDs keeps tasks on which every one of these units takes part
	// (each in one of Roles, when set): the shared tasks of a pair.
	AllUnitIDs []string
	Role       Role
	Roles      []Role
}

// TaskPage is one page of tasks and the size of the whole result.
type TaskPage struct {
	Tasks []Task
	Total int
}

// Workload is what a set of units carries in a year (or all years when the
// year asked was 0).
type Workload struct {
	Lead      int
	Cooperate int
	BySection []SectionCount // ordered by plan year, jurisdiction, section number
}

// Total is the number of distinct tasks.
func (w Workload) Total() int { return w.Lead + w.Cooperate }

// SectionCount is a unit's share of one section.
type SectionCount struct {
	SectionID string
	Lead      int
	Cooperate int
}

// CoOwnershipFilter selects the tasks co-ownership is counted over.
type CoOwnershipFilter struct {
	Year              int
	Jurisdiction      string
	PlanID            string
	Roles             []Role // both units in one of these roles; empty means any
	IncludeCollective bool   // count placeholder units too
	// UnitID keeps only pairs with this unit (its partners), counting the
	// unit even when it is a placeholder; in a Network, the unit and its
	// partners.
	UnitID string
}

// TargetFilter selects targets; zero fields select everything.
type TargetFilter struct {
	Metric         string // exactly, as NormalizeMetric leaves it
	MetricContains string // substring of the metric
	Measure        TargetMeasure
	Jurisdiction   string
	Year           int
	DocumentID     string // a Plan's or Report's ID
	TaskID         string
}

// UnitPair is two units and the number of distinct tasks they share.
type UnitPair struct {
	A, B   string // Unit IDs
	Shared int
}

// Network is the co-ownership graph for viewers.
type Network struct {
	Nodes []NetworkNode
	Edges []UnitPair
}

// NetworkNode is a unit with its workload under the network's filter.
type NetworkNode struct {
	UnitID    string
	Lead      int
	Cooperate int
}
