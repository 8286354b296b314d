package index

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// TestWatcher changes a corpus folder the ways people and editors do
// and checks each change leads to a sync within the 2-second promise.
func TestWatcher(t *testing.T) {
	dir := t.TempDir()
	var syncs atomic.Int32
	synced := make(chan struct{}, 16)
	w := &watcher{
		dir:  dir,
		opts: WatchOptions{Debounce: 50 * time.Millisecond},
		sync: func(context.Context) error {
			syncs.Add(1)
			synced <- struct{}{}
			return nil
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.run(ctx) }()
	time.Sleep(100 * time.Millisecond) // let the watch be set up

	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"add", func() { write(filepath.Join(dir, "a.md"), "# A\n") }},
		{"edit", func() { write(filepath.Join(dir, "a.md"), "# A edited\n") }},
		{"save by rename", func() {
			tmp := filepath.Join(dir, ".a.md.swp")
			write(tmp, "# A saved\n")
			if err := os.Rename(tmp, filepath.Join(dir, "a.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"new sub-folder", func() {
			sub := filepath.Join(dir, "2025", "q1")
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"file in new sub-folder", func() { write(filepath.Join(dir, "2025", "q1", "b.md"), "# B\n") }},
		{"delete", func() {
			if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			before := syncs.Load()
			s.do()
			// Generous: the point is that a sync follows at all, and
			// -race on a busy machine slows one down many times.
			deadline := time.After(10 * time.Second)
			for syncs.Load() == before {
				select {
				case <-synced:
				case <-deadline:
					t.Fatalf("no sync within 10s after %s", s.name)
				}
			}
			time.Sleep(120 * time.Millisecond) // let trailing events settle
			for len(synced) > 0 {
				<-synced
			}
		})
	}

	// Changes inside hidden folders such as .git are ignored.
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
	for len(synced) > 0 {
		<-synced
	}
	before := syncs.Load()
	write(filepath.Join(dir, ".git", "index"), "x")
	time.Sleep(300 * time.Millisecond)
	if syncs.Load() != before {
		t.Errorf("a change in .git caused a sync")
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestHiddenPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"/c/a.md", false},
		{"/c/sub/a.md", false},
		{"/c/.git/index", true},
		{"/c/sub/.a.md.swp", true},
		{"/c/a.md~", true},
	} {
		if got := hiddenPath("/c", tc.path); got != tc.want {
			t.Errorf("hiddenPath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// TestWatchIndexes runs Watch over a real index and folder: a file
// written into the folder becomes searchable, and OnSync hears of it.
func TestWatchIndexes(t *testing.T) {
	dir := t.TempDir()
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	stats := make(chan SyncStats, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- ix.Watch(ctx, dir, os.DirFS(dir), WatchOptions{Debounce: 20 * time.Millisecond,
			OnSync: func(st SyncStats, err error) {
				if err != nil {
					t.Error(err)
				}
				stats <- st
			}})
	}()
	time.Sleep(100 * time.Millisecond)
	doc := "# Quasar queue stalled\n\n## Root cause\n\nThe quasar broker ran out of disk.\n"
	if err := os.WriteFile(filepath.Join(dir, "q.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case st := <-stats:
		if st.Added != 1 {
			t.Errorf("first sync after the write: %+v, want 1 added", st)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no sync within 10s of a write")
	}
	if n, err := ix.Count(); err != nil || n != 1 {
		t.Errorf("index holds %d documents (%v), want 1", n, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestExists(t *testing.T) {
	dir := t.TempDir()
	if Exists(dir) || Exists(filepath.Join(dir, "missing")) {
		t.Fatal("Exists is true without an index")
	}
	ix, err := Open(filepath.Join(dir, "ix"), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if !Exists(filepath.Join(dir, "ix")) {
		t.Error("Exists is false for a freshly created index")
	}
}
