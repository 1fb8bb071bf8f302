// The co-ownership viewer: it reads the view from the URL, asks the API for
// the network, draws it at once from positions hashed from the unit IDs,
// refines them in a worker, and keeps the URL in step with what the reader
// does. The modules under viewer/ each own one part; this file wires them.
import { gql } from './api.js';
import { BETWEENNESS_MAX_UNITS, fetchAnalysis, fetchLayoutNetwork, fetchNetwork, fetchOptions, fetchWorkloadChanges, layoutIsShown } from './viewer/data.js';
import { clear, heading, link, paragraph, showList, showPair, showUnit } from './viewer/details.js';
import { buildGraph, edgesWithin, neighbourhood, pairKey } from './viewer/graph.js';
import { startLayout } from './viewer/layout.js';
import { composeCanvas, downloadPNG, downloadSVG } from './viewer/picture.js';
import { createRenderer, MANY_EDGES } from './viewer/renderer.js';
import { COLOUR_BY, coOwnershipFilter, MAX_DEPTH, readState, SIZE_BY, TABLES, withoutSelection, writeState } from './viewer/state.js';
import { CHANGE_COLOURS, CHANGE_LABELS, COLOUR_LABELS, communityColour, KIND_COLOURS, KIND_LABELS, restyle, sequential, SIZE_LABELS } from './viewer/style.js';
import { parseSort, renderTable } from './viewer/table.js';
import { TABLE_LABELS, tableSpec } from './viewer/tables.js';

const SEARCH = `
query Search($q: String!) {
  units(search: $q, first: 20) { totalCount edges { node { id name aliases kind jurisdiction } } }
}`;

const el = {
  cy: document.getElementById('cy'),
  filters: document.getElementById('filters'),
  drawer: document.getElementById('drawer'),
  search: document.getElementById('search'),
  status: document.getElementById('status'),
  progress: document.getElementById('progress'),
  tabs: document.getElementById('tabs'),
  table: document.getElementById('table'),
  legend: document.getElementById('legend'),
  exports: document.getElementById('exports'),
};

let state = readState(window.location.search);
let jurisdictions = [];
let plans = [];
// optionsLoaded settles when jurisdictions and plans are known.
let optionsLoaded = null;
// view is what is drawn: the graph, its renderer, the analysis and compare
// mode's workload changes once they arrive.
let view = null;
// load calls can overlap when filters change quickly; only the newest one
// may draw, and its layout worker is the only one running.
let generation = 0;
let stopLayout = () => {};
// aborter cancels the requests of a view that was left.
let aborter = new AbortController();

