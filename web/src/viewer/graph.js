// The graph drawn: a graphology graph of units and pairs built from the
// API's network, or from two years' networks in compare mode, where each
// unit and pair also says how it changed.
import Graph from 'graphology';
import { fit, initialPosition } from './positions.js';

// pairKey names the edge between two units whichever way round: the API
// gives the unit with the smaller ID as source.
export function pairKey(a, b) {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function workload(n) {
  return n ? { lead: n.lead, cooperate: n.cooperate, total: n.total } : { lead: 0, cooperate: 0, total: 0 };
}

// nodeChange and edgeChange classify what compare mode shows.
function nodeChange(before, after) {
  if (!before) return 'new';
  if (!after) return 'gone';
  return 'kept';
}

function edgeChange(before, after) {
  if (!before) return 'added';
  if (!after) return 'dropped';
  if (after > before) return 'stronger';
  if (after < before) return 'weaker';
  return 'same';
}

// buildGraph makes the graph of one network, or, given the from-year's
// network too, of both: every unit and pair of either year, with its
// numbers in each. A unit's own numbers (lead, cooperate, total) and a
// pair's shared tasks are the later year's, or the earlier's for what is
// gone, so that what disappeared is still drawn, in its own colour.
export function buildGraph(network, fromNetwork = null) {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  if (!fromNetwork) {
    // One network: its nodes and edges as they are (a national network has
    // a hundred thousand edges, and this runs before the first picture).
    for (const n of network.nodes) graph.addNode(n.unit.id, { unit: n.unit, label: n.unit.name, ...workload(n), x: 0, y: 0 });
    for (const e of network.edges) graph.addEdgeWithKey(pairKey(e.source, e.target), e.source, e.target, { shared: e.sharedTasks });
  } else {
    addUnion(graph, network, fromNetwork);
  }
  countDegrees(graph, fromNetwork !== null);
  nameByPlace(graph);
  placeInitially(graph);
  return graph;
}

// nameByPlace labels units with their place when the graph spans several
// jurisdictions: every district has a 区教育局, and a national picture of
// them is unreadable unless it says 丰华区教育局, as the places themselves
// write it (the district's name replaces the 区 that stands for it).
function nameByPlace(graph) {
  const places = new Set(graph.mapNodes((_n, a) => a.unit.jurisdiction));
  if (places.size < 2) return;
  graph.updateEachNodeAttributes((_n, a) => ({ ...a, label: placedName(a.unit) }));
}

function placedName(unit) {
  const place = unit.jurisdiction.split('/').pop();
  const level = place.slice(-1);
  if (unit.name.startsWith(level) && '市区县'.includes(level)) return place + unit.name.slice(1);
  return unit.name.startsWith(place) ? unit.name : `${place}·${unit.name}`;
}

// addUnion adds every unit and pair of either year, with its numbers in
// each and how it changed.
function addUnion(graph, network, fromNetwork) {
  const before = new Map(fromNetwork.nodes.map((n) => [n.unit.id, n]));
  const after = new Map(network.nodes.map((n) => [n.unit.id, n]));
  for (const n of [...network.nodes, ...fromNetwork.nodes]) {
    const id = n.unit.id;
    if (graph.hasNode(id)) continue;
    const now = after.get(id);
    graph.addNode(id, {
      unit: n.unit,
      label: n.unit.name,
      ...workload(now || n),
      x: 0,
      y: 0,
      change: nodeChange(before.get(id), now),
    });
  }
  const was = new Map(fromNetwork.edges.map((e) => [pairKey(e.source, e.target), e.sharedTasks]));
  const is = new Map(network.edges.map((e) => [pairKey(e.source, e.target), e.sharedTasks]));
  for (const e of [...network.edges, ...fromNetwork.edges]) {
    const key = pairKey(e.source, e.target);
    if (graph.hasEdge(key)) continue;
    const fromShared = was.get(key) || 0;
    const toShared = is.get(key) || 0;
    graph.addEdgeWithKey(key, e.source, e.target, { shared: toShared || fromShared, change: edgeChange(fromShared, toShared), fromShared, toShared });
  }
}

// countDegrees gives each unit its partners and the shared tasks summed
// over its edges, as the API's NetworkNode.degree and weightedDegree
// define them: in compare mode, over the later year's edges.
function countDegrees(graph, compare) {
  graph.forEachNode((id) => {
    let degree = 0;
    let weightedDegree = 0;
    graph.forEachEdge(id, (_e, a) => {
      const shared = compare ? a.toShared : a.shared;
      if (shared > 0) {
        degree++;
        weightedDegree += shared;
      }
    });
    graph.mergeNodeAttributes(id, { degree, weightedDegree });
  });
}

// placeInitially puts every node where the layout will start from, so the
// network is drawn at once, before the layout worker has answered.
function placeInitially(graph) {
  const ids = graph.nodes();
  const xy = new Float32Array(2 * ids.length);
  ids.forEach((id, i) => {
    const p = initialPosition(id, graph.getNodeAttribute(id, 'unit').jurisdiction);
    xy[2 * i] = p.x;
    xy[2 * i + 1] = p.y;
  });
  fit(xy);
  // updateEachNodeAttributes visits the nodes in the order nodes() listed them.
  let i = 0;
  graph.updateEachNodeAttributes((_id, attr) => {
    const at = i++;
    return { ...attr, x: xy[2 * at], y: xy[2 * at + 1] };
  });
}

// neighbourhood is a unit and everything within depth steps of it.
export function neighbourhood(graph, id, depth) {
  const seen = new Set([id]);
  let frontier = [id];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next = [];
    for (const n of frontier) {
      graph.forEachNeighbor(n, (m) => {
        if (!seen.has(m)) {
          seen.add(m);
          next.push(m);
        }
      });
    }
    frontier = next;
  }
  return seen;
}

// edgesWithin are the edges whose both ends are in the set of nodes.
export function edgesWithin(graph, nodes) {
  const edges = new Set();
  for (const n of nodes) {
    graph.forEachEdge(n, (e, _attr, s, t) => {
      if (nodes.has(s) && nodes.has(t)) edges.add(e);
    });
  }
  return edges;
}
