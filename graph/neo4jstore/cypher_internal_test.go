package neo4jstore

// These tests need no server. They record every statement the store sends
// at the runner boundary — the one function that hands Cypher to the
// driver — and check the statements and their parameters. The recorder
// answers nothing (no records), so they never stand in for Neo4j's answers;
// what Neo4j does with the statements is the conformance suite's job.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

// hostile is a value built to break out of a Cypher string literal, a map
// literal or a comment if it were ever written into a query.
const hostile = `市'"}{\\$ns\n'}) DETACH DELETE n //局` + "`) RETURN 1 //"

// recorder is a runner and executor that keeps what it is asked to run.
// It answers nothing, unless a test scripts answers: the records a
// statement gets, in the shapes the driver returns (integers as int64,
// lists as []any, maps as map[string]any). Scripted answers check the
// store's Go side — what it does with an answer — never what Neo4j would
// answer.
type recorder struct {
	statements []statement
	writes     int
	reads      int
	answers    map[string][]*neo4j.Record // by statement
}

func (r *recorder) run(_ context.Context, s statement) ([]*neo4j.Record, error) {
	r.statements = append(r.statements, s)
	return r.answers[s.cypher], nil
}

func (r *recorder) write(_ context.Context, work func(runner) error) error {
	r.writes++
	return work(r)
}

func (r *recorder) read(_ context.Context, work func(runner) error) error {
	r.reads++
	return work(r)
}

func recordingStore(t *testing.T, batchSize int) (*Store, *recorder) {
	t.Helper()
	opts, err := Options{BatchSize: batchSize, Namespace: "test"}.withDefaults()
	require.NoError(t, err)
	rec := &recorder{}
	return newStore(rec, opts), rec
}

// allStatements is every Cypher constant of the package: a recorded
// statement that is not one of them was built at run time.
var allStatements = func() map[string]bool {
	set := map[string]bool{}
	for _, c := range []string{
		cypherDocumentBefore, cypherForgetDocument, cypherCreateDocument, cypherMergeJurisdictions,
		cypherMergeReports, cypherCreatePlan, cypherCreateSections, cypherMergeUnits, cypherCreateTasks,
		cypherCreateLeads, cypherCreateCooperations, cypherCreateTargets, cypherAddSuccessions,
		cypherSuccessionViews, cypherSetSuccessionNotes, cypherDeleteSuccessions, cypherReportViews,
		cypherSetReports, cypherDeleteReports, cypherUnitViews, cypherSetUnits, cypherDeleteUnits,
		cypherDeleteOrphanKeys, cypherDeleteUngivenJurisdictions, cypherDeleteCoOwns, cypherCreateCoOwns,
		cypherDocumentIDs, cypherClearNamespace, cypherLockNamespace, cypherMoveCounts, cypherFormat,
		cypherStats,
	} {
		set[c] = true
	}
	for _, c := range readStatements() {
		set[c] = true
	}
	for _, c := range schemaStatements {
		set[c] = true
	}
	return set
}()

// hostileBatch is a valid plan whose every free-text field is hostile.
func hostileBatch(t *testing.T) *graph.Batch {
	t.Helper()
	b := storetest.Nanjing2026()
	b.Source = hostile
	b.Plan.Title = hostile
	b.Plan.Issuer = hostile
	b.Reports[0].Session = hostile
	b.Sections[0].Title = hostile
	b.Tasks[0].Text = hostile
	b.Units[0].Name = hostile
	b.Units[0].Aliases = append(b.Units[0].Aliases, hostile+"别名")
	b.Successions[0].Note = hostile
	b.Targets[0].Metric = hostile
	b.Targets[1].Text = hostile
	require.NoError(t, b.Validate())
	return b
}

// paramStrings collects every string inside a parameter value.
func paramStrings(v any, out *[]string) {
	switch x := v.(type) {
	case string:
		*out = append(*out, x)
	case []string:
		*out = append(*out, x...)
	case []any:
		for _, e := range x {
			paramStrings(e, out)
		}
	case map[string]any:
		for _, e := range x {
			paramStrings(e, out)
		}
	case []map[string]any:
		for _, e := range x {
			paramStrings(e, out)
		}
	}
}