// The browser test and anyone scripting the page read the view here.
const viewer = {
  ready: false,
  error: null,
  nodeCount: 0,
  edgeCount: 0,
  filter: null,
  // layout: 'waiting' (hashed positions), 'running', 'done'.
  layout: 'waiting',
  layoutStats: null,
  // Milliseconds since navigation: network answered, first drawn, laid out.
  timings: {},
  hovered: null,
  // selected: null, {kind: 'unit', id}, {kind: 'pair', source, target}, or
  // {kind: 'community', id}.
  selected: null,
  compare: null,
  analysis: false,
  nodeIDs: () => (view ? view.graph.nodes() : []),
  // paintedPixels counts the pixels of the picture (as the PNG export
  // composes it) that are not background: the graph is really drawn.
  paintedPixels() {
    if (!view) return 0;
    const canvas = composeCanvas(view.renderer.sigma);
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) n++;
    return n;
  },
  // positions are the nodes' layout coordinates, rounded to what a reader
  // could tell apart.
  positions() {
    const out = {};
    if (view) view.graph.forEachNode((id, a) => (out[id] = [Math.round(a.x * 100) / 100, Math.round(a.y * 100) / 100]));
    return out;
  },
  // labels are the names drawn, as boxes on the canvas, heaviest first.
  labels: () => (view ? view.renderer.labels.placed.map(({ text, x0, y0, x1, y1 }) => ({ text, x0, y0, x1, y1 })) : []),
  // camera is sigma's camera state: x, y (the framed graph's 0–1 units) and ratio.
  camera: () => (view ? view.renderer.sigma.getCamera().getState() : null),
  // renderedPosition is where a unit's node is on the page, for clicking it.
  renderedPosition: (id) => (view ? view.renderer.pagePosition(id) : null),
  // graphBox is the page box every node's disk lies in.
  graphBox() {
    if (!view) return null;
    const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    for (const id of view.graph.nodes()) {
      const p = view.renderer.pagePosition(id);
      box.left = Math.min(box.left, p.x - p.r);
      box.right = Math.max(box.right, p.x + p.r);
      box.top = Math.min(box.top, p.y - p.r);
      box.bottom = Math.max(box.bottom, p.y + p.r);
    }
    return box;
  },
  // edgePoint is a point of the edge between two units, on the page, that
  // no node covers and no other edge passes near (a click there selects the
  // edge), or null.
  edgePoint(source, target) {
    if (!view || !view.graph.hasEdge(pairKey(source, target))) return null;
    const { graph, renderer } = view;
    const a = renderer.pagePosition(source);
    const b = renderer.pagePosition(target);
    const bodies = graph.nodes().map((id) => renderer.pagePosition(id));
    const sigma = renderer.sigma;
    const others = graph.filterEdges((e) => e !== pairKey(source, target)).map((e) => ({
      a: renderer.pagePosition(graph.source(e)),
      b: renderer.pagePosition(graph.target(e)),
      r: sigma.scaleSize(graph.getEdgeAttribute(e, 'size')) / 2 + 4,
    }));
    for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85]) {
      const p = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      const clear = bodies.every((n) => Math.hypot(n.x - p.x, n.y - p.y) > n.r + 4) && others.every((o) => segmentDistance(p, o.a, o.b) > o.r);
      if (clear) return p;
    }
    return null;
  },
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

// progress shows what the page is waiting for; fraction null is a stage
// without a measure (the server computing).
function progress(stage, text, fraction = null) {
  el.progress.dataset.stage = stage;
  el.progress.hidden = stage === 'done';
  el.progress.querySelector('.progress-text').textContent = text;
  const bar = el.progress.querySelector('progress');
  if (fraction === null) bar.removeAttribute('value');
  else bar.value = fraction;
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

function fillSelect(select, options, value, keepFirst = true) {
  const keep = keepFirst ? [select.options[0]] : [];
  select.replaceChildren(...keep);
  for (const [val, label] of options) {
    const o = document.createElement('option');
    o.value = val;
    o.textContent = label;
    select.append(o);
  }
  select.value = value;
}

// colourBy is the colour menu's choice: by change in compare mode, by
// community otherwise, unless the reader chose; change means nothing
// outside compare mode.
function colourBy() {
  if (state.colour === 'change' && !state.from) return 'community';
  return state.colour || (state.from ? 'change' : 'community');
}

// syncForm shows the state in the filter form; the year lists follow the
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
  // Compare mode needs one jurisdiction and a year to compare against.
  const others = years.filter((y) => y !== state.year);
  fillSelect(f.from, others.map((y) => [String(y), `${y} → ${state.year || ''}`]), state.from ? String(state.from) : '');
  f.from.disabled = !path || !state.year;
  f.role.value = state.role;
  f.minShared.value = String(state.minShared);
  f.placeholders.checked = state.placeholders;
  fillSelect(f.colour, COLOUR_BY.filter((c) => c !== 'change' || state.from).map((c) => [c, COLOUR_LABELS[c]]), colourBy(), false);
  fillSelect(f.size, SIZE_BY.map((s) => [s, SIZE_LABELS[s]]), state.size, false);
  for (const o of [...f.colour.options, ...f.size.options]) {
    o.disabled = o.value === 'betweenness' && view !== null && !(view.analysis && view.analysis.withBetweenness);
  }
}

function readForm() {
  const f = el.filters.elements;
  const year = Number.parseInt(f.year.value, 10);
  const from = Number.parseInt(f.from.value, 10);
  const minShared = Number.parseInt(f.minShared.value, 10);
  return {
    ...state,
    jurisdiction: f.jurisdiction.value,
    year: Number.isInteger(year) ? year : null,
    from: Number.isInteger(from) ? from : null,
    role: f.role.value,
    minShared: Number.isInteger(minShared) && minShared >= 1 ? minShared : 1,
    placeholders: f.placeholders.checked,
    colour: f.colour.value === (state.from ? 'change' : 'community') ? '' : f.colour.value,
    size: f.size.value,
  };
}

