package corpus

import (
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// A repository's read-me is usually its front page: what the collection
// is, how to add to it, a list of links to the reports. Some collections
// that hold a single incident write that incident straight into the
// read-me. Walk decides between the two by content, not by name.

// maxReadmeProbe is how much of a read-me Walk reads to decide.
const maxReadmeProbe = 64 << 10

// readmeStem reports whether base names a read-me in a text format.
func readmeStem(base string) bool {
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	if !strings.HasPrefix(lower, "readme") || strings.TrimSuffix(lower, ext) != "readme" {
		return false
	}
	switch ext {
	case "", ".md", ".markdown", ".txt", ".text", ".rst", ".adoc":
		return true
	}
	return false
}

var (
	// reDocLinkLine is a list item or table row that links to another
	// document of the collection (a relative link, not an image).
	reDocLinkLine = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)]|\|)[^\n]*[^!]\[[^\]]*\]\((?:\./|\.\./|/)?[^)\s:]+\)`)
	// reReadmeIncident is what the narrative of an incident says: that
	// something failed, broke, was lost or went down.
	reReadmeIncident = regexp.MustCompile(`(?i)\b(?:incident|outage|downtime|root cause|misconfigur\w*|disruption|degraded|unavailable|went down|stuck|lost|failed|failure|broke|broken|error|errors|exploit\w*|compromised)\b`)
	// reReadmeWe is the team telling what it did or found.
	reReadmeWe = regexp.MustCompile(`(?i)\bwe\s+(?:\w+\s+)?(?:\w+ed|found|saw|ran|began|took|made|had|were|identified|noticed|learnt|learned)\b`)
)

// readmeIsReport reports whether a read-me's text is itself an incident
// report rather than a collection's front page: its prose tells, with a
// date, what went wrong and what the team did, and it does not list
// links to other documents of the collection.
func readmeIsReport(text string) bool {
	links, words := 0, 0
	var prose strings.Builder
	fence := false
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		if fence || t == "" {
			continue
		}
		if reDocLinkLine.MatchString(line) {
			links++
			continue
		}
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|") || reMDList.MatchString(line) {
			continue
		}
		words += len(strings.Fields(t))
		prose.WriteString(t)
		prose.WriteByte('\n')
	}
	p := prose.String()
	return links < 3 && words >= 80 && len(otherDates(p)) > 0 &&
		len(reReadmeIncident.FindAllString(p, 3)) >= 2 && reReadmeWe.MatchString(p)
}

// skipReasonAt is SkipReason for the file at p in fsys, reading a
// read-me to tell an incident written into it from a front page.
func skipReasonAt(fsys fs.FS, p, base string) string {
	r := SkipReason(base)
	if r != SkipRepoFile || !readmeStem(base) {
		return r
	}
	f, err := fsys.Open(p)
	if err != nil {
		return r
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxReadmeProbe))
	if err != nil || !readmeIsReport(string(data)) {
		return r
	}
	return ""
}
