package main

import (
	"fmt"
	"strings"
)

// allowed are the licences dutygraph ships code and data under. Each lets
// a program under the Apache License 2.0 contain the work, as source or in
// a binary, on conditions THIRD_PARTY_NOTICES meets by carrying the
// licence texts, copyright lines and NOTICE files. Adding one is a decision
// to make in review, with its reason here.
var allowed = map[string]bool{
	"Apache-2.0":   true, // its NOTICE files travel too (section 4(d))
	"MIT":          true,
	"BSD-2-Clause": true,
	"BSD-3-Clause": true, // the names of the authors are not used to promote dutygraph
	"ISC":          true,
	"0BSD":         true, // no conditions at all (tslib, in the web pages)
	// The MPL's copyleft is per file: unmodified MPL files may be built
	// into a larger work under another licence, provided the licence text
	// travels with it and the files' source stays available, which the Go
	// module proxy does for the exact version listed. Changing those files
	// would oblige us to publish the change. github.com/hashicorp/golang-lru
	// (through gqlgen) is the one such module.
	"MPL-2.0": true,
}

// checkAllowed tells whether an SPDX licence expression ("MIT",
// "Apache-2.0 AND MIT", "(MIT OR GPL-3.0-only)") lets dutygraph ship the
// work: every licence joined by AND is allowed, and one of those joined by
// OR. Anything else in it (WITH an exception, a "+") is not understood,
// and so not allowed.
func checkAllowed(expr string) error {
	toks := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(expr))
	p := &expression{toks: toks}
	ok, err := p.or()
	if err == nil && p.pos < len(toks) {
		err = fmt.Errorf("unexpected %q", toks[p.pos])
	}
	if err != nil {
		return fmt.Errorf("licence %q: %w", expr, err)
	}
	if !ok {
		return fmt.Errorf("licence %q is not on the allow-list (tools/notices/allow.go)", expr)
	}
	return nil
}

// expression parses an SPDX expression, AND binding tighter than OR.
type expression struct {
	toks []string
	pos  int
}

func (p *expression) or() (bool, error) {
	ok, err := p.and()
	for err == nil && p.next("OR") {
		var right bool
		right, err = p.and()
		ok = ok || right
	}
	return ok, err
}

func (p *expression) and() (bool, error) {
	ok, err := p.licence()
	for err == nil && p.next("AND") {
		var right bool
		right, err = p.licence()
		ok = ok && right
	}
	return ok, err
}

func (p *expression) licence() (bool, error) {
	if p.pos == len(p.toks) {
		return false, fmt.Errorf("a licence is missing")
	}
	if p.next("(") {
		ok, err := p.or()
		if err == nil && !p.next(")") {
			err = fmt.Errorf("a ) is missing")
		}
		return ok, err
	}
	tok := p.toks[p.pos]
	switch tok {
	case ")", "AND", "OR", "WITH":
		return false, fmt.Errorf("unexpected %q", tok)
	}
	p.pos++
	return allowed[tok], nil
}

func (p *expression) next(tok string) bool {
	if p.pos < len(p.toks) && p.toks[p.pos] == tok {
		p.pos++
		return true
	}
	return false
}
