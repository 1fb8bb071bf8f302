// The picture: sigma.js draws the graph with WebGL, which keeps a national
// network of thousands of units and a hundred thousand pairs interactive
// where a canvas or SVG renderer stalls. This module owns the sigma
// instance: its settings, the focus (what is selected and its
// neighbourhood; the rest fades) and the events the page listens to.
import Sigma from 'sigma';
import { EdgeLineProgram } from 'sigma/rendering';
import { attachLabels } from './labels.js';
import { FADED_EDGE, FADED_NODE, FONT_STACK } from './style.js';

// Past these many edges, a frame must cost less: edges are drawn as
// one-pixel lines (two vertices each instead of a six-vertex rectangle
// with its width), hidden while the camera moves, and not pickable (a
// click finds the units, and pairs are chosen from the table or a unit's
// neighbourhood), and edges outside the focus are hidden rather than
// faded. Measured in Chromium's software WebGL on two cores, a national
// network of 97,000 pairs otherwise kept the page's thread waiting on the
// GPU for seconds after every redraw, and the mouse with it.
export const MANY_EDGES = 20000;

// createRenderer draws graph in container. handlers: clickNode(key),
// clickEdge(key), clickStage(), hover(key|null), cameraMoved(state).
export function createRenderer(container, graph, handlers) {
  let focus = null;
  const many = graph.size > MANY_EDGES;
  const sigma = new Sigma(graph, container, {
    // Sizes are in layout units and zoom with the drawing, so the layout's
    // no-overlap pass holds at every zoom level.
    itemSizesReference: 'positions',
    zoomToSizeRatioFunction: (ratio) => ratio,
    // labels.js draws the names, by priority; sigma still draws the
    // hovered one.
    renderLabels: false,
    labelFont: FONT_STACK,
    labelSize: 12,
    enableEdgeEvents: !many,
    hideEdgesOnMove: many,
    defaultEdgeType: many ? 'thin' : 'line',
    edgeProgramClasses: { thin: EdgeLineProgram },
    minEdgeThickness: 0.6,
    zIndex: true,
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
    stagePadding: 24,
    nodeReducer: (node, data) => {
      if (!focus) return data;
      if (focus.nodes.has(node)) return { ...data, zIndex: data.zIndex + 1000, highlighted: focus.selected === node };
      return { ...data, color: FADED_NODE, faded: true };
    },
    edgeReducer: (edge, data) => {
      if (!focus) return data;
      if (focus.edges.has(edge)) {
        const selected = focus.selected === edge;
        return { ...data, color: selected ? '#d62728' : data.change ? data.color : '#5f6b7a', zIndex: selected ? 3 : 2 };
      }
      return many ? { ...data, hidden: true } : { ...data, color: FADED_EDGE, zIndex: 0 };
    },
  });
  // Heaviest first: the menu's size is the label's priority.
  let order = null;
  const labels = attachLabels(sigma, {
    priority: () => {
      if (!order) order = graph.nodes().sort((a, b) => graph.getNodeAttribute(b, 'size') - graph.getNodeAttribute(a, 'size') || (a < b ? -1 : 1));
      return order;
    },
    skip: (_key, d) => d.faded === true,
  });
  // Sigma frames the nodes' centres; the frame here holds their disks, so
  // that no node is cut off at the edge of the view, however small.
  const frame = () => {
    const box = { x: [Infinity, -Infinity], y: [Infinity, -Infinity] };
    graph.forEachNode((_n, a) => {
      box.x = [Math.min(box.x[0], a.x - a.size), Math.max(box.x[1], a.x + a.size)];
      box.y = [Math.min(box.y[0], a.y - a.size), Math.max(box.y[1], a.y + a.size)];
    });
    if (graph.order > 0) sigma.setCustomBBox(box);
  };
  frame();
  graph.on('eachNodeAttributesUpdated', () => {
    order = null;
    frame();
  });
  sigma.on('clickNode', ({ node }) => handlers.clickNode(node));
  sigma.on('clickEdge', ({ edge }) => handlers.clickEdge(edge));
  sigma.on('clickStage', () => handlers.clickStage());
  sigma.on('enterNode', ({ node }) => handlers.hover(node));
  sigma.on('leaveNode', () => handlers.hover(null));
  sigma.getCamera().on('updated', (state) => handlers.cameraMoved(state));

  return {
    sigma,
    labels,
    // setFocus highlights a set of nodes and edges (null: everything);
    // selected is the unit or pair the focus is about.
    setFocus(next) {
      focus = next;
      sigma.refresh({ skipIndexation: true });
    },
    // viewportPosition is where a node's centre is on the page.
    pagePosition(key) {
      if (!graph.hasNode(key)) return null;
      const d = sigma.getNodeDisplayData(key);
      const p = sigma.framedGraphToViewport(d);
      const box = container.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y, r: sigma.scaleSize(d.size) };
    },
    // show moves the camera to a node (or the middle of a pair).
    show(keys) {
      const points = keys.filter((k) => graph.hasNode(k)).map((k) => sigma.getNodeDisplayData(k));
      if (points.length === 0) return;
      const x = points.reduce((s, p) => s + p.x, 0) / points.length;
      const y = points.reduce((s, p) => s + p.y, 0) / points.length;
      const camera = sigma.getCamera();
      camera.animate({ x, y, ratio: Math.min(camera.ratio, 0.5) }, { duration: 300 });
    },
    kill() {
      sigma.kill();
    },
  };
}
