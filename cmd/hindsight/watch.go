package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// corpusWatcher watches a corpus folder recursively and calls sync once
// changes have settled. New sub-folders are watched as they appear, and
// editors that save by writing a temporary file and renaming it show up as
// a create of the final name, so every way of changing a file leads to a
// sync. sync is an incremental index update: it finds what changed by
// content hash, so coalescing a burst of events into one call loses nothing.
type corpusWatcher struct {
	dir      string
	debounce time.Duration
	sync     func(context.Context) error
	log      *slog.Logger
}

// run watches until ctx is done. It returns an error only when the watch
// cannot be set up at all.
func (w *corpusWatcher) run(ctx context.Context) error {
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
						w.log.Warn("watch new folder", "path", ev.Name, "err", err)
					}
				}
			}
			pending = true
			timer.Reset(w.debounce)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			// Typically an event-queue overflow: a full sync catches up.
			w.log.Warn("corpus watch", "err", err)
			pending = true
			timer.Reset(w.debounce)
		case <-timer.C:
			if !pending {
				continue
			}
			pending = false
			if err := w.sync(ctx); err != nil && !errors.Is(err, context.Canceled) {
				w.log.Error("re-index after change", "corpus", w.dir, "err", err)
			}
		}
	}
}

// addTree watches dir and every non-hidden folder below it. Symbolic
// links are not followed, so a link loop cannot make it spin.
func (w *corpusWatcher) addTree(fw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			w.log.Warn("watch: skip", "path", path, "err", err)
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
