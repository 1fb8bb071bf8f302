package instrumented_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/instrumented"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

type call struct {
	method string
	err    error
}

type recorder struct {
	mu    sync.Mutex
	calls []call
}

func (r *recorder) observe(method string, took time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if took < 0 {
		panic("negative duration")
	}
	r.calls = append(r.calls, call{method, err})
}

// TestConformance: the wrapper changes no answer, so the memory store
// wrapped in it passes the whole conformance suite.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		return instrumented.Wrap(memstore.New(), func(string, time.Duration, error) {})
	})
}

// TestEveryMethodReported calls each method of graph.Store through the
// wrapper and requires one report naming it, with its error.
func TestEveryMethodReported(t *testing.T) {
	var rec recorder
	s := instrumented.Wrap(memstore.New(), rec.observe)
	ctx := context.Background()

	typ := reflect.TypeFor[graph.Store]()
	v := reflect.ValueOf(s)
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		args := []reflect.Value{reflect.ValueOf(ctx)}
		ft := m.Type
		for j := 1; j < ft.NumIn(); j++ {
			args = append(args, reflect.Zero(ft.In(j)))
		}
		if m.Name == "Load" {
			args[1] = reflect.ValueOf(storetest.Nanjing2021())
		}
		out := v.MethodByName(m.Name).Call(args)
		errV := out[len(out)-1]
		rec.mu.Lock()
		last := rec.calls[len(rec.calls)-1]
		rec.mu.Unlock()
		require.Equal(t, m.Name, last.method)
		if errV.IsNil() {
			require.NoError(t, last.err, m.Name)
		} else {
			require.Equal(t, errV.Interface(), last.err, m.Name)
		}
	}
	require.Len(t, rec.calls, typ.NumMethod())
}

func TestErrorsPassThrough(t *testing.T) {
	var rec recorder
	s := instrumented.Wrap(memstore.New(), rec.observe)
	_, err := s.FindUnit(context.Background(), "市不存在局", "")
	require.ErrorIs(t, err, graph.ErrNotFound)
	var nf *graph.NotFoundError
	require.True(t, errors.As(err, &nf), "the store's own error, not a copy")
	require.Equal(t, []call{{"FindUnit", err}}, rec.calls)
}

// TestVersionForwarded: the wrapper tells the inner store's version, which
// a load changes, and tells none for a store that has none.
func TestVersionForwarded(t *testing.T) {
	s := instrumented.Wrap(memstore.New(), func(string, time.Duration, error) {})
	before, ok := s.Published()
	require.True(t, ok)
	require.NoError(t, s.Load(context.Background(), storetest.Nanjing2026()))
	after, ok := s.Published()
	require.True(t, ok)
	require.NotEqual(t, before, after)

	_, ok = instrumented.Wrap(struct{ graph.Store }{memstore.New()}, func(string, time.Duration, error) {}).Published()
	require.False(t, ok)
}
