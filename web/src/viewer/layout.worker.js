// The layout runs here, off the page's thread, so that the network can be
// panned, zoomed and hovered while it settles. One worker runs one layout:
// the page ends it (terminate) when the view changes before it is done.
import { runLayout } from './layout-core.js';

// The no-overlap pass jitters two nodes that sit exactly on one spot with
// Math.random. Here it draws from a fixed-seed generator instead (this
// worker's own global, nothing else uses it), so that even that case gives
// the same positions on every load.
Math.random = mulberry32(0x9e3779b9);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

self.onmessage = ({ data }) => {
  const result = runLayout(data, ({ phase, fraction, xy }) => {
    self.postMessage({ type: 'progress', phase, fraction, xy: xy.slice() });
  });
  self.postMessage({ type: 'done', ...result }, [result.xy.buffer]);
};