function pushState(next) {
  state = next;
  window.history.replaceState(null, '', window.location.pathname + writeState(state));
}

// taskFilter is what a unit's or pair's task list is asked for, in a year.
function taskFilter(year = state.year) {
  return { year, role: state.role, jurisdictionPath: jurisdictionPath(state.jurisdiction) };
}

// exportLinks offers the network shown as files for Gephi, yEd and Neo4j
// (GET /export/network.*, same filter), and the picture as PNG or SVG.
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
  const name = ['dutygraph', jurisdictionPath(state.jurisdiction).replaceAll('/', '-') || 'all', state.from ? `${state.from}-${state.year}` : state.year || 'all-years'].join('-');
  const png = document.createElement('button');
  png.type = 'button';
  png.textContent = 'PNG';
  png.dataset.export = 'png';
  png.addEventListener('click', () => view && downloadPNG(view.renderer.sigma, name));
  const svg = document.createElement('button');
  svg.type = 'button';
  svg.textContent = 'SVG';
  svg.dataset.export = 'svg';
  svg.addEventListener('click', () => view && downloadSVG(view.renderer.sigma, view.renderer.labels, name));
  el.exports.append(document.createElement('br'), '导出图片 picture: ', png, ' ', svg);
}

// LEGEND_COMMUNITIES is how many communities the legend names; the palette
// repeats after ten anyway.
const LEGEND_COMMUNITIES = 10;

function legendItem(colour, text) {
  const item = document.createElement('span');
  item.className = 'legend-item';
  const dot = document.createElement('i');
  dot.style.background = colour;
  item.append(dot, text);
  return item;
}

function renderLegend() {
  el.legend.replaceChildren();
  if (!view) return;
  const by = colourBy();
  el.legend.append(paragraph('legend-title', `颜色 colour = ${COLOUR_LABELS[by]} · 大小 size = ${SIZE_LABELS[state.size]}`));
  if (by === 'community' && view.analysis) {
    for (const c of view.analysis.communities.slice(0, LEGEND_COMMUNITIES)) el.legend.append(legendItem(communityColour(c.id), `${c.label} (${c.size})`));
  } else if (by === 'kind') {
    const kinds = new Set(view.graph.mapNodes((_n, a) => a.unit.kind));
    for (const kind of Object.keys(KIND_COLOURS)) if (kinds.has(kind)) el.legend.append(legendItem(KIND_COLOURS[kind], KIND_LABELS[kind]));
  } else if (by === 'change') {
    for (const c of ['new', 'gone', 'kept', 'added', 'dropped', 'stronger', 'weaker']) el.legend.append(legendItem(CHANGE_COLOURS[c], CHANGE_LABELS[c]));
  } else if (by === 'total' || by === 'betweenness') {
    el.legend.append(legendItem(sequential(0), '低 low'), legendItem(sequential(0.5), ''), legendItem(sequential(1), '高 high'));
  }
}

// restyleView applies the colour and size menus to what is drawn.
function restyleView() {
  if (!view) return;
  restyle(view.graph, { colourBy: colourBy(), sizeBy: state.size });
  renderLegend();
}

// ---- Selection ----

// unitParam names a unit in the URL by name when the name is unique in the
// graph (readable links), by ID otherwise (a national network has a 区发改委
// in every district).
function unitParam(id) {
  const { name } = view.graph.getNodeAttribute(id, 'unit');
  return view.graph.filterNodes((_n, a) => a.unit.name === name).length === 1 ? name : id;
}

function findUnit(param) {
  if (!param || !view) return null;
  if (view.graph.hasNode(param)) return param;
  return view.graph.findNode((_n, a) => a.unit.name === param || a.label === param || a.unit.aliases.includes(param)) || null;
}

