package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// maxSlugLen bounds the length of an ID made from a path.
const maxSlugLen = 120

// docExtensions are the extensions Slug drops from a file name, longest
// first so that "x.html.md.erb" loses all three.
var docExtensions = []string{".html.md.erb", ".md.erb", ".html.erb", ".markdown", ".mdown", ".md", ".mkd", ".txt", ".text", ".html", ".htm", ".xhtml", ".rst", ".adoc"}

// Slug returns a stable ID for a document from its slash-separated path
// relative to the corpus root: lower-case letters and digits joined by
// single dashes, with the document extension dropped. Directory parts are
// kept, so "dfds/PM2020-001 - Inotify.md" becomes "dfds-pm2020-001-inotify".
// Very long slugs are cut and suffixed with a short hash of the path so
// they stay unique.
func Slug(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	lower := strings.ToLower(p)
	for _, ext := range docExtensions {
		if strings.HasSuffix(lower, ext) && len(lower) > len(ext) {
			lower = lower[:len(lower)-len(ext)]
			break
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range lower {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := b.String()
	sum := sha256.Sum256([]byte(p))
	h := hex.EncodeToString(sum[:4])
	if s == "" {
		return "doc-" + h
	}
	if len(s) > maxSlugLen {
		s = strings.TrimRight(s[:maxSlugLen], "-") + "-" + h
	}
	return s
}

// HashContent returns the hex SHA-256 of b. It equals Record.ContentHash
// of a document with those raw bytes.
func HashContent(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
