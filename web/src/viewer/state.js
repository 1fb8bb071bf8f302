// The viewer's filters live in the URL query, so that a view can be linked
// to (/viewer?jurisdiction=南京市/鼓楼区&year=2026) and the browser test can
// open one directly.

export const ROLES = ['LEAD', 'COOPERATOR'];

// readState parses the filters from a query string; unknown or malformed
// values fall back to the defaults rather than breaking the page.
export function readState(search) {
  const q = new URLSearchParams(search);
  const year = Number.parseInt(q.get('year') || '', 10);
  const minShared = Number.parseInt(q.get('minShared') || '', 10);
  const role = (q.get('role') || '').toUpperCase();
  return {
    jurisdiction: (q.get('jurisdiction') || '').trim(),
    year: Number.isInteger(year) ? year : null,
    role: ROLES.includes(role) ? role : '',
    minShared: Number.isInteger(minShared) && minShared >= 1 ? minShared : 1,
    placeholders: ['1', 'true', 'on', 'yes'].includes((q.get('placeholders') || '').toLowerCase()),
    unit: (q.get('unit') || '').trim(),
  };
}

// writeState is the query string for a state, leaving defaults out.
export function writeState(s) {
  const q = new URLSearchParams();
  if (s.jurisdiction) q.set('jurisdiction', s.jurisdiction);
  if (s.year) q.set('year', String(s.year));
  if (s.role) q.set('role', s.role);
  if (s.minShared > 1) q.set('minShared', String(s.minShared));
  if (s.placeholders) q.set('placeholders', '1');
  if (s.unit) q.set('unit', s.unit);
  const text = q.toString();
  return text ? `?${text}` : '';
}

// coOwnershipFilter is the GraphQL CoOwnershipFilter for a state.
export function coOwnershipFilter(s) {
  const f = { includeCollective: s.placeholders };
  if (s.jurisdiction) f.jurisdiction = s.jurisdiction;
  if (s.year) f.year = s.year;
  if (s.role) f.roles = [s.role];
  return f;
}
