package neo4jstore

// The statements of one load, in the order Load runs them inside its write
// transaction. Each is a constant: values arrive as $parameters, most as
// $rows, a list of maps that UNWIND turns into one row each. Nodes are
// merged on (ns, id), so loading a document again rewrites the same nodes.

const cypherMergeJurisdictions = `
UNWIND $rows AS row
MERGE (j:Jurisdiction {ns: $ns, path: row.path})
SET j.name = row.name, j.parent = row.parent
WITH j, row WHERE row.parent <> ''
MERGE (p:Jurisdiction {ns: $ns, path: row.parent})
MERGE (j)-[:PART_OF]->(p)`

// cypherMergeReports merges reports so that load order never matters, with
// the embedded store's rules: a loaded report's text replaces whatever was
// known (keeping a session only a stub named); a stub (a report a plan
// implements) changes a known report only by naming its session when none
// was known, or, between two stubs, the lexically smaller session. A new
// node takes the row as it is; the CASEs then leave it unchanged.
const cypherMergeReports = `
UNWIND $rows AS row
MERGE (r:Report {ns: $ns, id: row.id})
ON CREATE SET r += row
WITH r, row
SET r += {
  jurisdiction: CASE WHEN row.loaded THEN row.jurisdiction ELSE r.jurisdiction END,
  year: CASE WHEN row.loaded THEN row.year ELSE r.year END,
  session: CASE
    WHEN row.loaded AND row.session = '' THEN r.session
    WHEN row.loaded THEN row.session
    WHEN r.session = '' THEN row.session
    WHEN NOT r.loaded AND row.session <> '' AND row.session < r.session THEN row.session
    ELSE r.session END,
  title: CASE WHEN row.loaded THEN row.title ELSE r.title END,
  date: CASE WHEN row.loaded THEN row.date ELSE r.date END,
  file: CASE WHEN row.loaded THEN row.file ELSE r.file END,
  loaded: r.loaded OR row.loaded
}`

const cypherMergePlan = `
MERGE (p:Plan {ns: $ns, id: $id})
SET p += $props
WITH p
MATCH (j:Jurisdiction {ns: $ns, path: $props.jurisdiction})
MERGE (p)-[:ISSUED_BY]->(j)
WITH p
OPTIONAL MATCH (p)-[old:IMPLEMENTS]->(r:Report)
WHERE r.id <> $props.reportId
DELETE old
WITH DISTINCT p
MATCH (r:Report {ns: $ns, id: $props.reportId})
MERGE (p)-[:IMPLEMENTS]->(r)`

// cypherMergeSections merges sections and hangs them under their plan or
// report (rows: {id, documentId, props}).
const cypherMergeSections = `
UNWIND $rows AS row
MERGE (s:Section {ns: $ns, id: row.id})
SET s += row.props
WITH s, row
OPTIONAL MATCH (p:Plan {ns: $ns, id: row.documentId})
OPTIONAL MATCH (r:Report {ns: $ns, id: row.documentId})
WITH s, coalesce(p, r) AS doc
MERGE (doc)-[:HAS_SECTION]->(s)`

// cypherMergeUnits applies the unit merge rules: the name written by the
// newest document wins (equal years: the lexically smaller name) and brings
// its kind; every other written form becomes an alias, and the aliases are a
// union (sorted when read). The values are computed in WITH before the
// single SET, so no assignment sees another's result. A new node takes the
// row as it is.
const cypherMergeUnits = `
UNWIND $rows AS row
MERGE (u:Unit {ns: $ns, id: row.id})
ON CREATE SET u += row
WITH u, row,
     NOT (u.nameYear > row.nameYear OR (u.nameYear = row.nameYear AND u.name < row.name)) AS incoming
WITH u, row, incoming, CASE WHEN incoming THEN row.name ELSE u.name END AS name
WITH u, row, incoming, name,
     reduce(acc = [], a IN u.aliases + row.aliases + [u.name, row.name] |
       CASE WHEN a = '' OR a = name OR a IN acc THEN acc ELSE acc + a END) AS aliases
SET u += {
  name: name,
  nameYear: CASE WHEN incoming THEN row.nameYear ELSE u.nameYear END,
  kind: CASE WHEN incoming THEN row.kind ELSE u.kind END,
  jurisdiction: row.jurisdiction,
  aliases: aliases
}
WITH u, row
MATCH (j:Jurisdiction {ns: $ns, path: row.jurisdiction})
MERGE (u)-[:BELONGS_TO]->(j)`

// cypherClearRoles removes the LEADS and COOPERATES_ON edges of the plan's
// tasks as they were before this load, and returns the units they joined:
// those units' co-ownership must be recomputed even if the new text no
// longer names them. The edges are recreated from the batch below.
const cypherClearRoles = `
OPTIONAL MATCH (u:Unit)-[r:LEADS|COOPERATES_ON]->(:Task {ns: $ns, planId: $planId})
WITH collect(DISTINCT u.id) AS ids, collect(r) AS edges
FOREACH (e IN edges | DELETE e)
RETURN ids`

