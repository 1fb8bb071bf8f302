// How the network looks: node size by workload, edge width by shared tasks,
// colour by community when the server provides one, by unit kind until then.

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

// Community colours: a categorical palette cycled by community number.
const COMMUNITY_PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
];

// colourOf picks a node's colour: by community when the node carries one,
// else by kind.
export function colourOf(node) {
  if (node.community !== undefined && node.community !== null) {
    const n = Number.parseInt(String(node.community), 10);
    if (Number.isInteger(n)) return COMMUNITY_PALETTE[Math.abs(n) % COMMUNITY_PALETTE.length];
  }
  return KIND_COLOURS[node.kind] || '#888888';
}

// scale maps a count onto [lo, hi] by square root, so that a unit with 40
// tasks is visibly bigger than one with 4 without dwarfing everything.
export function scale(value, max, lo, hi) {
  if (max <= 0) return lo;
  return lo + (hi - lo) * Math.sqrt(Math.max(0, value) / max);
}

export function stylesheet() {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-family': FONT_STACK,
        'font-size': 12,
        color: '#222',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-outline-color': '#fff',
        'text-outline-width': 2,
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        // Heavier pairs are drawn over lighter ones.
        'z-index': 'data(shared)',
        'line-color': '#9aa4b1',
        opacity: 0.55,
        'curve-style': 'haystack',
      },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
    { selector: 'edge:selected', style: { 'line-color': '#d62728', opacity: 1 } },
    // Units away from the selection fade, but their names stay readable.
    { selector: 'node.faded', style: { 'background-opacity': 0.25, 'border-opacity': 0.25, 'text-opacity': 0.55 } },
    { selector: 'edge.faded', style: { opacity: 0.08 } },
  ];
}
