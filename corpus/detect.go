package corpus

import (
	"path"
	"regexp"
	"strings"
)

var (
	reMDHeading = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+\S`)
	reMDList    = regexp.MustCompile(`(?m)^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S`)
	reMDTable   = regexp.MustCompile(`(?m)^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*\|`)
	reMDLink    = regexp.MustCompile(`\]\([^)\s]+\)|\*\*[^*\n]+\*\*|(?m)^\x60\x60\x60`)
	reMDSetext  = regexp.MustCompile(`(?m)^\S.*\n(?:={3,}|-{3,})[ \t]*$`)
	reHTMLTag   = regexp.MustCompile(`(?i)<(?:p|div|h[1-6]|ul|ol|li|table|tr|td|span|a|br|section|article|body|head|meta|script|nav)\b[^>]*>`)
)

// lowerExt returns the document extension of name, lower-cased, looking
// through template suffixes (".html.md.erb" is Markdown).
func lowerExt(name string) string {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	for _, tmpl := range []string{".erb", ".tmpl", ".j2", ".liquid"} {
		base = strings.TrimSuffix(base, tmpl)
	}
	ext := path.Ext(base)
	if strings.ContainsAny(ext, " \t") {
		return ""
	}
	return ext
}

// detectFormat decides how to read a document from its content, with the
// file extension as a hint only.
func detectFormat(name, body string) string {
	ext := lowerExt(name)
	sample := body
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	if looksHTML(sample) {
		return FormatHTML
	}
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd", ".mdx":
		return FormatMarkdown
	case ".txt", ".text", ".log", ".eml":
		return FormatText
	}
	if markdownScore(sample) >= 2 {
		return FormatMarkdown
	}
	return FormatText
}

// looksHTML reports whether text is an HTML document or fragment rather
// than prose with a few inline tags.
func looksHTML(s string) bool {
	t := strings.TrimLeft(s, " \t\n\r\f")
	if !strings.HasPrefix(t, "<") {
		return false
	}
	head := strings.ToLower(t[:min(len(t), 64)])
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<?xml") && strings.Contains(strings.ToLower(t[:min(len(t), 1024)]), "<html") {
		return true
	}
	tags := len(reHTMLTag.FindAllStringIndex(s, 200))
	lines := strings.Count(s, "\n") + 1
	return tags >= 3 && tags*4 >= min(lines, 200)
}

// markdownScore counts kinds of Markdown syntax present.
func markdownScore(s string) int {
	n := 0
	if reMDHeading.MatchString(s) {
		n++
		if len(reMDHeading.FindAllStringIndex(s, 3)) >= 2 {
			n++
		}
	}
	for _, re := range []*regexp.Regexp{reMDList, reMDTable, reMDLink, reMDSetext} {
		if re.MatchString(s) {
			n++
		}
	}
	return n
}