func requireOnlyParameters(t *testing.T, recorded []statement, wantInParams int) {
	t.Helper()
	require.NotEmpty(t, recorded)
	inParams := 0
	for _, s := range recorded {
		require.True(t, allStatements[s.cypher], "statement is not a package constant:\n%s", s.cypher)
		for _, fragment := range []string{hostile, "DETACH DELETE n //", `\\$ns`, "RETURN 1 //"} {
			require.NotContains(t, s.cypher, fragment, "a value reached the query text")
		}
		var values []string
		paramStrings(s.params, &values)
		for _, v := range values {
			if strings.Contains(v, hostile) {
				inParams++
			}
		}
	}
	require.GreaterOrEqual(t, inParams, wantInParams, "the hostile values must travel as parameters")
}

func TestLoadSendsValuesOnlyAsParameters(t *testing.T) {
	s, rec := recordingStore(t, 2)
	require.NoError(t, s.Load(t.Context(), hostileBatch(t)))
	// Plan title and issuer travel in one map, so at least: plan, report
	// session, section, task text, unit name, alias, succession note, the
	// targets (one statement for both).
	requireOnlyParameters(t, rec.statements, 8)
}

func TestReadsSendValuesOnlyAsParameters(t *testing.T) {
	ctx := t.Context()
	s, rec := recordingStore(t, 0)
	// The recorder finds nothing, so most of these end in ErrNotFound after
	// sending their statements; what matters is what they sent.
	_, err := s.FindUnit(ctx, hostile, "")
	require.ErrorIs(t, err, graph.ErrNotFound)
	_, err = s.Units(ctx, graph.UnitFilter{Search: hostile}, graph.Page{})
	require.NoError(t, err)
	_, err = s.Tasks(ctx, graph.TaskFilter{Text: hostile, UnitIDs: []string{hostile}}, graph.Page{})
	require.NoError(t, err, "the recorder reports no unit missing")
	_, err = s.Sections(ctx, hostile)
	require.ErrorIs(t, err, graph.ErrNotFound)
	_, err = s.UnitsByID(ctx, []string{hostile})
	require.NoError(t, err)
	_, _, err = s.Successions(ctx, hostile)
	require.ErrorIs(t, err, graph.ErrNotFound)
	_, err = s.CoOwnership(ctx, graph.CoOwnershipFilter{PlanID: hostile}, 5)
	require.ErrorIs(t, err, graph.ErrNotFound)
	_, err = s.Workload(ctx, []string{hostile}, 0)
	require.NoError(t, err, "the recorder reports no unit missing")
	_, err = s.Targets(ctx, graph.TargetFilter{Metric: hostile, MetricContains: hostile, DocumentID: hostile, TaskID: hostile})
	require.ErrorIs(t, err, graph.ErrNotFound, "the recorder knows no metric")
	requireOnlyParameters(t, rec.statements, 10)
	require.Zero(t, rec.writes, "reads must not open write transactions")
}

func TestStatementsAreTheSameWhateverTheValues(t *testing.T) {
	cyphers := func(b *graph.Batch) []string {
		s, rec := recordingStore(t, 2)
		require.NoError(t, s.Load(t.Context(), b))
		var out []string
		for _, st := range rec.statements {
			out = append(out, st.cypher)
		}
		return out
	}
	require.Equal(t, cyphers(storetest.Nanjing2026()), cyphers(hostileBatch(t)))
}

// statementOrder lists what a recorder was asked to run.
func statementOrder(rec *recorder) []string {
	var order []string
	for _, st := range rec.statements {
		order = append(order, st.cypher)
	}
	return order
}

