package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	reTextATX      = regexp.MustCompile(`^(#{1,6})[ \t]+(.+?)[ \t#]*$`)
	reTextTrailing = regexp.MustCompile(`^(.{2,80}?)[ \t]+#$`) // "Root Cause #": a scraped anchor
	reTextBullet   = regexp.MustCompile(`^([ \t]*)(?:[-*•+▪◦‣]|\d{1,3}[.)])[ \t]+(.*)$`)
	reTextCheck    = regexp.MustCompile(`^\[([ xX✓])\][ \t]*(.*)$`)
	reTextKey      = regexp.MustCompile(`^([A-Z][A-Za-z0-9 /&'’()-]{1,48}?)[ \t]*:[ \t]*(.*)$`)
	reTextRule     = regexp.MustCompile(`^[ \t]*(?:[-=*_~]{3,}|[-=]{3,})[ \t]*$`)
	reURL          = regexp.MustCompile(`https?://[^\s<>"')\]]+`)
)

// textBlocks turns plain text into blocks: headings (Markdown `#` lines,
// "Root Cause #" lines, "Root Cause:" lines and short title-case lines
// followed by content), list items, `Key: value` lines and paragraphs.
// Lines broken mid-sentence by a scraper are re-joined first.
func textBlocks(body string) []block {
	lines := joinBrokenLines(strings.Split(body, "\n"))
	var out []block
	for i, raw := range lines {
		line, mdLinks := stripInlineMarkdown(strings.TrimRight(raw, " \t"))
		t := strings.TrimSpace(line)
		if t == "" || reTextRule.MatchString(t) {
			continue
		}
		if m := reTextATX.FindStringSubmatch(t); m != nil {
			out = append(out, block{kind: blockHeading, level: len(m[1]), text: normSpace(m[2]), checked: -1})
			continue
		}
		if m := reTextTrailing.FindStringSubmatch(t); m != nil && isHeadingLike(m[1]) {
			out = append(out, block{kind: blockHeading, level: 2, text: normSpace(m[1]), checked: -1})
			continue
		}
		if m := reTextBullet.FindStringSubmatch(line); m != nil {
			b := block{kind: blockItem, level: 1 + len(strings.ReplaceAll(m[1], "\t", "    "))/2, checked: -1}
			item := m[2]
			if c := reTextCheck.FindStringSubmatch(item); c != nil {
				b.checked = 0
				if c[1] != " " {
					b.checked = 1
				}
				item = c[2]
			}
			b.text = normSpace(item)
			b.links = mdLinks
			if strings.Contains(item, "http") {
				b.links = append(b.links, reURL.FindAllString(item, -1)...)
			}
			// "- Impact: …" bullets name a section like bold keys do
			if k, _, ok := strings.Cut(b.text, ":"); ok && len(k) < 40 && classifyHeading(k) != secOther {
				b.bold = k
			}
			out = append(out, b)
			continue
		}
		if m := reTextKey.FindStringSubmatch(t); m != nil && !strings.Contains(m[1], "  ") {
			key, val := m[1], strings.TrimSpace(m[2])
			if k := classifyHeading(key); k != secOther {
				out = append(out, block{kind: blockHeading, level: 2, text: key, checked: -1})
				if val != "" {
					out = append(out, block{kind: blockPara, text: normSpace(val), checked: -1, links: reURL.FindAllString(val, -1)})
				}
				continue
			}
			if val == "" && isHeadingLike(key) {
				out = append(out, block{kind: blockHeading, level: 3, text: key, checked: -1})
				continue
			}
		}
		if u := underline(lines, i); u > 0 && utf8.RuneCountInString(t) <= 100 {
			// "Root Cause" over "==========": setext / reStructuredText
			out = append(out, block{kind: blockHeading, level: u, text: normSpace(t), checked: -1})
			continue
		}
		if isHeadingLike(t) && followedByContent(lines, i) {
			level := 3
			if classifyHeading(t) != secOther {
				level = 2
			}
			out = append(out, block{kind: blockHeading, level: level, text: normSpace(t), checked: -1})
			continue
		}
		out = append(out, block{kind: blockPara, text: normSpace(t), checked: -1, links: append(mdLinks, reURL.FindAllString(t, -1)...)})
	}
	return out
}

var (
	reInlineLink = regexp.MustCompile(`!?\[([^\]\n]{1,300})\]\((https?://[^)\s]+|[^)\s]{1,300})\)`)
	reInlineBold = regexp.MustCompile(`\*\*([^*\n]{1,300})\*\*|__([^_\n]{1,300})__`)
	reInlineCode = regexp.MustCompile("`([^`\n]{1,300})`")
)

