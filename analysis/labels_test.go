package analysis_test

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// label is one labelled task pair of testdata/*-labels.tsv.
type label struct {
	line         int
	jurisdiction string // of the first task
	year         int
	number       int
	other        string // jurisdiction of the second task
	otherYear    int
	otherNumber  int
	same         bool
	why          string
}

// readLabels parses a labels file: tab-separated, '#' starts a comment line.
// Continuity labels have one jurisdiction column (both tasks are of it),
// cascade labels two.
func readLabels(t *testing.T, name string) []label {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) == 7 { // continuity: one jurisdiction for both
			cols = append(cols[:3], append([]string{cols[0]}, cols[3:]...)...)
		}
		require.Len(t, cols, 8, "%s:%d: want 7 or 8 tab-separated columns", name, n)
		num := func(s string) int {
			v, err := strconv.Atoi(s)
			require.NoError(t, err, "%s:%d", name, n)
			return v
		}
		require.Contains(t, []string{"same", "different"}, cols[6], "%s:%d", name, n)
		out = append(out, label{
			line: n, jurisdiction: cols[0], year: num(cols[1]), number: num(cols[2]),
			other: cols[3], otherYear: num(cols[4]), otherNumber: num(cols[5]),
			same: cols[6] == "same", why: cols[7],
		})
	}
	require.NoError(t, sc.Err())
	return out
}

// taskByNumber finds a task of the seeds by jurisdiction, year and number.
func taskByNumber(t *testing.T, st graph.Store, jurisdiction string, year, number int) graph.Task {
	t.Helper()
	page, err := st.Tasks(context.Background(), graph.TaskFilter{Jurisdiction: jurisdiction, Year: year}, graph.Page{})
	require.NoError(t, err)
	for _, task := range page.Tasks {
		if task.Number == number {
			return task
		}
	}
	require.Failf(t, "no such task", "%s %d task %d", jurisdiction, year, number)
	return graph.Task{}
}

// score counts a prediction against the labels.
type score struct {
	tp, fp, fn, tn int
	wrong          []label // the labels the prediction disagrees with
}

func (s *score) add(l label, predicted bool) {
	actual := l.same
	if predicted != actual {
		s.wrong = append(s.wrong, l)
	}
	switch {
	case predicted && actual:
		s.tp++
	case predicted:
		s.fp++
	case actual:
		s.fn++
	default:
		s.tn++
	}
}

func (s score) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s score) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }
