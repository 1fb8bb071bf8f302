// The whole view lives in the URL query, so that a view can be linked to
// and restored as it was: the filters, compare mode, what is selected,
// the colour and size menus, the table shown and its order, and the
// camera (/viewer?jurisdiction=南京市/鼓楼区&year=2026&from=2025&unit=区发改委).

export const ROLES = ['LEAD', 'COOPERATOR'];
export const COLOUR_BY = ['community', 'kind', 'total', 'betweenness', 'change'];
export const SIZE_BY = ['total', 'lead', 'cooperate', 'betweenness', 'weightedDegree'];
export const TABLES = ['pairs', 'units', 'brokers', 'communities'];

// MAX_DEPTH bounds the neighbourhood expansion: past a few steps a unit's
// neighbourhood is the whole network.
export const MAX_DEPTH = 6;

function int(text) {
  const n = Number.parseInt(text || '', 10);
  return Number.isInteger(n) ? n : null;
}

function oneOf(value, allowed, fallback) {
  return allowed.includes(value) ? value : fallback;
}

// readCamera parses "x,y,ratio" (sigma's camera state); anything else is
// no camera, and the view fits the whole network.
function readCamera(text) {
  const parts = (text || '').split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p)) || parts[2] <= 0) return null;
  return { x: parts[0], y: parts[1], ratio: parts[2] };
}

// readState parses a query string; unknown or malformed values fall back
// to the defaults rather than breaking the page.
export function readState(search) {
  const q = new URLSearchParams(search);
  const year = int(q.get('year'));
  const from = int(q.get('from'));
  const minShared = int(q.get('minShared'));
  const depth = int(q.get('depth'));
  const role = (q.get('role') || '').toUpperCase();
  const pair = (q.get('pair') || '').split('|');
  const sort = q.get('sort') || '';
  const community = int(q.get('community'));
  return {
    jurisdiction: (q.get('jurisdiction') || '').trim(),
    year,
    // Compare mode: from is the earlier year, shown against year.
    from: year !== null && from !== null && from !== year ? from : null,
    role: ROLES.includes(role) ? role : '',
    minShared: minShared !== null && minShared >= 1 ? minShared : 1,
    placeholders: ['1', 'true', 'on', 'yes'].includes((q.get('placeholders') || '').toLowerCase()),
    unit: (q.get('unit') || '').trim(),
    pair: pair.length === 2 && pair[0] && pair[1] ? pair : null,
    community: community !== null && community >= 0 ? community : null,
    depth: depth !== null ? Math.min(MAX_DEPTH, Math.max(1, depth)) : 1,
    colour: oneOf(q.get('colour'), COLOUR_BY, ''),
    size: oneOf(q.get('size'), SIZE_BY, 'total'),
    table: oneOf(q.get('table'), TABLES, 'pairs'),
    sort: /^-?\w+$/.test(sort) ? sort : '',
    camera: readCamera(q.get('view')),
  };
}

// writeState is the query string for a state, leaving defaults out.
export function writeState(s) {
  const q = new URLSearchParams();
  if (s.jurisdiction) q.set('jurisdiction', s.jurisdiction);
  if (s.year) q.set('year', String(s.year));
  if (s.from) q.set('from', String(s.from));
  if (s.role) q.set('role', s.role);
  if (s.minShared > 1) q.set('minShared', String(s.minShared));
  if (s.placeholders) q.set('placeholders', '1');
  if (s.unit) q.set('unit', s.unit);
  if (s.pair) q.set('pair', s.pair.join('|'));
  if (s.community !== null) q.set('community', String(s.community));
  if (s.depth > 1) q.set('depth', String(s.depth));
  if (s.colour) q.set('colour', s.colour);
  if (s.size !== 'total') q.set('size', s.size);
  if (s.table !== 'pairs') q.set('table', s.table);
  if (s.sort) q.set('sort', s.sort);
  if (s.camera) q.set('view', [s.camera.x, s.camera.y, s.camera.ratio].map((v) => Number(v.toFixed(4))).join(','));
  const text = q.toString();
  return text ? `?${text}` : '';
}

// withoutSelection is the state with nothing selected.
export function withoutSelection(s) {
  return { ...s, unit: '', pair: null, community: null, depth: 1 };
}

// coOwnershipFilter is the GraphQL CoOwnershipFilter for a state, in the
// given year (the shown year, or compare mode's from-year).
export function coOwnershipFilter(s, year = s.year) {
  const f = { includeCollective: s.placeholders };
  if (s.jurisdiction) f.jurisdiction = s.jurisdiction;
  if (year) f.year = year;
  if (s.role) f.roles = [s.role];
  return f;
}

// layoutFilter is the network the positions are computed over: every year
// and role of the jurisdiction, at least one shared task. A unit then has
// one place whatever year, role or threshold is shown, so two years can be
// compared side by side and a link keeps its picture.
export function layoutFilter(s) {
  const f = { includeCollective: s.placeholders };
  if (s.jurisdiction) f.jurisdiction = s.jurisdiction;
  return f;
}
