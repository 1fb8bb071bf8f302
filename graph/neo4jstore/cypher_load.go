package neo4jstore

// The statements of a load or a removal, in the order they run inside its
// one write transaction. Each is a constant: values arrive as $parameters,
// most as $rows, a list of maps that UNWIND turns into one row each.
//
// Every loaded document has a (:Document {ns, id, source}) node, and what
// the document says of a node other documents may speak of too is kept as
// that document's view, on a relationship from its Document node:
//
//	(:Document)-[:GIVES]->(:Jurisdiction)
//	(:Document)-[:NAMES {name, nameYear, kind, aliases}]->(:Unit)
//	(:Document)-[:DESCRIBES {jurisdiction, year, session, title, date, file, loaded}]->(:Report)
//
// and on a succession, as the parallel lists SUCCEEDED_BY.documents and
// SUCCEEDED_BY.notes. What only the document holds (its plan, sections,
// tasks and targets) hangs from its plan or report. A load first forgets
// what the document's previous version gave, then writes the new version,
// then recomputes every node the two versions touched from the views that
// remain (graph.MergeUnit and friends, in Go), deleting the nodes no
// document speaks of any more; a removal is the same without the writing.
// So the namespace always holds exactly what its documents' current
// versions give, whatever order they came in.

// cypherDocumentBefore reads what the document's loaded version gave, and
// how many of the units and reports the change touches (those and the
// batch's, $units and $reports) exist before it: the counts move by the
// difference.
const cypherDocumentBefore = `
WITH EXISTS { MATCH (:Document {ns: $ns, id: $id}) } AS known,
     COLLECT { MATCH (:Document {ns: $ns, id: $id})-[:NAMES]->(u:Unit) RETURN u.id } AS units,
     COLLECT { MATCH (:Document {ns: $ns, id: $id})-[:DESCRIBES]->(r:Report) RETURN r.id } AS reports,
     COLLECT { MATCH (:Document {ns: $ns, id: $id})-[:GIVES]->(j:Jurisdiction) RETURN j.path } AS jurisdictions,
     COLLECT { MATCH (:Document {ns: $ns, id: $id})-[:NAMES]->(a:Unit)-[s:SUCCEEDED_BY]->(b:Unit)
               WHERE $id IN s.documents RETURN {from: a.id, to: b.id} } AS successions
CALL {
  WITH units
  UNWIND units + $units AS id
  WITH DISTINCT id
  MATCH (u:Unit {ns: $ns, id: id})
  RETURN count(u) AS unitsBefore
}
CALL {
  WITH reports
  UNWIND reports + $reports AS id
  WITH DISTINCT id
  MATCH (r:Report {ns: $ns, id: id})
  RETURN count(r) AS reportsBefore, count(CASE WHEN r.loaded THEN 1 END) AS loadedBefore
}
RETURN known, units, reports, jurisdictions, successions, unitsBefore, reportsBefore, loadedBefore`

// cypherForgetDocument takes out what the document's loaded version gave:
// its entries in the successions' lists, its views, its plan with sections,
// tasks and targets (or its report's sections and targets) and its
// Document node. The nodes its views were on are recomputed afterwards.
const cypherForgetDocument = `
MATCH (d:Document {ns: $ns, id: $id})
CALL {
  WITH d
  MATCH (d)-[:NAMES]->(:Unit)-[s:SUCCEEDED_BY]->(:Unit)
  WHERE $id IN s.documents
  WITH s, [i IN range(0, size(s.documents) - 1) WHERE s.documents[i] <> $id] AS keep
  SET s.documents = [i IN keep | s.documents[i]], s.notes = [i IN keep | s.notes[i]]
}
CALL {
  WITH d
  MATCH (d)-[given:NAMES|DESCRIBES|GIVES]->()
  DELETE given
}
CALL {
  MATCH (g:Target {ns: $ns, documentId: $id})
  DETACH DELETE g
}
CALL {
  MATCH (t:Task {ns: $ns, planId: $id})
  DETACH DELETE t
  RETURN count(*) AS tasks
}
CALL {
  MATCH (s:Section {ns: $ns, documentId: $id})
  DETACH DELETE s
  RETURN count(*) AS sections
}
CALL {
  MATCH (p:Plan {ns: $ns, id: $id})
  DETACH DELETE p
  RETURN count(*) AS plans
}
DETACH DELETE d
RETURN tasks, sections, plans`

const cypherCreateDocument = `
CREATE (:Document {ns: $ns, id: $id, source: $source})`

// cypherMergeJurisdictions merges the batch's jurisdictions, records that
// the document gives them, and joins each to its parent. The rows come
// parents first (by path), and every parent is in the batch.
const cypherMergeJurisdictions = `
MATCH (d:Document {ns: $ns, id: $id})
UNWIND $rows AS row
MERGE (j:Jurisdiction {ns: $ns, path: row.path})
SET j.name = row.name, j.parent = row.parent
MERGE (d)-[:GIVES]->(j)
WITH j, row
WHERE row.parent <> ''
MATCH (p:Jurisdiction {ns: $ns, path: row.parent})
MERGE (j)-[:PART_OF]->(p)`

