package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// codeIntrospectionDisabled is the extensions.code of a query refused for
// asking for the schema while introspection is off.
const codeIntrospectionDisabled = "INTROSPECTION_DISABLED"

// noIntrospection refuses, before execution, operations that ask for
// __schema or __type. Without it gqlgen answers them field by field with a
// bare error that reads like a fault of ours; __typename stays allowed, as
// clients add it to every selection.
type noIntrospection struct{}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = noIntrospection{}

func (noIntrospection) ExtensionName() string                   { return "NoIntrospection" }
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

func (noIntrospection) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	opCtx.DisableIntrospection = true
	if opCtx.Operation == nil || !asksSchema(opCtx.Operation.SelectionSet, map[string]bool{}) {
		return nil
	}
	err := gqlerror.Errorf("introspection is disabled on this server: __schema and __type cannot be queried")
	errcode.Set(err, codeIntrospectionDisabled)
	return err
}

// asksSchema reports whether set selects __schema or __type at any level,
// fragments included; seen keeps each fragment to one visit.
func asksSchema(set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" || asksSchema(s.SelectionSet, seen) {
				return true
			}
		case *ast.InlineFragment:
			if asksSchema(s.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if !seen[s.Name] && s.Definition != nil {
				seen[s.Name] = true
				if asksSchema(s.Definition.SelectionSet, seen) {
					return true
				}
			}
		}
	}
	return false
}
