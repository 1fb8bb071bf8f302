package standby_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/standby"
)

// refused is how a store says it cannot be reached now.
var refused = fmt.Errorf("connection refused: %w", graph.ErrUnavailable)

var fast = standby.Backoff{Initial: time.Millisecond, Max: 4 * time.Millisecond, Jitter: 0.5}

func TestRetryUntilOpenSucceeds(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	calls := 0
	err := standby.Retry(t.Context(), log, "store", fast, func(context.Context) error {
		calls++
		if calls <= 5 {
			return refused
		}
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 6, calls)
	out := logs.String()
	require.Len(t, regexp.MustCompile(`level=WARN msg="store unreachable; retrying" attempt=\d retry_in=\S+ err="connection refused: store unavailable"`).FindAllString(out, -1), 5)
	require.Contains(t, out, `msg="store connected" attempt=6`)
}

func TestRetryStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	calls := 0
	start := time.Now()
	err := standby.Retry(ctx, slog.New(slog.DiscardHandler), "store", fast, func(context.Context) error {
		calls++
		return refused
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

func TestRetryGivesUpOnAnErrorThatIsNotUnavailability(t *testing.T) {
	var logs bytes.Buffer
	calls := 0
	bad := errors.New("authentication failed for user \"neo4j\"")
	err := standby.Retry(t.Context(), slog.New(slog.NewTextHandler(&logs, nil)), "store", fast, func(context.Context) error {
		calls++
		return bad
	})
	require.ErrorIs(t, err, bad)
	require.ErrorContains(t, err, "store: authentication failed")
	require.Equal(t, 1, calls, "a permanent error is not tried again")
	require.NotContains(t, logs.String(), "retrying")
}
