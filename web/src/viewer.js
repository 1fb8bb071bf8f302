import cytoscape from 'cytoscape';
import { gql } from './api.js';
import { coOwnershipFilter, readState, writeState } from './viewer/state.js';
import { colourOf, KIND_COLOURS, KIND_LABELS, scale, stylesheet } from './viewer/style.js';
import { renderTasks, sharedTasks, unitTasks } from './viewer/tasks.js';

const OPTIONS = `{ jurisdictions { path name } plans { jurisdiction year } }`;

// FIELDS asks the server whether the network carries communities (a
// server without the structure analysis has none); the viewer colours by
// community when it does, by unit kind otherwise.
const FIELDS = `{
  node: __type(name: "NetworkNode") { fields { name } }
  network: __type(name: "Network") { fields { name } }
}`;

const networkQuery = (withCommunity) => `
query Network($filter: CoOwnershipFilter, $minShared: Int) {
  network(filter: $filter, minShared: $minShared) {
    nodes { unit { id name aliases kind jurisdiction } lead cooperate total${withCommunity ? ' community' : ''} }
    edges { source target sharedTasks }${withCommunity ? '\n    communities { id size label }' : ''}
  }
}`;

const SEARCH = `
query Search($q: String!) {
  units(search: $q, first: 20) { totalCount edges { node { id name aliases kind jurisdiction } } }
}`;

const el = {
  cy: document.getElementById('cy'),
  filters: document.getElementById('filters'),
  search: document.getElementById('search'),
  status: document.getElementById('status'),
  details: document.getElementById('details'),
  legend: document.getElementById('legend'),
  exports: document.getElementById('exports'),
};

let state = readState(window.location.search);
let jurisdictions = [];
let plans = [];
let withCommunity = false;
// communityLabels names each community by its hub, when there are communities.
let communityLabels = new Map();
let cy = null;
// render calls can overlap when filters change quickly; only the newest
// one may draw.
let generation = 0;

// The browser test and anyone scripting the page read the drawn graph here.
const viewer = {
  ready: false,
  error: null,
  nodeCount: 0,
  edgeCount: 0,
  filter: null,
  // renderedPosition is where a unit's node is on the page, for clicking it.
  renderedPosition(unitID) {
    const n = cy && cy.getElementById(unitID);
    if (!n || n.empty()) return null;
    const box = el.cy.getBoundingClientRect();
    const p = n.renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y };
  },
  // edgePoint is a point of the edge between two units, on the page, that
  // no node covers and no other edge passes near (a click there selects the
  // edge), or null.
  edgePoint(sourceID, targetID) {
    const e = cy && cy.getElementById(`${sourceID}|${targetID}`);
    if (!e || e.empty()) return null;
    const a = e.source().renderedPosition();
    const b = e.target().renderedPosition();
    const bodies = cy.nodes().map((n) => ({ p: n.renderedPosition(), r: n.renderedOuterWidth() / 2 + 4 }));
    const others = cy.edges().not(e).map((o) => ({
      a: o.source().renderedPosition(),
      b: o.target().renderedPosition(),
      r: (o.data('width') * cy.zoom()) / 2 + 6,
    }));
    const box = el.cy.getBoundingClientRect();
    // From the middle outwards.
    for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85]) {
      const p = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      const clear = bodies.every((n) => Math.hypot(n.p.x - p.x, n.p.y - p.y) > n.r) &&
        others.every((o) => segmentDistance(p, o.a, o.b) > o.r);
      if (clear) return { x: box.left + p.x, y: box.top + p.y };
    }
    return null;
  },
  nodeIDs: () => (cy ? cy.nodes().map((n) => n.id()) : []),
};
window.__viewer = viewer;

