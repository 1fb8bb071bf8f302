package neo4jstore

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

const secret = "s3cret-pass"

func TestRedact(t *testing.T) {
	require.Equal(t, "auth failed for ****", redact(errors.New("auth failed for "+secret), secret))
	require.Equal(t, "no password", redact(errors.New("no password"), ""))
	require.False(t, strings.Contains(RedactURI("bolt://u:"+secret+"@h:1/x?p="+secret), secret))
}

// TestOpenUnreachable: a server nobody answers at is unavailable, said
// without the password, and leaves nothing open.
func TestOpenUnreachable(t *testing.T) {
	_, _, err := Open(t.Context(), Server{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: secret}, Options{Timeout: 2 * time.Second})
	require.ErrorIs(t, err, graph.ErrUnavailable)
	require.ErrorContains(t, err, "connect to Neo4j at bolt://127.0.0.1:1")
	require.NotContains(t, err.Error(), secret)
}
