package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// maxWalkDepth bounds directory nesting, so a tree of symlinks that the
// file system cannot identify still ends.
const maxWalkDepth = 64

// mediaExtensions are file extensions that never hold a postmortem:
// images, archives, binaries, fonts, media, office files.
var mediaExtensions = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".bmp": true,
	".ico": true, ".svg": true, ".tif": true, ".tiff": true, ".heic": true, ".psd": true,
	".pdf": true, ".zip": true, ".gz": true, ".tgz": true, ".tar": true, ".bz2": true,
	".xz": true, ".zst": true, ".7z": true, ".rar": true, ".jar": true, ".war": true,
	".exe": true, ".dll": true, ".so": true, ".dylib": true, ".bin": true, ".o": true,
	".a": true, ".class": true, ".pyc": true, ".wasm": true, ".woff": true, ".woff2": true,
	".ttf": true, ".otf": true, ".eot": true, ".mp3": true, ".mp4": true, ".m4a": true,
	".mov": true, ".avi": true, ".mkv": true, ".wav": true, ".ogg": true, ".flac": true,
	".webm": true, ".db": true, ".sqlite": true, ".sqlite3": true, ".dat": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".key": true, ".pem": true, ".crt": true, ".der": true,
}

// dataExtensions are data, configuration and code files kept beside
// postmortems: records and settings, not documents.
var dataExtensions = map[string]bool{
	".yml": true, ".yaml": true, ".json": true, ".jsonl": true, ".ndjson": true, ".toml": true, ".xml": true,
	".csv": true, ".tsv": true, ".parquet": true, ".sql": true, ".ini": true, ".cfg": true, ".conf": true,
	".env": true, ".go": true, ".py": true, ".rb": true, ".sh": true, ".ps1": true, ".java": true,
	".ts": true, ".tsx": true, ".jsx": true, ".scss": true, ".sass": true, ".less": true, ".mod": true,
	".tf": true, ".hcl": true, ".css": true, ".js": true, ".map": true, ".lock": true, ".sum": true,
	".ipynb": true,
}

// repoFiles are the base names (without extension, lower case) of
// repository furniture that is never a postmortem: read-mes, change
// logs, templates, and the guides and indexes of a labelled collection.
var repoFiles = map[string]bool{
	"readme": true, "changelog": true, "contributing": true, "code_of_conduct": true, "code-of-conduct": true,
	"security": true, "codeowners": true, "makefile": true, "dockerfile": true, "template": true,
	"_template": true, "postmortem-template": true, "postmortem_template": true, "incident-template": true,
	"incident_template": true, "labeling": true, "labelling": true, "labeling-guide": true,
	"labelling-guide": true, "labeling_guide": true, "labelling_guide": true, "annotation-guide": true,
	"annotation_guide": true, "notice": true, "authors": true, "maintainers": true,
}

// Reasons Walk gives for the files it leaves out (short: a one-line
// summary of skipped files shows them).
const (
	SkipHidden     = "hidden"
	SkipLicense    = "licence"
	SkipRepoFile   = "repository file"
	SkipMedia      = "not text"
	SkipData       = "data or code"
	SkipDefaults   = "folder defaults"
	SkipNotRegular = "not a regular file"
)

// SkipReason returns why Walk leaves out a file of this base name, or ""
// when it is a candidate postmortem: hidden files, license files,
// repository furniture (README, CHANGELOG, CONTRIBUTING, templates, a
// labelling guide), non-text extensions and data, configuration or code
// files (.jsonl, .csv, .yaml…).
func SkipReason(base string) string {
	if isDefaultsFile(base) {
		return SkipDefaults
	}
	if strings.HasPrefix(base, ".") {
		return SkipHidden
	}
	upper := strings.ToUpper(base)
	for _, p := range []string{"LICENSE", "LICENCE", "COPYING"} {
		if upper == p || strings.HasPrefix(upper, p+".") || strings.HasPrefix(upper, p+"-") {
			return SkipLicense
		}
	}
	ext := strings.ToLower(path.Ext(base))
	if strings.ContainsAny(ext, " \t") { // "v1.2 outage": not an extension
		ext = ""
	}
	switch {
	case repoFiles[strings.TrimSuffix(strings.ToLower(base), ext)]:
		return SkipRepoFile
	case mediaExtensions[ext]:
		return SkipMedia
	case dataExtensions[ext]:
		return SkipData
	}
	return ""
}