// select focuses the graph on a unit, a pair or a community, shows its
// details and writes it to the URL. moveCamera brings it into view (a
// table row or a search; a click on the graph leaves the camera).
function select(selection, { moveCamera = false } = {}) {
  if (!view) return;
  const { graph, renderer } = view;
  viewer.selected = selection;
  if (!selection) {
    renderer.setFocus(null);
    pushState(withoutSelection(state));
    clear('点击单位查看其任务，点击连线查看共担任务。Click a unit for its tasks, an edge for the tasks both share.');
    renderTables();
    return;
  }
  if (selection.kind === 'unit') {
    const id = selection.id;
    const nodes = neighbourhood(graph, id, state.depth);
    renderer.setFocus({ nodes, edges: edgesWithin(graph, nodes), selected: id });
    pushState({ ...withoutSelection(state), unit: unitParam(id), depth: state.depth });
    const attr = graph.getNodeAttributes(id);
    const community = view.analysis?.communities[attr.community];
    const extra = [community ? ` · 社区 community: ${community.label}` : '', attr.change ? ` · ${CHANGE_LABELS[attr.change]}` : ''].join('');
    const canExpand = state.depth < MAX_DEPTH && neighbourhood(graph, id, state.depth + 1).size > nodes.size;
    const stepTo = (depth) => {
      state = { ...state, depth };
      select(selection);
    };
    showUnit(attr, extra, taskFilter(), { depth: state.depth, size: nodes.size, canExpand, expand: () => stepTo(state.depth + 1), collapse: () => stepTo(state.depth - 1) });
    if (moveCamera) renderer.show([id]);
  } else if (selection.kind === 'pair') {
    const { source, target } = selection;
    const key = pairKey(source, target);
    renderer.setFocus({ nodes: new Set([source, target]), edges: new Set([key]), selected: key });
    pushState({ ...withoutSelection(state), pair: [source, target] });
    const e = graph.getEdgeAttributes(key);
    const line = e.change
      ? `${state.from}: ${e.fromShared} → ${state.year}: ${e.toShared} 项共担 shared · ${CHANGE_LABELS[e.change]}`
      : `共担 ${e.shared} 项 shared tasks`;
    const years = state.from ? [state.from, state.year] : [state.year];
    showPair(graph.getNodeAttribute(source, 'unit'), graph.getNodeAttribute(target, 'unit'), line, years.map((y) => taskFilter(y)));
    if (moveCamera) renderer.show([source, target]);
  } else if (selection.kind === 'community') {
    const nodes = new Set(graph.filterNodes((_n, a) => a.community === selection.id));
    renderer.setFocus({ nodes, edges: edgesWithin(graph, nodes), selected: null });
    pushState({ ...withoutSelection(state), community: selection.id });
    const c = view.analysis.communities[selection.id];
    const list = document.createElement('ul');
    list.className = 'members';
    for (const id of [...nodes].sort((x, y) => graph.getNodeAttribute(y, 'total') - graph.getNodeAttribute(x, 'total'))) {
      const li = document.createElement('li');
      li.textContent = `${graph.getNodeAttribute(id, 'label')} (${graph.getNodeAttribute(id, 'total')})`;
      li.addEventListener('click', () => select({ kind: 'unit', id }, { moveCamera: true }));
      list.append(li);
    }
    showList([heading(`社区 community #${c.id}: ${c.label}`, `${c.size} 个单位 units`)], [list]);
    if (moveCamera) renderer.show([...nodes]);
  }
  renderTables();
}

// restoreSelection selects what the URL names, once the graph is drawn.
function restoreSelection() {
  if (state.pair && view.graph.hasEdge(pairKey(state.pair[0], state.pair[1]))) {
    select({ kind: 'pair', source: state.pair[0], target: state.pair[1] });
    return;
  }
  const id = findUnit(state.unit);
  if (id) select({ kind: 'unit', id });
  else if (state.community !== null && view.analysis?.communities[state.community]) select({ kind: 'community', id: state.community });
}

// ---- Tables ----

function selectedRowKey(table) {
  const s = viewer.selected;
  if (!s) return '';
  if (s.kind === 'pair' && table === 'pairs') return pairKey(s.source, s.target);
  if (s.kind === 'unit' && (table === 'units' || table === 'brokers')) return s.id;
  if (s.kind === 'community' && table === 'communities') return String(s.id);
  return '';
}

