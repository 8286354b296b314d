package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/hindsight-kb/hindsight/index"
)

// runIndex implements `hindsight index`: an incremental build of the
// index from a corpus folder.
func runIndex(ctx context.Context, env *cliEnv, args []string) int {
	fset := newFlagSet(env, "index", "",
		"Build or update the search index from a corpus folder. Unchanged files (by content hash)\n"+
			"are skipped, changed ones re-indexed, deleted ones removed. Prints\n"+
			"'added N / updated N / removed N / unchanged N / failed N'; files that fail are\n"+
			"reported on stderr as 'path: reason' and skipped.\n"+
			"Exit status: 0 all indexed, 1 some files failed or the index failed, 2 usage error.")
	corpusDir := fset.String("corpus", "", "corpus `folder` of postmortems (required)")
	idxOpts := indexFlags(fset)
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	if *corpusDir == "" || fset.NArg() > 0 {
		fmt.Fprintln(env.stderr, "hindsight index: --corpus DIR is required and no arguments are taken")
		fset.Usage()
		return exitUsage
	}
	root, err := os.OpenRoot(*corpusDir)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: corpus: %v\n", err)
		return exitUsage
	}
	defer root.Close()
	dir, err := resolveIndexDir(idxOpts.dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitUsage
	}
	cfg, err := idxOpts.config()
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitUsage
	}
	ix, err := index.Open(dir, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight index: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	if r := ix.Rebuilt(); r != "" {
		fmt.Fprintf(env.stderr, "hindsight index: rebuilding %s from scratch: %s\n", dir, r)
	}
	var progress func(index.Progress)
	bar := &progressBar{w: env.stderr, label: "indexing"}
	if isTerminal(env.stderr) {
		progress = func(p index.Progress) { bar.update(p.Done, p.Total, p.Path) }
	}
	st, err := ix.Sync(ctx, root.FS(), ".", progress)
	bar.finish()
	for _, f := range st.Failures {
		fmt.Fprintf(env.stderr, "%s: %s\n", f.Path, f.Err)
	}
	fmt.Fprintf(env.stdout, "added %d / updated %d / removed %d / unchanged %d / failed %d\n",
		st.Added, st.Updated, st.Removed, st.Unchanged, st.Failed)
	if skipped, empty := corpusNotes(root.FS(), st); err == nil {
		for _, note := range []string{skipped, empty} {
			if note != "" {
				fmt.Fprintf(env.stderr, "hindsight index: %s: %s\n", *corpusDir, note)
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
