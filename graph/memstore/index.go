package memstore

import (
	"sort"
	"strings"
	"sync/atomic"

	"github.com/dutygraph/dutygraph/graph"
)

// index is the read side of a snapshot: every task in the documented order,
// and positions into that order by unit, plan, jurisdiction and year, so
// that a query touches the tasks it answers about, not all of them.
type index struct {
	tasks   []*graph.Task // jurisdiction, year descending, number, ID
	taskPos map[string]int32
	// parts holds every task's units with their roles, lead first, task
	// after task: task pos's are parts[partStart[pos]:partStart[pos+1]].
	// One array rather than a slice per task: a million small allocations
	// fewer, and the co-ownership count reads neighbouring tasks' parts
	// from neighbouring memory.
	parts     []part
	partStart []int32

	units   []*graph.Unit // jurisdiction, name, ID
	unitPos map[string]int32
	// idRank orders units by ID, the order pairs and network nodes are
	// reported in; byID is its inverse.
	idRank []int32
	byID   []int32
	byUnit [][]taskPart // per unit: its tasks, ascending

	planRange map[string]span // a plan's tasks are contiguous in task order
	jurRange  map[string]span // so are a jurisdiction's
	byYear    map[int][]int32

	sections map[string]*graph.Section // of plans and loaded reports

	// plans and jurisdictions are what Plans and Jurisdictions answer from,
	// ordered once per snapshot: every request checking that a year has a
	// plan asks for them, and sorting thousands of plans per request cost
	// milliseconds and a megabyte of garbage.
	plans         []graph.Plan // planLess
	jurPlans      map[string]span
	jurisdictions []graph.Jurisdiction // by path

	// names maps every normalised name and alias to the units using it;
	// nameList holds the names per jurisdiction ("" for all) for suggestions.
	names    map[string][]int32
	nameList map[string][]string

	predecessors map[string][]graph.Succession // by successor ID, ordered by From
	successors   map[string][]graph.Succession // by predecessor ID, ordered by To

	// gen tells this index from every other, so that answers cached for it
	// (Store.co) are never taken for another snapshot's.
	gen uint64
}

// indexGen numbers the indexes built.
var indexGen atomic.Uint64

// part is a unit's role on a task, with what co-ownership asks of the unit
// on every part it counts, kept here so that it reads no unit to ask.
type part struct {
	unit        int32
	rank        int32 // the unit's idRank
	lead        bool
	placeholder bool // the unit's kind is placeholder
}

// partsOf is task pos's parts.
func (idx *index) partsOf(pos int32) []part {
	return idx.parts[idx.partStart[pos]:idx.partStart[pos+1]]
}

// taskPart is a task on which a unit takes part, and whether it leads.
type taskPart struct {
	task int32
	lead bool
}

type span struct{ lo, hi int32 }

// buildIndex builds a snapshot's index, or returns nil as soon as stale
// reports that it is no longer wanted.
func buildIndex(s *snapshot, stale func() bool) *index {
	idx := &index{
		gen:          indexGen.Add(1),
		unitPos:      map[string]int32{},
		planRange:    map[string]span{},
		jurRange:     map[string]span{},
		jurPlans:     map[string]span{},
		byYear:       map[int][]int32{},
		sections:     map[string]*graph.Section{},
		names:        map[string][]int32{},
		nameList:     map[string][]string{},
		predecessors: map[string][]graph.Succession{},
		successors:   map[string][]graph.Succession{},
	}
	idx.indexUnits(s)
	if !idx.indexTasks(s, stale) {
		return nil
	}
	for _, j := range s.jurisdictions.all() {
		idx.jurisdictions = append(idx.jurisdictions, j)
	}
	sort.Slice(idx.jurisdictions, func(i, j int) bool { return idx.jurisdictions[i].Path < idx.jurisdictions[j].Path })
	for _, r := range s.reports.all() {
		for i := range r.sections {
			idx.sections[r.sections[i].ID] = &r.sections[i]
		}
	}
	for k, note := range s.successions {
		sc := graph.Succession{From: k.from, To: k.to, Note: note}
		idx.predecessors[k.to] = append(idx.predecessors[k.to], sc)
		idx.successors[k.from] = append(idx.successors[k.from], sc)
	}
	for _, list := range idx.predecessors {
		sort.Slice(list, func(i, j int) bool { return list[i].From < list[j].From })
	}
	for _, list := range idx.successors {
		sort.Slice(list, func(i, j int) bool { return list[i].To < list[j].To })
	}
	return idx
}

