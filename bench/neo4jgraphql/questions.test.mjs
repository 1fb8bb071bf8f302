// What can be checked of the @neo4j/graphql benchmark without a Neo4j
// server: the library builds its schema from typeDefs (it needs no driver
// for that), and every question's document is valid against that schema,
// uses nothing deprecated, and takes the variables bench.mjs gives it. How
// the library translates the documents to Cypher, and what the server
// answers, only a live run shows: the library asks the server its version
// before it translates anything.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { NoDeprecatedCustomRule, getVariableValues, parse, specifiedRules, validate } from "graphql";
import { questions, typeDefs } from "./questions.mjs";

const schema = await new Neo4jGraphQL({ typeDefs }).getSchema();

// A subject of the kind TestLiveBenchmark prints.
const subject = {
  ns: "dutygraph-test-0123456789abcdef",
  jurisdiction: "南京市",
  unit: "unit:南京市:市发改委",
  name: "市发改委",
  from: 2025,
  to: 2026,
};

test("the schema has the generated queries and the @cypher fields, and no mutation", () => {
  const fields = Object.keys(schema.getQueryType().getFields());
  for (const name of ["units", "tasks", "tasksConnection", "coOwnershipOfYearPlace", "coOwnership"]) {
    assert.ok(fields.includes(name), `Query.${name} in ${fields.join(", ")}`);
  }
  assert.ok(!fields.some((f) => f.toLowerCase().includes("unitpair")), "UnitPair has no generated query");
  assert.equal(schema.getMutationType(), undefined);
});

test("the questions are TestLiveBenchmark's, once each", () => {
  assert.deepEqual(
    questions.map((q) => q.name),
    [
      "a unit's first page of 20 tasks",
      "network of one year and place",
      "co-ownership top 20, one year and place",
      "co-ownership top 20, all tasks (materialised vs counted)",
      "workload of a unit in a year",
      "workloadChange: unit by name, two workloads",
    ],
  );
});

for (const q of questions) {
  test(`${q.name}: the document is valid, uses nothing deprecated, and takes its variables`, () => {
    const document = parse(q.document);
    // Nothing deprecated: the forms the library's current documentation
    // gives, as a new user would write them.
    assert.deepEqual(validate(schema, document, [...specifiedRules, NoDeprecatedCustomRule]), []);
    const [operation] = document.definitions;
    const { errors } = getVariableValues(schema, operation.variableDefinitions, q.variables(subject));
    assert.equal(errors, undefined, errors?.map((e) => e.message).join("; "));
  });
}
