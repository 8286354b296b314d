package corpus

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// SkipCounts counts the files Walk leaves out, by SkipReason.
type SkipCounts map[string]int

// CountSkipped counts the files under fsys that Walk leaves out, for a
// one-line summary such as "3 .pdf, 1 licence": files left out for their
// extension count under it, the others under their SkipReason. Hidden
// files and folders are not counted (they are never meant to be read),
// nor what sits behind a symlink or an unreadable folder (Walk reports
// those itself).
func CountSkipped(fsys fs.FS) (SkipCounts, error) {
	counts := SkipCounts{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != "." {
				return fs.SkipDir
			}
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != "." {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if r := skipReasonAt(fsys, p, d.Name()); r != "" {
			counts[skipKey(d.Name(), r)]++
		}
		return nil
	})
	if err != nil {
		return counts, fmt.Errorf("count skipped files: %w", err)
	}
	return counts, nil
}

// skipKey is the extension when it alone decides that a file is left out
// (any other name with it is left out for the same reason), else reason.
func skipKey(name, reason string) string {
	ext := strings.ToLower(path.Ext(name))
	if ext != "" && !strings.ContainsAny(ext, " \t") && SkipReason("postmortem"+ext) == reason {
		return ext
	}
	return reason
}

// Total is the number of files counted.
func (c SkipCounts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// maxSkipReasons is how many reasons String names before "…".
const maxSkipReasons = 6

// String lists the reasons, most frequent first: "3 .pdf, 2 .yaml,
// 1 licence"; more than six end in "and N more".
func (c SkipCounts) String() string {
	reasons := make([]string, 0, len(c))
	for r := range c {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if c[reasons[i]] != c[reasons[j]] {
			return c[reasons[i]] > c[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	var parts []string
	rest := 0
	for i, r := range reasons {
		if i < maxSkipReasons {
			parts = append(parts, fmt.Sprintf("%d %s", c[r], r))
		} else {
			rest += c[r]
		}
	}
	if rest > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", rest))
	}
	return strings.Join(parts, ", ")
}