// stripInlineMarkdown turns Markdown inline syntax found inside plain
// text (scraped pages keep it) into plain text: links keep their text
// (the URLs are returned), bold and code marks go.
func stripInlineMarkdown(s string) (string, []string) {
	var links []string
	if strings.Contains(s, "](") {
		s = reInlineLink.ReplaceAllStringFunc(s, func(m string) string {
			sm := reInlineLink.FindStringSubmatch(m)
			if strings.HasPrefix(sm[2], "http") {
				links = append(links, sm[2])
			}
			if strings.HasPrefix(m, "!") {
				return ""
			}
			return sm[1]
		})
	}
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = reInlineBold.ReplaceAllString(s, "$1$2")
	}
	if strings.Count(s, "`") >= 2 {
		s = reInlineCode.ReplaceAllString(s, "$1")
	}
	return s, links
}

// isHeadingLike reports whether a line could be a heading: short, no
// sentence punctuation at its end, and either a known section name or
// mostly capitalised words.
func isHeadingLike(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || utf8.RuneCountInString(t) > 70 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(".,;!\"'", last) {
		return false
	}
	if classifyHeading(t) != secOther {
		return true
	}
	words := strings.Fields(t)
	if len(words) > 9 {
		return false
	}
	caps, counted := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		switch strings.ToLower(w) {
		case "a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "with", "or", "vs", "from":
			continue
		}
		counted++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return counted > 0 && caps*10 >= counted*8
}

// underline returns the heading level given by the line after i when it
// underlines it ("===" 1, "---" 2, "~~~" or "^^^" 3), else 0.
func underline(lines []string, i int) int {
	if i+1 >= len(lines) {
		return 0
	}
	u := strings.TrimSpace(lines[i+1])
	if len(u) < 3 || strings.Trim(u, u[:1]) != "" {
		return 0
	}
	switch u[0] {
	case '=':
		return 1
	case '-':
		return 2
	case '~', '^':
		return 3
	}
	return 0
}

// followedByContent reports whether the next non-empty line after i is
// longer prose, so a short line before it reads as its heading.
func followedByContent(lines []string, i int) bool {
	for j := i + 1; j < len(lines) && j < i+3; j++ {
		n := strings.TrimSpace(lines[j])
		if n == "" {
			continue
		}
		return len(n) >= 40 || reTextBullet.MatchString(n)
	}
	return false
}

var (
	reJustDate = regexp.MustCompile(`^(?:[A-Za-z]+,? )?\d{4}-\d{2}-\d{2}$|^[A-Z][a-z]+ \d{1,2},? \d{4}$`)
	reTimeLead = regexp.MustCompile(`^(?:\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2})`)
)

// joinBrokenLines re-joins lines that a scraper broke mid-sentence: a line
// that starts in lower case or with closing punctuation continues the one
// before it, as does the value after a bare "- Key:" bullet and the time
// after a bare date.
func joinBrokenLines(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if len(out) > 0 && t != "" {
			prev := strings.TrimSpace(out[len(out)-1])
			if prev != "" && continues(prev, t) {
				out[len(out)-1] = strings.TrimRight(out[len(out)-1], " \t") + joiner(prev, t) + t
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// endsSentence reports whether s ends with sentence punctuation,
// optionally followed by a closing quote or bracket.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"')]")
	return s != "" && strings.IndexByte(".!?:;", s[len(s)-1]) >= 0
}

func joiner(prev, next string) string {
	r, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune(").,;:!?", r) {
		return ""
	}
	return " "
}

func continues(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if reTextTrailing.MatchString(prev) || reTextATX.MatchString(prev) || classifyHeading(prev) != secOther {
		return false
	}
	if reTextBullet.MatchString(next) || reTextATX.MatchString(next) {
		return false
	}
	if strings.ContainsRune(").,;!?", r) {
		return true
	}
	if r == '(' && !endsSentence(prev) {
		return true
	}
	if unicode.IsLower(r) {
		// "- Key:" bullets and prose broken mid-sentence; not after a
		// finished sentence or a heading-like key line.
		if endsSentence(prev) && !strings.HasSuffix(prev, ":") {
			return false
		}
		if strings.HasSuffix(prev, ":") && !strings.HasPrefix(prev, "- ") {
			return false
		}
		return true
	}
	if strings.HasPrefix(prev, "- ") && strings.HasSuffix(prev, ":") && utf8.RuneCountInString(prev) < 40 && (unicode.IsDigit(r) || reTimeLead.MatchString(next)) {
		return true
	}
	if reJustDate.MatchString(prev) && unicode.IsDigit(r) {
		return false
	}
	// a long line cut before "5 December 2023 because…"
	if unicode.IsDigit(r) && len(prev) >= 50 && !endsSentence(prev) && !reTimeLead.MatchString(next) && !strings.HasPrefix(prev, "- ") {
		return true
	}
	return false
}
