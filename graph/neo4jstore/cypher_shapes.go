package neo4jstore

import (
	"fmt"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// Reads whose filters are optional are not one statement with
// `($x = 0 OR t.x = $x)` per filter, which keeps the planner off every
// index: each combination of the filters a caller set has its own
// statement, which starts from the index that serves the most selective
// filter it has and checks the others as plain predicates. The statements
// are built once, when the package loads, from the constant fragments
// below; no value ever reaches their text (values are $parameters), and
// the set is finite, so each can be PROFILEd (see statementSets).

// scope is which of a co-ownership or task filter's year, jurisdiction
// and plan are set.
type scope struct{ year, jurisdiction, plan bool }

// scopes lists every scope.
func scopes() []scope {
	var out []scope
	for i := range 8 {
		out = append(out, scope{year: i&1 != 0, jurisdiction: i&2 != 0, plan: i&4 != 0})
	}
	return out
}

func scopeOf(year int, jurisdiction, planID string) scope {
	return scope{year: year != 0, jurisdiction: jurisdiction != "", plan: planID != ""}
}

// predicates are the scope's conditions on task t.
func (sc scope) predicates() []string {
	var out []string
	if sc.plan {
		out = append(out, "t.planId = $planId")
	}
	if sc.jurisdiction {
		out = append(out, "t.jurisdiction = $jurisdiction")
	}
	if sc.year {
		out = append(out, "t.year = $year")
	}
	return out
}

// taskMatch starts from the tasks of a scope by an index seek: by plan,
// by jurisdiction and year, by year, or every task of the namespace by the
// (ns, id) constraint's index. It returns the MATCH and the scope's
// predicates the seek leaves to check.
func (sc scope) taskMatch() (match string, rest []string) {
	switch {
	case sc.plan:
		rest = scope{year: sc.year, jurisdiction: sc.jurisdiction}.predicates()
		return "MATCH (t:Task {ns: $ns, planId: $planId})", rest
	case sc.jurisdiction && sc.year:
		return "MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction, year: $year})", nil
	case sc.jurisdiction:
		// The year's existence lets the (ns, jurisdiction, year) index serve.
		return "MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction}) WHERE t.year IS NOT NULL", nil
	case sc.year:
		return "MATCH (t:Task {ns: $ns, year: $year})", nil
	}
	return "MATCH (t:Task) WHERE t.ns = $ns AND t.id IS NOT NULL", nil
}

// where writes predicates as a WHERE clause, or nothing.
func where(predicates []string) string {
	if len(predicates) == 0 {
		return ""
	}
	return "\nWHERE " + strings.Join(predicates, "\n  AND ")
}

// roleTypes is the relationship type pattern of the roles a filter counts.
func roleTypes(roles []graph.Role) string {
	lead, coop := rolesCounted(roles)
	switch {
	case lead && !coop:
		return relLeads
	case coop && !lead:
		return relCooperatesOn
	}
	return relLeads + "|" + relCooperatesOn
}

var allRoleTypes = []string{relLeads, relCooperatesOn, relLeads + "|" + relCooperatesOn}

// pairKey picks a co-ownership statement.
type pairKey struct {
	scope      scope
	types      string
	collective bool
}

func pairKeys() []pairKey {
	var out []pairKey
	for _, sc := range scopes() {
		for _, types := range allRoleTypes {
			for _, collective := range []bool{false, true} {
				out = append(out, pairKey{sc, types, collective})
			}
		}
	}
	return out
}

func (k pairKey) notPlaceholder(v string) []string {
	if k.collective {
		return nil
	}
	return []string{v + ".kind <> $placeholder"}
}

// pairsCypher counts the tasks each pair of units shares under a filter,
// live over LEADS and COOPERATES_ON, for filters CO_OWNS does not hold:
// from the scope's tasks to their units.
func (k pairKey) pairsCypher() string {
	match, rest := k.scope.taskMatch()
	rest = append(append(rest, "a.id < b.id"), append(k.notPlaceholder("a"), k.notPlaceholder("b")...)...)
	return match + fmt.Sprintf("\nMATCH (a:Unit)-[:%s]->(t)<-[:%s]-(b:Unit)", k.types, k.types) + where(rest) + `
WITH a.id AS a, b.id AS b, count(DISTINCT t) AS shared
WHERE shared >= $minShared
RETURN a, b, shared
ORDER BY shared DESC, a, b
LIMIT $limit`
}

// partnersCypher counts the tasks one unit shares with each other unit,
// from the unit. The unit asked for counts even when it is a placeholder:
// it was named.
func (k pairKey) partnersCypher() string {
	rest := append(append(k.scope.predicates(), "b <> a"), k.notPlaceholder("b")...)
	return fmt.Sprintf("MATCH (a:Unit {ns: $ns, id: $unitId})-[:%s]->(t:Task)<-[:%s]-(b:Unit)", k.types, k.types) + where(rest) + `
WITH a.id AS a, b.id AS b, count(DISTINCT t) AS shared
WHERE shared >= $minShared
RETURN a, b, shared
ORDER BY shared DESC, b
LIMIT $limit`
}

// networkNodesCypher lists every unit with a counted part on a task under
// the filter, with its lead and cooperate counts.
func (k pairKey) networkNodesCypher() string {
	match, rest := k.scope.taskMatch()
	rest = append(rest, k.notPlaceholder("u")...)
	return match + fmt.Sprintf("\nMATCH (u:Unit)-[r:%s]->(t)", k.types) + where(rest) + `
RETURN u.id AS unit,
       sum(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS lead,
       sum(CASE WHEN type(r) = 'COOPERATES_ON' THEN 1 ELSE 0 END) AS cooperate`
}

// unitCountsCypher counts given units' lead and cooperate tasks under the
// scope (a neighbourhood's nodes), from each unit.
func unitCountsCypher(sc scope) string {
	w := where(sc.predicates())
	return `UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})
RETURN id AS unit,
       COUNT { MATCH (u)-[:LEADS]->(t:Task)` + w + ` } AS lead,
       COUNT { MATCH (u)-[:COOPERATES_ON]->(t:Task)` + w + ` } AS cooperate`
}

// taskKey picks a task page statement: which of a task filter's fields
// are set.
type taskKey struct {
	scope
	section, text, any, all bool
}

func taskKeys() []taskKey {
	var out []taskKey
	for _, sc := range scopes() {
		for i := range 16 {
			out = append(out, taskKey{scope: sc, section: i&1 != 0, text: i&2 != 0, any: i&4 != 0, all: i&8 != 0})
		}
	}
	return out
}

func taskKeyOf(f graph.TaskFilter) taskKey {
	return taskKey{
		scope:   scopeOf(f.Year, f.Jurisdiction, f.PlanID),
		section: f.SectionID != "", text: strings.TrimSpace(f.Text) != "",
		any: len(f.UnitIDs) > 0, all: len(f.AllUnitIDs) > 0,
	}
}

// allUnitsTakePart keeps tasks on which every unit of $all takes part in
// one of $allTypes.
const allUnitsTakePart = `all(id IN $all WHERE EXISTS {
        MATCH (:Unit {ns: $ns, id: id})-[r:LEADS|COOPERATES_ON]->(t) WHERE type(r) IN $allTypes })`

// taskMatch is the start of a task statement and what is left to check.
// Units are the most selective start (a unit's tasks), then a section, a
// plan, a jurisdiction and year, a year, the text (a TEXT index), else
// every task.
func (k taskKey) taskMatch() string {
	var match string
	var rest []string
	rest = append(rest, k.scope.predicates()...)
	distinct := false
	switch {
	case k.any:
		match = `UNWIND $any AS unitId
MATCH (:Unit {ns: $ns, id: unitId})-[r:LEADS|COOPERATES_ON]->(t:Task)
WHERE type(r) IN $anyTypes`
		distinct = true
	case k.all:
		match = `MATCH (:Unit {ns: $ns, id: $all[0]})-[r:LEADS|COOPERATES_ON]->(t:Task)
WHERE type(r) IN $allTypes`
		distinct = true
	case k.section:
		match = "MATCH (:Section {ns: $ns, id: $sectionId})-[:HAS_TASK]->(t:Task)"
	case k.plan, k.jurisdiction, k.year:
		match, rest = k.scope.taskMatch()
	case k.text:
		match = "MATCH (t:Task) WHERE t.text CONTAINS $text AND t.ns = $ns"
	default:
		match, rest = k.scope.taskMatch()
	}
	if k.section && (k.any || k.all) {
		rest = append(rest, "t.sectionId = $sectionId")
	}
	if k.text && (k.any || k.all || k.section || k.plan || k.jurisdiction || k.year) {
		rest = append(rest, "t.text CONTAINS $text")
	}
	if k.all {
		rest = append(rest, allUnitsTakePart)
	}
	with := "\nWITH t"
	if distinct {
		with = "\nWITH DISTINCT t"
	}
	return match + with + where(rest)
}

// pageCypher is one page of the tasks in task order; countCypher their
// number.
func (k taskKey) pageCypher() string {
	return k.taskMatch() + `
WITH t ORDER BY t.jurisdiction, t.year DESC, t.number, t.id
SKIP $offset LIMIT $limit
RETURN t {.*} AS t`
}

func (k taskKey) countCypher() string {
	return k.taskMatch() + "\nRETURN count(t) AS total"
}

// targetKey picks a target statement: which of a target filter's fields
// are set.
type targetKey struct {
	metric, metricContains, measure, jurisdiction, year, document, task bool
}

func targetKeys() []targetKey {
	var out []targetKey
	for i := range 128 {
		out = append(out, targetKey{i&1 != 0, i&2 != 0, i&4 != 0, i&8 != 0, i&16 != 0, i&32 != 0, i&64 != 0})
	}
	return out
}

func targetKeyOf(f graph.TargetFilter) targetKey {
	return targetKey{
		metric: graph.NormalizeMetric(f.Metric) != "", metricContains: graph.NormalizeMetric(f.MetricContains) != "", measure: f.Measure != "",
		jurisdiction: f.Jurisdiction != "", year: f.Year != 0, document: f.DocumentID != "", task: f.TaskID != "",
	}
}

// cypher reads the targets under the filter from the index that serves
// its most selective field: the task's targets, the document's, the
// metric's, the year's, else every target of the namespace.
func (k targetKey) cypher() string {
	var match string
	var rest []string
	check := func(set bool, predicate string) {
		if set {
			rest = append(rest, predicate)
		}
	}
	switch {
	case k.task:
		match = "MATCH (:Task {ns: $ns, id: $taskId})-[:HAS_TARGET]->(g:Target)"
		check(k.document, "g.documentId = $documentId")
		check(k.metric, "g.metric = $metric")
		check(k.year, "g.year = $year")
	case k.document:
		match = "MATCH (g:Target {ns: $ns, documentId: $documentId})"
		check(k.metric, "g.metric = $metric")
		check(k.year, "g.year = $year")
	case k.metric:
		match = "MATCH (g:Target {ns: $ns, metric: $metric})"
		check(k.year, "g.year = $year")
	case k.year:
		match = "MATCH (g:Target {ns: $ns, year: $year})"
	default:
		match = "MATCH (g:Target) WHERE g.ns = $ns AND g.id IS NOT NULL"
	}
	check(k.metricContains, "g.metric CONTAINS $metricContains")
	check(k.measure, "g.measure = $measure")
	check(k.jurisdiction, "g.jurisdiction = $jurisdiction")
	return match + "\nWITH g" + where(rest) + "\nRETURN g {.*} AS g"
}

// unitKey picks a units page statement.
type unitKey struct{ jurisdiction, kind, search bool }

func unitKeys() []unitKey {
	var out []unitKey
	for i := range 8 {
		out = append(out, unitKey{i&1 != 0, i&2 != 0, i&4 != 0})
	}
	return out
}

func (k unitKey) unitMatch() string {
	match := "MATCH (u:Unit) WHERE u.ns = $ns AND u.id IS NOT NULL"
	if k.jurisdiction {
		match = "MATCH (u:Unit {ns: $ns, jurisdiction: $jurisdiction})"
	}
	var rest []string
	if k.kind {
		rest = append(rest, "u.kind = $kind")
	}
	if k.search {
		rest = append(rest, "any(n IN [u.name] + u.aliases WHERE "+normalized+" CONTAINS $search)")
	}
	return match + "\nWITH u" + where(rest)
}

func (k unitKey) pageCypher() string {
	return k.unitMatch() + `
WITH u ORDER BY u.jurisdiction, u.name, u.id
SKIP $offset LIMIT $limit
RETURN u {.*} AS u`
}

func (k unitKey) countCypher() string {
	return k.unitMatch() + "\nRETURN count(u) AS total"
}

// The statement sets, built once when the package loads.
var (
	pairsStatements        = statements(pairKeys(), pairKey.pairsCypher)
	partnersStatements     = statements(pairKeys(), pairKey.partnersCypher)
	networkNodesStatements = statements(pairKeys(), pairKey.networkNodesCypher)
	unitCountsStatements   = statements(scopes(), unitCountsCypher)
	taskPageStatements     = statements(taskKeys(), taskKey.pageCypher)
	taskCountStatements    = statements(taskKeys(), taskKey.countCypher)
	targetStatements       = statements(targetKeys(), targetKey.cypher)
	unitPageStatements     = statements(unitKeys(), unitKey.pageCypher)
	unitCountStatements    = statements(unitKeys(), unitKey.countCypher)
)

func statements[K comparable](keys []K, cypher func(K) string) map[K]string {
	out := make(map[K]string, len(keys))
	for _, k := range keys {
		out[k] = cypher(k)
	}
	return out
}
