package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/dutygraph/dutygraph/registry"
)

// place is a generated city or district and the units its plans name.
type place struct {
	path  string // 安平市, 安平市/东湖区
	short string // 安平: the name units and document numbers start with
	code  string // c003, c003d07: the place in file names
	city  *place // the enclosing city; nil for a city
	// districts are a city's districts, in the gazetteer's order.
	districts []*place
	units     []unitSpec
	// Cumulative weights over units for drawing leads and cooperators.
	leadCum, coopCum []float64
}

func (p *place) isCity() bool { return p.city == nil }

// level is the prefix the place's own bodies are written with.
func (p *place) level() string {
	if p.isCity() {
		return "市"
	}
	return "区"
}

// government is the issuer's full name: 安平市东湖区人民政府.
func (p *place) government() string {
	if p.isCity() {
		return p.short + "市人民政府"
	}
	return p.city.short + "市" + p.short + "区人民政府"
}

// unitSpec is one unit of a place as its plans write it.
type unitSpec struct {
	name       string // as written from switchYear on
	old        string // as written before switchYear; "" if never renamed
	switchYear int
	leadW      float64
	coopW      float64
}

func (u unitSpec) written(year int) string {
	if u.old != "" && year < u.switchYear {
		return u.old
	}
	return u.name
}

// namePool hands out two-character place names, each once, none of them
// the name of a real place: the corpus is read with the bundled national
// gazetteer, which must not take a synthetic 兴宁市 for 广东省's.
type namePool struct{ names []string }

func newNamePool(rng *rand.Rand, real map[string]bool) *namePool {
	var names []string
	for _, a := range placeSyllables {
		for _, b := range placeSyllables {
			name := string(a) + string(b)
			if a != b && !real[name] && !real[name+"市"] && !real[name+"区"] && !real[name+"县"] {
				names = append(names, name)
			}
		}
	}
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return &namePool{names: names}
}

// realPlaceNames are the names, short names and former names of every
// place in the bundled gazetteer.
func realPlaceNames() (map[string]bool, error) {
	reg, err := registry.Load()
	if err != nil {
		return nil, err
	}
	real := map[string]bool{}
	for _, p := range reg.Places() {
		for _, n := range append(p.Names, p.Former...) {
			real[n] = true
		}
	}
	return real, nil
}

func (n *namePool) next() string {
	if len(n.names) == 0 {
		// withDefaults bounds the corpus well below the pool's size.
		panic("synth: place names exhausted")
	}
	s := n.names[0]
	n.names = n.names[1:]
	return s
}

// newCity makes city number i and its 8 to 12 districts, the city first.
func newCity(rng *rand.Rand, names *namePool, i int) []*place {
	c := &place{short: names.next(), code: fmt.Sprintf("c%03d", i)}
	c.path = c.short + "市"
	out := []*place{c}
	for d := range 8 + rng.IntN(5) {
		p := &place{short: names.next(), code: fmt.Sprintf("c%03dd%02d", i, d+1), city: c}
		p.path = c.path + "/" + p.short + "区"
		out = append(out, p)
	}
	c.districts = out[1:]
	return out
}

// profile gives a place its units, drawn once before its plans are written:
// about 45 departments, a few Party organs, state-owned groups, development
// zones' management committees, (for a city) its district governments, and
// the collective placeholders. Lead weights follow a Zipf law over a random
// ranking, so a few units lead many tasks, as 市发改委 and 市工信局 do in the
// seeds; cooperation is spread more evenly.
func (p *place) profile(rng *rand.Rand, firstYear, years int) {
	lvl := p.level()
	switchYear := func() int { return firstYear + 1 + rng.IntN(max(1, years-1)) }
	var ranked []unitSpec
	for _, i := range rng.Perm(len(departments))[:45] {
		d := departments[i]
		u := unitSpec{name: lvl + d.stem}
		// Most renamed bodies changed name within the decade; some were
		// already renamed when it starts.
		if d.old != "" && rng.IntN(10) < 7 {
			u.old, u.switchYear = lvl+d.old, switchYear()
		}
		ranked = append(ranked, u)
	}
	for _, i := range rng.Perm(len(partyOrgans))[:4] {
		ranked = append(ranked, unitSpec{name: lvl + partyOrgans[i]})
	}
	if p.isCity() {
		for _, i := range rng.Perm(len(cityGroups))[:4] {
			ranked = append(ranked, unitSpec{name: p.short + cityGroups[i]})
		}
		ranked = append(ranked,
			unitSpec{name: p.short + "地铁集团", old: "市地铁集团", switchYear: switchYear()},
			unitSpec{name: p.short + "高新区管委会"}, unitSpec{name: p.short + "经开区管委会"})
	} else {
		for _, i := range rng.Perm(len(districtGroups))[:3] {
			ranked = append(ranked, unitSpec{name: districtGroups[i]})
		}
		ranked = append(ranked, unitSpec{name: p.short + "科技园管委会"})
	}
	rng.Shuffle(len(ranked), func(i, j int) { ranked[i], ranked[j] = ranked[j], ranked[i] })
	for r := range ranked {
		ranked[r].leadW = 1 / math.Pow(float64(r+1), 0.9)
		ranked[r].coopW = 1 / math.Sqrt(float64(r+1))
	}
	p.units = ranked
	// District governments lead little and cooperate often; placeholders
	// are mostly asked to cooperate.
	for _, d := range p.districts {
		p.units = append(p.units, unitSpec{name: d.short + "区政府", leadW: 0.01, coopW: 0.15})
	}
	collectives := districtPlaceholders
	if p.isCity() {
		collectives = cityPlaceholders
	}
	for _, name := range collectives {
		p.units = append(p.units, unitSpec{name: name, leadW: 0.004, coopW: 0.1})
	}
	p.leadCum = cumulative(p.units, func(u unitSpec) float64 { return u.leadW })
	p.coopCum = cumulative(p.units, func(u unitSpec) float64 { return u.coopW })
}

func cumulative(units []unitSpec, w func(unitSpec) float64) []float64 {
	out := make([]float64, len(units))
	sum := 0.0
	for i, u := range units {
		sum += w(u)
		out[i] = sum
	}
	return out
}

// draw picks a unit index by the cumulative weights, skipping those taken.
// A place has far more units than a task names, so it ends quickly.
func draw(rng *rand.Rand, cum []float64, taken []int) int {
	for {
		i := sort.SearchFloat64s(cum, rng.Float64()*cum[len(cum)-1])
		if i < len(cum) && !contains(taken, i) {
			return i
		}
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
