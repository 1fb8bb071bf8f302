package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// cancelDelays are when the cancelling scenario stops a load: at once, and
// then later and later, so that on a store whose load takes a while (Neo4j
// runs a dozen statements in one transaction) some land in the middle of it.
var cancelDelays = []time.Duration{
	0, 50 * time.Microsecond, 200 * time.Microsecond, time.Millisecond, 2 * time.Millisecond,
	5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond,
}

// faultScenarios check that a document failing halfway through its load —
// not refused up front like the invalid batches, but stopped while being
// written — leaves nothing of itself behind.
func faultScenarios() []scenario {
	return []scenario{
		{"Load/cancelled while loading is all or nothing", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Nanjing2021(), Gulou2025())
			before := ReadState(t, ctx, s)
			for _, delay := range cancelDelays {
				lctx, cancel := context.WithCancel(ctx)
				timer := time.AfterFunc(delay, cancel)
				err := s.Load(lctx, Nanjing2026())
				timer.Stop()
				cancel()
				got := ReadState(t, ctx, s)
				if reflect.DeepEqual(before, got) {
					// Nothing applied: the load must have said so.
					require.Error(t, err, "a load that changed nothing returned no error (cancelled after %s)", delay)
					continue
				}
				// Something applied (the commit may have won the race with
				// the cancellation, whatever the error says): it must be
				// the whole document, which loading it again does not
				// change.
				load(t, ctx, s, Nanjing2026())
				requireSameState(t, ReadState(t, ctx, s), got, "a load cancelled after "+delay.String()+" left part of the document")
				return
			}
			load(t, ctx, s, Nanjing2026())
		}},
	}
}
