// What the viewer asks the server, in one place: the network shown (twice
// in compare mode), the network the layout is computed over, the
// structure analysis, and compare mode's workload changes.
import { gql } from '../api.js';
import { coOwnershipFilter, layoutFilter } from './state.js';

export const OPTIONS = `{ jurisdictions { path name } plans { jurisdiction year } }`;

const NETWORK = `
query Network($filter: CoOwnershipFilter, $minShared: Int) {
  network(filter: $filter, minShared: $minShared) {
    nodes { unit { id name aliases kind jurisdiction } lead cooperate total }
    compactEdges
  }
}`;

// LAYOUT_NETWORK is the least the layout needs: who, where, how heavy.
const LAYOUT_NETWORK = `
query LayoutNetwork($filter: CoOwnershipFilter) {
  network(filter: $filter) {
    nodes { unit { id jurisdiction } total }
    compactEdges
  }
}`;

// BETWEENNESS_MAX_UNITS is the server's bound on betweenness (see
// schema/structure.graphqls): past it the field is an error, so the viewer
// does not ask, and says why.
export const BETWEENNESS_MAX_UNITS = 500;

// analysisQuery asks for the structure the server computes (Louvain
// communities, modularity, betweenness). Degrees are counted in the page
// from the edges it has. A country-wide network weighs many times a
// jurisdiction's in the server's complexity limit, where nodes' community
// and the communities fit but modularity on top does not: it is asked
// only of a jurisdiction's network.
const analysisQuery = (withBetweenness, withModularity) => `
query Analysis($filter: CoOwnershipFilter, $minShared: Int) {
  network(filter: $filter, minShared: $minShared) {
    nodes { unit { id } community${withBetweenness ? ' betweenness' : ''} }
    communities { id size label }${withModularity ? '\n    modularity' : ''}
  }
}`;

// heavy runs the server's heavy requests (networks, analyses) one at a
// time: the server runs at most one heavy request per client at once and
// turns away what waits too long, and one after the other the first one,
// the picture, gets the server to itself. A request whose view was left
// (signal aborted) before its turn is not sent.
let heavyTail = Promise.resolve();
function heavy(signal, query, variables, options = {}) {
  const run = heavyTail.then(() => {
    if (signal.aborted) throw signal.reason;
    return gql(query, variables, { ...options, signal });
  });
  heavyTail = run.catch(() => {});
  return run;
}

export function fetchOptions() {
  return gql(OPTIONS);
}

// withEdges gives a network asked with compactEdges (three integers a
// pair: its units' positions in nodes, its shared tasks) the edges
// ({source, target, sharedTasks}) the rest of the viewer reads. A national
// network's pairs come six times smaller and several times sooner so.
function withEdges({ nodes, compactEdges }) {
  const edges = new Array(compactEdges.length / 3);
  for (let i = 0; i < edges.length; i++) {
    const at = 3 * i;
    edges[i] = { source: nodes[compactEdges[at]].unit.id, target: nodes[compactEdges[at + 1]].unit.id, sharedTasks: compactEdges[at + 2] };
  }
  return { nodes, edges };
}

// fetchNetwork is the network shown in the given year (compare mode asks
// for both years).
export async function fetchNetwork(signal, state, year, onProgress) {
  const data = await heavy(signal, NETWORK, { filter: coOwnershipFilter(state, year), minShared: state.minShared }, { onProgress });
  return withEdges(data.network);
}

// layoutIsShown tells whether the layout's network is the one shown, so
// that it need not be asked twice (a national view of all years).
export function layoutIsShown(state) {
  return !state.year && !state.role && state.minShared === 1;
}

export async function fetchLayoutNetwork(signal, state) {
  return withEdges((await heavy(signal, LAYOUT_NETWORK, { filter: layoutFilter(state) })).network);
}

// fetchAnalysis asks for communities and, where the server computes them,
// betweenness and modularity, of the network shown (compare mode: its
// later year).
export async function fetchAnalysis(signal, state, nodeCount) {
  const withBetweenness = nodeCount <= BETWEENNESS_MAX_UNITS;
  const withModularity = Boolean(state.jurisdiction);
  const data = await heavy(signal, analysisQuery(withBetweenness, withModularity), { filter: coOwnershipFilter(state), minShared: state.minShared });
  return { ...data.network, withBetweenness, modularity: withModularity ? data.network.modularity : null };
}

// WORKLOAD_BATCH units are asked at once: one request instead of one a
// unit, small enough to stay under the server's complexity limit.
const WORKLOAD_BATCH = 40;

const workloadChangeQuery = (count) => {
  const vars = [];
  const fields = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$n${i}: String!, $j${i}: String`);
    fields.push(`u${i}: workloadChange(unit: $n${i}, jurisdiction: $j${i}, fromYear: $from, toYear: $to) {
    unit { id name } from { lead cooperate total } to { lead cooperate total }
    leadDelta cooperateDelta totalDelta mergedFrom { id name } }`);
  }
  return `query WorkloadChange($from: Int!, $to: Int!, ${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
};

// fetchWorkloadChanges asks workloadChange for each unit ({id, name,
// jurisdiction}) between the two years; the answer maps unit ID to change.
// The API follows lineage: a unit reorganised away answers with its
// successor, and a successor's from-year counts its predecessors.
export async function fetchWorkloadChanges(signal, units, fromYear, toYear) {
  const changes = new Map();
  for (let start = 0; start < units.length; start += WORKLOAD_BATCH) {
    const batch = units.slice(start, start + WORKLOAD_BATCH);
    const vars = { from: fromYear, to: toYear };
    batch.forEach((u, i) => {
      vars[`n${i}`] = u.name;
      vars[`j${i}`] = u.jurisdiction;
    });
    const data = await gql(workloadChangeQuery(batch.length), vars, { signal });
    batch.forEach((u, i) => changes.set(u.id, data[`u${i}`]));
  }
  return changes;
}
