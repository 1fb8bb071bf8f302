package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/dutygraph/dutygraph/graph"
)

// runCSV is `dgbench csv DIR OUTDIR`: loads the corpus the way the server
// does and writes the rows SQLite is compared on — units.csv (id,
// jurisdiction, name, kind), tasks.csv (id, plan_id, jurisdiction, year,
// number) and roles.csv (task_id, unit_id, role) with one row per unit and
// task, role "lead" where the unit leads (a unit named both lead and
// cooperator on a task counts once, as lead, as in the store).
func runCSV(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("csv", flag.ContinueOnError)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 2 {
		return fmt.Errorf("usage: dgbench csv DIR OUTDIR")
	}
	store, _, err := loadCorpus(ctx, fl.Arg(0))
	if err != nil {
		return err
	}
	out := fl.Arg(1)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	units, err := store.Units(ctx, graph.UnitFilter{}, graph.Page{})
	if err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(out, "units.csv"), func(w *csv.Writer) error {
		for _, u := range units.Units {
			if err := w.Write([]string{u.ID, u.Jurisdiction, u.Name, string(u.Kind)}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	tasks, err := store.Tasks(ctx, graph.TaskFilter{}, graph.Page{})
	if err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(out, "tasks.csv"), func(w *csv.Writer) error {
		for _, t := range tasks.Tasks {
			if err := w.Write([]string{t.ID, t.PlanID, t.Jurisdiction, strconv.Itoa(t.Year), strconv.Itoa(t.Number)}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	roles := 0
	err = writeCSV(filepath.Join(out, "roles.csv"), func(w *csv.Writer) error {
		for _, t := range tasks.Tasks {
			seen := map[string]bool{}
			for i, ids := range [][]string{t.Leads, t.Cooperators} {
				role := [...]string{"lead", "cooperator"}[i]
				for _, id := range ids {
					if seen[id] {
						continue
					}
					seen[id] = true
					roles++
					if err := w.Write([]string{t.ID, id, role}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "csv\t%d units\t%d tasks\t%d roles\n", len(units.Units), len(tasks.Tasks), roles)
	return nil
}

func writeCSV(path string, rows func(*csv.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := rows(w); err != nil {
		f.Close()
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
