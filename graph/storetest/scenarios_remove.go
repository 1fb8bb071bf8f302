package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// removeScenarios check Remove against its definition: the store answers as
// if the removed document had never been loaded. The state to compare with
// is read from the same store before the document goes in, so that the
// suite needs no second store.
func removeScenarios() []scenario {
	var out []scenario
	for _, b := range All() {
		id := b.DocumentID()
		out = append(out, scenario{"Remove/" + id + " leaves the others' graph", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, allBut(id)...)
			others := ReadState(t, ctx, s)
			load(t, ctx, s, b)
			requireFixtureState(t, ctx, s)
			require.NoError(t, s.Remove(ctx, id))
			requireSameState(t, others, ReadState(t, ctx, s), "after removing "+id)
			_, err := s.Sections(ctx, id)
			if b.Plan != nil {
				require.ErrorIs(t, err, graph.ErrNotFound, "sections of the removed plan")
			}
			load(t, ctx, s, b)
			requireFixtureState(t, ctx, s)
		}})
	}
	return append(out,
		scenario{"Remove/every document leaves an empty store", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			for _, b := range reversed(All()) {
				require.NoError(t, s.Remove(ctx, b.DocumentID()), "removing %s", b.DocumentID())
			}
			st := ReadState(t, ctx, s)
			require.Equal(t, graph.Stats{}, st.Stats)
			require.Empty(t, st.Jurisdictions)
			require.Empty(t, st.Reports)
			require.Empty(t, st.Units)
			require.Empty(t, st.Pairs)
			require.Empty(t, st.Network.Nodes)
			require.Empty(t, st.Targets)
			_, err := s.FindUnit(ctx, "市发改委", "")
			require.ErrorIs(t, err, graph.ErrNotFound, "a unit of removed documents")
			loadAll(t, ctx, s)
			requireFixtureState(t, ctx, s)
		}},
		scenario{"Remove/a revised plan takes what the revision gave", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, allBut(PlanNanjing2026)...)
			others := ReadState(t, ctx, s)
			load(t, ctx, s, Nanjing2026(), Nanjing2026Revised())
			require.NoError(t, s.Remove(ctx, PlanNanjing2026))
			requireSameState(t, others, ReadState(t, ctx, s), "after removing the revised plan")
		}},
		scenario{"Remove/an unknown document is not found and changes nothing", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			before := ReadState(t, ctx, s)
			err := s.Remove(ctx, graph.PlanID(Gulou, 2019))
			require.ErrorIs(t, err, graph.ErrNotFound)
			// A report known only from a plan's reference has no text to take out.
			err = s.Remove(ctx, ReportGulou2026)
			require.ErrorIs(t, err, graph.ErrNotFound, "a report stub")
			requireSameState(t, before, ReadState(t, ctx, s), "after removing unknown documents")
		}},
		scenario{"Remove/context cancelled changes nothing", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			before := ReadState(t, ctx, s)
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			require.ErrorIs(t, s.Remove(cancelled, PlanGulou2026), context.Canceled)
			requireSameState(t, before, ReadState(t, ctx, s), "after a cancelled remove")
		}},
	)
}

// allBut returns every fixture except the one carrying documentID.
func allBut(documentID string) []*graph.Batch {
	return slices.DeleteFunc(All(), func(b *graph.Batch) bool { return b.DocumentID() == documentID })
}