// cypherMergeReports merges the batch's reports (a plan's stub, or the
// loaded report) and keeps the document's view of each; the report's
// properties are recomputed from all views afterwards.
const cypherMergeReports = `
MATCH (d:Document {ns: $ns, id: $id})
UNWIND $rows AS row
MERGE (r:Report {ns: $ns, id: row.id})
MERGE (d)-[given:DESCRIBES]->(r)
SET given = row.view`

const cypherCreatePlan = `
CREATE (p:Plan {ns: $ns, id: $id})
SET p += $props
WITH p
MATCH (j:Jurisdiction {ns: $ns, path: $props.jurisdiction})
CREATE (p)-[:ISSUED_BY]->(j)
WITH p
MATCH (r:Report {ns: $ns, id: $props.reportId})
CREATE (p)-[:IMPLEMENTS]->(r)`

// cypherCreateSections creates the document's sections under its plan or
// its report (a batch's sections are all its document's).
const cypherCreateSections = `
UNWIND $rows AS row
CREATE (s:Section {ns: $ns, id: row.id})
SET s += row.props
WITH s
OPTIONAL MATCH (p:Plan {ns: $ns, id: $id})
OPTIONAL MATCH (r:Report {ns: $ns, id: $id})
WITH s, coalesce(p, r) AS doc
CREATE (doc)-[:HAS_SECTION]->(s)`

// cypherMergeUnits merges the batch's units and keeps the document's view
// of each; names, aliases and kind are recomputed from all views
// afterwards.
const cypherMergeUnits = `
MATCH (d:Document {ns: $ns, id: $id})
UNWIND $rows AS row
MERGE (u:Unit {ns: $ns, id: row.id})
ON CREATE SET u.jurisdiction = row.jurisdiction
CREATE (d)-[:NAMES {name: row.name, nameYear: row.nameYear, kind: row.kind, aliases: row.aliases}]->(u)
WITH u, row
MATCH (j:Jurisdiction {ns: $ns, path: row.jurisdiction})
MERGE (u)-[:BELONGS_TO]->(j)`

// cypherCreateTasks creates the plan's tasks under their sections.
const cypherCreateTasks = `
UNWIND $rows AS row
CREATE (t:Task {ns: $ns, id: row.id})
SET t += row.props
WITH t, row
MATCH (s:Section {ns: $ns, id: row.props.sectionId})
CREATE (s)-[:HAS_TASK]->(t)`

// The role edges carry their position in the responsibility clause; rows:
// {task, unit, pos}. A task names a unit once (Batch.Validate), so CREATE
// makes no duplicate. Relationship types cannot be parameters, hence two
// statements.
const cypherCreateLeads = `
UNWIND $rows AS row
MATCH (u:Unit {ns: $ns, id: row.unit})
MATCH (t:Task {ns: $ns, id: row.task})
CREATE (u)-[:LEADS {pos: row.pos}]->(t)`

const cypherCreateCooperations = `
UNWIND $rows AS row
MATCH (u:Unit {ns: $ns, id: row.unit})
MATCH (t:Task {ns: $ns, id: row.task})
CREATE (u)-[:COOPERATES_ON {pos: row.pos}]->(t)`

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

// cypherAddSuccessions adds the document and its note to each succession
// it gives; the kept note is recomputed afterwards.
const cypherAddSuccessions = `
UNWIND $rows AS row
MATCH (a:Unit {ns: $ns, id: row.from})
MATCH (b:Unit {ns: $ns, id: row.to})
MERGE (a)-[s:SUCCEEDED_BY]->(b)
ON CREATE SET s.documents = [], s.notes = []
SET s.documents = s.documents + $id, s.notes = s.notes + row.note`

// Recomputing what a change touched. Each view statement reads the views
// that remain on the touched nodes; the store folds them in Go and writes
// the result back, or deletes the nodes no document speaks of.

const cypherSuccessionViews = `
UNWIND $pairs AS pair
MATCH (:Unit {ns: $ns, id: pair.from})-[s:SUCCEEDED_BY]->(:Unit {ns: $ns, id: pair.to})
RETURN pair.from AS from, pair.to AS to, s.notes AS notes`

const cypherSetSuccessionNotes = `
UNWIND $rows AS row
MATCH (:Unit {ns: $ns, id: row.from})-[s:SUCCEEDED_BY]->(:Unit {ns: $ns, id: row.to})
SET s.note = row.note`

const cypherDeleteSuccessions = `
UNWIND $rows AS row
MATCH (:Unit {ns: $ns, id: row.from})-[s:SUCCEEDED_BY]->(:Unit {ns: $ns, id: row.to})
DELETE s`

