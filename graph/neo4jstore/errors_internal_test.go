package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// TestUnavailableIsTheOnlyRetriedClass feeds the classification the
// driver's own error types: only a store that cannot answer now is
// unavailable; credentials refused and statement or schema errors are not,
// so `serve` stops on them instead of retrying for ever.
func TestUnavailableIsTheOnlyRetriedClass(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"connection refused", &neo4j.ConnectivityError{Inner: errors.New("dial tcp 127.0.0.1:7687: connect: connection refused")}, true},
		{"connection lost mid-transaction, wrapped", fmt.Errorf("run: %w", &neo4j.ConnectivityError{Inner: errors.New("EOF")}), true},
		{"driver retries exhausted", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{errors.New("x")}}, true},
		{"deadline", fmt.Errorf("verify: %w", context.DeadlineExceeded), true},
		{"database starting", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable", Msg: "starting"}, true},
		{"deadlock", &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "deadlock"}, true},
		{"leader switch", &neo4j.Neo4jError{Code: "Neo.ClientError.Cluster.NotALeader", Msg: "not a leader"}, true},
		{"bad credentials", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized", Msg: "The client is unauthorized"}, false},
		{"too many attempts", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.AuthenticationRateLimit", Msg: "rate"}, false},
		{"no such procedure", &neo4j.Neo4jError{Code: "Neo.ClientError.Procedure.ProcedureNotFound", Msg: "db.x"}, false},
		{"Cypher error", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "Invalid input"}, false},
		{"schema error", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "already exists"}, false},
		{"terminated by an administrator", &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.Terminated", Msg: "terminated"}, false},
		{"bad URI", &neo4j.UsageError{Message: "URI scheme foo is not supported"}, false},
		{"anything else", errors.New("boom"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, unavailable(tc.err))
			require.Equal(t, tc.want, errors.Is(translate("op", tc.err), graph.ErrUnavailable), "translate")
			require.Equal(t, tc.want, errors.Is(connectError(Server{URI: "bolt://db:7687", User: "neo4j", Password: secret}, tc.err), graph.ErrUnavailable), "connectError")
		})
	}
}

func TestConnectErrorSaysWhatToCheck(t *testing.T) {
	srv := Server{URI: "bolt://db:7687", User: "neo4j", Password: secret}
	err := connectError(srv, &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized", Msg: "bad " + secret})
	require.ErrorContains(t, err, `authentication failed for user "neo4j": check NEO4J_USERNAME and NEO4J_PASSWORD`)
	require.NotContains(t, err.Error(), secret)
	err = connectError(srv, &neo4j.ConnectivityError{Inner: errors.New("connection refused")})
	require.ErrorContains(t, err, "is Neo4j running and reachable?")
}
