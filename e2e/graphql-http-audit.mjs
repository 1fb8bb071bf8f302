// Runs the GraphQL-over-HTTP audit of graphql-http (pinned in
// package-lock.json) against the GraphQL endpoint given as the only
// argument, e.g. `node graphql-http-audit.mjs http://127.0.0.1:8080/graphql`.
// Prints every audit that did not pass, then the passed counts per level,
// and exits non-zero unless every MUST and every SHOULD passed: the MAYs are
// counted but optional. server/audit_test.go runs it against the real server.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql-http-audit.mjs URL');
  process.exit(2);
}

const results = await auditServer({ url });
const levels = { MUST: { ok: 0, all: 0 }, SHOULD: { ok: 0, all: 0 }, MAY: { ok: 0, all: 0 } };
for (const r of results) {
  const level = levels[r.name.split(' ')[0]];
  level.all++;
  if (r.status === 'ok') {
    level.ok++;
    continue;
  }
  let body = '';
  try {
    body = (await r.response.text()).slice(0, 300);
  } catch {
    // the body was read by the audit's own assertion
  }
  console.log(`${r.status} ${r.id} ${r.name}: ${r.reason} (status ${r.response.status}, ` +
    `content-type ${r.response.headers.get('content-type')}) ${body}`);
}
const counts = Object.entries(levels).map(([name, c]) => `${name} ${c.ok}/${c.all}`);
console.log(`graphql-http audit: ${counts.join(', ')}`);
const compliant = [levels.MUST, levels.SHOULD].every((c) => c.ok === c.all);
process.exit(compliant ? 0 : 1);
