package neo4jstore

// taskScope restricts a task t to a co-ownership filter's year,
// jurisdiction and plan; zero parameters select everything.
const taskScope = `($year = 0 OR t.year = $year)
  AND ($jurisdiction = '' OR t.jurisdiction = $jurisdiction)
  AND ($planId = '' OR t.planId = $planId)`

// cypherTasks filters, orders and pages tasks in one statement. $anyTypes
// and $allTypes are the relationship types of the asked roles (both types
// when no role is asked). $end is the exclusive end of the page.
const cypherTasks = `
MATCH (t:Task {ns: $ns})
WHERE ` + taskScope + `
  AND ($sectionId = '' OR t.sectionId = $sectionId)
  AND ($text = '' OR t.text CONTAINS $text)
  AND (size($any) = 0 OR EXISTS {
        MATCH (u:Unit)-[r:LEADS|COOPERATES_ON]->(t) WHERE u.id IN $any AND type(r) IN $anyTypes })
  AND all(id IN $all WHERE EXISTS {
        MATCH (u:Unit {ns: $ns, id: id})-[r:LEADS|COOPERATES_ON]->(t) WHERE type(r) IN $allTypes })
WITH t ORDER BY t.jurisdiction, t.year DESC, t.number, t.id
WITH collect(t) AS matched
RETURN size(matched) AS total,
       [x IN matched[$offset..(CASE WHEN $limit = 0 THEN size(matched) ELSE $offset + $limit END)] | x {.*}] AS tasks`

const cypherPlanExists = `
RETURN COUNT { MATCH (p:Plan {ns: $ns, id: $id}) } AS n`

const cypherPlanSectionExists = `
RETURN COUNT { MATCH (:Plan {ns: $ns})-[:HAS_SECTION]->(s:Section {ns: $ns, id: $id}) } AS n`

// cypherWorkload counts each task once, as lead when any of the units
// leads it, and groups the counts by section.
const cypherWorkload = `
UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})-[r:LEADS|COOPERATES_ON]->(t:Task)
WHERE $year = 0 OR t.year = $year
WITH t, max(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS lead
WITH t.sectionId AS section, t.year AS year, t.jurisdiction AS jurisdiction,
     sum(lead) AS lead, count(t) AS tasks
MATCH (s:Section {ns: $ns, id: section})
RETURN section, year, jurisdiction, s.number AS number, lead, tasks - lead AS cooperate`

// cypherPairs counts the tasks each pair of units shares under a filter,
// live over LEADS and COOPERATES_ON, for filters CO_OWNS does not hold.
const cypherPairs = `
MATCH (t:Task {ns: $ns})
WHERE ` + taskScope + `
MATCH (a:Unit)-[ra:LEADS|COOPERATES_ON]->(t)<-[rb:LEADS|COOPERATES_ON]-(b:Unit)
WHERE a.id < b.id AND type(ra) IN $types AND type(rb) IN $types
  AND ($collective OR (a.kind <> $placeholder AND b.kind <> $placeholder))
WITH a.id AS a, b.id AS b, count(DISTINCT t) AS shared
WHERE shared >= $minShared
RETURN a, b, shared
ORDER BY shared DESC, a, b
LIMIT $limit`

// cypherMaterialisedPairs reads the default co-ownership (any role, no
// placeholders, all of a year or all years) from the CO_OWNS edges the
// loads keep current.
const cypherMaterialisedPairs = `
MATCH (a:Unit {ns: $ns})-[c:CO_OWNS]->(b:Unit)
WHERE (($year = 0 AND c.year IS NULL) OR c.year = $year) AND c.weight >= $minShared
RETURN a.id AS a, b.id AS b, c.weight AS shared
ORDER BY shared DESC, a, b
LIMIT $limit`

// cypherPartners counts the tasks one unit shares with each other unit.
// The unit asked for counts even when it is a placeholder: it was named.
const cypherPartners = `
MATCH (a:Unit {ns: $ns, id: $unitId})-[ra:LEADS|COOPERATES_ON]->(t:Task)<-[rb:LEADS|COOPERATES_ON]-(b:Unit)
WHERE ` + taskScope + `
  AND b <> a AND type(ra) IN $types AND type(rb) IN $types
  AND ($collective OR b.kind <> $placeholder)
WITH a.id AS a, b.id AS b, count(DISTINCT t) AS shared
WHERE shared >= $minShared
RETURN a, b, shared
ORDER BY shared DESC, b
LIMIT $limit`

// cypherNetworkNodes lists every unit with a counted part on a task under
// the filter, with its lead and cooperate counts.
const cypherNetworkNodes = `
MATCH (u:Unit {ns: $ns})-[r:LEADS|COOPERATES_ON]->(t:Task)
WHERE ` + taskScope + `
  AND type(r) IN $types AND ($collective OR u.kind <> $placeholder)
RETURN u.id AS unit,
       sum(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS lead,
       sum(CASE WHEN type(r) = 'COOPERATES_ON' THEN 1 ELSE 0 END) AS cooperate`

// cypherUnitCounts counts given units' lead and cooperate tasks under the
// filter (a neighbourhood's nodes).
const cypherUnitCounts = `
UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})
RETURN id AS unit,
       COUNT { MATCH (u)-[:LEADS]->(t:Task) WHERE ` + taskScope + ` } AS lead,
       COUNT { MATCH (u)-[:COOPERATES_ON]->(t:Task) WHERE ` + taskScope + ` } AS cooperate`
