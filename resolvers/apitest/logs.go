package apitest

import (
	"bytes"
	"sync"
)

// Logs is a log sink the server's goroutines may write to while a test
// reads it: tests assert on what was logged, and that secrets were not.
type Logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
