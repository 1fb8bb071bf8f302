package graph

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

var (
	// ErrNotFound: no node by that name or ID.
	ErrNotFound = errors.New("not found")
	// ErrAmbiguous: a name that fits more than one node; the caller must
	// narrow it (by jurisdiction).
	ErrAmbiguous = errors.New("ambiguous")
	// ErrInvalid: arguments no answer can satisfy (an impossible year, a
	// malformed batch).
	ErrInvalid = errors.New("invalid")
	// ErrUnavailable: the store cannot be reached now; the same call may
	// succeed later.
	ErrUnavailable = errors.New("store unavailable")
)

// NotFoundError says what was looked for and which known names come close,
// so that a user who mistyped 市文旅局 as 市文旅 is told what to ask for.
type NotFoundError struct {
	What        string // "unit", "jurisdiction", "plan", …
	Name        string
	Suggestions []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("%s %q not found", e.What, e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(e.Suggestions, ", ") + "?"
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// MaxSuggestions is how many near names a not-found error offers.
const MaxSuggestions = 5

// NotFound says that no what is named name, suggesting the known names
// nearest to it.
func NotFound(what, name string, known []string) *NotFoundError {
	return &NotFoundError{What: what, Name: name, Suggestions: Suggest(name, known, MaxSuggestions)}
}

// AmbiguousError lists the candidates a name could mean.
type AmbiguousError struct {
	What       string
	Name       string
	Candidates []string // e.g. "区发改委 (南京市/鼓楼区)"
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s %q is ambiguous: it could be %s; name a jurisdiction",
		e.What, e.Name, strings.Join(e.Candidates, ", "))
}

// AmbiguousUnit says that a unit name fits several units, listing each
// with its jurisdiction so that the caller knows which to name.
func AmbiguousUnit(name string, units []Unit) *AmbiguousError {
	candidates := make([]string, len(units))
	for i, u := range units {
		candidates[i] = fmt.Sprintf("%s (%s)", u.Name, u.Jurisdiction)
	}
	slices.Sort(candidates)
	return &AmbiguousError{What: "unit", Name: name, Candidates: candidates}
}

// Unwrap makes errors.Is(err, ErrAmbiguous) hold.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }
