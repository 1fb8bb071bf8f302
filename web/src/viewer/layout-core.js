// The layout itself, without the worker around it (layout.worker.js) so
// that it reads as one procedure: ForceAtlas2 from the hashed initial
// positions for a fixed number of iterations, then a no-overlap pass with
// the nodes' sizes. Nothing in it is random or depends on time, so the same
// network always ends in the same positions.
import Graph from 'graphology';
import fa2Helpers from 'graphology-layout-forceatlas2/helpers.js';
import fa2Iterate from 'graphology-layout-forceatlas2/iterate.js';
import noverlap from 'graphology-layout-noverlap';
import { fit, initialPosition } from './positions.js';

// iterationsFor fixes how long ForceAtlas2 runs: by size, never by how
// fast the machine is or whether it looks converged, so every run stops at
// the same step. Larger networks get fewer iterations because each costs
// more and their hashed start (one cluster per jurisdiction) is closer to
// the end.
export function iterationsFor(n) {
  if (n <= 200) return 800;
  if (n <= 1000) return 500;
  return 250;
}

// settingsFor are ForceAtlas2's settings (Jacomy et al. 2014): Barnes-Hut
// above a thousand units, strong gravity so that scattered units and
// jurisdictions stay near the core, and attraction distributed by degree so
// that the hubs every department works with do not swallow the centre.
export function settingsFor(n) {
  return {
    barnesHutOptimize: n > 1000,
    barnesHutTheta: 0.6,
    strongGravityMode: true,
    gravity: 0.2,
    scalingRatio: 8,
    slowDown: 1 + Math.log(n),
    outboundAttractionDistribution: true,
    edgeWeightInfluence: 1,
    linLogMode: false,
    adjustSizes: false,
  };
}

// NOVERLAP_ITERATIONS bounds the no-overlap pass; it usually stops sooner,
// when no two nodes overlap.
const NOVERLAP_ITERATIONS = 200;

// PROGRESS_EVERY is how many iterations pass between two snapshots sent to
// the page; snapshots only report, they do not change the result.
const PROGRESS_EVERY = 25;

// runLayout lays out a network given as parallel arrays (ids,
// jurisdictions, sizes in layout units) and edges (source and target
// indices, weights). onProgress({phase, fraction, xy}) receives snapshots,
// xy being x0, y0, x1, y1, … fitted to the drawing's scale. The result is
// the final xy and how long each phase took.
export function runLayout(net, onProgress = () => {}) {
  const setupStarted = performance.now();
  const n = net.ids.length;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) {
    graph.addNode(i, { ...initialPosition(net.ids[i], net.jurisdictions[i]), size: net.sizes[i] });
  }
  for (let e = 0; e < net.sources.length; e++) {
    graph.addEdge(net.sources[e], net.targets[e], { weight: net.weights[e] });
  }
  const xy = new Float32Array(2 * n);
  const matrices = fa2Helpers.graphToByteArrays(graph, (_e, attr) => attr.weight);
  const read = () => {
    // The node matrix holds ten numbers a node, x and y first
    // (graphology-layout-forceatlas2/helpers.js).
    for (let i = 0; i < n; i++) {
      xy[2 * i] = matrices.nodes[10 * i];
      xy[2 * i + 1] = matrices.nodes[10 * i + 1];
    }
    return fit(xy);
  };
  const started = performance.now();
  const setupMs = started - setupStarted;
  onProgress({ phase: 'forceatlas2', fraction: 0, xy: read() });
  const iterations = n > 1 ? iterationsFor(n) : 0;
  const settings = settingsFor(n);
  for (let it = 1; it <= iterations; it++) {
    fa2Iterate(settings, matrices.nodes, matrices.edges);
    if (it % PROGRESS_EVERY === 0 && it < iterations) onProgress({ phase: 'forceatlas2', fraction: it / iterations, xy: read() });
  }
  read();
  const forceAtlas2Ms = performance.now() - started;
  onProgress({ phase: 'noverlap', fraction: 1, xy });
  graph.updateEachNodeAttributes((node, attr) => ({ ...attr, x: xy[2 * Number(node)], y: xy[2 * Number(node) + 1] }));
  // Sizes are in the fitted layout's units: the pass runs after fitting,
  // and the result is not fitted again, which would bring overlaps back.
  noverlap.assign(graph, { maxIterations: NOVERLAP_ITERATIONS, settings: { margin: 1, ratio: 1, gridSize: Math.ceil(Math.sqrt(n)), speed: 3 } });
  graph.forEachNode((node, attr) => {
    xy[2 * Number(node)] = attr.x;
    xy[2 * Number(node) + 1] = attr.y;
  });
  return { xy, setupMs, forceAtlas2Ms, noverlapMs: performance.now() - started - forceAtlas2Ms, iterations };
}
