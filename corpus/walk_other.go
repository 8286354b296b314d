//go:build !unix

package corpus

import "io/fs"

// dirKey reports that directory identity is unknown on this platform, so
// Walk does not follow symlinks to directories.
func dirKey(fs.FileInfo) (any, bool) { return nil, false }