const cypherReportViews = `
UNWIND $ids AS id
MATCH (r:Report {ns: $ns, id: id})
RETURN id, COLLECT { MATCH (d:Document)-[given:DESCRIBES]->(r) RETURN given {.*, document: d.id} } AS views`

const cypherSetReports = `
UNWIND $rows AS row
MATCH (r:Report {ns: $ns, id: row.id})
SET r += row.props`

const cypherDeleteReports = `
UNWIND $ids AS id
MATCH (r:Report {ns: $ns, id: id})
DETACH DELETE r`

// cypherUnitViews reads each touched unit as it stands and the views on
// it.
const cypherUnitViews = `
UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})
RETURN u {.*} AS unit,
       COLLECT { MATCH (d:Document)-[given:NAMES]->(u) RETURN given {.*, document: d.id} } AS views`

// cypherSetUnits writes units recomputed from their views, and files each
// under its name keys (its name and aliases, brackets folded), which
// FindUnit seeks.
const cypherSetUnits = `
UNWIND $rows AS row
MATCH (u:Unit {ns: $ns, id: row.id})
SET u += row.props
WITH u, row
OPTIONAL MATCH (u)<-[old:KEY_OF]-(:UnitKey)
DELETE old
WITH DISTINCT u, row
UNWIND row.keys AS nameKey
MERGE (k:UnitKey {ns: $ns, key: nameKey})
CREATE (k)-[:KEY_OF]->(u)`

const cypherDeleteUnits = `
UNWIND $ids AS id
MATCH (u:Unit {ns: $ns, id: id})
DETACH DELETE u`

// cypherDeleteOrphanKeys deletes name keys no unit is filed under any
// more (a unit renamed or gone).
const cypherDeleteOrphanKeys = `
UNWIND $keys AS nameKey
MATCH (k:UnitKey {ns: $ns, key: nameKey})
WHERE NOT EXISTS { (k)-[:KEY_OF]->() }
DELETE k`

// cypherDeleteUngivenJurisdictions deletes the jurisdictions no document
// gives any more. A document that gives a jurisdiction gives its parent
// too (Batch.Validate), so no kept jurisdiction loses its parent.
const cypherDeleteUngivenJurisdictions = `
UNWIND $paths AS path
MATCH (j:Jurisdiction {ns: $ns, path: path})
WHERE NOT EXISTS { (:Document)-[:GIVES]->(j) }
DETACH DELETE j`

// cypherDeleteCoOwns and cypherCreateCoOwns rebuild the materialised
// CO_OWNS edges of the units a change touched, with every partner: the
// tasks they share changed, and so may their kind (a unit that became a
// placeholder leaves co-ownership with units the change does not name).
// Pairs of untouched units keep their edges: neither their tasks nor
// their kinds changed.
//
// Shape: from the unit with the smaller ID to the other, one edge per year
// ({year, weight}) and one overall edge without a year ({weight}), all
// counting distinct shared tasks in any role, placeholders left out — the
// default co-ownership view. Browser draws the overall network with
// `MATCH p=(:Unit)-[r:CO_OWNS]->(:Unit) WHERE r.year IS NULL RETURN p`.
const cypherDeleteCoOwns = `
UNWIND $ids AS id
MATCH (:Unit {ns: $ns, id: id})-[r:CO_OWNS]-(:Unit)
WITH DISTINCT r
DELETE r`

// A pair of two touched units is counted once, from the smaller ID; a
// pair with an untouched unit from the touched one.
const cypherCreateCoOwns = `
UNWIND $ids AS id
MATCH (a:Unit {ns: $ns, id: id})-[:LEADS|COOPERATES_ON]->(t:Task)<-[:LEADS|COOPERATES_ON]-(b:Unit)
WHERE a <> b AND a.kind <> $placeholder AND b.kind <> $placeholder
  AND (a.id < b.id OR NOT (b.id IN $ids))
WITH CASE WHEN a.id < b.id THEN a ELSE b END AS lo, CASE WHEN a.id < b.id THEN b ELSE a END AS hi, t
WITH lo, hi, t.year AS year, count(DISTINCT t) AS shared
ORDER BY year
WITH lo, hi, collect({year: year, shared: shared}) AS years
CREATE (lo)-[:CO_OWNS {ns: $ns, weight: reduce(n = 0, e IN years | n + e.shared)}]->(hi)
FOREACH (e IN years | CREATE (lo)-[:CO_OWNS {ns: $ns, year: e.year, weight: e.shared}]->(hi))`

// cypherDocumentIDs lists the loaded documents, for the suggestions of a
// removal that names none of them.
const cypherDocumentIDs = `
MATCH (d:Document)
WHERE d.ns = $ns AND d.id IS NOT NULL
RETURN collect(d.id) AS ids`