function renderTables() {
  if (!view) return;
  el.tabs.replaceChildren();
  for (const t of TABLES) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = TABLE_LABELS[t];
    b.dataset.table = t;
    b.setAttribute('aria-pressed', String(t === state.table));
    b.addEventListener('click', () => {
      pushState({ ...state, table: t, sort: '' });
      renderTables();
    });
    el.tabs.append(b);
  }
  const spec = tableSpec(state.table, { ...view, year: state.year, from: state.from });
  el.table.replaceChildren(renderTable({
    ...spec,
    sort: parseSort(state.sort || spec.defaultSort, spec.columns, parseSort(spec.defaultSort, spec.columns, null)),
    selected: selectedRowKey(state.table),
    onSort: (sort) => {
      pushState({ ...state, sort });
      renderTables();
    },
    onSelect: (row) => {
      if (state.table === 'pairs') select({ kind: 'pair', source: row.source, target: row.target }, { moveCamera: true });
      else if (state.table === 'communities') select({ kind: 'community', id: row.id }, { moveCamera: true });
      else select({ kind: 'unit', id: row.key }, { moveCamera: true });
    },
  }));
}

// ---- Loading ----

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

function failed(err) {
  viewer.error = err.message;
  el.cy.dataset.state = 'error';
  progress('done', '');
  setStatus(err.message, true);
}

async function load() {
  const mine = ++generation;
  stopLayout();
  aborter.abort();
  aborter = new AbortController();
  const { signal } = aborter;
  viewer.ready = false;
  viewer.timings = {};
  viewer.layout = 'waiting';
  viewer.analysis = false;
  viewer.compare = null;
  el.cy.dataset.state = 'loading';
  el.cy.dataset.layout = 'waiting';
  progress('network', '正在读取网络 fetching the network…');
  const compare = state.from !== null;
  const shown = fetchNetwork(signal, state, state.year, (bytes) => {
    if (mine === generation) progress('network', `正在读取网络 fetching the network… ${megabytes(bytes)}`);
  });
  const before = compare ? fetchNetwork(signal, state, state.from) : Promise.resolve(null);
  // The layout's network (all years of the jurisdiction) is asked next;
  // the picture does not wait for it.
  const forLayout = layoutIsShown(state) ? shown : fetchLayoutNetwork(signal, state);
  forLayout.catch(() => {});
  let network;
  let fromNetwork;
  try {
    [network, fromNetwork] = await Promise.all([shown, before, optionsLoaded]);
  } catch (err) {
    if (mine === generation) failed(err);
    return;
  }
  if (mine !== generation) return;
  viewer.timings.network = Math.round(performance.now());
  progress('drawing', `正在绘制 drawing ${network.nodes.length} 个单位 units, ${network.edges.length} 条关系 pairs…`);
  await nextFrame();
  if (mine !== generation) return;

  const graph = buildGraph(network, fromNetwork);
  if (view) view.renderer.kill();
  view = { graph, renderer: null, analysis: null, changes: null, compare };
  restyleView();
  view.renderer = createRenderer(el.cy, graph, {
    clickNode: (id) => select({ kind: 'unit', id }),
    clickEdge: (key) => select({ kind: 'pair', source: graph.source(key), target: graph.target(key) }),
    clickStage: () => select(null),
    hover: (id) => {
      viewer.hovered = id;
    },
    cameraMoved: rememberCamera,
  });
  if (state.camera) view.renderer.sigma.getCamera().setState(state.camera);

  viewer.nodeCount = graph.order;
  viewer.edgeCount = graph.size;
  viewer.filter = { ...coOwnershipFilter(state), minShared: state.minShared };
  viewer.error = null;
  viewer.compare = compare ? compareSummary(graph) : null;
  el.cy.dataset.nodes = String(graph.order);
  el.cy.dataset.edges = String(graph.size);
  el.cy.dataset.state = 'ready';
  viewer.ready = true;
  viewer.timings.drawn = Math.round(performance.now());
  const scope = [jurisdictionPath(state.jurisdiction) || state.jurisdiction || '全部辖区', compare ? `${state.from} → ${state.year}` : state.year || '全部年度'].join(' · ');
  setStatus(graph.order === 0 ? `${scope}: 无单位 no units under this filter` : `${scope}: ${graph.order} 个单位 units, ${graph.size} 条共担关系 pairs`);
  syncForm();
  exportLinks();
  restoreSelection();
  if (!viewer.selected) renderTables();

  // The analysis is asked once the layout is done: Louvain over a
  // national network keeps the server busy for seconds, and on a small
  // machine the page, the layout and the server share the cores; colour
  // can wait, the first hover should not.
  layOut(mine, forLayout).then(() => analyse(mine, signal));
  if (compare) compareWorkloads(mine, signal);
}

