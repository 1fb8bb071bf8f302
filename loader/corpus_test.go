package loader_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

// corpusDir holds real documents of places other than the seeds', each with
// an expectation written by hand from the source (see its README.md).
const corpusDir = "testdata/corpus"

// expectation is what a person reading a corpus document finds in it: the
// truth the parser is scored against.
type expectation struct {
	Source string         `json:"source"`
	Place  string         `json:"place"` // the gazetteer path: 湖北省/咸宁市/咸安区
	Level  string         `json:"level"` // province, prefecture, county, district
	Year   int            `json:"year"`
	Form   string         `json:"form"`
	Tasks  []expectedTask `json:"tasks"`
	// Unreadable says why a person can read the document's tasks but the
	// loader is not expected to: text so damaged in copying (a PDF's
	// columns interleaved, a preview's cells run together) that no
	// layout rule recovers it. Such a document must be refused with
	// ErrNoDocument, loading nothing wrong, and is scored apart.
	Unreadable string `json:"unreadable,omitempty"`
}

type expectedTask struct {
	// Starts is how the task's text begins in the file (a few characters
	// after its number): it tells which parsed task is this one.
	Starts      string   `json:"starts"`
	Leads       []string `json:"leads"`
	Cooperators []string `json:"cooperators"`
	Leaders     []string `json:"leaders,omitempty"`
}

// corpusScore counts what the parser got right on the corpus.
type corpusScore struct {
	docs, loaded, yearRight, placeRight int
	tasksWanted, tasksFound             int
	unitsTrue, unitsFound, unitsWanted  int
	// leaders are persons, scored apart from units and not held to a bar
	leadersTrue, leadersWanted int
}

