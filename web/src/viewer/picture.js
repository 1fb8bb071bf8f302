// PNG and SVG of the view as it is on screen: same camera, same colours,
// same names. The PNG stacks sigma's layers (WebGL for edges and nodes,
// canvases for the names); the SVG is written from the graph and the
// camera, so that it stays sharp and editable (Illustrator, Inkscape).
import { FONT_STACK } from './style.js';

// download saves a blob under a file name.
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// composeCanvas draws the view onto one canvas. WebGL layers keep their
// pixels only until the frame is shown, so it renders once more and
// copies them in the same task.
export function composeCanvas(sigma) {
  const { width, height } = sigma.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(width * ratio);
  out.height = Math.round(height * ratio);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  sigma.refresh({ skipIndexation: true });
  // getCanvases lists the layers in drawing order (edges first).
  for (const canvas of Object.values(sigma.getCanvases())) {
    if (canvas.width > 0 && canvas.height > 0) ctx.drawImage(canvas, 0, 0, out.width, out.height);
  }
  return out;
}

function pngBlob(sigma) {
  const out = composeCanvas(sigma);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
}

export async function downloadPNG(sigma, name) {
  download(await pngBlob(sigma), `${name}.png`);
}

const escapeXML = (s) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

// svgText writes the view: every edge and node sigma draws (after the
// selection's fading), in viewport pixels, and the names the label layer
// placed.
export function svgText(sigma, labels) {
  const { width, height } = sigma.getDimensions();
  const graph = sigma.getGraph();
  const at = (key) => {
    const d = sigma.getNodeDisplayData(key);
    return { ...sigma.framedGraphToViewport(d), r: sigma.scaleSize(d.size), d };
  };
  const f = (v) => v.toFixed(1);
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    '<g stroke-linecap="round">',
  ];
  graph.forEachEdge((key, _a, s, t) => {
    const e = sigma.getEdgeDisplayData(key);
    if (!e || e.hidden) return;
    const a = at(s);
    const b = at(t);
    lines.push(`<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(b.x)}" y2="${f(b.y)}" stroke="${e.color}" stroke-width="${f(Math.max(0.6, sigma.scaleSize(e.size)))}"/>`);
  });
  lines.push('</g><g stroke="#ffffff" stroke-width="0.5">');
  graph.forEachNode((key) => {
    const n = at(key);
    if (n.d.hidden) return;
    lines.push(`<circle cx="${f(n.x)}" cy="${f(n.y)}" r="${f(n.r)}" fill="${n.d.color}"><title>${escapeXML(n.d.label || key)}</title></circle>`);
  });
  lines.push(`</g><g font-family='${FONT_STACK.replace(/'/g, '')}' font-size="12" fill="#1f2328" stroke="#ffffff" stroke-width="3" paint-order="stroke" dominant-baseline="middle">`);
  for (const b of labels.placed) {
    lines.push(`<text x="${f(b.x0 + 1)}" y="${f((b.y0 + b.y1) / 2)}">${escapeXML(b.text)}</text>`);
  }
  lines.push('</g></svg>');
  return lines.join('\n');
}

export function downloadSVG(sigma, labels, name) {
  download(new Blob([svgText(sigma, labels)], { type: 'image/svg+xml' }), `${name}.svg`);
}