// cypherMergeTasks merges tasks and files each under its section, moving
// it when a reloaded plan renumbered its sections.
const cypherMergeTasks = `
UNWIND $rows AS row
MERGE (t:Task {ns: $ns, id: row.id})
SET t += row.props
WITH t, row
OPTIONAL MATCH (old:Section)-[h:HAS_TASK]->(t)
WHERE old.id <> row.props.sectionId
DELETE h
WITH DISTINCT t, row
MATCH (s:Section {ns: $ns, id: row.props.sectionId})
MERGE (s)-[:HAS_TASK]->(t)`

// The role edges carry their position in the responsibility clause; rows:
// {task, unit, pos}. Relationship types cannot be parameters, hence two
// statements.
const cypherCreateLeads = `
UNWIND $rows AS row
MATCH (u:Unit {ns: $ns, id: row.unit})
MATCH (t:Task {ns: $ns, id: row.task})
MERGE (u)-[r:LEADS]->(t)
SET r.pos = row.pos`

const cypherCreateCooperations = `
UNWIND $rows AS row
MATCH (u:Unit {ns: $ns, id: row.unit})
MATCH (t:Task {ns: $ns, id: row.task})
MERGE (u)-[r:COOPERATES_ON]->(t)
SET r.pos = row.pos`

// cypherDeleteStaleTasks removes the tasks a reloaded plan no longer has.
const cypherDeleteStaleTasks = `
MATCH (t:Task {ns: $ns, planId: $planId})
WHERE NOT t.id IN $keep
DETACH DELETE t`

// cypherDeleteStaleSections removes the sections a reloaded document no
// longer has.
const cypherDeleteStaleSections = `
MATCH (s:Section {ns: $ns, documentId: $documentId})
WHERE NOT s.id IN $keep
DETACH DELETE s`

// cypherDeleteTargets removes every target of the documents the batch
// loads (the plan, a loaded report), before cypherCreateTargets writes the
// batch's: a document's targets are replaced whole, so a target a revised
// plan no longer sets disappears. A report stub in a plan's batch is not
// among $documents and keeps its report's targets.
const cypherDeleteTargets = `
UNWIND $documents AS documentId
MATCH (g:Target {ns: $ns, documentId: documentId})
DETACH DELETE g`

// cypherCreateTargets creates targets and hangs each under its task or,
// for a headline target (an empty taskId), its report (rows: {id,
// taskId, documentId, props}).
const cypherCreateTargets = `
UNWIND $rows AS row
CREATE (g:Target {ns: $ns, id: row.id})
SET g += row.props
WITH g, row
OPTIONAL MATCH (t:Task {ns: $ns, id: row.taskId})
OPTIONAL MATCH (r:Report {ns: $ns, id: row.documentId})
WITH g, CASE WHEN row.taskId = '' THEN r ELSE t END AS owner
CREATE (owner)-[:HAS_TARGET]->(g)`

// cypherMergeSuccessions keeps one note per succession whatever the load
// order: the non-empty one, then the lexically smaller.
const cypherMergeSuccessions = `
UNWIND $rows AS row
MATCH (a:Unit {ns: $ns, id: row.from})
MATCH (b:Unit {ns: $ns, id: row.to})
MERGE (a)-[r:SUCCEEDED_BY]->(b)
SET r.note = CASE
  WHEN r.note IS NULL OR r.note = '' OR (row.note <> '' AND row.note < r.note) THEN row.note
  ELSE r.note END`

// cypherDeleteCoOwns and cypherCreateCoOwns refresh the materialised
// CO_OWNS edges among the units a load touched. Only a pair of touched units
// can have gained or lost a shared task, so edges to untouched units stay.
//
// Shape: from the unit with the smaller ID to the other, one edge per year
// ({year, weight}) and one overall edge without a year ({weight}), all
// counting distinct shared tasks in any role, placeholders left out — the
// default co-ownership view. Browser draws the overall network with
// `MATCH p=(:Unit)-[r:CO_OWNS]->(:Unit) WHERE r.year IS NULL RETURN p`.
const cypherDeleteCoOwns = `
UNWIND $ids AS id
MATCH (a:Unit {ns: $ns, id: id})-[r:CO_OWNS]->(b:Unit)
WHERE b.id IN $ids
DELETE r`

const cypherCreateCoOwns = `
UNWIND $ids AS id
MATCH (a:Unit {ns: $ns, id: id})-[:LEADS|COOPERATES_ON]->(t:Task)<-[:LEADS|COOPERATES_ON]-(b:Unit)
WHERE a.id < b.id AND b.id IN $ids AND a.kind <> $placeholder AND b.kind <> $placeholder
WITH a, b, t.year AS year, count(DISTINCT t) AS shared
ORDER BY year
WITH a, b, collect({year: year, shared: shared}) AS years
CREATE (a)-[:CO_OWNS {ns: $ns, weight: reduce(n = 0, y IN years | n + y.shared)}]->(b)
FOREACH (y IN years | CREATE (a)-[:CO_OWNS {ns: $ns, year: y.year, weight: y.shared}]->(b))`
