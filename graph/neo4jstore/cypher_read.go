package neo4jstore

// Read statements. Like the load statements they are constants; each
// starts from an index seek: a node by (ns, id) or another indexed key
// (see schemaStatements), or, for a list of a whole namespace, the (ns,
// id) constraint's index with `id IS NOT NULL`. Reads with optional
// filters choose among the statements of cypher_shapes.go.

// normalized folds full-width brackets and trims, as the embedded store
// matches names: 高新区（鼓楼）and 高新区(鼓楼) are one name. It is applied to
// the Cypher variable n; the Go side normalises the parameter the same way.
const normalized = `replace(replace(replace(replace(trim(n), '（', '('), '）', ')'), '［', '['), '］', ']')`

const cypherJurisdictions = `
MATCH (j:Jurisdiction)
WHERE j.ns = $ns AND j.path IS NOT NULL
RETURN j {.*} AS j`

const cypherReports = `
MATCH (r:Report)
WHERE r.ns = $ns AND r.id IS NOT NULL
RETURN r {.*} AS report`

// The plans under a filter, one statement for each of its fields set.
const (
	cypherPlans = `
MATCH (p:Plan)
WHERE p.ns = $ns AND p.id IS NOT NULL
RETURN p {.*} AS p`
	cypherPlansOfYear = `
MATCH (p:Plan)
WHERE p.ns = $ns AND p.id IS NOT NULL AND p.year = $year
RETURN p {.*} AS p`
	cypherPlansOfJurisdiction = `
MATCH (p:Plan {ns: $ns, jurisdiction: $jurisdiction})
RETURN p {.*} AS p`
	cypherPlansOfJurisdictionYear = `
MATCH (p:Plan {ns: $ns, jurisdiction: $jurisdiction})
WHERE p.year = $year
RETURN p {.*} AS p`
)

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

// A unit by any form of its names, from its name key (see cypherSetUnits).
const (
	cypherFindUnit = `
MATCH (:UnitKey {ns: $ns, key: $key})-[:KEY_OF]->(u:Unit)
RETURN u {.*} AS u`
	cypherFindUnitIn = `
MATCH (:UnitKey {ns: $ns, key: $key})-[:KEY_OF]->(u:Unit)
WHERE u.jurisdiction = $jurisdiction
RETURN u {.*} AS u`
)

// cypherUnitNames and cypherUnitNamesIn list every name and alias, in all
// jurisdictions or one: the candidates of a "did you mean".
const (
	cypherUnitNames = `
MATCH (u:Unit)
WHERE u.ns = $ns AND u.id IS NOT NULL
UNWIND [u.name] + u.aliases AS name
RETURN collect(DISTINCT name) AS names`
	cypherUnitNamesIn = `
MATCH (u:Unit {ns: $ns, jurisdiction: $jurisdiction})
UNWIND [u.name] + u.aliases AS name
RETURN collect(DISTINCT name) AS names`
)

const cypherSuccessions = `
MATCH (u:Unit {ns: $ns, id: $id})
RETURN COLLECT { MATCH (p:Unit)-[r:SUCCEEDED_BY]->(u) RETURN {from: p.id, to: u.id, note: r.note} } AS predecessors,
       COLLECT { MATCH (u)-[r:SUCCEEDED_BY]->(n:Unit) RETURN {from: u.id, to: n.id, note: r.note} } AS successors`

const cypherUnitsExist = `
UNWIND $ids AS id
OPTIONAL MATCH (u:Unit {ns: $ns, id: id})
WITH id, u WHERE u IS NULL
RETURN collect(id) AS missing`

const cypherJurisdictionExists = `
RETURN COUNT { MATCH (j:Jurisdiction {ns: $ns, path: $id}) } AS n`

const cypherJurisdictionPaths = `
MATCH (j:Jurisdiction)
WHERE j.ns = $ns AND j.path IS NOT NULL
RETURN collect(j.path) AS paths`

const cypherPlanExists = `
RETURN COUNT { MATCH (p:Plan {ns: $ns, id: $id}) } AS n`

const cypherPlanSectionExists = `
RETURN COUNT { MATCH (s:Section {ns: $ns, id: $id})<-[:HAS_SECTION]-(:Plan) } AS n`

const cypherDocumentExists = `
RETURN COUNT { MATCH (p:Plan {ns: $ns, id: $id}) } + COUNT { MATCH (r:Report {ns: $ns, id: $id}) } AS n`

const cypherTaskExists = `
RETURN COUNT { MATCH (t:Task {ns: $ns, id: $id}) } AS n`

const cypherMetricExists = `
RETURN COUNT { MATCH (g:Target {ns: $ns, metric: $id}) } AS n`

// cypherMetrics lists the metrics, for the suggestions of an unknown one.
const cypherMetrics = `
MATCH (g:Target)
WHERE g.ns = $ns AND g.metric IS NOT NULL
RETURN collect(DISTINCT g.metric) AS metrics`

// cypherWorkload and cypherWorkloadOfYear count each task once, as lead
// when any of the units leads it, and group the counts by section.
const (
	cypherWorkload = `
UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})-[r:LEADS|COOPERATES_ON]->(t:Task)
WITH t, max(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS lead
` + workloadBySection
	cypherWorkloadOfYear = `
UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})-[r:LEADS|COOPERATES_ON]->(t:Task)
WHERE t.year = $year
WITH t, max(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS lead
` + workloadBySection
	workloadBySection = `WITH t.sectionId AS section, t.year AS year, t.jurisdiction AS jurisdiction,
     sum(lead) AS lead, count(t) AS tasks
MATCH (s:Section {ns: $ns, id: section})
RETURN section, year, jurisdiction, s.number AS number, lead, tasks - lead AS cooperate`
)

// cypherMaterialisedPairs and cypherMaterialisedPairsOfYear read the
// default co-ownership (any role, no placeholders, all years or one) from
// the CO_OWNS edges the loads keep current, by the (ns, weight) and (ns,
// year, weight) relationship indexes, heaviest first.
const (
	cypherMaterialisedPairs = `
MATCH (a:Unit)-[c:CO_OWNS]->(b:Unit)
WHERE c.ns = $ns AND c.weight >= $minShared AND c.year IS NULL
RETURN a.id AS a, b.id AS b, c.weight AS shared
ORDER BY shared DESC, a, b
LIMIT $limit`
	cypherMaterialisedPairsOfYear = `
MATCH (a:Unit)-[c:CO_OWNS]->(b:Unit)
WHERE c.ns = $ns AND c.year = $year AND c.weight >= $minShared
RETURN a.id AS a, b.id AS b, c.weight AS shared
ORDER BY shared DESC, a, b
LIMIT $limit`
)
