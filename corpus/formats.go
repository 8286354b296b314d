package corpus

import (
	"regexp"
	"strings"
)

// Light-weight markup formats (AsciiDoc, reStructuredText) and MDX are
// read by rewriting their structure as Markdown: headings, lists and
// literal blocks, which is all extraction needs from them.

var (
	reAdocHeading = regexp.MustCompile(`^(={1,6})[ \t]+(\S.*)$`)
	reAdocOrdered = regexp.MustCompile(`^(\.{1,5})[ \t]+(\S.*)$`)
	reAdocBullet  = regexp.MustCompile(`^(\*{1,5}|-)[ \t]+(\S.*)$`)
	reAdocAttr    = regexp.MustCompile(`^:[\w-]+!?:(?:[ \t].*)?$`)
	reAdocBlock   = regexp.MustCompile(`^\[[\w, .#=%"'-]*\]$`)
	reAdocTitle   = regexp.MustCompile(`^\.[A-Za-z]\S*(?:[ \t].*)?$`) // ".Block title"
	reRSTDirect   = regexp.MustCompile(`^\.\.[ \t]+(?:[\w-]+::.*|_[^:]+:.*|\|[^|]+\|.*)?$`)
	reRSTEnum     = regexp.MustCompile(`^([ \t]*)#\.[ \t]+(\S.*)$`)
	reMDXImport   = regexp.MustCompile(`^(?:import\s.+\sfrom\s+['"][^'"]+['"];?|import\s+['"][^'"]+['"];?)\s*$`)
	reMDXExport   = regexp.MustCompile(`^export\s+(?:const|let|var|default)\s`)
	reMDXTitle    = regexp.MustCompile(`(?s)\btitle\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|` + "`([^`]*)`" + `)`)
)

// markupKind names a markup that is rewritten as Markdown before parsing.
type markupKind uint8

const (
	markupNone markupKind = iota
	markupAsciiDoc
	markupRST
)

// detectMarkup recognises AsciiDoc and reStructuredText by extension, or
// an extension-less AsciiDoc document by its "= Title" and "== Section"
// lines.
func detectMarkup(name, body string) markupKind {
	switch lowerExt(name) {
	case ".adoc", ".asciidoc", ".asc":
		return markupAsciiDoc
	case ".rst", ".rest":
		return markupRST
	case "", ".txt":
		sample := body[:min(len(body), 4096)]
		if strings.HasPrefix(strings.TrimLeft(sample, "\n"), "= ") && strings.Contains(sample, "\n== ") {
			return markupAsciiDoc
		}
	}
	return markupNone
}

// asciidocToMarkdown rewrites AsciiDoc structure as Markdown: "="
// headings, "." and "*" lists (nested by repetition), "----"/"...."
// literal blocks as code fences; attribute entries, block attributes and
// block titles are dropped. Attributes that name the document
// (":revdate:", ":author:") are returned as metadata.
func asciidocToMarkdown(body string) (string, frontMatter) {
	lines := strings.Split(body, "\n")
	out := make([]string, 0, len(lines))
	fm := frontMatter{}
	fence := ""
	for _, line := range lines {
		t := strings.TrimRight(line, " \t")
		if fence != "" {
			if t == fence {
				out = append(out, "```")
				fence = ""
				continue
			}
			out = append(out, line)
			continue
		}
		switch {
		case t == "----" || t == "...." || t == "````":
			fence = t
			out = append(out, "```")
		case reAdocAttr.MatchString(t):
			k, v, _ := strings.Cut(strings.TrimPrefix(t, ":"), ":")
			switch k = strings.ToLower(strings.TrimSuffix(k, "!")); k {
			case "revdate", "date", "author", "authors", "organization", "description":
				if v = strings.TrimSpace(v); v != "" {
					fm[strings.TrimPrefix(k, "rev")] = v
				}
			}
		case reAdocBlock.MatchString(t) || reAdocTitle.MatchString(t) && !reAdocOrdered.MatchString(t):
			// block attributes and titles are not text
		case reAdocHeading.MatchString(t):
			m := reAdocHeading.FindStringSubmatch(t)
			out = append(out, strings.Repeat("#", len(m[1]))+" "+m[2])
		case reAdocOrdered.MatchString(t):
			m := reAdocOrdered.FindStringSubmatch(t)
			out = append(out, strings.Repeat("   ", len(m[1])-1)+"1. "+m[2])
		case reAdocBullet.MatchString(t):
			m := reAdocBullet.FindStringSubmatch(t)
			depth := len(m[1])
			if m[1] == "-" {
				depth = 1
			}
			out = append(out, strings.Repeat("  ", depth-1)+"- "+m[2])
		case t == "+":
			// a list continuation joins the next block to the item
		default:
			out = append(out, line)
		}
	}
	if fence != "" {
		out = append(out, "```")
	}
	if len(fm) == 0 {
		fm = nil
	}
	return strings.Join(out, "\n"), fm
}

// rstAdornment reports whether t is a reStructuredText section
// adornment: one punctuation character repeated, at least three times.
func rstAdornment(t string) (byte, bool) {
	if len(t) < 3 {
		return 0, false
	}
	c := t[0]
	if !strings.ContainsRune("=-~^\"'`#*+_:.", rune(c)) {
		return 0, false
	}
	for i := 1; i < len(t); i++ {
		if t[i] != c {
			return 0, false
		}
	}
	return c, true
}

