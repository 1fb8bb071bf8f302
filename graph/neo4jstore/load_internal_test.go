package neo4jstore

import (
	"context"
	"errors"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

// failingExecutor runs work once on a runner whose connection breaks at
// one statement, and keeps the error work hands back to the driver.
type failingExecutor struct {
	failAt int // statement index, from 0
	ran    int
	fail   error
	work   error // what work returned: what the driver's retry decision sees
}

func (f *failingExecutor) run(context.Context, statement) ([]*neo4j.Record, error) {
	f.ran++
	if f.ran-1 == f.failAt {
		return nil, f.fail
	}
	return nil, nil
}

func (f *failingExecutor) write(_ context.Context, work func(runner) error) error {
	f.work = work(f)
	return f.work
}

func (f *failingExecutor) read(_ context.Context, work func(runner) error) error {
	return work(f)
}

func TestLoadLeavesDriverErrorsRetryable(t *testing.T) {
	// The driver retries a transaction only when the error its work
	// returns is itself a *ConnectivityError (a type assertion, not
	// errors.As) or wraps a retriable *Neo4jError.
	for _, at := range []int{0, 5, 12} {
		lost := &neo4j.ConnectivityError{Inner: errors.New("connection reset by peer")}
		f := &failingExecutor{failAt: at, fail: lost}
		opts, err := Options{BatchSize: 2, Namespace: "test"}.withDefaults()
		require.NoError(t, err)
		s := newStore(f, opts)

		err = s.Load(t.Context(), storetest.Nanjing2026())
		require.Same(t, lost, f.work, "statement %d: work must hand the driver its own error", at)
		require.ErrorIs(t, err, graph.ErrUnavailable, "statement %d", at)
		require.ErrorAs(t, err, new(*neo4j.ConnectivityError))
		require.ErrorContains(t, err, "load nanjing-2026-plan.txt")
	}
}

func TestLoadErrorsNameTheFailingStep(t *testing.T) {
	s, rec := recordingStore(t, 2)
	require.NoError(t, s.Load(t.Context(), storetest.Nanjing2026()))
	var unitsAt int
	for i, st := range rec.statements {
		if st.cypher == cypherMergeUnits {
			unitsAt = i
			break
		}
	}
	bad := &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "already exists"}
	f := &failingExecutor{failAt: unitsAt, fail: bad}
	s = newStore(f, s.opts)
	err := s.Load(t.Context(), storetest.Nanjing2026())
	require.ErrorAs(t, err, new(*neo4j.Neo4jError))
	require.NotErrorIs(t, err, graph.ErrUnavailable, "a constraint violation is not an outage")
	require.ErrorContains(t, err, "load nanjing-2026-plan.txt: units: ")
}

// record builds one record from alternating keys and values.
func record(kv ...any) *neo4j.Record {
	r := &neo4j.Record{}
	for i := 0; i < len(kv); i += 2 {
		r.Keys = append(r.Keys, kv[i].(string))
		r.Values = append(r.Values, kv[i+1])
	}
	return r
}

func unitView(document, name string, year int, kind graph.UnitKind, aliases ...any) map[string]any {
	return map[string]any{"document": document, "name": name, "nameYear": int64(year), "kind": string(kind), "aliases": append([]any{}, aliases...)}
}

func scriptedStore(t *testing.T, answers map[string][]*neo4j.Record) (*Store, *recorder) {
	t.Helper()
	s, rec := recordingStore(t, 1000)
	rec.answers = answers
	return s, rec
}

// sent returns the parameters of every statement run as cypher.
func (s *recorder) sent(cypher string) []map[string]any {
	var out []map[string]any
	for _, st := range s.statements {
		if st.cypher == cypher {
			out = append(out, st.params)
		}
	}
	return out
}

