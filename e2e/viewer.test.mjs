// Browser test of the viewer and the IDE, against a real `dutygraph serve`
// with the bundled seeds, in Debian's chromium driven by playwright-core
// (npm cannot download a browser here). Run it with ./run.
//
// Environment: CHROMIUM (default /usr/bin/chromium); DUTYGRAPH_BIN, a binary
// built already (default: go build ./cmd/dutygraph from the repository).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { assert, assertEqual, runTests } from './lib/harness.mjs';
import { buildBinary, gql, startServer } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const artifacts = join(here, 'artifacts');
const JURISDICTION = '南京市/鼓楼区';
const YEAR = 2026;

// The flags keep chromium from reaching the network on its own (updates,
// sync, field trials): the pages must work with only the server.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const NETWORK = `
query ($filter: CoOwnershipFilter) {
  network(filter: $filter) {
    nodes { unit { id name aliases } total }
    edges { source target sharedTasks a { name } b { name } }
  }
}`;

async function main() {
  mkdirSync(artifacts, { recursive: true });
  const { bin, cleanup } = await buildBinary(repoRoot);
  let server;
  try {
    server = await startServer(bin, join(artifacts, 'serve.log'));
  } catch (err) {
    await cleanup();
    throw err;
  }
  // A fresh profile: nothing cached or stored from an earlier run.
  const profile = await mkdtemp(join(tmpdir(), 'dutygraph-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const results = await runAll(server.base, context);
    await context.close();
    context = null;
    // The server must stop cleanly on SIGTERM, as it does under systemd or Docker.
    const stopped = await server.stop();
    if (stopped.code === 0) {
      console.log('ok   serve stops cleanly on SIGTERM');
      results.passed++;
    } else {
      console.log(`FAIL serve stops cleanly on SIGTERM: exited with ${stopped.code ?? stopped.signal}; see ${join(artifacts, 'serve.log')}`);
      results.failed++;
    }
    return results;
  } finally {
    if (context) await context.close();
    await rm(profile, { recursive: true, force: true });
    await server.stop();
    await cleanup();
  }
}

async function runAll(base, context) {
  const page = context.pages()[0] || (await context.newPage());
  const origin = new URL(base).origin;
  const foreign = [];
  const problems = [];
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

  const filter = { jurisdiction: JURISDICTION, year: YEAR };
  const { network } = await gql(base, NETWORK, { filter });
  const byTotal = [...network.nodes].sort((a, b) => b.total - a.total);

  const viewerURL = `${base}/viewer?jurisdiction=${encodeURIComponent(JURISDICTION)}&year=${YEAR}`;
  const openViewer = async () => {
    await page.goto(viewerURL);
    await page.waitForSelector('#cy[data-state="ready"]', { timeout: 30_000 });
  };
  const clickAt = async (p, what) => {
    assert(p, `${what} is not drawn`);
    await page.mouse.click(p.x, p.y);
  };
  const details = async (unitID) => {
    const sel = unitID ? `#details[data-state="ready"][data-unit-id="${unitID}"]` : '#details[data-state="ready"]';
    await page.waitForSelector(sel, { timeout: 30_000 });
    return page.$$eval('#details li.task', (items) => items.map((li) => li.dataset.taskId));
  };

  return runTests([
    {
      name: `viewer draws the API's network for ${JURISDICTION} ${YEAR}`,
      fn: async () => {
        await openViewer();
        const drawn = await page.evaluate(() => ({
          nodes: window.__viewer.nodeCount,
          edges: window.__viewer.edgeCount,
          ids: window.__viewer.nodeIDs().sort(),
          attr: document.getElementById('cy').dataset.nodes,
        }));
        assert(network.nodes.length > 10, `the API gave only ${network.nodes.length} nodes`);
        assertEqual(drawn.nodes, network.nodes.length, 'nodes drawn');
        assertEqual(drawn.attr, String(network.nodes.length), 'data-nodes');
        assertEqual(drawn.edges, network.edges.length, 'edges drawn');
        assertEqual(drawn.ids, network.nodes.map((n) => n.unit.id).sort(), 'units drawn');
        const form = await page.evaluate(() => {
          const f = document.getElementById('filters').elements;
          return [f.jurisdiction.value, f.year.value];
        });
        assertEqual(form, [JURISDICTION, String(YEAR)], 'filters shown from the URL');
        // The canvas really holds a drawing, not only a data model.
        const painted = await page.evaluate(() => {
          let n = 0;
          for (const c of document.querySelectorAll('#cy canvas')) {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
          }
          return n;
        });
        assert(painted > 5000, `only ${painted} pixels painted on the canvas`);
      },
    },
    {
      name: 'clicking a unit lists its tasks',
      fn: async () => {
        const top = byTotal[0];
        await clickAt(await page.evaluate((id) => window.__viewer.renderedPosition(id), top.unit.id), top.unit.name);
        const tasks = await details(top.unit.id);
        assertEqual(tasks.length, top.total, `tasks listed for ${top.unit.name}`);
        assertEqual(new Set(tasks).size, tasks.length, 'distinct tasks');
        const heading = await page.textContent('#details h2');
        assert(heading.startsWith(top.unit.name), `details heading "${heading}" is not ${top.unit.name}`);
        const texts = await page.$$eval('#details .task-text', (ps) => ps.map((p) => p.textContent));
        assert(texts.every((t) => t.trim().length > 0), 'a task without text');
        await page.screenshot({ path: join(artifacts, 'viewer.png') });
      },
    },
    {
      name: 'clicking an edge lists the shared tasks',
      fn: async () => {
        await openViewer();
        // The heaviest edge with a point clear of nodes and other edges.
        let heaviest;
        let at = null;
        for (const e of network.edges.slice(0, 10)) {
          at = await page.evaluate(([s, t]) => window.__viewer.edgePoint(s, t), [e.source, e.target]);
          heaviest = e;
          if (at) break;
        }
        await clickAt(at, 'a clear point on one of the ten heaviest edges');
        const tasks = await details();
        const heading = await page.textContent('#details h2');
        assert(heading.includes(heaviest.a.name) && heading.includes(heaviest.b.name), `details heading "${heading}" is not the pair ${heaviest.a.name}–${heaviest.b.name}`);
        assertEqual(tasks.length, heaviest.sharedTasks, `shared tasks of ${heaviest.a.name}–${heaviest.b.name}`);
      },
    },
    {
      name: 'search finds a unit by an alias',
      fn: async () => {
        const withAlias = byTotal.find((n) => n.unit.aliases.length > 0);
        assert(withAlias, 'no unit of the network has an alias');
        const alias = withAlias.unit.aliases[0];
        await page.fill('#search input[name="q"]', alias);
        await page.press('#search input[name="q"]', 'Enter');
        const tasks = await details(withAlias.unit.id);
        assertEqual(tasks.length, withAlias.total, `tasks of ${withAlias.unit.name} found as ${alias}`);
        assert(page.url().includes(`unit=${encodeURIComponent(withAlias.unit.name)}`), `the URL ${page.url()} does not name the unit`);
      },
    },
    {
      name: 'the export links download what is shown',
      fn: async () => {
        await openViewer();
        const href = await page.getAttribute('#exports a[data-export="network-graphml"]', 'href');
        const res = await page.request.get(new URL(href, base).href);
        assertEqual(res.status(), 200, `GET ${href}`);
        const graphml = await res.text();
        assertEqual((graphml.match(/<node /g) || []).length, network.nodes.length, 'GraphML nodes');
        assertEqual((graphml.match(/<edge /g) || []).length, network.edges.length, 'GraphML edges');

        const top = byTotal[0];
        await clickAt(await page.evaluate((id) => window.__viewer.renderedPosition(id), top.unit.id), top.unit.name);
        await details(top.unit.id);
        const xlsx = await page.getAttribute('#details a[data-export="workload-xlsx"]', 'href');
        const sheet = await page.request.get(new URL(xlsx, base).href);
        assertEqual(sheet.status(), 200, `GET ${xlsx}`);
        const body = await sheet.body();
        assertEqual(body.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');
      },
    },
    {
      name: 'changing the filters redraws the network and the URL',
      fn: async () => {
        await openViewer();
        const wider = { ...filter, includeCollective: true };
        const { network: want } = await gql(base, `query ($f: CoOwnershipFilter) { network(filter: $f, minShared: 2) { nodes { unit { id } } edges { source } } }`, { f: wider });
        await page.fill('#filters input[name="minShared"]', '2');
        await page.dispatchEvent('#filters input[name="minShared"]', 'change');
        await page.waitForSelector('#cy[data-state="ready"]');
        await page.check('#filters input[name="placeholders"]');
        await page.waitForFunction((n) => {
          const cy = document.getElementById('cy');
          return cy.dataset.state === 'ready' && window.__viewer.filter && window.__viewer.filter.includeCollective && cy.dataset.nodes === String(n);
        }, want.nodes.length, { timeout: 30_000 });
        const drawn = await page.evaluate(() => ({ nodes: window.__viewer.nodeCount, edges: window.__viewer.edgeCount }));
        assertEqual(drawn, { nodes: want.nodes.length, edges: want.edges.length }, 'network with placeholders, 2+ shared');
        const q = new URL(page.url()).searchParams;
        assertEqual([q.get('jurisdiction'), q.get('year'), q.get('minShared'), q.get('placeholders')], [JURISDICTION, String(YEAR), '2', '1'], 'filters in the URL');
      },
    },
    {
      name: 'the IDE runs an example query',
      fn: async () => {
        await page.goto(`${base}/graphql`);
        await page.waitForSelector('.graphiql-container .graphiql-execute-button', { timeout: 30_000 });
        const tabs = await page.$$eval('.graphiql-tab', (ts) => ts.length);
        assertEqual(tabs, 3, 'example tabs');
        await page.click('.graphiql-execute-button');
        await page.waitForFunction(() => {
          const r = document.querySelector('.graphiql-response');
          return r && r.textContent.includes('"total"');
        }, null, { timeout: 30_000 });
        const result = await page.textContent('.graphiql-response');
        assert(result.includes('市发改委') && result.includes('"lead": 32'), `unexpected result: ${result.slice(0, 300)}`);
        await page.screenshot({ path: join(artifacts, 'ide.png') });
      },
    },
    {
      name: 'everything came from the server, without errors, with a CJK font',
      fn: async () => {
        assertEqual(foreign, [], 'requests to other origins');
        assertEqual(problems, [], 'console errors');
        const fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim();
        assert(fonts.length > 0, 'no Chinese font installed: apt-get install fonts-noto-cjk');
      },
    },
  ]);
}

main().then(
  ({ passed, failed }) => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed > 0 ? 1 : 0);
  },
  (err) => {
    console.log(`setup failed: ${err && err.stack ? err.stack : err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
