// Package standby keeps trying to reach a store that is not up yet, with
// capped, jittered exponential backoff: with it `serve --store neo4j`
// answers /healthz at once, reports not-ready on /readyz while Neo4j is
// down (the server answers "unavailable" until it is connected), and
// recovers by itself when Neo4j comes up. Only unavailability is waited
// out: an error that does not wrap graph.ErrUnavailable (bad credentials,
// a Cypher or schema error) would fail the same way for ever, so it ends
// the retries at once.
package standby

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/dutygraph/dutygraph/graph"
)

// Backoff spaces the attempts of Retry: the first retry waits Initial, each
// next one twice as long up to Max, and every wait is shortened by a random
// part of up to Jitter of itself, so that replicas restarted together do not
// knock on the database in step.
type Backoff struct {
	Initial time.Duration
	Max     time.Duration
	Jitter  float64 // 0 … 1
}

// DefaultBackoff retries after about 0.5 s, 1 s, 2 s, … and then every 30 s.
var DefaultBackoff = Backoff{Initial: 500 * time.Millisecond, Max: 30 * time.Second, Jitter: 0.2}

// Validate reports a Backoff Retry cannot use.
func (b Backoff) Validate() error {
	switch {
	case b.Initial <= 0:
		return fmt.Errorf("initial backoff %s: want a positive duration", b.Initial)
	case b.Max < b.Initial:
		return fmt.Errorf("maximum backoff %s is less than the initial %s", b.Max, b.Initial)
	case b.Jitter < 0 || b.Jitter > 1:
		return fmt.Errorf("backoff jitter %g: want 0 to 1", b.Jitter)
	}
	return nil
}

// delay is the wait after the attempt-th failure (1-based), before jitter.
func (b Backoff) delay(attempt int) time.Duration {
	d := b.Initial
	for i := 1; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// jittered shortens d by a random fraction of up to b.Jitter.
func (b Backoff) jittered(d time.Duration) time.Duration {
	return d - time.Duration(rand.Float64()*b.Jitter*float64(d))
}

// Retry calls open until it succeeds, fails with an error that is not
// graph.ErrUnavailable, or ctx ends, waiting between attempts as b says and
// logging each unavailability with the attempt's number and the next wait.
// It returns nil once open succeeds, open's error when it is not an
// unavailability, or ctx's error. open's errors are logged and returned as
// they are: they must not carry secrets.
func Retry(ctx context.Context, log *slog.Logger, what string, b Backoff, open func(context.Context) error) error {
	if err := b.Validate(); err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		err := open(ctx)
		if err == nil {
			if attempt > 1 {
				log.Info(what+" connected", "attempt", attempt)
			}
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return errors.Join(ctxErr, err)
		}
		if !errors.Is(err, graph.ErrUnavailable) {
			return fmt.Errorf("%s: %w", what, err)
		}
		wait := b.jittered(b.delay(attempt))
		log.Warn(what+" unreachable; retrying", "attempt", attempt, "retry_in", wait.Round(time.Millisecond), "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