func (s corpusScore) recall() float64 { return ratio(s.tasksFound, s.tasksWanted) }
func (s corpusScore) f1() float64 {
	p, r := ratio(s.unitsTrue, s.unitsFound), ratio(s.unitsTrue, s.unitsWanted)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// corpusDocs lists the corpus documents: every file with an expectation.
func corpusDocs(t testing.TB) []string {
	expects, err := filepath.Glob(filepath.Join(corpusDir, "*.expect.json"))
	require.NoError(t, err)
	var docs []string
	for _, e := range expects {
		stem := strings.TrimSuffix(e, ".expect.json")
		matches, err := filepath.Glob(stem + ".*")
		require.NoError(t, err)
		var doc string
		for _, m := range matches {
			if !strings.HasSuffix(m, ".expect.json") && !strings.HasSuffix(m, ".golden.json") {
				doc = m
			}
		}
		require.NotEmpty(t, doc, "%s has no document beside it", e)
		docs = append(docs, doc)
	}
	return docs
}

func readExpectation(t testing.TB, doc string) expectation {
	stem := doc[:len(doc)-len(filepath.Ext(doc))]
	b, err := os.ReadFile(stem + ".expect.json")
	require.NoError(t, err)
	var e expectation
	require.NoError(t, json.Unmarshal(b, &e), stem+".expect.json")
	return e
}

// TestCorpus scores the parser on real documents of other places against
// what a person read in them, and holds it to the bar users need: every
// document loads, task recall ≥ 0.95, unit F1 counting the role ≥ 0.90, the
// year right for every document and the place for nine in ten. Run with -v
// to see each document's figures.
func TestCorpus(t *testing.T) {
	docs := corpusDocs(t)
	if len(docs) == 0 {
		t.Skip("no corpus documents in " + corpusDir)
	}
	reg := loadRegistry(t)
	var total corpusScore
	unreadable := 0
	for _, doc := range docs {
		want := readExpectation(t, doc)
		var s corpusScore
		s.docs = 1
		s.tasksWanted = len(want.Tasks)
		for _, w := range want.Tasks {
			s.unitsWanted += len(w.Leads) + len(w.Cooperators)
		}
		f, err := os.Open(doc)
		require.NoError(t, err)
		got, err := loader.Parse(f, filepath.Base(doc), reg)
		f.Close()
		if want.Unreadable != "" {
			if err == nil {
				t.Errorf("%s: marked unreadable (%s) but loads: score it with the others", doc, want.Unreadable)
			} else {
				require.ErrorIs(t, err, loader.ErrNoDocument, doc)
			}
			unreadable++
			continue
		}
		if err == nil {
			_, err = loader.BuildBatch(got, reg) // what a load needs beyond a parse
		}
		if err != nil {
			t.Errorf("%s: does not load: %v", doc, err)
			total = total.add(s)
			continue
		}
		s.loaded = 1
		if got.Year == want.Year {
			s.yearRight = 1
		} else {
			t.Errorf("%s: year %d, want %d", doc, got.Year, want.Year)
		}
		if got.Jurisdiction == want.Place {
			s.placeRight = 1
		} else {
			t.Logf("%s: place %q, want %q", doc, got.Jurisdiction, want.Place)
		}
		scoreTasks(t, doc, got, want, &s)
		t.Logf("%s: tasks %d/%d, units true %d found %d wanted %d", filepath.Base(doc), s.tasksFound, s.tasksWanted, s.unitsTrue, s.unitsFound, s.unitsWanted)
		total = total.add(s)
	}
	t.Logf("corpus: %d documents scored (%d more marked unreadable), %d load, year right %d, place right %d; task recall %.3f (%d/%d); unit F1 %.3f (true %d, found %d, wanted %d); leaders found %d/%d",
		total.docs, unreadable, total.loaded, total.yearRight, total.placeRight, total.recall(), total.tasksFound, total.tasksWanted,
		total.f1(), total.unitsTrue, total.unitsFound, total.unitsWanted, total.leadersTrue, total.leadersWanted)
	require.Equal(t, total.docs, total.loaded, "every document loads")
	require.Equal(t, total.docs, total.yearRight, "the year is right for every document")
	require.GreaterOrEqual(t, ratio(total.placeRight, total.docs), 0.9, "the place is right for nine documents in ten")
	require.GreaterOrEqual(t, total.recall(), 0.95, "task recall")
	require.GreaterOrEqual(t, total.f1(), 0.90, "unit F1 counting the role")
}

func (s corpusScore) add(o corpusScore) corpusScore {
	return corpusScore{
		docs: s.docs + o.docs, loaded: s.loaded + o.loaded, yearRight: s.yearRight + o.yearRight, placeRight: s.placeRight + o.placeRight,
		tasksWanted: s.tasksWanted + o.tasksWanted, tasksFound: s.tasksFound + o.tasksFound,
		unitsTrue: s.unitsTrue + o.unitsTrue, unitsFound: s.unitsFound + o.unitsFound, unitsWanted: s.unitsWanted + o.unitsWanted,
		leadersTrue: s.leadersTrue + o.leadersTrue, leadersWanted: s.leadersWanted + o.leadersWanted,
	}
}

// scoreTasks pairs each expected task with the first parsed task, in
// document order after the previous pair, whose text starts as the
// expectation says, and counts the units both name in the same role.
// Parsed tasks no expectation claims count their units as found, so
// noise read as a task lowers precision.
func scoreTasks(t testing.TB, doc string, got *loader.Document, want expectation, s *corpusScore) {
	var parsed []loader.Task
	for _, sec := range got.Sections {
		parsed = append(parsed, sec.Tasks...)
	}
	for _, p := range parsed {
		s.unitsFound += len(p.Leads) + len(p.Cooperators)
	}
	next := 0
	for _, w := range want.Tasks {
		i := slices.IndexFunc(parsed[next:], func(p loader.Task) bool {
			return strings.HasPrefix(compact(p.Text), compact(w.Starts))
		})
		if i < 0 {
			t.Logf("%s: task %q not found", doc, w.Starts)
			continue
		}
		p := parsed[next+i]
		next += i + 1
		s.tasksFound++
		s.leadersWanted += len(w.Leaders)
		for _, l := range w.Leaders {
			if slices.Contains(p.Leaders, l) {
				s.leadersTrue++
			}
		}
		hits := roleHits(p.Leads, w.Leads) + roleHits(p.Cooperators, w.Cooperators)
		s.unitsTrue += hits
		if hits != len(w.Leads)+len(w.Cooperators) || hits != len(p.Leads)+len(p.Cooperators) {
			t.Logf("%s: task %q: leads %v coops %v, want %v %v", doc, w.Starts, unitNames(p.Leads), unitNames(p.Cooperators), w.Leads, w.Cooperators)
		}
	}
}

func roleHits(got []loader.UnitRef, want []string) int {
	left := slices.Clone(want)
	n := 0
	for _, g := range got {
		if i := slices.IndexFunc(left, func(w string) bool { return compact(w) == compact(g.Name) }); i >= 0 {
			left = slices.Delete(left, i, i+1)
			n++
		}
	}
	return n
}

func unitNames(us []loader.UnitRef) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Name
	}
	return out
}

// compact drops spaces, which scraping adds and removes at will.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// TestCorpusExpectations keeps the hand-written truth well formed, so that a
// typo cannot quietly lower the bar.
func TestCorpusExpectations(t *testing.T) {
	for _, doc := range corpusDocs(t) {
		e := readExpectation(t, doc)
		require.NotEmpty(t, e.Source, "%s: source address", doc)
		require.NotEmpty(t, e.Place, "%s: place", doc)
		require.Contains(t, []string{"province", "prefecture", "county", "district"}, e.Level, "%s: level", doc)
		require.True(t, e.Year >= 2010 && e.Year <= 2026, "%s: year %d", doc, e.Year)
		require.NotEmpty(t, e.Tasks, "%s: tasks", doc)
		for i, task := range e.Tasks {
			require.NotEmpty(t, task.Starts, "%s: task %d has no starts", doc, i+1)
			require.NotEmpty(t, append(slices.Clone(task.Leads), task.Cooperators...), "%s: task %q names no unit", doc, task.Starts)
		}
	}
}
