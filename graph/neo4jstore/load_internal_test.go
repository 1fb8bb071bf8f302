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
