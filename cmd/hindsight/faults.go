package main

import (
	"context"
	"log/slog"

	"github.com/hindsight-kb/hindsight/index"
)

// indexFaultHooks reports, once, what Open had to do about the index
// folder, and adapts serve's hooks to it: an index whose folder cannot be
// written is served as it is, without syncing or watching the corpus (a
// sync could only fail, again and again).
func indexFaultHooks(ix *index.Index, hooks serveHooks, logger *slog.Logger) serveHooks {
	if r := ix.Rebuilt(); r != "" {
		logger.Warn("index discarded; rebuilding it from the corpus", "index", ix.Dir(), "reason", r)
	}
	if ro := ix.ReadOnly(); ro != "" {
		logger.Warn("index is read-only: serving it as it is, without syncing or watching the corpus", "index", ix.Dir(), "reason", ro)
		hooks.sync = func(context.Context) error { return nil }
		hooks.watch = nil
	}
	return hooks
}
