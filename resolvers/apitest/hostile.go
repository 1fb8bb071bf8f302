package apitest

// HostileQuery is a query whose arguments come from variables, and the
// variables (paths like "f.text") that take strings.
type HostileQuery struct {
	Query   string
	Strings []string
}

// HostileQueries cover every argument of the API that takes a string (and
// most others), for the fuzz target and the hostile-input tests. With
// BaseVariables each one answers without error, bar the targets query,
// whose metric is then unknown.
var HostileQueries = []HostileQuery{
	{`query($s: String!, $j: String) { unit(name: $s, jurisdiction: $j) { id name workload { total } } }`,
		[]string{"s", "j"}},
	{`query($s: String, $j: String, $k: UnitKind, $first: Int, $after: String) {
	  units(search: $s, jurisdiction: $j, kind: $k, first: $first, after: $after) { totalCount edges { cursor node { name } } } }`,
		[]string{"s", "j", "after"}},
	{`query($f: TaskFilter, $first: Int, $after: String) { tasks(filter: $f, first: $first, after: $after) { totalCount edges { node { id } } } }`,
		[]string{"f.text", "f.jurisdiction", "f.unit", "f.planId", "f.sectionId", "after"}},
	{`query($j: String, $y: Int) { plans(jurisdiction: $j, year: $y) { id } }`,
		[]string{"j"}},
	{`query($g: CoOwnershipFilter, $limit: Int) { coOwnership(filter: $g, limit: $limit) { sharedTasks } }`,
		[]string{"g.jurisdiction", "g.planId"}},
	{`query($s: String!, $j: String, $from: Int!, $to: Int!) { workloadChange(unit: $s, jurisdiction: $j, fromYear: $from, toYear: $to) { totalDelta } }`,
		[]string{"s", "j"}},
	{`query($g: CoOwnershipFilter, $m: Int) { network(filter: $g, minShared: $m) { nodes { total } } }`,
		[]string{"g.jurisdiction", "g.planId"}},
	{`query($s: String, $c: String, $m: TargetMeasure, $j: String, $y: Int) { targets(metric: $s, metricContains: $c, measure: $m, jurisdiction: $j, year: $y) { id } }`,
		[]string{"s", "c", "j"}},
	{`query($j: String, $m: TargetMeasure) { targetMetrics(jurisdiction: $j, measure: $m) }`,
		[]string{"j"}},
	{`query($j: String!, $from: Int!, $to: Int!, $s: String, $r: Boolean, $limit: Int) {
	  lineageSuggestions(jurisdiction: $j, fromYear: $from, toYear: $to, unit: $s, includeRecorded: $r, limit: $limit) { score } }`,
		[]string{"j", "s"}},
	{`query($s: String!, $first: Int, $after: String, $y: Int) {
	  unit(name: $s) { tasks(year: $y, first: $first, after: $after) { totalCount } partners(year: $y, limit: $first) { sharedTasks } } }`,
		[]string{"after"}},
}

// BaseVariables are ordinary values for every variable of HostileQueries.
func BaseVariables() map[string]any {
	return map[string]any{"s": "市发改委", "j": "南京市", "from": 2021, "to": 2026, "first": 5, "y": 2026}
}
