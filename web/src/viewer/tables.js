// The four ranked lists beside the picture, as table specs (table.js draws
// them): strongest pairs, units by workload, brokers by betweenness, and
// communities. In compare mode the pairs and units tables show what
// changed between the two years.
import { BETWEENNESS_MAX_UNITS } from './data.js';
import { CHANGE_LABELS } from './style.js';

export const TABLE_LABELS = {
  pairs: '关系 pairs',
  units: '单位 units',
  brokers: '中介 brokers',
  communities: '社区 communities',
};

const num = (key, label, extra = {}) => ({ key, label, numeric: true, value: (r) => r[key], ...extra });
const text = (key, label) => ({ key, label, value: (r) => r[key] });
const signed = (v) => (v > 0 ? `+${v}` : String(v));

// cached keeps a graph's rows between redraws of the table: a national
// network's hundred thousand pairs would otherwise be rebuilt on every
// click. The key says what the rows depend on besides the graph.
const rowCache = new WeakMap();
function cached(graph, key, make) {
  if (!rowCache.has(graph)) rowCache.set(graph, new Map());
  const rows = rowCache.get(graph);
  if (!rows.has(key)) rows.set(key, make());
  return rows.get(key);
}

function pairRows(graph) {
  return graph.mapEdges((key, a, s, t) => ({
    key,
    source: s,
    target: t,
    a: graph.getNodeAttribute(s, 'label'),
    b: graph.getNodeAttribute(t, 'label'),
    shared: a.shared,
    fromShared: a.fromShared,
    toShared: a.toShared,
    delta: a.change ? a.toShared - a.fromShared : 0,
    change: a.change,
  }));
}

function unitRows(graph, changes) {
  return graph.mapNodes((key, a) => {
    const c = changes?.get(key);
    return {
      key,
      name: a.label,
      jurisdiction: a.unit.jurisdiction,
      lead: a.lead,
      cooperate: a.cooperate,
      total: a.total,
      degree: a.degree,
      weightedDegree: a.weightedDegree,
      betweenness: a.betweenness,
      community: a.community,
      change: a.change,
      fromTotal: c?.from.total,
      toTotal: c?.to.total,
      leadDelta: c?.leadDelta,
      cooperateDelta: c?.cooperateDelta,
      totalDelta: c?.totalDelta,
      lineage: c ? lineage(key, c) : '',
    };
  });
}

// lineage says how a unit relates to reorganised bodies, as workloadChange
// answers: a unit reorganised away answers for its successor, and a
// successor's from-year counts its predecessors.
function lineage(key, c) {
  const parts = [];
  if (c.unit.id !== key) parts.push(`并入 → ${c.unit.name}`);
  if (c.mergedFrom.length > 0) parts.push(`承继 ← ${c.mergedFrom.map((u) => u.name).join('、')}`);
  return parts.join('；');
}

// tableSpec is the spec of the named table for the view: {graph, analysis,
// changes, compare}. The spec lacks sort, selected and the handlers, which
// the page adds.
export function tableSpec(name, view) {
  const { graph, analysis, changes, compare } = view;
  const pairs = () => cached(graph, 'pairs', () => pairRows(graph));
  const units = () => cached(graph, `units ${Boolean(analysis)} ${Boolean(changes)}`, () => unitRows(graph, changes));
  switch (name) {
    case 'pairs':
      return {
        name,
        rows: compare ? pairs().filter((r) => r.change !== 'same') : pairs(),
        rowKey: (r) => r.key,
        defaultSort: compare ? '-delta' : '-shared',
        columns: compare
          ? [text('a', '单位 A'), text('b', '单位 B'), num('fromShared', `${view.from}`), num('toShared', `${view.year}`), num('delta', 'Δ', { format: (r) => signed(r.delta) }), { ...text('change', '变化 change'), format: (r) => CHANGE_LABELS[r.change] }]
          : [text('a', '单位 A'), text('b', '单位 B'), num('shared', '共担 shared')],
        note: compare ? '只列变化的关系 only pairs that changed' : '',
      };
    case 'units':
      return {
        name,
        rows: units(),
        rowKey: (r) => r.key,
        defaultSort: compare ? '-totalDelta' : '-total',
        columns: compare
          ? [text('name', '单位 unit'), num('fromTotal', `${view.from}`), num('toTotal', `${view.year}`), num('leadDelta', 'Δ主办', { format: (r) => r.leadDelta === undefined ? null : signed(r.leadDelta) }), num('cooperateDelta', 'Δ协办', { format: (r) => r.cooperateDelta === undefined ? null : signed(r.cooperateDelta) }), num('totalDelta', 'Δ合计', { format: (r) => r.totalDelta === undefined ? null : signed(r.totalDelta) }), { ...text('change', '变化'), format: (r) => CHANGE_LABELS[r.change] }, text('lineage', '沿革 lineage')]
          : [text('name', '单位 unit'), num('lead', '主办 lead'), num('cooperate', '协办 coop.'), num('total', '合计 total'), num('degree', '伙伴 partners')],
        note: compare ? '工作量变化取自 API 的 workloadChange (workload change as the API\'s workloadChange answers, following reorganisations)' : '',
      };
    case 'brokers':
      return {
        name,
        rows: analysis?.withBetweenness ? units().filter((r) => r.betweenness !== undefined) : [],
        rowKey: (r) => r.key,
        defaultSort: '-betweenness',
        columns: [text('name', '单位 unit'), num('betweenness', '中介度 betweenness', { format: (r) => r.betweenness?.toFixed(3) }), num('weightedDegree', '共担合计 weighted'), num('degree', '伙伴 partners')],
        note: !analysis
          ? '分析加载中… analysis loading'
          : analysis.withBetweenness
            ? ''
            : `中介度只对不超过 ${BETWEENNESS_MAX_UNITS} 个单位的网络计算：请按辖区或年度缩小 (betweenness is computed for networks of at most ${BETWEENNESS_MAX_UNITS} units: narrow by jurisdiction or year)`,
      };
    case 'communities':
      return {
        name,
        rows: (analysis?.communities || []).map((c) => ({ key: String(c.id), id: c.id, label: c.label, size: c.size })),
        rowKey: (r) => r.key,
        defaultSort: '-size',
        columns: [num('id', '#'), text('label', '中心单位 hub'), num('size', '单位数 units')],
        note: !analysis ? '分析加载中… analysis loading' : analysis.modularity === null ? '' : `模块度 modularity Q = ${analysis.modularity.toFixed(3)}`,
      };
    default:
      throw new Error(`unknown table ${name}`);
  }
}