// layOut refines the positions in the worker. Each snapshot it applies
// re-indexes and redraws the whole graph on the page's thread: a city's
// network is shown settling, at most every SNAPSHOT_MS, while a national
// one (more than MANY_EDGES pairs, seconds a redraw in software WebGL)
// moves once, to its final positions, and answers the mouse meanwhile.
const SNAPSHOT_MS = 400;
const snapshotsWanted = (edges) => edges <= MANY_EDGES;

async function layOut(mine, forLayout) {
  let network;
  try {
    network = await forLayout;
  } catch (err) {
    if (mine === generation) setStatus(`布局 layout: ${err.message}`, true);
    return;
  }
  // The first picture is drawn first: on a machine without a GPU the
  // browser draws WebGL on the CPU, and a worker busy with the layout
  // meanwhile took it a second longer to show a national network.
  await nextFrame();
  if (mine !== generation) return;
  viewer.layout = 'running';
  el.cy.dataset.layout = 'running';
  progress('layout', '正在布局 laying out (ForceAtlas2)…', 0);
  const started = performance.now();
  let last = started;
  const apply = (positions) => {
    view.graph.updateEachNodeAttributes((id, a) => {
      const p = positions.get(id);
      return p ? { ...a, x: p.x, y: p.y } : a;
    }, { attributes: ['x', 'y'] });
  };
  // The promise settles when the layout ends; a layout stopped for a newer
  // view never does, and what waits on it is moot.
  await new Promise((resolve) => {
    stopLayout = startLayout(network, {
      onProgress: ({ phase, fraction, positions }) => {
        progress('layout', phase === 'noverlap' ? '正在避免重叠 removing overlaps…' : `正在布局 laying out (ForceAtlas2) ${Math.round(fraction * 100)}%`, fraction * 0.9);
        if (!snapshotsWanted(view.graph.size) || performance.now() - last < SNAPSHOT_MS) return;
        last = performance.now();
        apply(positions);
      },
      onDone: ({ positions, ...stats }) => {
        apply(positions);
        viewer.layout = 'done';
        viewer.layoutStats = { nodes: network.nodes.length, edges: network.edges.length, iterations: stats.iterations, setupMs: Math.round(stats.setupMs), forceAtlas2Ms: Math.round(stats.forceAtlas2Ms), noverlapMs: Math.round(stats.noverlapMs), wallMs: Math.round(performance.now() - started) };
        viewer.timings.laidOut = Math.round(performance.now());
        el.cy.dataset.layout = 'done';
        progress('done', '');
        resolve();
      },
      onError: (err) => {
        setStatus(err.message, true);
        resolve();
      },
    });
  });
}

// analyse asks for communities, degrees and betweenness and, when they
// come, colours by them and fills the brokers and communities tables.
async function analyse(mine, signal) {
  if (mine !== generation) return;
  let analysis;
  try {
    analysis = await fetchAnalysis(signal, state, view.graph.order);
  } catch (err) {
    if (mine === generation) setStatus(`分析 analysis: ${err.message}`, true);
    return;
  }
  if (mine !== generation) return;
  const { graph } = view;
  const byID = new Map(analysis.nodes.map((n) => [n.unit.id, n]));
  graph.updateEachNodeAttributes((id, a) => {
    const n = byID.get(id);
    return n ? { ...a, community: n.community, ...(analysis.withBetweenness ? { betweenness: n.betweenness } : {}) } : a;
  });
  view.analysis = analysis;
  viewer.analysis = true;
  restyleView();
  syncForm();
  if (!viewer.selected && state.community !== null) restoreSelection();
  renderTables();
}

