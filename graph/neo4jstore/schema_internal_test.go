package neo4jstore

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSchemaDropsUndoEverySchemaStatement(t *testing.T) {
	// The live tests drop what they created; a schema statement without
	// its drop would be left behind on the reviewer's server.
	create := regexp.MustCompile(`^CREATE (CONSTRAINT|RANGE INDEX|TEXT INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS `)
	drop := regexp.MustCompile(`^DROP (CONSTRAINT|INDEX) (\w+) IF EXISTS$`)
	created := map[string]string{}
	for _, st := range schemaStatements {
		m := create.FindStringSubmatch(st)
		require.NotNil(t, m, st)
		kind := "INDEX"
		if m[1] == "CONSTRAINT" {
			kind = "CONSTRAINT"
		}
		created[m[2]] = kind
	}
	dropped := map[string]string{}
	for name, st := range schemaDrops {
		m := drop.FindStringSubmatch(st)
		require.NotNil(t, m, st)
		require.Equal(t, name, m[2], st)
		dropped[m[2]] = m[1]
	}
	require.Equal(t, created, dropped)
}
