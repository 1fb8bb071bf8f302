// Package synth generates synthetic corpora of work plans for measuring
// dutygraph at national scale: plans in the seeds' text format, with the
// registry (units.yaml, jurisdictions.yaml) that resolves every place and
// unit they name, so that the loader reads them without a warning.
//
// A corpus is N cities of about ten districts each, every jurisdiction
// issuing one plan a year over a decade. Each jurisdiction has about sixty
// units whose lead counts are skewed as in real plans (a few units lead
// many tasks), tasks with zero to eight cooperators, collective placeholders,
// and bodies renamed halfway through the decade. The output is a function of
// the Config alone: the same seed gives the same bytes.
package synth

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// Config says what to generate. Exactly one of Tasks and Plans is set.
type Config struct {
	Seed uint64
	// Tasks is the exact number of tasks to generate; the last plan is cut
	// short to reach it.
	Tasks int
	// Plans is the number of plans to generate, of 80 to 200 tasks each.
	Plans int
	// FirstYear and Years span the plans' years; zero means 2016 and 10.
	FirstYear int
	Years     int
}

// Defaults for Config's zero fields.
const (
	DefaultFirstYear = 2016
	DefaultYears     = 10

	minTasksPerPlan = 80
	maxTasksPerPlan = 200
)

// MaxTasks bounds a corpus: beyond it the place names run out (the
// syllables make about a thousand two-character names).
const MaxTasks = 50_000_000

func (c Config) withDefaults() (Config, error) {
	if c.FirstYear == 0 {
		c.FirstYear = DefaultFirstYear
	}
	if c.Years == 0 {
		c.Years = DefaultYears
	}
	switch {
	case (c.Tasks > 0) == (c.Plans > 0):
		return c, errors.New("give a number of tasks or a number of plans, not both")
	case c.Tasks < 0 || c.Plans < 0:
		return c, errors.New("the number of tasks or plans must be positive")
	case c.Tasks > MaxTasks || c.Plans > MaxTasks/minTasksPerPlan:
		return c, fmt.Errorf("at most %d tasks", MaxTasks)
	case c.FirstYear < 1990 || c.FirstYear+c.Years > 2100 || c.Years < 1:
		return c, fmt.Errorf("years %d+%d out of range (1990–2099)", c.FirstYear, c.Years)
	}
	return c, nil
}

// PlanFile is one generated plan.
type PlanFile struct {
	Name         string // slash-separated path inside the output directory
	Jurisdiction string
	Year         int
	Tasks        int
	Bytes        int
}

// Summary says what a corpus holds.
type Summary struct {
	Plans         []PlanFile
	Jurisdictions int
	Tasks         int
	Bytes         int64 // of the plans, not the registry
}

// plan is one plan to write: its place, year and size.
type plan struct {
	place *place
	year  int
	tasks int
	index int // among all plans: seeds the plan's own random source
}

// layout decides the corpus's shape: which plans, of how many tasks, in
// which places. Places are made as needed, a city and its districts at a
// time, ten years of plans each.
func layout(c Config, real map[string]bool) ([]*place, []plan) {
	rng := rand.New(rand.NewPCG(c.Seed, 0x5EED))
	names := newNamePool(rng, real)
	var places []*place
	var plans []plan
	total := 0
	done := func() bool {
		if c.Tasks > 0 {
			return total >= c.Tasks
		}
		return len(plans) >= c.Plans
	}
	for city := 0; !done(); city++ {
		// The gazetteer lists a city whole, with districts that issue no plan
		// in a corpus too small to reach them.
		for _, p := range newCity(rng, names, city) {
			places = append(places, p)
			for y := range c.Years {
				if done() {
					break
				}
				n := minTasksPerPlan + rng.IntN(maxTasksPerPlan-minTasksPerPlan+1)
				if c.Tasks > 0 {
					n = min(n, c.Tasks-total)
				}
				plans = append(plans, plan{place: p, year: c.FirstYear + y, tasks: n, index: len(plans)})
				total += n
			}
		}
	}
	return places, plans
}
