package resolvers

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// checkIntVariables refuses an Int variable of op whose JSON number is not
// a 32-bit integer, in the words gqlparser uses for the same literal in a
// query. gqlparser's own check of variables reports `first: 1e30` as
// "cannot use value 0 as Int", quoting the failed conversion's zero
// rather than what was sent. A nil op (the executor reports it missing) has
// no variables.
func checkIntVariables(op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	if op == nil {
		return nil
	}
	for _, def := range op.VariableDefinitions {
		n, ok := vars[def.Variable].(json.Number)
		if !ok || def.Type.NamedType != "Int" {
			continue
		}
		_, err := strconv.ParseInt(n.String(), 10, 32)
		if err == nil {
			continue
		}
		msg := "Int cannot represent non-integer value: %s"
		if errors.Is(err, strconv.ErrRange) {
			msg = "Int cannot represent non 32-bit signed integer value: %s"
		}
		gqlErr := gqlerror.ErrorPathf(ast.Path{ast.PathName("variable"), ast.PathName(def.Variable)}, msg, truncate(n.String()))
		errcode.Set(gqlErr, errcode.ValidationFailed)
		return gqlErr
	}
	return nil
}
