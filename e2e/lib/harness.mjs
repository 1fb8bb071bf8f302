// A small sequential test runner: each test gets a name and a function;
// the run ends with "N passed, M failed" and a non-zero exit on failure.

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}

export async function runTests(tests, { timeoutMs = 60_000 } = {}) {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    let timer;
    try {
      await Promise.race([
        t.fn(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000}s`)), timeoutMs);
        }),
      ]);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${t.name}: ${err && err.message ? err.message : err}`);
    } finally {
      clearTimeout(timer);
    }
  }
  return { passed, failed };
}
