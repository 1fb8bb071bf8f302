// bench.mjs times TestLiveBenchmark's questions (graph/neo4jstore/bench_live_test.go)
// through @neo4j/graphql, on the corpus that benchmark loaded and kept
// (NEO4J_BENCH_KEEP=1), and prints a table in its layout to paste beside
// its own. See README.md.
//
//	node bench/neo4jgraphql/bench.mjs --ns NS --jurisdiction PLACE --unit UNIT-ID \
//	  --name NAME --years FROM,TO [--runs 50]
//
// It connects as the Go tests do: NEO4J_URI, with user:password@ in it or
// NEO4J_USERNAME (default neo4j) and NEO4J_PASSWORD (none: no
// authentication), and NEO4J_DATABASE (default: the server's default).
//
// Each question runs 5 times to warm up, then --runs times (default
// NEO4J_BENCH_RUNS, else 50), and the median is printed. A run is the
// library executing the parsed document (translating it to Cypher, running
// the statements, shaping the answer), as the Go column is a store call:
// neither includes HTTP or parsing the request.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { execute, parse, validate } from "graphql";
import neo4j from "neo4j-driver";
import { questions, typeDefs } from "./questions.mjs";

const usage = `usage: node bench/neo4jgraphql/bench.mjs --ns NS --jurisdiction PLACE --unit UNIT-ID --name NAME --years FROM,TO [--runs N]

TestLiveBenchmark prints this command, with its arguments, for each corpus it
keeps when run with NEO4J_BENCH_KEEP=1 (see BENCHMARKS.md, "Neo4j against
hand-written Cypher"). NEO4J_URI names the server.`;

const warmUps = 5;

// fail ends the run with a message and no stack: every failure here is
// about the set-up, which the message says how to fix.
function fail(message) {
  console.error(`bench/neo4jgraphql: ${message}`);
  process.exit(2);
}

function subjectOf(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ns: { type: "string" },
        jurisdiction: { type: "string" },
        unit: { type: "string" },
        name: { type: "string" },
        years: { type: "string" },
        runs: { type: "string" },
      },
    }));
  } catch (err) {
    fail(`${err.message}\n${usage}`);
  }
  // ns may be "" (production data); the others may not.
  const missing = ["ns", "jurisdiction", "unit", "name", "years"].filter(
    (k) => values[k] === undefined || (k !== "ns" && values[k] === ""),
  );
  if (missing.length > 0) {
    fail(`missing --${missing.join(", --")}\n${usage}`);
  }
  const years = values.years.split(",").map(Number);
  if (years.length !== 2 || !years.every(Number.isInteger)) {
    fail(`--years ${values.years}: want two years, FROM,TO (TestLiveBenchmark's oldest and newest)`);
  }
  const runsArg = values.runs ?? (process.env.NEO4J_BENCH_RUNS || "50");
  const runs = Number(runsArg);
  if (!Number.isInteger(runs) || runs < 1) {
    fail(`--runs ${runsArg}: want a positive whole number`);
  }
  const [from, to] = years;
  return { ns: values.ns, jurisdiction: values.jurisdiction, unit: values.unit, name: values.name, from, to, runs };
}

// connect opens a driver on NEO4J_URI with the Go tests' credentials rules
// (graph/neo4jstore/live_internal_test.go, liveAuth).
function connect() {
  const raw = process.env.NEO4J_URI;
  if (!raw) {
    fail(
      "NEO4J_URI is not set: this benchmark needs a live Neo4j 5.13+ server holding a corpus TestLiveBenchmark kept, " +
        "e.g. NEO4J_URI=neo4j://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=… node bench/neo4jgraphql/bench.mjs …",
    );
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    fail(`NEO4J_URI is not a URI: ${raw}`);
  }
  if (url.username) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    url.username = "";
    url.password = "";
    return neo4j.driver(url.toString(), neo4j.auth.basic(user, password));
  }
  const password = process.env.NEO4J_PASSWORD;
  if (!password) {
    return neo4j.driver(raw);
  }
  return neo4j.driver(raw, neo4j.auth.basic(process.env.NEO4J_USERNAME || "neo4j", password));
}

// corpusSize counts the namespace's tasks and plans for the table's heading,
// and shows that the namespace holds a corpus at all.
async function corpusSize(driver, database, ns) {
  const { records } = await driver.executeQuery(
    `RETURN COUNT { MATCH (t:Task) WHERE t.ns = $ns AND t.id IS NOT NULL } AS tasks,
            COUNT { MATCH (p:Plan) WHERE p.ns = $ns AND p.id IS NOT NULL } AS plans`,
    { ns },
    { database, routing: neo4j.routing.READ },
  );
  return { tasks: records[0].get("tasks").toNumber(), plans: records[0].get("plans").toNumber() };
}

async function serverVersion(driver, database) {
  const { records } = await driver.executeQuery(
    "CALL dbms.components() YIELD name, versions, edition WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition",
    {},
    { database, routing: neo4j.routing.READ },
  );
  return records.length > 0 ? `${records[0].get("version")} ${records[0].get("edition")}` : "of unknown version";
}

function median(durations) {
  const sorted = [...durations].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(nanoseconds) {
  return (Number(nanoseconds) / 1e6).toFixed(2);
}

async function main() {
  const subject = subjectOf(process.argv.slice(2));
  const database = process.env.NEO4J_DATABASE || undefined;
  const driver = connect();
  try {
    try {
      await driver.verifyConnectivity({ database });
    } catch (err) {
      fail(`NEO4J_URI is set but the server does not answer: ${err.message}`);
    }
    const size = await corpusSize(driver, database, subject.ns);
    if (size.tasks === 0) {
      fail(
        `namespace ${JSON.stringify(subject.ns)} holds no tasks: run TestLiveBenchmark with NEO4J_BENCH_KEEP=1 ` +
          "and pass the arguments it prints",
      );
    }
    const version = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).dependencies[
      "@neo4j/graphql"
    ];
    console.error(`bench/neo4jgraphql: @neo4j/graphql ${version} on Neo4j ${await serverVersion(driver, database)}`);

    const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
    // The library's own session per root field, on NEO4J_DATABASE when set
    // (else its default, "neo4j").
    const sessionConfig = database ? { database } : undefined;
    const rows = [];
    for (const q of questions) {
      const document = parse(q.document);
      const invalid = validate(schema, document);
      if (invalid.length > 0) {
        throw new Error(`${q.name}: ${invalid.map((e) => e.message).join("; ")}`);
      }
      const variableValues = q.variables(subject);
      const ask = async () => {
        const result = await execute({ schema, document, variableValues, contextValue: { sessionConfig } });
        if (result.errors?.length) {
          throw new Error(`${q.name}: ${result.errors.map((e) => e.message).join("; ")}`);
        }
        return result.data;
      };
      const empty = q.check(await ask());
      if (empty) {
        fail(`${q.name}: ${empty}; are the arguments the ones TestLiveBenchmark printed for this namespace?`);
      }
      for (let i = 1; i < warmUps; i++) {
        await ask();
      }
      const durations = [];
      for (let i = 0; i < subject.runs; i++) {
        const start = process.hrtime.bigint();
        await ask();
        durations.push(process.hrtime.bigint() - start);
      }
      rows.push(`| ${q.name} | ${ms(median(durations))} |`);
    }
    process.stdout.write(
      `\n${size.tasks} tasks (${size.plans} plans), namespace ${subject.ns}, ${subject.runs} runs each; medians in ms\n\n` +
        `| question | @neo4j/graphql ${version} |\n|---|---|\n${rows.join("\n")}\n`,
    );
  } finally {
    await driver.close();
  }
}

await main();
