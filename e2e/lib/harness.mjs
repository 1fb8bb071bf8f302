// A small sequential test runner: each test gets a name, a function and,
// if it needs longer than the run's default, its own timeoutMs; the run
// ends with "N passed, M failed" and a non-zero exit on failure.

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
          const limit = t.timeoutMs || timeoutMs;
          timer = setTimeout(() => reject(new Error(`timed out after ${limit / 1000}s`)), limit);
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
