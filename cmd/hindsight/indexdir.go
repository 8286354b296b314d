package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hindsight-kb/hindsight/index"
)

// defaultIndexDir is where every command keeps the index when --index is
// not given: the user's cache folder, since an index is always rebuilt
// from the corpus.
func defaultIndexDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no --index given and no user cache folder: %w", err)
	}
	return filepath.Join(dir, "hindsight", "index"), nil
}

// samplesIndexDir is where serve keeps the index of the bundled samples,
// apart from a team's own index.
func samplesIndexDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no --index given and no user cache folder: %w", err)
	}
	return filepath.Join(dir, "hindsight", "samples-index"), nil
}

// indexDirFlag adds --index to a flag set.
func indexDirFlag(fs *flag.FlagSet) *string {
	return fs.String("index", "", "index `folder` (default: the user cache folder, e.g. ~/.cache/hindsight/index)")
}

// resolveIndexDir returns the --index value or the default.
func resolveIndexDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return defaultIndexDir()
}

// openExistingIndex opens an index for reading commands: a missing index
// is an error telling how to build one, not a silently created empty one.
func openExistingIndex(flagValue string) (*index.Index, string, error) {
	dir, err := resolveIndexDir(flagValue)
	if err != nil {
		return nil, "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); errors.Is(err, os.ErrNotExist) {
		return nil, dir, fmt.Errorf("no index at %s; build one with: hindsight index --corpus DIR --index %s", dir, dir)
	}
	ix, err := index.Open(dir, index.DefaultConfig())
	if err != nil {
		return nil, dir, err
	}
	if r := ix.Rebuilt(); r != "" {
		ix.Close()
		return nil, dir, fmt.Errorf("index at %s was discarded (%s); rebuild it with: hindsight index --corpus DIR --index %s", dir, r, dir)
	}
	return ix, dir, nil
}
