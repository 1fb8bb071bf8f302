package resolvers

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// codeDepthLimit is the extensions.code of a query refused for its depth.
const codeDepthLimit = "DEPTH_LIMIT_EXCEEDED"

// depthLimit refuses operations whose selections nest deeper than max,
// before any resolver runs. Complexity alone does not catch them: a chain of
// single objects fifty levels down costs little per level but still makes
// the server walk (and the store answer) every level.
type depthLimit struct{ max int }

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	depth := operationDepth(opCtx.Operation)
	if depth <= d.max {
		return nil
	}
	err := gqlerror.Errorf("query depth %d exceeds the limit of %d; ask for fewer nested levels at once", depth, d.max)
	errcode.Set(err, codeDepthLimit)
	return err
}

// operationDepth is the number of nested field levels of op, fragments
// expanded. Introspection fields (__schema, __type) do not count: their
// depth is bounded by the schema and by gqlparser's own introspection rule,
// and IDEs nest them deeply. The document is validated before this runs, so
// fragments exist and do not cycle; each fragment's depth is computed once,
// so that fragments spread many times cannot make the walk exponential.
func operationDepth(op *ast.OperationDefinition) int {
	if op == nil {
		return 0
	}
	w := depthWalker{fragments: map[string]int{}}
	return w.selections(op.SelectionSet)
}

type depthWalker struct {
	fragments map[string]int // depth of each fragment's selection set
}

func (w depthWalker) selections(set ast.SelectionSet) int {
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + w.selections(s.SelectionSet)
		case *ast.InlineFragment:
			d = w.selections(s.SelectionSet)
		case *ast.FragmentSpread:
			d = w.fragment(s)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func (w depthWalker) fragment(s *ast.FragmentSpread) int {
	if d, ok := w.fragments[s.Name]; ok {
		return d
	}
	d := 0
	if s.Definition != nil {
		// Marked before the walk: a cycle (which validation refuses
		// anyway) would end here rather than recurse forever.
		w.fragments[s.Name] = 0
		d = w.selections(s.Definition.SelectionSet)
	}
	w.fragments[s.Name] = d
	return d
}