// compareWorkloads asks workloadChange for every unit drawn in compare mode.
async function compareWorkloads(mine, signal) {
  const units = view.graph.mapNodes((_n, a) => a.unit);
  let changes;
  try {
    changes = await fetchWorkloadChanges(signal, units, state.from, state.year);
  } catch (err) {
    if (mine === generation) setStatus(`workloadChange: ${err.message}`, true);
    return;
  }
  if (mine !== generation) return;
  view.changes = changes;
  viewer.compare.workloadChange = Object.fromEntries([...changes].map(([id, c]) => [id, { unit: c.unit.id, from: c.from.total, to: c.to.total, leadDelta: c.leadDelta, cooperateDelta: c.cooperateDelta, totalDelta: c.totalDelta }]));
  renderTables();
}

// compareSummary lists, for scripts and the browser test, what compare
// mode found: pairs by change, units that appeared or disappeared.
function compareSummary(graph) {
  const pairs = { added: [], dropped: [], stronger: [], weaker: [] };
  graph.forEachEdge((key, a) => {
    if (pairs[a.change]) pairs[a.change].push(key);
  });
  return {
    from: state.from,
    to: state.year,
    pairs,
    units: { appeared: graph.filterNodes((_n, a) => a.change === 'new'), disappeared: graph.filterNodes((_n, a) => a.change === 'gone') },
  };
}

// rememberCamera keeps the camera in the URL, a moment after it stops.
let cameraTimer = 0;
function rememberCamera(camera) {
  clearTimeout(cameraTimer);
  cameraTimer = setTimeout(() => pushState({ ...state, camera: { x: camera.x, y: camera.y, ratio: camera.ratio } }), 300);
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
  const drawn = units.filter((u) => view && view.graph.hasNode(u.id));
  if (drawn.length === 1) {
    select({ kind: 'unit', id: drawn[0].id }, { moveCamera: true });
    return;
  }
  const list = document.createElement('ul');
  list.className = 'search-results';
  for (const u of units) {
    const li = document.createElement('li');
    const inGraph = view && view.graph.hasNode(u.id);
    const aka = u.aliases.filter((x) => x.includes(q));
    li.textContent = `${u.name} (${u.jurisdiction})${aka.length > 0 ? ` 又称 ${aka.join('、')}` : ''}`;
    if (inGraph) {
      li.classList.add('drawn');
      li.addEventListener('click', () => select({ kind: 'unit', id: u.id }, { moveCamera: true }));
    } else {
      li.append(' — 不在当前网络 not in this view');
    }
    list.append(li);
  }
  const more = found.totalCount > units.length ? `（共 ${found.totalCount} 个，显示前 ${units.length} 个）` : '';
  showList([heading(`“${q}”`, units.length === 0 ? '无匹配单位 no unit matches' : `${found.totalCount} 个单位 units ${more}`)], [list]);
}

async function init() {
  // The network is asked at once, beside the form's options: the API takes
  // the jurisdiction as the URL writes it, and the first picture should
  // not wait for the lists of places and years (load waits for them only
  // once its network has come).
  optionsLoaded = fetchOptions().then((options) => {
    jurisdictions = options.jurisdictions;
    plans = options.plans;
  });
  const first = load();
  try {
    await optionsLoaded;
  } catch (err) {
    failed(err);
    return;
  }
  syncForm();
  el.filters.addEventListener('change', (ev) => {
    const next = readForm();
    // The menus restyle what is drawn; the filters ask for a new network.
    if (ev.target.name === 'colour' || ev.target.name === 'size') {
      pushState(next);
      restyleView();
      if (view) view.renderer.labels.redraw();
      renderTables();
      return;
    }
    if (next.jurisdiction !== state.jurisdiction) {
      next.year = null;
      next.from = null;
    }
    if (!next.year || next.from === next.year) next.from = null;
    pushState({ ...withoutSelection(next), camera: null });
    syncForm();
    load();
  });
  el.filters.addEventListener('submit', (ev) => ev.preventDefault());
  el.drawer.addEventListener('click', () => {
    const open = !document.body.classList.contains('drawer-open');
    document.body.classList.toggle('drawer-open', open);
    el.drawer.setAttribute('aria-expanded', String(open));
  });
  el.search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    search(el.search.elements.q.value.trim());
  });
  await first;
}

init();
