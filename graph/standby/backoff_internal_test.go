package standby

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	b := Backoff{Initial: 500 * time.Millisecond, Max: 30 * time.Second, Jitter: 0.2}
	var got []time.Duration
	for attempt := 1; attempt <= 9; attempt++ {
		got = append(got, b.delay(attempt))
	}
	s := time.Second
	require.Equal(t, []time.Duration{s / 2, s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s, 30 * s, 30 * s}, got)
	require.Equal(t, 30*s, b.delay(1000), "no overflow on long outages")
}

func TestJitterStaysWithinBounds(t *testing.T) {
	b := Backoff{Initial: time.Second, Max: time.Second, Jitter: 0.2}
	seen := map[time.Duration]bool{}
	for range 200 {
		d := b.jittered(time.Second)
		require.GreaterOrEqual(t, d, 800*time.Millisecond)
		require.LessOrEqual(t, d, time.Second)
		seen[d] = true
	}
	require.Greater(t, len(seen), 100, "waits are spread, not in step")
	require.Equal(t, time.Second, Backoff{Jitter: 0}.jittered(time.Second))
}