// skipFile reports whether Walk leaves out a file of this base name.
func skipFile(base string) bool { return SkipReason(base) != "" }

// WalkOptions configures WalkWith.
type WalkOptions struct {
	// Skipped, when set, is called for every file left out, with its
	// slash path and the reason (one of the Skip… constants). Hidden
	// directories are left out silently.
	Skipped func(name, reason string)
}

// Walk calls fn for every candidate postmortem file under fsys, in
// lexical order, with its slash path. Hidden files and directories,
// LICENSE/COPYING files, repository furniture (README, CHANGELOG,
// CONTRIBUTING, blank templates), non-text extensions (images,
// archives…) and configuration or code files (.yaml, .json, .go…) are
// skipped; a read-me is read when its text is itself an incident report
// rather than a front page. Entries that cannot be used — symlink loops, symlinks leaving
// the root, unreadable directories — are passed to fn with a non-nil err
// naming the path and reason. Symlinks to files and directories inside
// the root are followed once; a symlink back to a directory being walked
// is reported as a loop. fn returning an error stops the walk, and Walk
// returns that error.
func Walk(fsys fs.FS, fn func(name string, err error) error) error {
	return WalkWith(fsys, WalkOptions{}, fn)
}

// WalkWith is Walk that also reports the files it leaves out.
func WalkWith(fsys fs.FS, opts WalkOptions, fn func(name string, err error) error) error {
	w := walker{fsys: fsys, fn: fn, skipped: opts.Skipped}
	var ancestors []any
	if fi, err := fs.Stat(fsys, "."); err == nil {
		if k, ok := dirKey(fi); ok {
			ancestors = append(ancestors, k)
		}
	}
	return w.dir(".", ancestors, 0)
}

type walker struct {
	fsys    fs.FS
	fn      func(string, error) error
	skipped func(name, reason string)
}

func (w *walker) skip(name, reason string) {
	if w.skipped != nil {
		w.skipped(name, reason)
	}
}

func (w *walker) dir(dir string, ancestors []any, depth int) error {
	if depth > maxWalkDepth {
		return w.fn(dir, fmt.Errorf("%s: directory nesting deeper than %d levels (symlink loop?)", dir, maxWalkDepth))
	}
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		return w.fn(dir, fmt.Errorf("%s: cannot read directory: %w", dir, err))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			if !e.IsDir() {
				w.skip(path.Join(dir, name), SkipReason(name))
			}
			continue
		}
		p := path.Join(dir, name)
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			fi, err := fs.Stat(w.fsys, p) // follows the link, confined to the root
			if err != nil {
				if err := w.fn(p, fmt.Errorf("%s: unusable symlink: %w", p, simplifyLinkErr(err))); err != nil {
					return err
				}
				continue
			}
			if fi.IsDir() {
				k, ok := dirKey(fi)
				if !ok {
					if err := w.fn(p, fmt.Errorf("%s: symlink to a directory not followed (cannot detect loops here)", p)); err != nil {
						return err
					}
					continue
				}
				loop := false
				for _, a := range ancestors {
					if a == k {
						loop = true
					}
				}
				if loop {
					if err := w.fn(p, fmt.Errorf("%s: symlink loop: points back to a directory being walked", p)); err != nil {
						return err
					}
					continue
				}
				if err := w.dir(p, append(ancestors[:len(ancestors):len(ancestors)], k), depth+1); err != nil {
					return err
				}
				continue
			}
			typ = fi.Mode().Type()
		}
		if typ.IsDir() {
			next := ancestors
			if fi, err := e.Info(); err == nil {
				if k, ok := dirKey(fi); ok {
					next = append(ancestors[:len(ancestors):len(ancestors)], k)
				}
			}
			if err := w.dir(p, next, depth+1); err != nil {
				return err
			}
			continue
		}
		if !typ.IsRegular() {
			w.skip(p, SkipNotRegular)
			continue
		}
		if r := skipReasonAt(w.fsys, p, name); r != "" {
			w.skip(p, r)
			continue
		}
		if err := w.fn(p, nil); err != nil {
			return err
		}
	}
	return nil
}

// simplifyLinkErr drops the *PathError wrapper, whose path repeats ours.
func simplifyLinkErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
