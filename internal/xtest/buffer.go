package xtest

import (
	"bytes"
	"sync"
)

// Buffer collects what a window manager under test writes (its stderr) while the test reads it:
// a bytes.Buffer safe for one writer and readers on other goroutines.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is everything written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
