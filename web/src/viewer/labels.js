// Labels drawn by priority: after every frame, the units are taken
// heaviest first (the size the menu chose) and a unit's name is drawn only
// where it overlaps no name drawn already, so the names of the units that
// matter stay readable however dense the network, and zooming in makes
// room for more. Sigma's own label grid keeps the largest node per grid
// cell, which lets two names in neighbouring cells overlap.
import { FONT_STACK } from './style.js';

const FONT_SIZE = 12;
const FONT = `${FONT_SIZE}px ${FONT_STACK}`;
const HALO = 3;
// MAX_LABELS bounds the work per frame; more names would not be read.
const MAX_LABELS = 400;
// CELL is the side of the occupancy grid's cells, in CSS pixels.
const CELL = 48;
const OBSTACLE_RADIUS = 4;

// placeLabels chooses where names go. candidates are {key, x, y, r, text,
// width} in viewport pixels, heaviest first; the answer is the boxes drawn,
// in the same order, none overlapping another or another unit's node, and
// all inside the view. A name sits right of its node, or left, below or
// above it when that side is taken.
export function placeLabels(candidates, width, height, limit = MAX_LABELS) {
  const grid = new Map();
  const placed = [];
  const cells = (b, visit) => {
    for (let cx = Math.floor(b.x0 / CELL); cx <= Math.floor(b.x1 / CELL); cx++) {
      for (let cy = Math.floor(b.y0 / CELL); cy <= Math.floor(b.y1 / CELL); cy++) {
        if (visit(`${cx},${cy}`) === false) return false;
      }
    }
    return true;
  };
  const occupy = (box) =>
    cells(box, (k) => {
      if (!grid.has(k)) grid.set(k, []);
      grid.get(k).push(box);
    });
  const free = (b, key) => cells(b, (k) => !(grid.get(k) || []).some((o) => o.key !== key && b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1));
  // Nodes big enough to be seen are obstacles too: a name over another
  // unit's disk hides it. Dots smaller than OBSTACLE_RADIUS (a national
  // network zoomed out) may be written over, or no name would fit.
  for (const c of candidates) {
    if (c.r >= OBSTACLE_RADIUS) occupy({ x0: c.x - c.r, x1: c.x + c.r, y0: c.y - c.r, y1: c.y + c.r, key: c.key });
  }
  for (const c of candidates) {
    if (placed.length >= limit) break;
    const h = FONT_SIZE + 2;
    const right = { x0: c.x + c.r + 2, x1: c.x + c.r + 4 + c.width, y0: c.y - h / 2, y1: c.y + h / 2 };
    const left = { x0: c.x - c.r - 4 - c.width, x1: c.x - c.r - 2, y0: c.y - h / 2, y1: c.y + h / 2 };
    const below = { x0: c.x - c.width / 2 - 1, x1: c.x + c.width / 2 + 1, y0: c.y + c.r + 1, y1: c.y + c.r + 1 + h };
    const above = { x0: c.x - c.width / 2 - 1, x1: c.x + c.width / 2 + 1, y0: c.y - c.r - 1 - h, y1: c.y - c.r - 1 };
    for (const b of [right, left, below, above]) {
      if (b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height || !free(b, c.key)) continue;
      const box = { ...b, key: `${c.key} label`, text: c.text };
      occupy(box);
      placed.push({ ...box, key: c.key });
      break;
    }
  }
  return placed;
}

// attachLabels adds the label layer to a sigma instance. priority() lists
// the node keys heaviest first; skip(key, displayData) leaves a node out
// (faded by the selection). The layer's placed boxes are kept on the
// returned object, for the SVG export and the browser test.
export function attachLabels(sigma, { priority, skip }) {
  const canvas = sigma.createCanvas('priorityLabels', { afterLayer: 'labels' });
  canvas.style.pointerEvents = 'none';
  const ctx = canvas.getContext('2d');
  const widths = new Map();
  const measure = (text) => {
    if (!widths.has(text)) {
      ctx.font = FONT;
      widths.set(text, ctx.measureText(text).width);
    }
    return widths.get(text);
  };
  const layer = { placed: [] };
  const draw = () => {
    const { width, height } = sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const candidates = [];
    for (const key of priority()) {
      const d = sigma.getNodeDisplayData(key);
      if (!d || d.hidden || !d.label || skip(key, d)) continue;
      const p = sigma.framedGraphToViewport(d);
      if (p.x < -200 || p.x > width + 200 || p.y < -20 || p.y > height + 20) continue;
      candidates.push({ key, x: p.x, y: p.y, r: sigma.scaleSize(d.size), text: d.label, width: measure(d.label) });
    }
    layer.placed = placeLabels(candidates, width, height);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.lineWidth = HALO;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.fillStyle = '#1f2328';
    for (const b of layer.placed) {
      const y = (b.y0 + b.y1) / 2;
      ctx.strokeText(b.text, b.x0 + 1, y);
      ctx.fillText(b.text, b.x0 + 1, y);
    }
  };
  sigma.on('afterRender', draw);
  layer.redraw = draw;
  layer.canvas = canvas;
  return layer;
}