func TestLoadIsOneWriteTransactionInDependencyOrder(t *testing.T) {
	s, rec := recordingStore(t, 1000)
	require.NoError(t, s.Load(t.Context(), storetest.Nanjing2026()))
	require.Equal(t, 1, rec.writes, "one document, one transaction")
	require.Zero(t, rec.reads)

	// The load lock first; what the loaded version gave read before
	// anything is written (the recorder knows no loaded version, so none is
	// forgotten); nodes before the edges that join them; then the touched
	// successions, reports and units recomputed from their views (the
	// recorder has none, so none is written back) and the counts moved
	// last.
	require.Equal(t, []string{
		cypherLockNamespace, cypherDocumentBefore,
		cypherCreateDocument, cypherMergeJurisdictions, cypherMergeReports, cypherCreatePlan, cypherCreateSections,
		cypherMergeUnits, cypherCreateTasks, cypherCreateLeads, cypherCreateCooperations, cypherCreateTargets,
		cypherAddSuccessions,
		cypherSuccessionViews, cypherReportViews, cypherUnitViews, cypherMoveCounts,
	}, statementOrder(rec))
	for _, st := range rec.statements {
		require.Equal(t, "test", st.params["ns"], "every statement is scoped to the namespace")
	}
	b := storetest.Nanjing2026()
	var units []string
	for _, u := range b.Units {
		units = append(units, u.ID)
	}
	require.Equal(t, map[string]any{
		"ns": "test", "id": storetest.PlanNanjing2026, "units": units, "reports": []string{storetest.Report2026},
	}, rec.statements[1].params, "the units and reports the batch touches are counted before")
	require.Equal(t, targetRows(b.Targets), rec.statements[11].params["rows"])
	require.Equal(t, map[string]any{"ns": "test", "deltas": []int{0, 0, 1, 3, 6, 0}}, rec.statements[16].params,
		"a plan, its sections and tasks are counted as they come; units and reports as recomputed")
}

func TestLoadOfAReportWritesItsTextSectionsAndTargets(t *testing.T) {
	s, rec := recordingStore(t, 1000)
	require.NoError(t, s.Load(t.Context(), storetest.Report2026Loaded()))
	require.Equal(t, []string{
		cypherLockNamespace, cypherDocumentBefore, cypherCreateDocument, cypherMergeJurisdictions,
		cypherMergeReports, cypherCreateSections, cypherCreateTargets, cypherReportViews, cypherMoveCounts,
	}, statementOrder(rec), "a report has no plan, tasks, units or co-ownership to touch")

	require.Equal(t, []map[string]any{{"id": storetest.Report2026, "view": map[string]any{
		"jurisdiction": "南京市", "year": 2026, "session": "", "title": "2026年南京市政府工作报告",
		"date": "2026-01-20", "file": "nanjing-2026-report.txt", "loaded": true,
	}}}, rec.statements[4].params["rows"])
	targets := rec.statements[6].params["rows"].([]map[string]any)
	require.Equal(t, []map[string]any{
		{
			"id": storetest.Report2026 + ":g1", "taskId": "", "documentId": storetest.Report2026,
			"props": map[string]any{
				"documentId": storetest.Report2026, "taskId": "", "taskNumber": 0, "index": 1,
				"jurisdiction": "南京市", "year": 2026, "metric": "地区生产总值", "measure": "growth", "value": 5.0,
				"unit": "%", "comparator": "≈", "aspirational": false, "text": "地区生产总值增长5%左右",
				"startOffset": 0, "endOffset": 12,
			},
		},
		{
			"id": storetest.Report2026 + ":g2", "taskId": "", "documentId": storetest.Report2026,
			"props": map[string]any{
				"documentId": storetest.Report2026, "taskId": "", "taskNumber": 0, "index": 2,
				"jurisdiction": "南京市", "year": 2026, "metric": "实际使用外资", "measure": "qualitative", "value": nil,
				"unit": "", "comparator": "", "aspirational": false, "text": "实际使用外资稳中提质",
				"startOffset": 13, "endOffset": 23,
			},
		},
	}, targets, "a target without a figure sends a null value, so stores no property")
}

func TestLoadSplitsRowsByBatchSize(t *testing.T) {
	b := storetest.Nanjing2026()
	for _, size := range []int{1, 2, 4, 9, 10, 500} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			s, rec := recordingStore(t, size)
			require.NoError(t, s.Load(t.Context(), b))
			var sent []map[string]any
			for _, st := range rec.statements {
				if st.cypher != cypherMergeUnits {
					continue
				}
				rows := st.params["rows"].([]map[string]any)
				require.NotEmpty(t, rows)
				require.LessOrEqual(t, len(rows), size)
				sent = append(sent, rows...)
			}
			require.Equal(t, unitRows(b.Units), sent, "every unit once, in order")
			require.Len(t, sent, 9)
		})
	}
}

func TestChunks(t *testing.T) {
	rows := func(n int) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = map[string]any{"i": i}
		}
		return out
	}
	for _, tc := range []struct {
		rows, size int
		want       []int
	}{
		{0, 3, nil},
		{1, 3, []int{1}},
		{3, 3, []int{3}},
		{7, 3, []int{3, 3, 1}},
		{7, 1, []int{1, 1, 1, 1, 1, 1, 1}},
	} {
		var got []int
		for _, c := range chunks(rows(tc.rows), tc.size) {
			got = append(got, len(c))
		}
		require.Equal(t, tc.want, got, "%d rows by %d", tc.rows, tc.size)
	}
}

