package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/loader/textin"
	"github.com/dutygraph/dutygraph/registry"
)

// maxInput bounds what Parse reads. The largest plans are well under a
// megabyte; anything this large is not a plan and would only exhaust memory.
const maxInput = 64 << 20

// Parse reads one document. file names it in warnings and errors. reg
// resolves unit names (canonical, kind, jurisdiction) and knows the
// jurisdiction gazetteer.
//
// Parse fails only when the input is unreadable as a whole (empty, binary,
// neither a plan nor a report), with a *ParseError naming the file. Anything
// read on a best-effort basis inside a document becomes a Warning with its
// line instead.
//
// Tasks that come before a plan's first section heading, and all tasks of a
// plan without section headings, are put in a section numbered 0 with no
// title: the loader and the JSON keep every task inside some section.
func Parse(r io.Reader, file string, reg *registry.Registry) (*Document, error) {
	if reg == nil {
		return nil, errors.New("loader.Parse: nil registry")
	}
	return (&Parser{reg: reg, res: documentResolutions(reg)}).Parse(r, file)
}

// A Parser parses documents against one registry, remembering how it
// resolved unit and place names. Resolving a name scans the gazetteer, which
// at national scale holds thousands of places, and a jurisdiction's plans
// name the same few dozen units year after year: a run of documents parsed
// by one Parser resolves each name once per jurisdiction, not once per
// document. The registry is read-only, so what it remembers never goes
// stale. A Parser is safe for concurrent use.
type Parser struct {
	reg *registry.Registry
	res *resolutions
}

// NewParser returns a Parser for reg, which must not be nil.
func NewParser(reg *registry.Registry) *Parser {
	return &Parser{reg: reg, res: newResolutions(reg)}
}

// Parse reads one document, as the function Parse does.
func (ps *Parser) Parse(r io.Reader, file string) (*Document, error) {
	return ps.ParseWith(r, file, Overrides{})
}

// ParseWith reads one document as Parse does, with what the user gives
// about it put over what is read (see Overrides).
func (ps *Parser) ParseWith(r io.Reader, file string, given Overrides) (*Document, error) {
	if ps == nil || ps.reg == nil {
		return nil, errors.New("loader.Parser: nil registry")
	}
	givenUnknown := false
	if given.Jurisdiction != "" {
		path, known, err := givenPlace(ps.reg, given.Jurisdiction)
		if err != nil {
			return nil, &ParseError{File: file, Msg: err.Error(), Err: err}
		}
		given.Jurisdiction, givenUnknown = path, !known
	}
	b, err := readInput(r)
	if err != nil {
		return nil, &ParseError{File: file, Msg: "read: " + err.Error(), Err: err}
	}
	if len(b) > maxInput {
		return nil, &ParseError{File: file, Msg: fmt.Sprintf("larger than %d MiB: not a plan or report", maxInput>>20), Err: ErrNoDocument}
	}
	t, err := attach.Decode(b, file)
	if err != nil {
		return nil, &ParseError{File: file, Msg: err.Error(), Err: err}
	}
	p := newParser(file, ps.reg, ps.res, t.Lines)
	if t.ConvertedFromTraditional {
		p.warn(0, "text converted from traditional characters")
	}
	p.given, p.givenUnknown = given, givenUnknown
	return p.parse()
}

// readInput reads at most maxInput+1 bytes, in one allocation when r knows
// its size (a bytes.Reader, strings.Reader or os.File).
func readInput(r io.Reader) ([]byte, error) {
	size := 0
	switch s := r.(type) {
	case interface{ Len() int }:
		size = min(s.Len(), maxInput)
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := s.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(min(fi.Size(), maxInput))
		}
	}
	var buf bytes.Buffer
	buf.Grow(size + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, maxInput+1))
	return buf.Bytes(), err
}

// line is one non-blank line of the document with the number it may start
// with.
type line struct {
	num     int // in the source file
	text    string
	mark    marker
	marked  bool
	trailer bool // site boilerplate after the document: see isTrailer
}

// parser holds one document being read.
type parser struct {
	file     string
	reg      *registry.Registry
	lines    []line
	warnings []Warning
	// clauses is FindClause's memo: detection and walk ask about the same
	// texts. Its answers are kept apart from the map, which then grows by
	// copying a pointer, not a Clause, at each doubling.
	clauses      map[string]*clauseResult
	units        map[string]UnitRef // ResolveUnit memo, in the document's jurisdiction
	res          *resolutions
	given        Overrides
	givenUnknown bool // given.Jurisdiction is not in the gazetteer: a place of its own
}

type clauseResult struct {
	c      Clause
	ok     bool
	groups int // bracket groups in the text
}

// findClause is FindClause, asked once per text.
func (p *parser) findClause(text string) (Clause, bool) {
	if r, ok := p.clauses[text]; ok {
		return r.c, r.ok
	}
	c, ok, groups := findClause(text)
	p.clauses[text] = &clauseResult{c, ok, groups}
	return c, ok
}

func newParser(file string, reg *registry.Registry, res *resolutions, in []textin.Line) *parser {
	// units is sized for a plan of a few dozen units (the seeds name 44 to
	// 100): a map grown from empty is copied at each doubling.
	p := &parser{file: file, reg: reg, lines: make([]line, 0, len(in)), clauses: map[string]*clauseResult{}, units: make(map[string]UnitRef, 64), res: res}
	damaged, first := 0, 0
	for _, l := range in {
		if l.Text == "" || isNoise(l.Text) {
			continue
		}
		if strings.Contains(l.Text, "\uFFFD") { // textin.Decode replaced bytes that are not text
			if damaged == 0 {
				first = l.Num
			}
			damaged++
		}
		if parts := splitFlattened(l.Text); parts != nil {
			for _, text := range parts {
				p.addLine(l.Num, text)
			}
			continue
		}
		p.addLine(l.Num, l.Text)
	}
	if damaged > 0 {
		p.warn(first, "%d lines hold bytes that are not valid text, shown as \uFFFD (first here)", damaged)
	}
	return p
}

func (p *parser) warn(line int, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{Line: line, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) parse() (*Document, error) {
	doc := &Document{File: p.file, Sections: []Section{}, Targets: []Target{}}
	var reportErr error
	report := p.looksLikeReport()
	if report {
		reportErr = p.readReport(doc)
	}
	if reportErr != nil || !report {
		// A plan may name a work report on a line of its own (a link to
		// 2024年区政府工作报告): one that reads as a report but is not is
		// read as a plan.
		body, ok := p.readPlanBody()
		if !ok && reportErr != nil {
			return nil, reportErr
		}
		if !ok {
			return nil, &ParseError{File: p.file, Err: ErrNoDocument,
				Msg: "no plan or work report found: no numbered tasks with responsibility clauses (主办/协办, 牵头/配合, 责任单位), no task table, and no report opening (各位代表)"}
		}
		if body.tasks > MaxDocumentTasks {
			return nil, &ParseError{File: p.file, Err: ErrTooManyTasks,
				Msg: fmt.Sprintf("%d tasks, more than the %d a document may hold: not loaded (the largest real plans hold a few hundred; split the document)", body.tasks, MaxDocumentTasks)}
		}
		p.readPlanHeader(doc, body)
		doc.Sections = p.resolveSections(body.sections, doc.Jurisdiction)
		setDue(doc)
	}
	sort.SliceStable(p.warnings, func(i, j int) bool { return p.warnings[i].Line < p.warnings[j].Line })
	doc.Warnings = p.warnings
	if doc.Warnings == nil {
		doc.Warnings = []Warning{}
	}
	return doc, nil
}
