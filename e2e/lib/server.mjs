// Builds and runs `dutygraph serve` for the browser test.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// freePort asks the kernel for a port nobody listens on.
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// buildBinary compiles ./cmd/dutygraph from the repository root into a
// temporary directory, removed by the returned cleanup; DUTYGRAPH_BIN names
// a binary built already instead.
export async function buildBinary(repoRoot) {
  if (process.env.DUTYGRAPH_BIN) return { bin: process.env.DUTYGRAPH_BIN, cleanup: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'dutygraph-e2e-'));
  const bin = join(dir, 'dutygraph');
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    execFileSync('go', ['build', '-o', bin, './cmd/dutygraph'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { bin, cleanup };
}

// generateCorpus writes a synthetic corpus of the given number of tasks
// (`dutygraph gen`, seed 1: the same corpus on every run) into a temporary
// directory, removed by the returned cleanup.
export async function generateCorpus(bin, tasks) {
  const dir = await mkdtemp(join(tmpdir(), 'dutygraph-e2e-corpus-'));
  const out = join(dir, 'corpus');
  execFileSync(bin, ['gen', '--seed', '1', '--tasks', String(tasks), '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir: out, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

// startServer runs `serve` on a free loopback port with a data directory of
// its own (so that it answers from the bundled seeds, or from the seeds
// folder given, whatever the user's data directory holds), logging to
// logFile, and resolves once /readyz answers 200 (the corpus is loaded and
// the store answers; /healthz is 200 as soon as the process serves).
export async function startServer(bin, logFile, { seeds = null, timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  const log = createWriteStream(logFile);
  const data = await mkdtemp(join(tmpdir(), 'dutygraph-e2e-data-'));
  const args = ['serve', '--addr', addr, '--data', data, ...(seeds ? ['--seeds', seeds] : [])];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('exit', () => rm(data, { recursive: true, force: true }));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const base = `http://${addr}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`serve exited (${exited.code ?? exited.signal}) before it was ready; see ${logFile}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve not ready after ${timeoutMs / 1000}s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    // stop asks for a graceful shutdown and waits for it.
    async stop() {
      if (exited) return exited;
      const done = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const result = await done;
      clearTimeout(timer);
      return result;
    },
  };
}

// gql asks the API directly: the answer the page must agree with.
export async function gql(base, query, variables = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}
