package resolvers_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// introspectionQuery is what GraphQL IDEs send to learn the schema
// (graphql-js getIntrospectionQuery), which the complexity limit must let
// through.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

func TestIntrospection(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct {
		Schema struct {
			QueryType struct{ Name string }
			Types     []struct {
				Name        string
				Description string
				Fields      []struct{ Name, Description string }
				InputFields []struct{ Name, Description string }
				EnumValues  []struct{ Name, Description string }
			}
		} `json:"__schema"`
	}](t, url, introspectionQuery, nil)
	require.Equal(t, "Query", got.Schema.QueryType.Name)
	// Every type, field and enum value of the schema says what it is.
	var undocumented []string
	for _, ty := range got.Schema.Types {
		if strings.HasPrefix(ty.Name, "__") || builtin[ty.Name] {
			continue
		}
		if ty.Description == "" {
			undocumented = append(undocumented, ty.Name)
		}
		for _, list := range [][]struct{ Name, Description string }{ty.Fields, ty.InputFields, ty.EnumValues} {
			for _, f := range list {
				if f.Description == "" {
					undocumented = append(undocumented, ty.Name+"."+f.Name)
				}
			}
		}
	}
	require.Empty(t, undocumented)
}

var builtin = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}
