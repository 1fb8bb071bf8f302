// Lints Cypher statements with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support, what Neo4j's editors use), without a
// server: syntax errors, undefined variables, type errors, each statement
// as Cypher 5 (what Neo4j 5.13 and later run). Reads a JSON list of
// statements from the file named by its argument; prints each error with
// its statement and exits 1 if there was any. Parameters are not declared
// (the store passes them at run time): the linter's "Parameter $x is not
// defined" is not an error here. Run by graph/neo4jstore's TestCypherLint.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const ERROR = 1;
const undeclaredParameter = /^Parameter \$\w+ is not defined\.$/;

const statements = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// Five statements a call: the analysis costs a fifth less a statement so
// than one a call, and more a call gains nothing.
const CHUNK = 5;
const prefix = 'CYPHER 5 ';
let errors = 0;
for (let first = 0; first < statements.length; first += CHUNK) {
  const chunk = statements.slice(first, first + CHUNK);
  // starts[i] is where chunk[i] begins in the text.
  const starts = [];
  let text = '';
  for (const s of chunk) {
    if (text) text += ';\n';
    starts.push(text.length + prefix.length);
    text += prefix + s;
  }
  for (const d of lintCypherQuery(text, {}).diagnostics) {
    if (d.severity !== ERROR || undeclaredParameter.test(d.message)) continue;
    errors++;
    const i = Math.max(0, starts.findLastIndex((start) => start <= d.offsets.start));
    const at = d.offsets.start - starts[i];
    const s = chunk[i];
    console.log(`error: ${d.message}\n  at: ${JSON.stringify(s.slice(Math.max(0, at - 50), at + 50))}\n  in: ${s.replace(/\s+/g, ' ').slice(0, 400)}\n`);
  }
}
console.log(`${statements.length} statements, ${errors} errors`);
process.exit(errors > 0 ? 1 : 0);
