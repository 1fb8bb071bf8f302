// How the network looks: what a node's colour and size stand for (chosen
// from the menus), edge width by shared tasks, and compare mode's colours.

// FONT_STACK must name a CJK font the machine has: canvas labels do not fall
// back the way HTML text does on every platform (see cjk.css).
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

export const KIND_COLOURS = {
  DEPARTMENT: '#4e79a7',
  DISTRICT_GOVERNMENT: '#f28e2b',
  MANAGEMENT_COMMITTEE: '#59a14f',
  PARTY_ORGAN: '#e15759',
  STATE_OWNED_GROUP: '#b07aa1',
  MASS_ORGANIZATION: '#edc948',
  SUBDISTRICT: '#76b7b2',
  EXTERNAL: '#9c755f',
  PLACEHOLDER: '#bab0ac',
};

export const KIND_LABELS = {
  DEPARTMENT: '部门 department',
  DISTRICT_GOVERNMENT: '区政府 district government',
  MANAGEMENT_COMMITTEE: '管委会 management committee',
  PARTY_ORGAN: '党委机构 party organ',
  STATE_OWNED_GROUP: '国企 state-owned group',
  MASS_ORGANIZATION: '群团 mass organisation',
  SUBDISTRICT: '街道 subdistrict',
  EXTERNAL: '垂直/外部 external',
  PLACEHOLDER: '集合 placeholder',
};

export const COLOUR_LABELS = {
  community: '社区 community',
  kind: '类型 kind',
  total: '工作量 workload',
  betweenness: '中介 betweenness',
  change: '变化 change',
};

export const SIZE_LABELS = {
  total: '工作量 workload',
  lead: '主办 lead',
  cooperate: '协办 cooperate',
  betweenness: '中介 betweenness',
  weightedDegree: '共担合计 weighted degree',
};

// Compare mode: green for what came, red for what went, darker green and
// orange for pairs that share more or fewer tasks than the year before.
export const CHANGE_COLOURS = {
  new: '#2ca02c',
  gone: '#d62728',
  kept: '#8c96a3',
  added: '#2ca02c',
  dropped: '#d62728',
  stronger: '#1b5e20',
  weaker: '#ef8a17',
  same: '#c5cbd3',
};

export const CHANGE_LABELS = {
  new: '新出现 appeared',
  gone: '消失 disappeared',
  kept: '保留 continuing',
  added: '新增 added',
  dropped: '终止 dropped',
  stronger: '加强 strengthened',
  weaker: '减弱 weakened',
  same: '不变 unchanged',
};

// Community colours: a categorical palette cycled by community number.
const COMMUNITY_PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
];

export function communityColour(id) {
  return COMMUNITY_PALETTE[Math.abs(id) % COMMUNITY_PALETTE.length];
}

// Node sizes are radii in layout units (positions.js's SPACING is 10), so
// they zoom with the drawing and the layout's no-overlap pass can keep
// them apart.
export const NODE_SIZE = { min: 2, max: 8 };
const EDGE_SIZE = { min: 0.25, max: 2.5 };

// Faded is how what lies outside the selection is drawn. Colours are
// opaque: sigma blends as if colours were premultiplied, so a translucent
// rgba() comes out washed to white.
export const FADED_NODE = '#e3e6ea';
export const FADED_EDGE = '#f1f3f5';

// scale maps a count onto [lo, hi] by square root, so that a unit with 40
// tasks is visibly bigger than one with 4 without dwarfing everything.
export function scale(value, max, lo, hi) {
  if (max <= 0) return lo;
  return lo + (hi - lo) * Math.sqrt(Math.max(0, value) / max);
}

// sequential is a light-to-dark blue ramp for a measure in [0, 1].
export function sequential(t) {
  const light = [222, 235, 247];
  const dark = [8, 48, 107];
  const c = light.map((l, i) => Math.round(l + (dark[i] - l) * Math.sqrt(Math.min(1, Math.max(0, t)))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

// edgeColour: lighter for a large network where thousands of pairs cross;
// compare mode colours a pair by its change.
function edgeColour(attr, crowded, compare) {
  if (compare) return CHANGE_COLOURS[attr.change];
  return crowded ? '#dfe3e8' : '#aab3be';
}

// CROWDED_EDGES is where edges get lighter: past it, they are a texture.
const CROWDED_EDGES = 5000;

function maxOf(graph, key) {
  let max = 0;
  graph.forEachNode((_n, a) => {
    if ((a[key] || 0) > max) max = a[key];
  });
  return max;
}

// nodeColour is a node's colour under the menu's choice; what is not known
// yet (communities before the analysis answers) is grey.
function nodeColour(attr, by, maxima) {
  switch (by) {
    case 'community':
      return attr.community === undefined ? '#9aa5b1' : communityColour(attr.community);
    case 'kind':
      return KIND_COLOURS[attr.unit.kind] || '#888888';
    case 'change':
      return CHANGE_COLOURS[attr.change] || '#888888';
    default:
      return attr[by] === undefined ? '#9aa5b1' : sequential(maxima[by] > 0 ? attr[by] / maxima[by] : 0);
  }
}

// restyle sets every node's size and colour and every edge's width and
// colour from the menus' choices.
export function restyle(graph, { colourBy, sizeBy }) {
  const maxima = {};
  for (const key of new Set([colourBy, sizeBy])) maxima[key] = maxOf(graph, key);
  let maxShared = 0;
  graph.forEachEdge((_e, a) => {
    if (a.shared > maxShared) maxShared = a.shared;
  });
  const compare = graph.someNode((_n, a) => a.change !== undefined);
  const crowded = graph.size > CROWDED_EDGES;
  graph.updateEachNodeAttributes((_n, a) => {
    const size = scale(a[sizeBy] || 0, maxima[sizeBy], NODE_SIZE.min, NODE_SIZE.max);
    // Bigger units are drawn over smaller ones (before the layout has
    // spread them, nodes of one place overlap), so they can be pointed at.
    return { ...a, color: nodeColour(a, colourBy, maxima), size, zIndex: Math.round(size * 10) };
  });
  graph.updateEachEdgeAttributes((_e, a) => ({
    ...a,
    color: edgeColour(a, crowded, compare),
    size: scale(a.shared, maxShared, EDGE_SIZE.min, EDGE_SIZE.max),
    // Heavier pairs, and in compare mode changed ones, are drawn on top.
    zIndex: compare ? (a.change === 'same' ? 0 : 1) : 0,
  }));
}

// layoutSize is the size the layout's no-overlap pass keeps apart: the
// unit's workload over all years, the default size.
export function layoutSize(total, maxTotal) {
  return scale(total, maxTotal, NODE_SIZE.min, NODE_SIZE.max);
}
