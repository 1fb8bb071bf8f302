// The @neo4j/graphql side of TestLiveBenchmark (graph/neo4jstore/bench_live_test.go):
// type definitions over the nodes and relationships the Neo4j store writes
// (graph/neo4jstore/cypher_load.go), and each question of that benchmark as
// a @neo4j/graphql user would ask it. bench.mjs times them on a live server;
// questions.test.mjs checks them against the generated schema without one.
//
// The library writes the Cypher of every field it generates (filters,
// sorting, pagination, relationship aggregations). Counting the tasks two
// units share is beyond what it generates, so the co-ownership fields are
// @cypher fields holding the benchmark's hand-written statements, as a user
// of the library would have to write them.

// typeDefs map the store's labels, properties and relationships. Every
// question filters on ns, the namespace the benchmark loaded its corpus
// into (production data has ns ""). Mutations are switched off: the API
// compared is read-only.
export const typeDefs = /* GraphQL */ `
  type Unit @node(labels: ["Unit"]) @mutation(operations: []) {
    ns: String!
    id: String!
    name: String!
    nameYear: Int!
    aliases: [String!]!
    kind: String!
    jurisdiction: String!
    leads: [Task!]! @relationship(type: "LEADS", direction: OUT)
    cooperatesOn: [Task!]! @relationship(type: "COOPERATES_ON", direction: OUT)
  }

  # Task keeps its units' IDs in clause order as the properties leads and
  # cooperators (read without a traversal); the relationships to the Unit
  # nodes are leadUnits and cooperatingUnits here.
  type Task @node(labels: ["Task"]) @mutation(operations: []) {
    ns: String!
    id: String!
    planId: String!
    sectionId: String!
    jurisdiction: String!
    year: Int!
    number: Int!
    text: String!
    line: Int!
    leads: [String!]!
    cooperators: [String!]!
    leaders: [String!]!
    deadline: String!
    due: String!
    source: String!
    leadUnits: [Unit!]! @relationship(type: "LEADS", direction: IN)
    cooperatingUnits: [Unit!]! @relationship(type: "COOPERATES_ON", direction: IN)
  }

  # A pair of units and the number of tasks they share. It is no node: only
  # the @cypher fields below make it, so the library generates no query for
  # it. (@neo4j/graphql 6 still warns that it lacks @node; version 7 would
  # take it as the plain object type it is.)
  type UnitPair @query(read: false, aggregate: false) @mutation(operations: []) @subscription(events: []) {
    a: String!
    b: String!
    shared: Int!
  }

  type Query {
    # The pairs of non-placeholder units by the tasks of one year and place
    # they share, heaviest first: TestLiveBenchmark's handPairsYearPlace.
    coOwnershipOfYearPlace(ns: String!, jurisdiction: String!, year: Int!, limit: Int!): [UnitPair!]!
      @cypher(
        statement: """
        MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction, year: $year})
        MATCH (a:Unit)-[:LEADS|COOPERATES_ON]->(t)<-[:LEADS|COOPERATES_ON]-(b:Unit)
        WHERE a.id < b.id AND a.kind <> 'placeholder' AND b.kind <> 'placeholder'
        WITH a.id AS a, b.id AS b, count(DISTINCT t) AS shared
        ORDER BY shared DESC, a, b LIMIT $limit
        RETURN {a: a, b: b, shared: shared} AS pair
        """
        columnName: "pair"
      )
    # The same over every task: TestLiveBenchmark's handPairsAll. It counts
    # from the role relationships, as the hand-written column does; the
    # store reads the CO_OWNS edges its loads keep instead.
    coOwnership(ns: String!, limit: Int!): [UnitPair!]!
      @cypher(
        statement: """
        MATCH (a:Unit)-[:LEADS|COOPERATES_ON]->(t:Task)<-[:LEADS|COOPERATES_ON]-(b:Unit)
        WHERE a.ns = $ns AND a.id < b.id AND a.kind <> 'placeholder' AND b.kind <> 'placeholder'
        WITH a.id AS a, b.id AS b, count(DISTINCT t) AS shared
        ORDER BY shared DESC, a, b LIMIT $limit
        RETURN {a: a, b: b, shared: shared} AS pair
        """
        columnName: "pair"
      )
  }
`;

// noLimit asks for every pair, as the store's Network does (its noLimit).
const noLimit = 2147483647;

// The task fields the store's Task carries, as a page of tasks returns them.
const taskFields = /* GraphQL */ `
  id
  planId
  sectionId
  jurisdiction
  year
  number
  text
  line
  leads
  cooperators
  leaders
  deadline
  due
  source
`;

// A question's answer must not be empty: an empty answer is quick and would
// time nothing worth comparing.
function nonEmpty(what, list) {
  return list.length > 0 ? undefined : `${what} is empty`;
}

