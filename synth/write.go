package synth

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Generate makes the corpus cfg describes and hands each file to emit, the
// registry files (units.yaml, jurisdictions.yaml) first, then the plans in
// name order. Names are slash-separated paths. emit may keep data only until
// it returns: the buffer is reused.
func Generate(cfg Config, emit func(name string, data []byte) error) (Summary, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Summary{}, err
	}
	real, err := realPlaceNames()
	if err != nil {
		return Summary{}, err
	}
	places, plans := layout(cfg, real)
	for i, p := range places {
		p.profile(rand.New(rand.NewPCG(cfg.Seed, 0xA11CE+uint64(i))), cfg.FirstYear, cfg.Years)
	}
	var buf bytes.Buffer
	writeUnits(&buf, places)
	if err := emit("units.yaml", buf.Bytes()); err != nil {
		return Summary{}, err
	}
	buf.Reset()
	writeJurisdictions(&buf, places)
	if err := emit("jurisdictions.yaml", buf.Bytes()); err != nil {
		return Summary{}, err
	}
	sum := Summary{Jurisdictions: len(places)}
	for _, pl := range plans {
		buf.Reset()
		writePlan(&buf, rand.New(rand.NewPCG(cfg.Seed, 0x91A4<<32+uint64(pl.index))), pl)
		f := PlanFile{
			Name:         fmt.Sprintf("%s/%s-%d-plan.txt", cityCode(pl.place), pl.place.code, pl.year),
			Jurisdiction: pl.place.path, Year: pl.year, Tasks: pl.tasks, Bytes: buf.Len(),
		}
		if err := emit(f.Name, buf.Bytes()); err != nil {
			return sum, err
		}
		sum.Plans = append(sum.Plans, f)
		sum.Tasks += f.Tasks
		sum.Bytes += int64(f.Bytes)
	}
	return sum, nil
}

func cityCode(p *place) string {
	if p.isCity() {
		return p.code
	}
	return p.city.code
}

// Write generates the corpus into dir, which must be empty or not exist: a
// corpus written over another would mix the two.
func Write(dir string, cfg Config) (Summary, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return Summary{}, err
		}
	case err != nil:
		return Summary{}, err
	case len(entries) > 0:
		return Summary{}, fmt.Errorf("%s is not empty: write a corpus into a new or empty directory", dir)
	}
	made := map[string]bool{}
	return Generate(cfg, func(name string, data []byte) error {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if sub := filepath.Dir(path); !made[sub] {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
			made[sub] = true
		}
		return os.WriteFile(path, data, 0o644)
	})
}