func TestRowShapes(t *testing.T) {
	u := graph.Unit{ID: "unit:南京市:市文化和旅游局", Name: "市文旅局", NameYear: 2026, Kind: graph.KindDepartment, Jurisdiction: "南京市"}
	require.Equal(t, []map[string]any{{
		"id": u.ID, "name": "市文旅局", "nameYear": 2026, "aliases": []string{},
		"kind": "department", "jurisdiction": "南京市",
	}}, unitRows([]graph.Unit{u}), "no aliases is an empty list: Neo4j stores no nulls")

	task := graph.Task{
		ID: "plan:南京市:2026:t3", PlanID: "plan:南京市:2026", SectionID: "plan:南京市:2026:s2",
		Jurisdiction: "南京市", Year: 2026, Number: 3, Text: "建设数据要素市场", Line: 40,
		Leads: []string{"a", "b"}, Cooperators: nil, Leaders: []string{"张三"}, Deadline: "2026年6月底前", Due: "2026-06-30",
	}
	require.Equal(t, []map[string]any{{
		"id": task.ID,
		"props": map[string]any{
			"planId": task.PlanID, "sectionId": task.SectionID, "jurisdiction": "南京市", "year": 2026,
			"number": 3, "text": "建设数据要素市场", "line": 40, "leads": []string{"a", "b"}, "cooperators": []string{},
			"leaders": []string{"张三"}, "deadline": "2026年6月底前", "due": "2026-06-30", "source": "",
		},
	}}, taskRows([]graph.Task{task}))

	leads, coops := roleRows([]graph.Task{task, {ID: "t2", Leads: []string{"c"}, Cooperators: []string{"a", "d"}}})
	require.Equal(t, []map[string]any{
		{"task": task.ID, "unit": "a", "pos": 0},
		{"task": task.ID, "unit": "b", "pos": 1},
		{"task": "t2", "unit": "c", "pos": 0},
	}, leads, "the position keeps the clause order")
	require.Equal(t, []map[string]any{
		{"task": "t2", "unit": "a", "pos": 0},
		{"task": "t2", "unit": "d", "pos": 1},
	}, coops)

	require.Equal(t, []map[string]any{{
		"id": "report:南京市:2026", "view": map[string]any{
			"jurisdiction": "南京市", "year": 2026, "session": "", "title": "", "date": "", "file": "", "loaded": false,
		},
	}}, reportRows([]graph.Report{{ID: "report:南京市:2026", Jurisdiction: "南京市", Year: 2026}}))

	props, keys := unitProps(graph.Unit{
		ID: "u", Name: "高新区（鼓楼）管委会", NameYear: 2026, Kind: graph.KindManagementCommittee, Jurisdiction: "南京市/鼓楼区",
		Aliases: []string{"高新区(鼓楼)管委会", "鼓楼高新区"},
	})
	require.Equal(t, map[string]any{
		"name": "高新区（鼓楼）管委会", "nameYear": 2026, "kind": "management_committee", "jurisdiction": "南京市/鼓楼区",
		"aliases": []string{"高新区(鼓楼)管委会", "鼓楼高新区"},
	}, props)
	require.Equal(t, []string{"高新区(鼓楼)管委会", "鼓楼高新区"}, keys, "one key per form, brackets folded as FindUnit folds them")

	rows := jurisdictionRows([]graph.Jurisdiction{{Path: "南京市/鼓楼区", Parent: "南京市"}, {Path: "南京市"}})
	require.Equal(t, "南京市", rows[0]["path"], "parents first, for the PART_OF edge to find them")
}

func TestLoadRefusesInvalidBatchesBeforeAnyTransaction(t *testing.T) {
	for _, inv := range storetest.Invalid() {
		t.Run(inv.Name, func(t *testing.T) {
			s, rec := recordingStore(t, 0)
			err := s.Load(t.Context(), inv.Batch)
			require.ErrorIs(t, err, graph.ErrInvalid)
			require.Zero(t, rec.writes)
			require.Empty(t, rec.statements)
		})
	}
}

