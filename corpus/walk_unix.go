//go:build unix

package corpus

import (
	"io/fs"
	"syscall"
)

// devIno identifies a directory on a Unix file system.
type devIno struct{ dev, ino uint64 }

// dirKey returns a comparable identity for the directory described by fi
// when the file system exposes one.
func dirKey(fi fs.FileInfo) (any, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return nil, false
	}
	return devIno{uint64(st.Dev), uint64(st.Ino)}, true //nolint:unconvert // types differ by platform
}