func (idx *index) indexUnits(s *snapshot) {
	for _, byID := range s.units.all() {
		for _, u := range byID {
			idx.units = append(idx.units, u)
		}
	}
	sort.Slice(idx.units, func(i, j int) bool { return unitLess(idx.units[i], idx.units[j]) })
	byID := make([]int32, len(idx.units))
	for i, u := range idx.units {
		idx.unitPos[u.ID] = int32(i)
		byID[i] = int32(i)
	}
	sort.Slice(byID, func(i, j int) bool { return idx.units[byID[i]].ID < idx.units[byID[j]].ID })
	idx.byID = byID
	idx.idRank = make([]int32, len(idx.units))
	for rank, pos := range byID {
		idx.idRank[pos] = int32(rank)
	}
	idx.byUnit = make([][]taskPart, len(idx.units))

	seen := map[string]map[string]bool{}
	addName := func(jurisdiction, name string) {
		if seen[jurisdiction] == nil {
			seen[jurisdiction] = map[string]bool{}
		}
		if !seen[jurisdiction][name] {
			seen[jurisdiction][name] = true
			idx.nameList[jurisdiction] = append(idx.nameList[jurisdiction], name)
		}
	}
	for i, u := range idx.units {
		for _, name := range append([]string{u.Name}, u.Aliases...) {
			key := normalizeName(name)
			if list := idx.names[key]; len(list) == 0 || list[len(list)-1] != int32(i) {
				idx.names[key] = append(list, int32(i))
			}
			addName(u.Jurisdiction, name)
			addName("", name)
		}
	}
}

// indexTasks indexes the plans' tasks; it stops, returning false, when
// stale says to.
func (idx *index) indexTasks(s *snapshot, stale func() bool) bool {
	plans := make([]*planDoc, 0, s.plans.len())
	total := 0
	for _, p := range s.plans.all() {
		plans = append(plans, p)
		total += len(p.tasks)
	}
	sort.Slice(plans, func(i, j int) bool { return planLess(&plans[i].plan, &plans[j].plan) })
	idx.plans = make([]graph.Plan, len(plans))
	idx.tasks = make([]*graph.Task, 0, total)
	idx.partStart = make([]int32, 1, total+1)
	idx.taskPos = make(map[string]int32, total)
	for i, p := range plans {
		if i%64 == 0 && stale() {
			return false
		}
		idx.plans[i] = p.plan
		jp, ok := idx.jurPlans[p.plan.Jurisdiction]
		if !ok {
			jp.lo = int32(i)
		}
		jp.hi = int32(i + 1)
		idx.jurPlans[p.plan.Jurisdiction] = jp
		for i := range p.sections {
			idx.sections[p.sections[i].ID] = &p.sections[i]
		}
		lo := int32(len(idx.tasks))
		for i := range p.tasks {
			t := &p.tasks[i]
			pos := int32(len(idx.tasks))
			idx.tasks = append(idx.tasks, t)
			idx.taskPos[t.ID] = pos
			idx.byYear[t.Year] = append(idx.byYear[t.Year], pos)
			first := len(idx.parts)
			// A unit named as lead and cooperator takes part once, as lead.
			for role, ids := range [][]string{t.Leads, t.Cooperators} {
				lead := role == 0
				for _, id := range ids {
					u, ok := idx.unitPos[id]
					if !ok || hasUnit(idx.parts[first:], u) {
						continue
					}
					idx.parts = append(idx.parts, part{unit: u, rank: idx.idRank[u], lead: lead, placeholder: idx.units[u].Kind == graph.KindPlaceholder})
					idx.byUnit[u] = append(idx.byUnit[u], taskPart{pos, lead})
				}
			}
			idx.partStart = append(idx.partStart, int32(len(idx.parts)))
		}
		idx.planRange[p.plan.ID] = span{lo, int32(len(idx.tasks))}
		r, ok := idx.jurRange[p.plan.Jurisdiction]
		if !ok {
			r.lo = lo
		}
		r.hi = int32(len(idx.tasks))
		idx.jurRange[p.plan.Jurisdiction] = r
	}
	return true
}

func hasUnit(parts []part, u int32) bool {
	for _, p := range parts {
		if p.unit == u {
			return true
		}
	}
	return false
}

// unitLess is the documented unit order: jurisdiction, name, then ID.
func unitLess(a, b *graph.Unit) bool {
	if a.Jurisdiction != b.Jurisdiction {
		return a.Jurisdiction < b.Jurisdiction
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.ID < b.ID
}

// bracketFolder maps full-width brackets to their ASCII forms: documents
// and users mix 高新区（鼓楼）and 高新区(鼓楼) for the same body.
var bracketFolder = strings.NewReplacer("（", "(", "）", ")", "［", "[", "］", "]")

// normalizeName is the form names are matched in: trimmed, brackets folded.
func normalizeName(name string) string {
	return bracketFolder.Replace(strings.TrimSpace(name))
}