func TestReadsCheckArgumentsBeforeAnyQuery(t *testing.T) {
	ctx := t.Context()
	s, rec := recordingStore(t, 0)
	_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 0)
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = s.Network(ctx, graph.CoOwnershipFilter{Year: 26}, 1)
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = s.Workload(ctx, nil, 2026)
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = s.Tasks(ctx, graph.TaskFilter{Role: graph.RoleLead}, graph.Page{})
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = s.Units(ctx, graph.UnitFilter{}, graph.Page{Offset: -1})
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = s.FindUnit(ctx, "  ", "")
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = s.Targets(ctx, graph.TargetFilter{Measure: "speed"})
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = s.Targets(ctx, graph.TargetFilter{Year: 26})
	require.ErrorIs(t, err, graph.ErrInvalid)
	require.Empty(t, rec.statements)
}

func TestSchemaIsIdempotentAndCJK(t *testing.T) {
	s, rec := recordingStore(t, 0)
	require.NoError(t, s.EnsureSchema(t.Context()))
	require.Len(t, rec.statements, len(schemaStatements))
	require.Equal(t, len(schemaStatements), rec.writes, "schema changes each in their own transaction")
	for _, st := range rec.statements {
		require.Contains(t, st.cypher, "IF NOT EXISTS")
	}
	require.Contains(t, strings.Join(schemaStatements, "\n"), "`fulltext.analyzer`: 'cjk'")
}

func TestTranslate(t *testing.T) {
	notFound := &graph.NotFoundError{What: "unit", Name: "x"}
	require.Same(t, notFound, translate("find", notFound).(*graph.NotFoundError), "domain errors pass unchanged")

	conn := &neo4j.ConnectivityError{Inner: errors.New("connection refused")}
	err := translate("stats", conn)
	require.ErrorIs(t, err, graph.ErrUnavailable)
	require.ErrorAs(t, err, new(*neo4j.ConnectivityError))

	err = translate("stats", fmt.Errorf("run: %w", context.DeadlineExceeded))
	require.ErrorIs(t, err, graph.ErrUnavailable)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	err = translate("stats", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad"})
	require.NotErrorIs(t, err, graph.ErrUnavailable, "a bug is not an outage")
	require.ErrorContains(t, err, "neo4j stats")

	require.NoError(t, translate("x", nil))
}

func TestNewRejectsNilDriverAndBadOptions(t *testing.T) {
	_, err := New(t.Context(), nil, Options{})
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = Options{BatchSize: -1}.withDefaults()
	require.ErrorIs(t, err, graph.ErrInvalid)
	opts, err := Options{}.withDefaults()
	require.NoError(t, err)
	require.Equal(t, DefaultBatchSize, opts.BatchSize)
	require.Equal(t, DefaultTimeout, opts.Timeout)
}

func TestPairStatementUsesCoOwnsOnlyForTheDefaultView(t *testing.T) {
	both := relLeads + "|" + relCooperatesOn
	for _, tc := range []struct {
		f    graph.CoOwnershipFilter
		want string
	}{
		{graph.CoOwnershipFilter{}, cypherMaterialisedPairs},
		{graph.CoOwnershipFilter{Year: 2026}, cypherMaterialisedPairsOfYear},
		{graph.CoOwnershipFilter{Roles: []graph.Role{graph.RoleCooperator, graph.RoleLead}}, cypherMaterialisedPairs},
		{graph.CoOwnershipFilter{Roles: []graph.Role{graph.RoleLead}}, pairsStatements[pairKey{types: relLeads}]},
		{graph.CoOwnershipFilter{IncludeCollective: true}, pairsStatements[pairKey{types: both, collective: true}]},
		{graph.CoOwnershipFilter{Year: 2026, Jurisdiction: "南京市"}, pairsStatements[pairKey{scope: scope{year: true, jurisdiction: true}, types: both}]},
		{graph.CoOwnershipFilter{PlanID: "plan:南京市:2026"}, pairsStatements[pairKey{scope: scope{plan: true}, types: both}]},
		{graph.CoOwnershipFilter{UnitID: "unit:南京市:市发改委", Year: 2026}, partnersStatements[pairKey{scope: scope{year: true}, types: both}]},
	} {
		require.Equal(t, tc.want, pairStatement(tc.f), "%+v", tc.f)
	}
	require.True(t, strings.HasPrefix(pairStatement(graph.CoOwnershipFilter{Year: 2026, Jurisdiction: "南京市"}),
		"MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction, year: $year})"), "one year and place starts from its tasks")
}
