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

	"github.com/dutygraph/dutygraph/graph/standby"
)

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
