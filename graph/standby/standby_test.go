package standby_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/standby"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

func TestNotConnectedIsUnavailable(t *testing.T) {
	s := standby.New()
	require.False(t, s.Connected())
	_, err := s.Stats(t.Context())
	require.ErrorIs(t, err, graph.ErrUnavailable)
	require.EqualError(t, err, "the graph store is not connected yet: store unavailable")
	_, err = s.FindUnit(t.Context(), "市发改委", "")
	require.ErrorIs(t, err, graph.ErrUnavailable)
	require.ErrorIs(t, s.Load(t.Context(), storetest.Nanjing2021()), graph.ErrUnavailable)

	s.Connect(memstore.New())
	require.True(t, s.Connected())
	st, err := s.Stats(t.Context())
	require.NoError(t, err)
	require.Zero(t, st)
}

// TestConformance: once connected, the standby store answers as its inner one.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		s := standby.New()
		s.Connect(memstore.New())
		return s
	})
}

var fast = standby.Backoff{Initial: time.Millisecond, Max: 4 * time.Millisecond, Jitter: 0.5}

func TestRetryUntilOpenSucceeds(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	calls := 0
	err := standby.Retry(t.Context(), log, "store", fast, func(context.Context) error {
		calls++
		if calls <= 5 {
			return errors.New("connection refused")
		}
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 6, calls)
	out := logs.String()
	require.Len(t, regexp.MustCompile(`level=WARN msg="store unreachable; retrying" attempt=\d retry_in=\S+ err="connection refused"`).FindAllString(out, -1), 5)
	require.Contains(t, out, `msg="store connected" attempt=6`)
}

func TestRetryStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	calls := 0
	start := time.Now()
	err := standby.Retry(ctx, slog.New(slog.DiscardHandler), "store", fast, func(context.Context) error {
		calls++
		return errors.New("connection refused")
	})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 2*time.Second)
	require.Greater(t, calls, 3, "kept retrying until the context ended")
}

func TestBackoffValidate(t *testing.T) {
	require.NoError(t, standby.DefaultBackoff.Validate())
	for _, b := range []standby.Backoff{
		{Initial: 0, Max: time.Second},
		{Initial: time.Second, Max: time.Millisecond},
		{Initial: time.Second, Max: time.Second, Jitter: 1.5},
	} {
		require.Error(t, b.Validate(), "%+v", b)
		require.Error(t, standby.Retry(t.Context(), slog.New(slog.DiscardHandler), "store", b, func(context.Context) error { return nil }))
	}
}
