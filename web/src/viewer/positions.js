// Where a unit starts and how big the drawing is, in layout units. The
// first picture is drawn from these positions before any layout has run,
// and the layout worker starts from the same ones, so both depend only on
// the units' IDs and jurisdictions: the same URL gives the same picture,
// and a unit starts in the same place whichever year is shown.

// SPACING is the room one unit gets: a network of n units is spread over a
// disk of radius SPACING·√n, whatever its layout, so node sizes (in the
// same units, see style.js) fill the same share of the drawing for a city
// of 40 units as for a country of 4,000.
export const SPACING = 10;

export function layoutRadius(n) {
  return SPACING * Math.sqrt(Math.max(1, n));
}

// hash is 32-bit FNV-1a over the string's UTF-16 code units: stable across
// browsers and runs, which Math.random and object key order are not.
export function hash(text, seed = 0x811c9dc5) {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// unitInterval turns a hash into [0, 1).
function unitInterval(h) {
  return h / 0x100000000;
}

// pointInDisk spreads hashes evenly over a disk of the given radius.
function pointInDisk(key, radius) {
  const angle = 2 * Math.PI * unitInterval(hash(key));
  const r = radius * Math.sqrt(unitInterval(hash(key, 0x2545f491)));
  return { x: r * Math.cos(angle), y: r * Math.sin(angle) };
}

// initialPosition places a unit near the others of its jurisdiction: the
// jurisdiction's centre and the unit's offset from it both come from
// hashes, so a national network starts as one cluster per place, which is
// roughly where ForceAtlas2 ends, and it gets there in fewer iterations.
export function initialPosition(unitID, jurisdiction) {
  const centre = pointInDisk(`j:${jurisdiction}`, 1);
  const offset = pointInDisk(unitID, 0.25);
  return { x: centre.x + offset.x, y: centre.y + offset.y };
}

// fit moves a layout (x0, y0, x1, y1, … in a Float32Array or array) so
// that its centroid is at 0 and its root-mean-square radius is that of an
// even disk of layoutRadius(n): ForceAtlas2's own scale drifts with the
// iterations and the graph, and node sizes must keep one meaning.
export function fit(xy) {
  const n = xy.length / 2;
  if (n === 0) return xy;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += xy[2 * i];
    cy += xy[2 * i + 1];
  }
  cx /= n;
  cy /= n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const dx = xy[2 * i] - cx;
    const dy = xy[2 * i + 1] - cy;
    sq += dx * dx + dy * dy;
  }
  const rms = Math.sqrt(sq / n);
  const k = rms > 0 ? layoutRadius(n) / Math.SQRT2 / rms : 1;
  for (let i = 0; i < n; i++) {
    xy[2 * i] = (xy[2 * i] - cx) * k;
    xy[2 * i + 1] = (xy[2 * i + 1] - cy) * k;
  }
  return xy;
}
