package neo4jstore

// Read statements. Like the load statements they are constants; the few
// built with + are concatenations of constants, fixed at compile time.

// normalized folds full-width brackets and trims, as the embedded store
// matches names: 高新区（鼓楼）and 高新区(鼓楼) are one name. It is applied to
// the Cypher variable n; the Go side normalises the parameter the same way.
const normalized = `replace(replace(replace(replace(trim(n), '（', '('), '）', ')'), '［', '['), '］', ']')`

const cypherJurisdictions = `
MATCH (j:Jurisdiction {ns: $ns})
RETURN j {.*} AS j`

const cypherReports = `
MATCH (r:Report {ns: $ns})
RETURN r {.*} AS report`

const cypherPlans = `
MATCH (p:Plan {ns: $ns})
WHERE ($jurisdiction = '' OR p.jurisdiction = $jurisdiction) AND ($year = 0 OR p.year = $year)
RETURN p {.*} AS p`

const cypherSections = `
RETURN COUNT { MATCH (p:Plan {ns: $ns, id: $id}) } + COUNT { MATCH (r:Report {ns: $ns, id: $id}) } AS documents,
       COLLECT { MATCH (s:Section {ns: $ns, documentId: $id}) RETURN s {.*} } AS sections`

const cypherPlansByID = `
UNWIND $ids AS id
MATCH (p:Plan {ns: $ns, id: id})
RETURN p {.*} AS p`

const cypherSectionsByID = `
UNWIND $ids AS id
MATCH (s:Section {ns: $ns, id: id})
RETURN s {.*} AS s`

const cypherUnitsByID = `
UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})
RETURN u {.*} AS u`

const cypherTasksByID = `
UNWIND $ids AS id
MATCH (t:Task {ns: $ns, id: id})
RETURN t {.*} AS t`

const cypherFindUnit = `
MATCH (u:Unit {ns: $ns})
WHERE ($jurisdiction = '' OR u.jurisdiction = $jurisdiction)
  AND any(n IN [u.name] + u.aliases WHERE ` + normalized + ` = $key)
RETURN u {.*} AS u`

// cypherUnitNames lists every name and alias in a jurisdiction (or all),
// the candidates of a "did you mean".
const cypherUnitNames = `
MATCH (u:Unit {ns: $ns})
WHERE $jurisdiction = '' OR u.jurisdiction = $jurisdiction
UNWIND [u.name] + u.aliases AS name
RETURN collect(DISTINCT name) AS names`

// cypherUnits filters units; the store sorts and pages them in Go, where
// string order is exactly the embedded store's.
const cypherUnits = `
MATCH (u:Unit {ns: $ns})
WHERE ($jurisdiction = '' OR u.jurisdiction = $jurisdiction)
  AND ($kind = '' OR u.kind = $kind)
  AND ($search = '' OR any(n IN [u.name] + u.aliases WHERE ` + normalized + ` CONTAINS $search))
RETURN u {.*} AS u`

const cypherSuccessions = `
MATCH (u:Unit {ns: $ns, id: $id})
RETURN COLLECT { MATCH (p:Unit)-[r:SUCCEEDED_BY]->(u) RETURN {from: p.id, to: u.id, note: r.note} } AS predecessors,
       COLLECT { MATCH (u)-[r:SUCCEEDED_BY]->(n:Unit) RETURN {from: u.id, to: n.id, note: r.note} } AS successors`

const cypherUnitsExist = `
UNWIND $ids AS id
OPTIONAL MATCH (u:Unit {ns: $ns, id: id})
WITH id, u WHERE u IS NULL
RETURN collect(id) AS missing`

const cypherJurisdictionPaths = `
MATCH (j:Jurisdiction {ns: $ns})
RETURN collect(j.path) AS paths`

// cypherTargets reads the targets under a filter; the Go side orders them.
// An empty string or 0 parameter leaves its field free.
const cypherTargets = `
MATCH (g:Target {ns: $ns})
WHERE ($metric = '' OR g.metric = $metric)
  AND ($metricContains = '' OR g.metric CONTAINS $metricContains)
  AND ($measure = '' OR g.measure = $measure)
  AND ($jurisdiction = '' OR g.jurisdiction = $jurisdiction)
  AND ($year = 0 OR g.year = $year)
  AND ($documentId = '' OR g.documentId = $documentId)
  AND ($taskId = '' OR g.taskId = $taskId)
RETURN g {.*} AS g`

// cypherTargetFilterKnown says whether the metric, document and task a
// target filter names exist (an empty one always does), and lists the
// metrics for suggestions.
const cypherTargetFilterKnown = `
RETURN ($metric = '' OR EXISTS { MATCH (g:Target {ns: $ns, metric: $metric}) }) AS metricKnown,
       ($documentId = '' OR EXISTS { MATCH (p:Plan {ns: $ns, id: $documentId}) }
                         OR EXISTS { MATCH (r:Report {ns: $ns, id: $documentId}) }) AS documentKnown,
       ($taskId = '' OR EXISTS { MATCH (t:Task {ns: $ns, id: $taskId}) }) AS taskKnown,
       COLLECT { MATCH (g:Target {ns: $ns}) WHERE $metric <> '' RETURN DISTINCT g.metric } AS metrics`
