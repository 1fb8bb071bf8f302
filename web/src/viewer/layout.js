// The page's side of the layout worker: it sends the layout's network,
// hears snapshots and the result, and ends a layout that a newer view
// made moot.
import { layoutSize } from './style.js';

// startLayout lays out the network (the API's answer: nodes with unit id,
// jurisdiction and total; edges) in a worker. onProgress({phase, fraction,
// positions}) and onDone({positions, forceAtlas2Ms, noverlapMs,
// iterations}) get positions as a Map from unit ID to {x, y}. The returned
// function stops it.
export function startLayout(network, { onProgress, onDone, onError }) {
  const worker = new Worker(new URL('./layout.worker.js', import.meta.url), { type: 'module' });
  const ids = network.nodes.map((n) => n.unit.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const maxTotal = network.nodes.reduce((m, n) => Math.max(m, n.total), 0);
  const positions = (xy) => new Map(ids.map((id, i) => [id, { x: xy[2 * i], y: xy[2 * i + 1] }]));
  worker.onmessage = ({ data }) => {
    if (data.type === 'progress') {
      onProgress({ phase: data.phase, fraction: data.fraction, positions: positions(data.xy) });
      return;
    }
    worker.terminate();
    onDone({ positions: positions(data.xy), setupMs: data.setupMs, forceAtlas2Ms: data.forceAtlas2Ms, noverlapMs: data.noverlapMs, iterations: data.iterations });
  };
  worker.onerror = (ev) => {
    worker.terminate();
    onError(new Error(`layout: ${ev.message}`));
  };
  const net = {
    ids,
    jurisdictions: network.nodes.map((n) => n.unit.jurisdiction),
    sizes: Float32Array.from(network.nodes, (n) => layoutSize(n.total, maxTotal)),
    sources: Uint32Array.from(network.edges, (e) => index.get(e.source)),
    targets: Uint32Array.from(network.edges, (e) => index.get(e.target)),
    weights: Float32Array.from(network.edges, (e) => e.sharedTasks),
  };
  worker.postMessage(net, [net.sizes.buffer, net.sources.buffer, net.targets.buffer, net.weights.buffer]);
  return () => worker.terminate();
}
