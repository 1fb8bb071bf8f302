package synth

import (
	"path"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPlacesAreNotReal: the bundled gazetteer must not take a synthetic
// place for a real one (seed 1 at 100k tasks once made 兴宁市, which is
// 广东省/梅州市/兴宁市, and its jurisdictions.yaml was refused).
func TestPlacesAreNotReal(t *testing.T) {
	real, err := realPlaceNames()
	require.NoError(t, err)
	require.True(t, real["兴宁市"], "the gazetteer knows 兴宁市")
	cfg, err := Config{Seed: 1, Tasks: 1_000_000}.withDefaults()
	require.NoError(t, err)
	places, _ := layout(cfg, real)
	require.Greater(t, len(places), 500)
	for _, p := range places {
		require.False(t, real[p.short], "%s names a real place", p.path)
		require.False(t, real[path.Base(p.path)], "%s names a real place", p.path)
	}
}
