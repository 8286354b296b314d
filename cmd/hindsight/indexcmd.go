package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hindsight-kb/hindsight/index"
)

// runIndex implements `hindsight index`: an incremental build of the
// index from a corpus folder.
func runIndex(ctx context.Context, env *cliEnv, args []string) int {
	fset := newFlagSet(env, "index", "",
		"Build or update the search index from a corpus folder. Unchanged files (by content hash)\n"+
			"are skipped, changed ones re-indexed, deleted ones removed. Prints\n"+
			"'added N / updated N / removed N / unchanged N / failed N'; files that fail are\n"+
			"reported on stderr as 'path: reason' and skipped. While 'hindsight serve' holds the\n"+
			"index, the server is asked to re-sync instead.\n"+
			"Exit status: 0 all indexed, 1 some files failed or the index failed, 2 usage error.")
	kbOpts := kbFlags(fset)
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	if fset.NArg() > 0 {
		fmt.Fprintln(env.stderr, "hindsight index: no arguments are taken; give the folder with --corpus DIR")
		fset.Usage()
		return exitUsage
	}
	kb, err := kbOpts.resolve(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitUsage
	}
	fsys, closeCorpus, err := kb.openCorpus()
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitUsage
	}
	defer closeCorpus()
	cfg, err := kb.indexConfig()
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitUsage
	}
	if code, ok := syncThroughServer(ctx, env, kb); ok {
		return code
	}
	if err := os.MkdirAll(filepath.Dir(kb.indexDir), 0o755); err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: index folder: %v\n", err)
		return exitRuntime
	}
	ix, err := index.Open(kb.indexDir, cfg)
	if errors.Is(err, index.ErrLocked) {
		if code, ok := syncThroughServer(ctx, env, kb); ok {
			return code
		}
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	if r := ix.Rebuilt(); r != "" {
		fmt.Fprintf(env.stderr, "hindsight index: rebuilding %s from scratch: %s\n", kb.indexDir, r)
	}
	var progress func(index.Progress)
	bar := &progressBar{w: env.stderr, label: "indexing"}
	if isTerminal(env.stderr) {
		progress = func(p index.Progress) { bar.update(p.Done, p.Total, p.Path) }
	}
	st, err := ix.Sync(ctx, fsys, ".", progress)
	bar.finish()
	return reportSync(env, st, err, fsys, kb.label())
}

// syncThroughServer asks the server holding kb's index, if one runs, to
// re-sync; ok is false when no server answers.
func syncThroughServer(ctx context.Context, env *cliEnv, kb knowledgeBase) (code int, ok bool) {
	srv, err := dialServer(ctx, env, kb.indexDir, false)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitRuntime, true
	}
	if srv == nil {
		return 0, false
	}
	if srv.rec.Corpus != kb.corpus {
		fmt.Fprintf(env.stderr, "hindsight index: the server at %s serves this index from %s, not %s; stop it or give another --index\n",
			srv.rec.URL, knowledgeBase{corpus: srv.rec.Corpus}.label(), kb.label())
		return exitUsage, true
	}
	fmt.Fprintf(env.stderr, "hindsight index: the server at %s holds the index; asking it to re-sync %s\n", srv.rec.URL, kb.label())
	st, err := srv.Sync(ctx)
	return reportSync(env, st, err, nil, kb.label()), true
}

// reportSync prints what a sync did and returns the exit code. With the
// corpus's fsys it also says which files were left out, by reason; label
// names the corpus in those notes.
func reportSync(env *cliEnv, st index.SyncStats, err error, fsys fs.FS, label string) int {
	for _, f := range st.Failures {
		fmt.Fprintf(env.stderr, "%s: %s\n", f.Path, f.Err)
	}
	for _, w := range st.Warnings {
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
	fmt.Fprintf(env.stdout, "added %d / updated %d / removed %d / unchanged %d / failed %d\n",
		st.Added, st.Updated, st.Removed, st.Unchanged, st.Failed)
	if fsys != nil && err == nil {
		skipped, empty := corpusNotes(fsys, st)
		for _, note := range []string{skipped, empty} {
			if note != "" {
				fmt.Fprintf(env.stderr, "hindsight index: %s: %s\n", label, note)
			}
		}
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(env.stderr, "hindsight index: interrupted; the files indexed so far are kept")
		} else {
			fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		}
		return exitRuntime
	}
	if st.Failed > 0 {
		return exitFailed
	}
	return exitOK
}
