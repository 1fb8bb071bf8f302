package graph

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
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
	// succeed later. It is the only store error worth retrying: each store
	// decides in one place which of its errors wrap it (neo4jstore's
	// unavailable), and `serve` waits out only those (graph/standby).
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

// NoPlanError says that a year asked for has no loaded plan (of a
// jurisdiction, when one is named), and which years have: without it a
// mistyped year would be answered with an empty list that looks like a
// fact. Every caller — the API, the exports, the analysis — words it so.
type NoPlanError struct {
	Arg          string // the argument that named the year ("filter.year"); "" for none
	Jurisdiction string // "" for any
	Year         int
	Loaded       []int // the years that have a plan, ascending
	// OrReport counts a loaded report's year as a plan's (targets are set by
	// reports too).
	OrReport bool
	// Unit, when set, is the unit asked about, which no loaded plan of the
	// year names either (a district's unit named in its city's plan).
	Unit string
}

func (e *NoPlanError) Error() string {
	var b strings.Builder
	if e.Arg != "" {
		b.WriteString(e.Arg + ": ")
	}
	b.WriteString("no plan")
	if e.OrReport {
		b.WriteString(" or report")
	}
	if e.Jurisdiction != "" {
		b.WriteString(" of " + e.Jurisdiction)
	}
	switch {
	case e.Unit != "" && len(e.Loaded) == 0:
		fmt.Fprintf(&b, " is loaded and no loaded plan of %d names %s", e.Year, e.Unit)
	case e.Unit != "":
		fmt.Fprintf(&b, " is loaded for %d and no loaded plan of that year names %s; loaded years of %s: %s",
			e.Year, e.Unit, e.Jurisdiction, joinYears(e.Loaded))
	case len(e.Loaded) == 0:
		fmt.Fprintf(&b, " is loaded, for %d or any year", e.Year)
	default:
		fmt.Fprintf(&b, " is loaded for %d; loaded years: %s", e.Year, joinYears(e.Loaded))
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalid) hold: the year asked for is the
// caller's to change.
func (e *NoPlanError) Unwrap() error { return ErrInvalid }

// joinYears writes years as a list: 2021, 2025, 2026.
func joinYears(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
