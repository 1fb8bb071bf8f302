package memstore

import (
	"fmt"
	"math/rand/v2"

	"github.com/dutygraph/dutygraph/graph"
)

// synthetic builds a corpus shaped like real plans at scale: jurisdictions
// under one province, each with its departments and two placeholders, one
// plan a year with tasks led by one to three units and supported by up to
// four. The random source is seeded, so every run builds the same corpus.
func synthetic(jurisdictions, years, tasksPerPlan int) []*graph.Batch {
	const departments = 60
	rng := rand.New(rand.NewPCG(1, 2))
	top := graph.Jurisdiction{Path: "江苏省", Name: "江苏省"}
	var out []*graph.Batch
	for j := range jurisdictions {
		jur := graph.Jurisdiction{Path: fmt.Sprintf("江苏省/第%d市", j), Name: fmt.Sprintf("第%d市", j), Parent: top.Path}
		var units []graph.Unit
		for d := range departments {
			name := fmt.Sprintf("第%d局", d)
			units = append(units, graph.Unit{
				ID: graph.UnitID(jur.Path, name), Name: name, Kind: graph.KindDepartment,
				Jurisdiction: jur.Path, Aliases: []string{fmt.Sprintf("第%d管理局", d)},
			})
		}
		for _, name := range []string{"各区政府", "相关街道"} {
			units = append(units, graph.Unit{ID: graph.UnitID(jur.Path, name), Name: name, Kind: graph.KindPlaceholder, Jurisdiction: jur.Path})
		}
		for y := range years {
			year := 2020 + y
			planID := graph.PlanID(jur.Path, year)
			reportID := graph.ReportID(jur.Path, year)
			b := &graph.Batch{
				Source:        fmt.Sprintf("%s-%d.txt", jur.Name, year),
				Jurisdictions: []graph.Jurisdiction{top, jur},
				Reports:       []graph.Report{{ID: reportID, Jurisdiction: jur.Path, Year: year}},
				Plan:          &graph.Plan{ID: planID, Jurisdiction: jur.Path, Year: year, ReportID: reportID},
			}
			for s := 1; s <= 10; s++ {
				b.Sections = append(b.Sections, graph.Section{ID: graph.SectionID(planID, s), DocumentID: planID, Number: s})
			}
			for n := 1; n <= tasksPerPlan; n++ {
				picked := rng.Perm(len(units))[:1+rng.IntN(3)+rng.IntN(5)]
				leads := 1 + rng.IntN(min(3, len(picked)))
				t := graph.Task{
					ID: graph.TaskID(planID, 0, n), PlanID: planID, Jurisdiction: jur.Path, Year: year, Number: n,
					SectionID: graph.SectionID(planID, 1+(n-1)*10/tasksPerPlan),
					Text:      fmt.Sprintf("推进第%d项重点任务,确保年度目标按期完成", n), Line: n,
				}
				for i, u := range picked {
					if i < leads {
						t.Leads = append(t.Leads, units[u].ID)
					} else {
						t.Cooperators = append(t.Cooperators, units[u].ID)
					}
				}
				b.Tasks = append(b.Tasks, t)
			}
			for _, u := range units {
				u.NameYear = year
				b.Units = append(b.Units, u)
			}
			out = append(out, b)
		}
	}
	return out
}
