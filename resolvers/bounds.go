package resolvers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Codes in extensions.code of the refusals below.
const (
	codeFieldLimit     = "FIELD_LIMIT_EXCEEDED"
	codeAnswerTooLarge = "ANSWER_TOO_LARGE"
)

// documentBounds refuses a query whose validation alone would occupy the
// server, before gqlgen validates it. Validation compares pairwise the
// fields that answer under one name in a selection set, their selection
// sets merged: 8,000 repeated fields cost seconds of CPU, and 1,100 fields
// of one name with different arguments a 147 MB list of conflicts. So the
// fields sharing a name in a set are bounded, which bounds those pairs,
// and so are the fields of a set and of the whole document (fragments
// counted where spread), which bound every walk over the document. The
// depth and complexity limits run after validation, on the operation
// chosen; these run on the whole document as parsed.
type documentBounds struct {
	maxFields          int
	maxSelectionFields int
	maxRepeatedFields  int
	maxTokens          int        // the parser's, so that this parse stops where gqlgen's does
	queries            queryCache // documents validated already pass
}

var _ interface {
	graphql.OperationParameterMutator
	graphql.HandlerExtension
} = documentBounds{}

func (documentBounds) ExtensionName() string                   { return "DocumentBounds" }
func (documentBounds) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters parses the query, unless the cache holds it
// validated, and checks its size. A query that does not parse passes: gqlgen
// parses it again and reports the syntax error in its own words. Parsing
// twice costs little beside validation, and only on a cache miss.
func (b documentBounds) MutateOperationParameters(_ context.Context, params *graphql.RawParams) *gqlerror.Error {
	doc, ok := b.queries.validated(params.Query)
	if !ok {
		var err error
		if doc, err = parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, b.maxTokens); err != nil {
			return nil
		}
		if err := b.check(doc); err != nil {
			return err
		}
	}
	return checkIntVariables(doc.Operations.ForName(params.OperationName), params.Variables)
}

func (b documentBounds) check(doc *ast.QueryDocument) *gqlerror.Error {
	w := newSizeWalker(doc)
	size := w.document(doc)
	if w.cycle != "" {
		// Validation refuses it too, but only after the walks below,
		// which would not end.
		err := gqlerror.Errorf("Cannot spread fragment %q within itself.", w.cycle)
		errcode.Set(err, errcode.ValidationFailed)
		return err
	}
	var err *gqlerror.Error
	switch {
	case size.fields > b.maxFields:
		err = gqlerror.Errorf("the query has %s fields (aliases and fragment spreads included, fragments counted where spread), more than the limit of %d; split it into several requests",
			fieldCount(size.fields), b.maxFields)
	case size.widest > b.maxSelectionFields:
		err = gqlerror.Errorf("a selection set of the query has %s fields (aliases and fragments included), more than the limit of %d; split it into several requests",
			fieldCount(size.widest), b.maxSelectionFields)
	default:
		// Walks the fragments once per spread: the count above bounds it.
		name, n := w.mostRepeated(doc)
		if n <= b.maxRepeatedFields {
			return nil
		}
		err = gqlerror.Errorf("the query asks for %q %d times in one selection set (fragments included), more than the limit of %d; give each an alias of its own",
			name, n, b.maxRepeatedFields)
	}
	errcode.Set(err, codeFieldLimit)
	return err
}

// selectionSize counts the fields of a selection set, those of the
// fragments it spreads included. Fragment spreads and inline fragments
// count as fields in the total: the walks below visit them as they do
// fields, and fragments that spread nothing but other fragments must not
// walk for free.
type selectionSize struct {
	width  int // fields of the set itself
	fields int // fields, spreads and inline fragments of the set and of every set below it
	widest int // width of the widest set at or below it
}

func (s selectionSize) merge(o selectionSize) selectionSize {
	return selectionSize{width: sum(s.width, o.width), fields: sum(s.fields, o.fields), widest: max(s.widest, o.widest)}
}

// maxCount is where counts stop: fragments spreading others twice over
// reach 2^n fields in n lines, which must neither overflow nor be walked.
const maxCount = 1 << 40

func sum(a, b int) int { return min(a+b, maxCount) }

func fieldCount(n int) string {
	if n >= maxCount {
		return fmt.Sprintf("over %d", maxCount)
	}
	return fmt.Sprint(n)
}

type sizeWalker struct {
	fragments map[string]*ast.FragmentDefinition
	sizes     map[string]selectionSize // of each fragment measured
	measuring map[string]bool          // fragments whose measure is under way
	cycle     string                   // a fragment found spreading itself
}

func newSizeWalker(doc *ast.QueryDocument) *sizeWalker {
	w := &sizeWalker{
		fragments: map[string]*ast.FragmentDefinition{},
		sizes:     map[string]selectionSize{},
		measuring: map[string]bool{},
	}
	for _, f := range doc.Fragments {
		w.fragments[f.Name] = f
	}
	return w
}

