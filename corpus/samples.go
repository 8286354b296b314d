package corpus

import (
	"embed"
	"io/fs"
)

// samplesFS holds the bundled sample postmortems: a knowledge base of
// fictional organisations that `hindsight serve` shows when it is given no
// corpus of its own.
//
//go:embed samples
var samplesFS embed.FS

// Samples returns the bundled sample postmortems as a read-only file
// system rooted at the samples folder (one sub-folder per organisation).
func Samples() fs.FS {
	sub, err := fs.Sub(samplesFS, "samples")
	if err != nil { // cannot happen: "samples" is a valid, embedded path
		panic(err)
	}
	return sub
}