// segmentDistance is the distance from point p to the segment a–b.
function segmentDistance(p, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function setStatus(text, isError = false) {
  el.status.textContent = text;
  el.status.classList.toggle('error', isError);
}

// jurisdictionPath turns the jurisdiction asked for (a path, a name, or a
// name without its 区/市 suffix, as the API takes) into a loaded path, or ''
// when it names none or several; the server then explains.
function jurisdictionPath(asked) {
  if (!asked) return '';
  if (jurisdictions.some((j) => j.path === asked)) return asked;
  const trim = (n) => n.replace(/(市|区|县|镇|街道)$/u, '');
  const hits = jurisdictions.filter((j) => j.name === asked || trim(j.name) === asked);
  return hits.length === 1 ? hits[0].path : '';
}

function fillSelect(select, options, value) {
  const keep = select.options[0];
  select.replaceChildren(keep);
  for (const [val, label] of options) {
    const o = document.createElement('option');
    o.value = val;
    o.textContent = label;
    select.append(o);
  }
  select.value = value;
}

// syncForm shows the state in the filter form; the year list follows the
// jurisdiction chosen.
function syncForm() {
  const f = el.filters.elements;
  const path = jurisdictionPath(state.jurisdiction);
  const jOptions = jurisdictions.map((j) => [j.path, j.path]);
  if (state.jurisdiction && !path) jOptions.push([state.jurisdiction, state.jurisdiction]);
  fillSelect(f.jurisdiction, jOptions, path || state.jurisdiction);
  const years = [...new Set(plans.filter((p) => !path || p.jurisdiction === path).map((p) => p.year))].sort((a, b) => b - a);
  if (state.year && !years.includes(state.year)) years.push(state.year);
  fillSelect(f.year, years.map((y) => [String(y), String(y)]), state.year ? String(state.year) : '');
  f.role.value = state.role;
  f.minShared.value = String(state.minShared);
  f.placeholders.checked = state.placeholders;
}

function readForm() {
  const f = el.filters.elements;
  const year = Number.parseInt(f.year.value, 10);
  const minShared = Number.parseInt(f.minShared.value, 10);
  return {
    ...state,
    jurisdiction: f.jurisdiction.value,
    year: Number.isInteger(year) ? year : null,
    role: f.role.value,
    minShared: Number.isInteger(minShared) && minShared >= 1 ? minShared : 1,
    placeholders: f.placeholders.checked,
  };
}

function pushState(next) {
  state = next;
  window.history.replaceState(null, '', window.location.pathname + writeState(state));
}

// exportLinks offers the network shown as files for Gephi, yEd and Neo4j
// (GET /export/network.*, same filter).
function exportLinks() {
  const q = new URLSearchParams();
  if (state.jurisdiction) q.set('jurisdiction', state.jurisdiction);
  if (state.year) q.set('year', String(state.year));
  if (state.role) q.set('roles', state.role);
  if (state.placeholders) q.set('includeCollective', 'true');
  if (state.minShared > 1) q.set('minShared', String(state.minShared));
  const query = q.toString() ? `?${q}` : '';
  el.exports.replaceChildren('导出网络 export: ');
  const formats = [['graphml', 'GraphML'], ['gexf', 'GEXF'], ['cypher', 'Cypher']];
  for (const [i, [format, label]] of formats.entries()) {
    if (i > 0) el.exports.append(' · ');
    el.exports.append(link(`/export/network.${format}${query}`, label, `network-${format}`));
  }
}

// workloadLinks offers a unit's tasks under the filter as a spreadsheet.
function workloadLinks(unit) {
  const q = new URLSearchParams({ unit: unit.name, jurisdiction: unit.jurisdiction });
  if (state.year) q.set('year', String(state.year));
  if (state.role) q.set('role', state.role.toLowerCase());
  const p = document.createElement('p');
  p.className = 'exports';
  p.append('导出任务 export: ', link(`/export/workload.xlsx?${q}`, 'XLSX', 'workload-xlsx'), ' · ', link(`/export/workload.csv?${q}`, 'CSV', 'workload-csv'));
  return p;
}

function link(href, text, name) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.dataset.export = name;
  return a;
}

// LEGEND_COMMUNITIES is how many communities the legend names; the palette
// repeats after ten anyway.
const LEGEND_COMMUNITIES = 10;

function renderLegend(network) {
  el.legend.replaceChildren();
  if (withCommunity) {
    const shown = network.communities.slice(0, LEGEND_COMMUNITIES);
    el.legend.append(paragraph('legend-title', `颜色 = 社区 colour = community (${network.communities.length})`));
    for (const c of shown) {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const dot = document.createElement('i');
      dot.style.background = colourOf({ community: c.id });
      item.append(dot, `${c.label} (${c.size})`);
      el.legend.append(item);
    }
    return;
  }
  const kinds = new Set(network.nodes.map((n) => n.unit.kind));
  for (const kind of Object.keys(KIND_COLOURS)) {
    if (!kinds.has(kind)) continue;
    const item = document.createElement('span');
    item.className = 'legend-item';
    const dot = document.createElement('i');
    dot.style.background = KIND_COLOURS[kind];
    item.append(dot, KIND_LABELS[kind]);
    el.legend.append(item);
  }
}

