package duty

import (
	"fmt"

	"github.com/dutygraph/dutygraph/graph"
)

// InputError is a mistake in a question's arguments, told to the user as
// it is. It is graph.ErrInvalid to errors.Is, like the stores' own
// argument errors; the unknown and the ambiguous are graph.NotFoundError
// and graph.AmbiguousError, a year without a plan graph.NoPlanError.
type InputError struct{ msg string }

// Invalidf makes an InputError.
func Invalidf(format string, args ...any) error {
	return &InputError{fmt.Sprintf(format, args...)}
}

func (e *InputError) Error() string { return e.msg }

// Unwrap makes errors.Is(err, graph.ErrInvalid) hold.
func (e *InputError) Unwrap() error { return graph.ErrInvalid }