// questions are TestLiveBenchmark's, in its order and with its names, so the
// two tables line up. subject is what TestLiveBenchmark picked and printed:
// {ns, jurisdiction, unit, name, from, to}; the one-year questions ask
// about the newer year, to. Each has a query document, its variables, and
// a check of the first answer.
export const questions = [
  {
    // One page from the task side, the library's way to merge both roles
    // into one sorted page: a filter on either relationship (generated),
    // sort and first (generated), totalCount for the page's total
    // (generated), in one statement.
    name: "a unit's first page of 20 tasks",
    document: /* GraphQL */ `
      query UnitTasks($ns: String!, $unit: String!) {
        tasksConnection(
          where: {
            ns_EQ: $ns
            OR: [{ leadUnits_SOME: { id_EQ: $unit } }, { cooperatingUnits_SOME: { id_EQ: $unit } }]
          }
          sort: [{ jurisdiction: ASC }, { year: DESC }, { number: ASC }, { id: ASC }]
          first: 20
        ) {
          totalCount
          edges { node { ${taskFields} } }
        }
      }
    `,
    variables: (s) => ({ ns: s.ns, unit: s.unit }),
    check: (d) => nonEmpty("the page of tasks", d.tasksConnection.edges),
  },
  {
    // Nodes: the units with a part on a task of the year and place, with
    // their lead and cooperate counts as relationship aggregations
    // (generated). Edges: every pair, from the @cypher field (the library
    // cannot count shared tasks), as the store's Network returns them all.
    // Two root fields, so two statements.
    name: "network of one year and place",
    document: /* GraphQL */ `
      query Network($ns: String!, $jurisdiction: String!, $year: Int!, $limit: Int!) {
        units(
          where: {
            ns_EQ: $ns
            NOT: { kind_EQ: "placeholder" }
            OR: [
              { leads_SOME: { jurisdiction_EQ: $jurisdiction, year_EQ: $year } }
              { cooperatesOn_SOME: { jurisdiction_EQ: $jurisdiction, year_EQ: $year } }
            ]
          }
        ) {
          id
          lead: leadsConnection(where: { node: { jurisdiction_EQ: $jurisdiction, year_EQ: $year } }) {
            aggregate { count { nodes } }
          }
          cooperate: cooperatesOnConnection(where: { node: { jurisdiction_EQ: $jurisdiction, year_EQ: $year } }) {
            aggregate { count { nodes } }
          }
        }
        coOwnershipOfYearPlace(ns: $ns, jurisdiction: $jurisdiction, year: $year, limit: $limit) { a b shared }
      }
    `,
    variables: (s) => ({ ns: s.ns, jurisdiction: s.jurisdiction, year: s.to, limit: noLimit }),
    check: (d) => nonEmpty("the network's nodes", d.units) ?? nonEmpty("the network's edges", d.coOwnershipOfYearPlace),
  },
  {
    name: "co-ownership top 20, one year and place",
    document: /* GraphQL */ `
      query CoOwnershipOfYearPlace($ns: String!, $jurisdiction: String!, $year: Int!) {
        coOwnershipOfYearPlace(ns: $ns, jurisdiction: $jurisdiction, year: $year, limit: 20) { a b shared }
      }
    `,
    variables: (s) => ({ ns: s.ns, jurisdiction: s.jurisdiction, year: s.to }),
    check: (d) => nonEmpty("the pairs", d.coOwnershipOfYearPlace),
  },
  {
    name: "co-ownership top 20, all tasks (materialised vs counted)",
    document: /* GraphQL */ `
      query CoOwnership($ns: String!) {
        coOwnership(ns: $ns, limit: 20) { a b shared }
      }
    `,
    variables: (s) => ({ ns: s.ns }),
    check: (d) => nonEmpty("the pairs", d.coOwnership),
  },
  {
    // The unit by ID and its tasks of the year in each role, as
    // relationship aggregations (generated); one statement. Like the
    // hand-written column it counts tasks, where the store's Workload also
    // groups them by section.
    name: "workload of a unit in a year",
    document: /* GraphQL */ `
      query Workload($ns: String!, $unit: String!, $year: Int!) {
        units(where: { ns_EQ: $ns, id_EQ: $unit }) {
          id
          lead: leadsConnection(where: { node: { year_EQ: $year } }) { aggregate { count { nodes } } }
          cooperate: cooperatesOnConnection(where: { node: { year_EQ: $year } }) { aggregate { count { nodes } } }
        }
      }
    `,
    variables: (s) => ({ ns: s.ns, unit: s.unit, year: s.to }),
    check: (d) => nonEmpty("the unit", d.units),
  },
  {
    // The unit by its name or an alias in the place (generated filters),
    // and its workload in both years as four aliased aggregations: the
    // whole question in one statement.
    name: "workloadChange: unit by name, two workloads",
    document: /* GraphQL */ `
      query WorkloadChange($ns: String!, $jurisdiction: String!, $name: String!, $from: Int!, $to: Int!) {
        units(
          where: {
            ns_EQ: $ns
            jurisdiction_EQ: $jurisdiction
            OR: [{ name_EQ: $name }, { aliases_INCLUDES: $name }]
          }
        ) {
          id
          name
          leadFrom: leadsConnection(where: { node: { year_EQ: $from } }) { aggregate { count { nodes } } }
          cooperateFrom: cooperatesOnConnection(where: { node: { year_EQ: $from } }) { aggregate { count { nodes } } }
          leadTo: leadsConnection(where: { node: { year_EQ: $to } }) { aggregate { count { nodes } } }
          cooperateTo: cooperatesOnConnection(where: { node: { year_EQ: $to } }) { aggregate { count { nodes } } }
        }
      }
    `,
    variables: (s) => ({ ns: s.ns, jurisdiction: s.jurisdiction, name: s.name, from: s.from, to: s.to }),
    check: (d) => nonEmpty("the units of that name", d.units),
  },
];
