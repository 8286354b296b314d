package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultWatchDebounce is how long Watch waits for a burst of changes to
// settle before it syncs.
const DefaultWatchDebounce = 250 * time.Millisecond

// WatchOptions tunes Watch. The zero value watches with the defaults and
// reports nothing.
type WatchOptions struct {
	// Debounce is how long changes must settle before a sync; 0 means
	// DefaultWatchDebounce.
	Debounce time.Duration
	// OnSync, when set, receives what each sync did and its error.
	OnSync func(SyncStats, error)
	// OnWarning, when set, receives problems that do not stop the watch:
	// a folder that cannot be watched, an overflowing event queue (which
	// a full sync then catches up on).
	OnWarning func(error)
}

// Watch keeps the index in step with the corpus folder dir until ctx
// ends: it watches dir and every non-hidden folder below it, and once
// changes have settled it runs Sync over fsys (the same folder as an
// fs.FS, e.g. from os.OpenRoot). New sub-folders are watched as they
// appear, and editors that save by writing a temporary file and renaming
// it show up as a create of the final name, so every way of changing a
// file leads to a sync. Sync finds what changed by content hash, so
// coalescing a burst of events into one call loses nothing. Changes under
// hidden folders (.git) and to backup files (name~) are ignored. Watch
// returns an error only when the watch cannot be set up at all.
func (ix *Index) Watch(ctx context.Context, dir string, fsys fs.FS, opts WatchOptions) error {
	w := &watcher{dir: dir, opts: opts, sync: func(ctx context.Context) error {
		st, err := ix.Sync(ctx, fsys, ".", nil)
		if opts.OnSync != nil && !errors.Is(err, context.Canceled) {
			opts.OnSync(st, err)
		}
		return err
	}}
	return w.run(ctx)
}

// watcher is Watch's loop, with the sync it calls replaceable in tests.
type watcher struct {
	dir  string
	opts WatchOptions
	sync func(context.Context) error
}

func (w *watcher) warn(err error) {
	if w.opts.OnWarning != nil {
		w.opts.OnWarning(err)
	}
}

func (w *watcher) run(ctx context.Context) error {
	debounce := w.opts.Debounce
	if debounce <= 0 {
		debounce = DefaultWatchDebounce
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.dir, err)
	}
	defer fw.Close()
	if err := w.addTree(fw, w.dir); err != nil {
		return fmt.Errorf("watch %s: %w", w.dir, err)
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if hiddenPath(w.dir, ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					// Files may have landed in it before the watch did;
					// the sync below walks them anyway.
					if err := w.addTree(fw, ev.Name); err != nil {
						w.warn(fmt.Errorf("watch new folder %s: %w", ev.Name, err))
					}
				}
			}
			pending = true
			timer.Reset(debounce)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			// Typically an event-queue overflow: a full sync catches up.
			w.warn(fmt.Errorf("watch %s: %w", w.dir, err))
			pending = true
			timer.Reset(debounce)
		case <-timer.C:
			if !pending {
				continue
			}
			pending = false
			_ = w.sync(ctx) // reported through OnSync
		}
	}
}

// addTree watches dir and every non-hidden folder below it. Symbolic
// links are not followed, so a link loop cannot make it spin.
func (w *watcher) addTree(fw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			w.warn(fmt.Errorf("watch: skip %s: %w", path, err))
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return fw.Add(path)
	})
}

// hiddenPath reports whether path, below root, passes through a hidden
// file or folder (.git, editor swap files): changes there are noise.
func hiddenPath(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return strings.HasSuffix(path, "~")
}

// Exists reports whether dir holds an index (of any schema version): what
// a command that only reads should check before Open, which would create
// an empty one.
func Exists(dir string) bool { return isBleveIndex(dir) }