function elements(network) {
  const maxTotal = Math.max(0, ...network.nodes.map((n) => n.total));
  const maxShared = Math.max(0, ...network.edges.map((e) => e.sharedTasks));
  const nodes = network.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.unit.id,
      label: n.unit.name,
      unit: n.unit,
      lead: n.lead,
      cooperate: n.cooperate,
      total: n.total,
      community: n.community,
      colour: colourOf({ kind: n.unit.kind, community: n.community }),
      size: scale(n.total, maxTotal, 14, 64),
    },
  }));
  const edges = network.edges.map((e) => ({
    group: 'edges',
    data: {
      id: `${e.source}|${e.target}`,
      source: e.source,
      target: e.target,
      shared: e.sharedTasks,
      width: scale(e.sharedTasks, maxShared, 0.6, 10),
    },
  }));
  return [...nodes, ...edges];
}

async function render() {
  const mine = ++generation;
  viewer.ready = false;
  el.cy.dataset.state = 'loading';
  setStatus('加载中… loading');
  const filter = coOwnershipFilter(state);
  let data;
  try {
    data = await gql(networkQuery(withCommunity), { filter, minShared: state.minShared });
  } catch (err) {
    if (mine !== generation) return;
    viewer.error = err.message;
    el.cy.dataset.state = 'error';
    setStatus(err.message, true);
    return;
  }
  if (mine !== generation) return;
  const network = data.network;
  if (cy) cy.destroy();
  cy = cytoscape({
    container: el.cy,
    elements: elements(network),
    style: stylesheet(),
    // cose is Cytoscape's own force layout: no plugin to bundle. Strong
    // repulsion and weak gravity spread the dense core of a city's network,
    // where most departments share tasks with most others.
    layout: {
      name: 'cose',
      animate: false,
      randomize: false,
      nodeRepulsion: () => 40000,
      idealEdgeLength: () => 110,
      edgeElasticity: () => 60,
      nodeOverlap: 20,
      gravity: 0.4,
      numIter: 2500,
      padding: 30,
    },
    minZoom: 0.1,
    maxZoom: 4,
  });
  // Labels at least 12px on screen however far the fit zoomed out, so the
  // names stay readable in a spread-out network.
  cy.style().selector('node').style('font-size', Math.round(12 / Math.min(1, cy.zoom()))).update();
  cy.on('tap', 'node', (ev) => showUnit(ev.target));
  cy.on('tap', 'edge', (ev) => showEdge(ev.target));
  cy.on('tap', (ev) => {
    if (ev.target === cy) clearSelection();
  });
  communityLabels = new Map((network.communities || []).map((c) => [c.id, c.label]));
  renderLegend(network);
  exportLinks();

  viewer.nodeCount = cy.nodes().length;
  viewer.edgeCount = cy.edges().length;
  viewer.filter = { ...filter, minShared: state.minShared };
  viewer.error = null;
  el.cy.dataset.nodes = String(viewer.nodeCount);
  el.cy.dataset.edges = String(viewer.edgeCount);
  el.cy.dataset.state = 'ready';
  viewer.ready = true;
  const scope = [jurisdictionPath(state.jurisdiction) || state.jurisdiction || '全部辖区', state.year || '全部年度'].join(' · ');
  setStatus(`${scope}: ${viewer.nodeCount} 个单位 units, ${viewer.edgeCount} 条共担关系 pairs`);
  if (network.nodes.length === 0) setStatus(`${scope}: 无单位 no units under this filter`);
  if (state.unit) {
    const n = cy.nodes().filter((x) => x.data('unit').name === state.unit || x.id() === state.unit);
    if (n.nonempty()) showUnit(n[0]);
  }
}

function taskFilter() {
  return { year: state.year, role: state.role, jurisdictionPath: jurisdictionPath(state.jurisdiction) };
}

function focus(ele) {
  cy.elements().removeClass('faded').unselect();
  const near = ele.isNode() ? ele.closedNeighborhood() : ele.connectedNodes().union(ele);
  cy.elements().not(near).addClass('faded');
  ele.select();
}

function clearSelection() {
  cy.elements().removeClass('faded').unselect();
  pushState({ ...state, unit: '' });
}

function heading(text, sub) {
  const h = document.createElement('h2');
  h.textContent = text;
  if (sub) {
    const s = document.createElement('small');
    s.textContent = sub;
    h.append(' ', s);
  }
  return h;
}