// rstToMarkdown rewrites reStructuredText structure as Markdown: titles
// underlined (and optionally overlined) with punctuation become
// headings, levelled in the order their adornments first appear;
// directives and comments are dropped; "#." lists are numbered.
func rstToMarkdown(body string) string {
	lines := strings.Split(body, "\n")
	out := make([]string, 0, len(lines))
	levels := map[string]int{}
	for i := 0; i < len(lines); i++ {
		t := strings.TrimRight(lines[i], " \t")
		// overline, title, underline
		if c, ok := rstAdornment(t); ok && i+2 < len(lines) {
			title := strings.TrimSpace(lines[i+1])
			if u, ok := rstAdornment(strings.TrimRight(lines[i+2], " \t")); ok && u == c && title != "" {
				out = append(out, rstHeading(levels, "o"+string(c), title))
				i += 2
				continue
			}
		}
		if _, ok := rstAdornment(t); ok && len(out) > 0 {
			// a transition or stray adornment: not text
			continue
		}
		if i+1 < len(lines) && strings.TrimSpace(t) != "" && !strings.HasPrefix(t, " ") {
			if c, ok := rstAdornment(strings.TrimRight(lines[i+1], " \t")); ok && len(strings.TrimSpace(lines[i+1])) >= len([]rune(strings.TrimSpace(t)))-2 {
				out = append(out, rstHeading(levels, "u"+string(c), strings.TrimSpace(t)))
				i++
				continue
			}
		}
		if reRSTDirect.MatchString(t) {
			continue
		}
		if m := reRSTEnum.FindStringSubmatch(t); m != nil {
			out = append(out, m[1]+"1. "+m[2])
			continue
		}
		out = append(out, lines[i])
	}
	return strings.Join(out, "\n")
}

// reRSTSubst is a substitution reference, "|date|", with any brackets
// around it alone: a placeholder the renderer fills in, not title text.
var reRSTSubst = regexp.MustCompile(`[\[(]\|[^|\s][^|]*\|[\])]|\|[^|\s][^|]*\|`)

// rstHeading renders a title at the level of its adornment style.
func rstHeading(levels map[string]int, style, title string) string {
	if t := strings.TrimSpace(reRSTSubst.ReplaceAllString(title, "")); t != "" {
		title = strings.Join(strings.Fields(t), " ")
	}
	lv, ok := levels[style]
	if !ok {
		lv = min(len(levels)+1, 6)
		levels[style] = lv
	}
	return strings.Repeat("#", lv) + " " + title
}

// mdxPreamble splits the import and export statements that open an MDX
// document from its text; a title in an exported object ("export const
// meta = {title: '…'}") is returned as metadata.
func mdxPreamble(body string) (string, frontMatter) {
	lines := strings.Split(body, "\n")
	var fm frontMatter
	i := 0
	for i < len(lines) {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "":
			i++
		case reMDXImport.MatchString(t):
			i++
		case reMDXExport.MatchString(t):
			end := exportEnd(lines, i)
			stmt := strings.Join(lines[i:end], "\n")
			if m := reMDXTitle.FindStringSubmatch(stmt); m != nil && fm == nil {
				fm = frontMatter{"title": strings.TrimSpace(m[1] + m[2] + m[3])}
			}
			i = end
		default:
			return strings.Join(lines[i:], "\n"), fm
		}
	}
	return "", fm
}

// exportEnd returns the index of the line after the export statement
// that starts at line i: where its braces, brackets and parentheses
// balance, bounded to 200 lines.
func exportEnd(lines []string, i int) int {
	depth := 0
	for j := i; j < len(lines) && j < i+200; j++ {
		for _, c := range lines[j] {
			switch c {
			case '{', '[', '(':
				depth++
			case '}', ']', ')':
				depth--
			}
		}
		if depth <= 0 {
			return j + 1
		}
	}
	return min(len(lines), i+200)
}

// caretHeadings rewrites the lines of a Markdown document underlined
// with carets ("Title" over "^^^^^"), reStructuredText's usual
// subsection adornment that Markdown has no meaning for, as ATX headings
// one level below the deepest heading before the first of them. Other
// lines are kept as they are.
func caretHeadings(body string) string {
	if !strings.Contains(body, "\n^^^") {
		return body
	}
	lines := strings.Split(body, "\n")
	out := make([]string, 0, len(lines))
	deepest, level := 0, 0
	fence := false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimRight(lines[i], " \t\r")
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if fence {
			out = append(out, lines[i])
			continue
		}
		switch {
		case strings.HasPrefix(t, "#"):
			deepest = max(deepest, min(len(t)-len(strings.TrimLeft(t, "#")), 6))
		case i > 0 && strings.TrimSpace(lines[i-1]) != "" && (adornedWith(t, '=') || adornedWith(t, '-')):
			lv := 1
			if t[0] == '-' {
				lv = 2
			}
			deepest = max(deepest, lv)
		}
		title := strings.TrimSpace(t)
		if i+1 < len(lines) && title != "" && !strings.HasPrefix(t, " ") && adornedWith(strings.TrimRight(lines[i+1], " \t\r"), '^') {
			if level == 0 {
				level = min(deepest+1, 6)
			}
			out = append(out, strings.Repeat("#", level)+" "+title)
			i++
			continue
		}
		out = append(out, lines[i])
	}
	return strings.Join(out, "\n")
}

// adornedWith reports whether t is a section adornment (rstAdornment)
// of the character c.
func adornedWith(t string, c byte) bool {
	a, ok := rstAdornment(t)
	return ok && a == c
}
