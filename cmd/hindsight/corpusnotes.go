package main

import (
	"fmt"
	"io/fs"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// emptyCorpusHint tells a user whose corpus gave nothing what to put in it.
const emptyCorpusHint = "add one file per incident: Markdown (.md), HTML (.html) or plain text (.txt)"

// corpusNotes describes, after a sync of fsys, the files the walk left
// out ("skipped 3 files that are not postmortems: 2 .pdf, 1 licence")
// and, when the corpus gave no postmortem at all, what to put in it.
// Both are "" when there is nothing to say.
func corpusNotes(fsys fs.FS, st index.SyncStats) (skipped, empty string) {
	if sk, err := corpus.CountSkipped(fsys); err == nil && sk.Total() > 0 {
		files := "files that are not postmortems"
		if sk.Total() == 1 {
			files = "file that is not a postmortem"
		}
		skipped = fmt.Sprintf("skipped %d %s: %s", sk.Total(), files, sk)
	}
	if st.Added+st.Updated+st.Unchanged+st.Failed == 0 {
		empty = "no postmortems found; " + emptyCorpusHint
	}
	return skipped, empty
}