// showDetails replaces the panel with a heading and, once loaded, a list;
// a slower answer for an earlier click is dropped.
let detailsGeneration = 0;
async function showDetails(head, load) {
  const mine = ++detailsGeneration;
  el.details.replaceChildren(...head, loadingNote());
  el.details.dataset.state = 'loading';
  try {
    const body = await load();
    if (mine !== detailsGeneration) return;
    el.details.replaceChildren(...head, ...body);
    el.details.dataset.state = 'ready';
  } catch (err) {
    if (mine !== detailsGeneration) return;
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = err.message;
    el.details.replaceChildren(...head, p);
    el.details.dataset.state = 'error';
  }
}

function loadingNote() {
  const p = document.createElement('p');
  p.className = 'hint';
  p.textContent = '加载中… loading';
  return p;
}

function showUnit(node) {
  focus(node);
  const unit = node.data('unit');
  pushState({ ...state, unit: unit.name });
  el.details.dataset.unitId = unit.id;
  const aka = unit.aliases.length > 0 ? ` · 又称 ${unit.aliases.join('、')}` : '';
  const community = communityLabels.has(node.data('community')) ? ` · 社区 community: ${communityLabels.get(node.data('community'))}` : '';
  const head = [
    heading(unit.name, `${unit.jurisdiction} · ${KIND_LABELS[unit.kind] || unit.kind}`),
    paragraph('summary', `主办 lead ${node.data('lead')} · 协办 cooperate ${node.data('cooperate')} · 共 total ${node.data('total')}${community}${aka}`),
    workloadLinks(unit),
  ];
  showDetails(head, async () => {
    const tasks = await unitTasks(unit, taskFilter());
    return [paragraph('count', `${tasks.length} 项任务 tasks`), renderTasks(tasks, [unit.id])];
  });
}

function showEdge(edge) {
  focus(edge);
  const a = edge.source().data('unit');
  const b = edge.target().data('unit');
  el.details.dataset.unitId = '';
  const head = [heading(`${a.name} ⇄ ${b.name}`, `共担 ${edge.data('shared')} 项 shared tasks`)];
  showDetails(head, async () => {
    const tasks = await sharedTasks(a, b, taskFilter());
    return [paragraph('count', `${tasks.length} 项共担任务 shared tasks`), renderTasks(tasks, [a.id, b.id])];
  });
}

function paragraph(cls, text) {
  const p = document.createElement('p');
  p.className = cls;
  p.textContent = text;
  return p;
}

// search looks a unit up by any part of its name or aliases and selects it
// when it is drawn; otherwise it lists the candidates.
async function search(q) {
  if (!q) return;
  let found;
  try {
    found = (await gql(SEARCH, { q })).units;
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  const units = found.edges.map((e) => e.node);
  const drawn = units.filter((u) => cy && cy.getElementById(u.id).nonempty());
  if (drawn.length === 1) {
    const node = cy.getElementById(drawn[0].id);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    showUnit(node);
    return;
  }
  const list = document.createElement('ul');
  list.className = 'search-results';
  for (const u of units) {
    const li = document.createElement('li');
    const inGraph = cy && cy.getElementById(u.id).nonempty();
    const aka = u.aliases.filter((x) => x.includes(q));
    li.textContent = `${u.name} (${u.jurisdiction})${aka.length > 0 ? ` 又称 ${aka.join('、')}` : ''}`;
    if (inGraph) {
      li.classList.add('drawn');
      li.addEventListener('click', () => showUnit(cy.getElementById(u.id)));
    } else {
      li.append(' — 不在当前网络 not in this view');
    }
    list.append(li);
  }
  const more = found.totalCount > units.length ? `（共 ${found.totalCount} 个，显示前 ${units.length} 个）` : '';
  el.details.replaceChildren(
    heading(`“${q}”`, units.length === 0 ? '无匹配单位 no unit matches' : `${found.totalCount} 个单位 units ${more}`),
    list,
  );
}

async function init() {
  try {
    const [options, fields] = await Promise.all([gql(OPTIONS), gql(FIELDS)]);
    jurisdictions = options.jurisdictions;
    plans = options.plans;
    const has = (type, name) => (type?.fields || []).some((f) => f.name === name);
    withCommunity = has(fields.node, 'community') && has(fields.network, 'communities');
  } catch (err) {
    viewer.error = err.message;
    el.cy.dataset.state = 'error';
    setStatus(err.message, true);
    return;
  }
  syncForm();
  el.filters.addEventListener('change', () => {
    const next = readForm();
    if (next.jurisdiction !== state.jurisdiction) next.year = null;
    pushState({ ...next, unit: '' });
    syncForm();
    render();
  });
  el.filters.addEventListener('submit', (ev) => ev.preventDefault());
  el.search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    search(el.search.elements.q.value.trim());
  });
  await render();
}

init();