// document sizes every operation and fragment of doc, as validation walks
// them: operations with their fragments spread, and each fragment on its
// own. Each fragment is measured once, so that the walk stays linear in
// the document however often fragments spread one another.
func (w *sizeWalker) document(doc *ast.QueryDocument) selectionSize {
	var total selectionSize
	for _, op := range doc.Operations {
		total = total.merge(w.selections(op.SelectionSet))
	}
	for _, f := range doc.Fragments {
		total = total.merge(w.fragment(f.Name))
	}
	return total
}

func (w *sizeWalker) selections(set ast.SelectionSet) selectionSize {
	var s selectionSize
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			sub := w.selections(sel.SelectionSet)
			sub.width = 1 // the field itself: its own set is below this one
			s = s.merge(sub)
		case *ast.InlineFragment:
			s = s.merge(w.selections(sel.SelectionSet))
		case *ast.FragmentSpread:
			s = s.merge(w.fragment(sel.Name))
		}
		s.fields = sum(s.fields, 1)
	}
	s.widest = max(s.widest, s.width)
	return s
}

// fragment is the size of the named fragment; an unknown one (which
// validation refuses) is empty.
func (w *sizeWalker) fragment(name string) selectionSize {
	if s, ok := w.sizes[name]; ok {
		return s
	}
	f, ok := w.fragments[name]
	if !ok {
		return selectionSize{}
	}
	if w.measuring[name] {
		w.cycle = name
		return selectionSize{}
	}
	w.measuring[name] = true
	s := w.selections(f.SelectionSet)
	delete(w.measuring, name)
	w.sizes[name] = s
	return s
}

// mostRepeated finds the name most fields answer under in one selection
// set of doc, with how many: fields of one name in a set merge, as do
// their own sets, from whichever fragments they come.
func (w *sizeWalker) mostRepeated(doc *ast.QueryDocument) (name string, n int) {
	for _, op := range doc.Operations {
		if nm, k := w.repeated([]ast.SelectionSet{op.SelectionSet}); k > n {
			name, n = nm, k
		}
	}
	for _, f := range doc.Fragments {
		if nm, k := w.repeated([]ast.SelectionSet{f.SelectionSet}); k > n {
			name, n = nm, k
		}
	}
	return name, n
}

// repeated is mostRepeated over the merged selection sets sets.
func (w *sizeWalker) repeated(sets []ast.SelectionSet) (name string, n int) {
	byName := map[string][]ast.SelectionSet{} // the sets of the fields answering under each name
	spread := map[string]bool{}               // a fragment spread twice in a set merges once
	var collect func(ast.SelectionSet)
	collect = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				byName[sel.Alias] = append(byName[sel.Alias], sel.SelectionSet)
			case *ast.InlineFragment:
				collect(sel.SelectionSet)
			case *ast.FragmentSpread:
				if f, ok := w.fragments[sel.Name]; ok && !spread[sel.Name] {
					spread[sel.Name] = true
					collect(f.SelectionSet)
				}
			}
		}
	}
	for _, set := range sets {
		collect(set)
	}
	for key, subs := range byName {
		if len(subs) > n {
			name, n = key, len(subs)
		}
		if nm, k := w.repeated(subs); k > n {
			name, n = nm, k
		}
	}
	return name, n
}

// answerBounds caps what an answer carries: at most maxErrors errors, the
// rest counted in one last error, and at most maxBytes of JSON, beyond
// which the answer is replaced by an error saying so. A request with a
// mistake repeated thousands of times (4,000 unknown directives) would
// otherwise be answered with each of them.
type answerBounds struct {
	maxErrors int
	maxBytes  int
}

var _ interface {
	graphql.ResponseInterceptor
	graphql.HandlerExtension
} = answerBounds{}

func (answerBounds) ExtensionName() string                   { return "AnswerBounds" }
func (answerBounds) Validate(graphql.ExecutableSchema) error { return nil }

func (a answerBounds) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	if n := len(resp.Errors); n > a.maxErrors {
		more := gqlerror.Errorf("and %d more, not shown", n-a.maxErrors)
		resp.Errors = append(resp.Errors[:a.maxErrors:a.maxErrors], more)
	}
	if size := answerSize(resp); size > a.maxBytes {
		err := gqlerror.Errorf("the answer would be %d bytes, more than the limit of %d; ask for fewer fields or smaller pages", size, a.maxBytes)
		errcode.Set(err, codeAnswerTooLarge)
		// data stays, null: the operation ran, unlike one refused before.
		return &graphql.Response{Errors: gqlerror.List{err}, Data: json.RawMessage("null"), Extensions: resp.Extensions}
	}
	return resp
}

// answerSize is the size of resp's data and errors in JSON; the errors
// are few by then.
func answerSize(resp *graphql.Response) int {
	errs, _ := json.Marshal(resp.Errors)
	return len(resp.Data) + len(errs)
}