func TestRemoveRecomputesWhatTheDocumentTouched(t *testing.T) {
	gone := graph.UnitID(storetest.Nanjing, "市某局")
	s, sc := scriptedStore(t, map[string][]*neo4j.Record{
		cypherDocumentBefore: {record(
			"known", true,
			"units", []any{storetest.GLZF, storetest.FGW, gone},
			"reports", []any{storetest.Report2026},
			"jurisdictions", []any{storetest.Nanjing, storetest.Gulou},
			"successions", []any{map[string]any{"from": storetest.DSJ, "to": storetest.SJJ}},
			"unitsBefore", int64(3), "reportsBefore", int64(1), "loadedBefore", int64(1),
		)},
		cypherForgetDocument: {record("tasks", int64(6), "sections", int64(3), "plans", int64(1))},
		cypherSuccessionViews: {
			record("from", storetest.DSJ, "to", storetest.SJJ, "notes", []any{"乙", "", "甲"}),
		},
		cypherReportViews: {record("id", storetest.Report2026, "views", []any{
			map[string]any{"document": storetest.Report2026, "jurisdiction": storetest.Nanjing, "year": int64(2026),
				"session": "", "title": "报告", "date": "", "file": "r.txt", "loaded": true},
			map[string]any{"document": storetest.PlanNanjing2021, "jurisdiction": storetest.Nanjing, "year": int64(2026),
				"session": "十七届五次", "title": "", "date": "", "file": "", "loaded": false},
		})},
		cypherUnitViews: {
			record("unit", map[string]any{"id": storetest.GLZF, "name": "鼓楼区人民政府", "nameYear": int64(2026),
				"kind": "district_government", "jurisdiction": storetest.Gulou, "aliases": []any{"区政府"}},
				"views", []any{
					unitView(storetest.PlanNanjing2026, "鼓楼区人民政府", 2026, graph.KindDistrictGovernment),
					unitView(storetest.PlanGulou2026, "区政府", 2026, graph.KindPlaceholder, "区政府"),
				}),
			record("unit", map[string]any{"id": gone, "name": "市某局", "nameYear": int64(2026), "kind": "department",
				"jurisdiction": storetest.Nanjing, "aliases": []any{"某局（旧）"}},
				"views", []any{}),
		},
	})
	require.NoError(t, s.Remove(t.Context(), storetest.PlanNanjing2021))
	require.Equal(t, 1, sc.writes)
	require.Equal(t, []string{
		cypherLockNamespace, cypherDocumentBefore, cypherForgetDocument,
		cypherSuccessionViews, cypherSetSuccessionNotes, cypherReportViews, cypherSetReports,
		cypherUnitViews, cypherSetUnits, cypherDeleteUnits, cypherDeleteOrphanKeys,
		cypherDeleteUngivenJurisdictions, cypherDeleteCoOwns, cypherCreateCoOwns, cypherMoveCounts,
	}, statementOrder(sc))

	require.Equal(t, []map[string]any{{"from": storetest.DSJ, "to": storetest.SJJ, "note": "乙"}},
		sc.sent(cypherSetSuccessionNotes)[0]["rows"], "the non-empty note, then the smaller")
	require.Equal(t, []map[string]any{{"id": storetest.Report2026, "props": map[string]any{
		"jurisdiction": storetest.Nanjing, "year": 2026, "session": "十七届五次", "title": "报告", "date": "",
		"file": "r.txt", "loaded": true,
	}}}, sc.sent(cypherSetReports)[0]["rows"], "the loaded text, with the session only a stub names")
	require.Equal(t, []map[string]any{{
		"id": storetest.GLZF,
		"props": map[string]any{
			"name": "区政府", "nameYear": 2026, "kind": "placeholder", "jurisdiction": storetest.Gulou,
			"aliases": []string{"鼓楼区人民政府"},
		},
		"keys": []string{"区政府", "鼓楼区人民政府"},
	}}, sc.sent(cypherSetUnits)[0]["rows"], "equal years: the smaller name, with its kind")
	require.Equal(t, []string{gone}, sc.sent(cypherDeleteUnits)[0]["ids"], "a unit no document names any more")
	require.Equal(t, []string{"市某局", "某局(旧)"}, sc.sent(cypherDeleteOrphanKeys)[0]["keys"])
	require.Equal(t, []string{storetest.Nanjing, storetest.Gulou}, sc.sent(cypherDeleteUngivenJurisdictions)[0]["paths"])
	for _, p := range append(sc.sent(cypherDeleteCoOwns), sc.sent(cypherCreateCoOwns)...) {
		require.Equal(t, []string{storetest.GLZF}, p["ids"], "co-ownership rebuilt for every kept unit the document touched")
	}
	require.Equal(t, []int{0, 0, -1, -3, -6, -2}, sc.sent(cypherMoveCounts)[0]["deltas"],
		"the plan, its sections and tasks go; of three units one is kept, and FGW has no node any more")
}

func TestRemoveOfAnUnknownDocumentSuggestsLoadedOnes(t *testing.T) {
	s, sc := scriptedStore(t, map[string][]*neo4j.Record{
		cypherDocumentBefore: {record("known", false, "units", []any{}, "reports", []any{}, "jurisdictions", []any{},
			"successions", []any{}, "unitsBefore", int64(0), "reportsBefore", int64(0), "loadedBefore", int64(0))},
		cypherDocumentIDs: {record("ids", []any{storetest.PlanGulou2026, storetest.PlanNanjing2026})},
	})
	err := s.Remove(t.Context(), graph.PlanID(storetest.Gulou, 2019))
	var nf *graph.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Equal(t, "document", nf.What)
	require.Contains(t, nf.Suggestions, storetest.PlanGulou2026)
	require.Equal(t, []string{cypherLockNamespace, cypherDocumentBefore, cypherDocumentIDs}, statementOrder(sc),
		"nothing is written; the transaction rolls back with the error")
}

func TestReloadForgetsTheLoadedVersionFirst(t *testing.T) {
	s, sc := scriptedStore(t, map[string][]*neo4j.Record{
		cypherDocumentBefore: {record("known", true, "units", []any{storetest.FGW}, "reports", []any{},
			"jurisdictions", []any{}, "successions", []any{}, "unitsBefore", int64(9), "reportsBefore", int64(1),
			"loadedBefore", int64(0))},
		cypherForgetDocument: {record("tasks", int64(6), "sections", int64(3), "plans", int64(1))},
	})
	require.NoError(t, s.Load(t.Context(), storetest.Nanjing2026Revised()))
	order := statementOrder(sc)
	require.Equal(t, []string{cypherLockNamespace, cypherDocumentBefore, cypherForgetDocument, cypherCreateDocument}, order[:4])
	require.Equal(t, []int{-1, 0, 0, 0, -1, -9}, sc.sent(cypherMoveCounts)[0]["deltas"],
		"one task fewer; the scripted views keep no unit or report")
}

func TestNewRefusesANamespaceOfAnOlderFormat(t *testing.T) {
	s, _ := scriptedStore(t, map[string][]*neo4j.Record{cypherFormat: {record("format", nil, "counted", true)}})
	err := s.checkFormat(t.Context())
	require.ErrorIs(t, err, graph.ErrInvalid)
	require.ErrorContains(t, err, "load the documents again")

	s, _ = scriptedStore(t, map[string][]*neo4j.Record{cypherFormat: {record("format", int64(formatVersion), "counted", true)}})
	require.NoError(t, s.checkFormat(t.Context()))
	s, _ = scriptedStore(t, map[string][]*neo4j.Record{cypherFormat: {record("format", nil, "counted", false)}})
	require.NoError(t, s.checkFormat(t.Context()), "a namespace never loaded")
}
