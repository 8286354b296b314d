package corpus

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// emphasisMarks strips Markdown emphasis and code marks from raw lines.
var emphasisMarks = strings.NewReplacer("**", "", "__", "", "`", "")

// maxNesting bounds how deep nested lists and quotes are followed; deeper
// content is still read, flattened to that depth.
const maxNesting = 64

// newMarkdown returns the goldmark parser used for Markdown documents:
// CommonMark plus GFM tables, task lists and strikethrough.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList, extension.Strikethrough))
}

// markdownBlocks parses src as Markdown and flattens its AST to blocks.
// Raw HTML is never copied into text.
func markdownBlocks(md goldmark.Markdown, src []byte) []block {
	src = spaceATXHeadings(flattenDeepNesting(src))
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	c := mdConv{src: src}
	c.container(root, 0, 0)
	return c.out
}

type mdConv struct {
	src []byte
	out []block
}

func (c *mdConv) container(n ast.Node, depth, listDepth int) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.node(ch, depth, listDepth)
	}
}

func (c *mdConv) node(n ast.Node, depth, listDepth int) {
	if depth > maxNesting {
		depth = maxNesting
	}
	switch n := n.(type) {
	case *ast.Heading:
		b := c.inline(n)
		b.kind, b.level = blockHeading, n.Level
		if b.text != "" {
			c.out = append(c.out, b)
		}
	case *ast.Paragraph, *ast.TextBlock:
		if c.keyLinePara(n) {
			return
		}
		b := c.inline(n)
		if b.text != "" {
			b.lines = c.sourceLines(n)
			c.out = append(c.out, b)
		}
	case *ast.List:
		if detailsOfNumberedItem(n) {
			listDepth++ // bullets written flush under a numbered item
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			c.item(it, depth+1, listDepth+1)
		}
	case *ast.Blockquote:
		c.container(n, depth+1, listDepth)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var sb strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			sb.Write(seg.Value(c.src))
		}
		if t := strings.TrimRight(sb.String(), "\n "); strings.TrimSpace(t) != "" {
			c.out = append(c.out, block{kind: blockCode, text: t, checked: -1, inItem: listDepth > 0})
		}
	case *extast.Table:
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			b := block{kind: blockRow, checked: -1}
			_, b.header = r.(*extast.TableHeader)
			for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cb := c.inline(cell)
				b.cells = append(b.cells, cb.text)
				b.links = append(b.links, cb.links...)
			}
			b.text = strings.Join(b.cells, " | ")
			c.out = append(c.out, b)
		}
	case *ast.HTMLBlock:
		// raw HTML is never copied; its visible text (not scripts, styles
		// or embeds) is kept, as blocks when it has headings, lists,
		// rows or paragraphs
		var sb strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			sb.Write(seg.Value(c.src))
		}
		if n.HasClosure() {
			sb.Write(n.ClosureLine.Value(c.src))
		}
		c.out = append(c.out, htmlFragmentBlocks(sb.String())...)
	case *ast.ThematicBreak:
		// carries no text
	default:
		if n.Type() == ast.TypeBlock {
			c.container(n, depth+1, listDepth)
		}
	}
}

// detailsOfNumberedItem reports whether a bullet list is the details of
// the numbered item just before it, written without indenting them: it
// follows a numbered list, and the numbering resumes after it (the next
// numbered list continues the count) or had already resumed before it
// ("1. Fix", bullets, "2. Test", bullets). The bullets then belong
// under that item rather than beside it.
func detailsOfNumberedItem(l *ast.List) bool {
	if l.IsOrdered() {
		return false
	}
	prev, ok := l.PreviousSibling().(*ast.List)
	if !ok || !prev.IsOrdered() {
		return false
	}
	if prev.Start > 1 {
		return true
	}
	next, ok := l.NextSibling().(*ast.List)
	return ok && next.IsOrdered() && next.Start == prev.Start+prev.ChildCount()
}

// maxSourceLines bounds the lines kept of one paragraph.
const maxSourceLines = 64

// sourceLines returns the lines of a paragraph written on several
// lines, without emphasis marks, for readers that take a plain line list
// (one action per line) apart; nil for a one-line paragraph.
func (c *mdConv) sourceLines(n ast.Node) []string {
	lines := n.Lines()
	if lines.Len() < 2 || lines.Len() > maxSourceLines {
		return nil
	}
	out := make([]string, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		t, _ := stripInlineMarkdown(string(seg.Value(c.src)))
		if t = normSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// reDraftNote is a writer's note to self left in a draft ("TODO: ask
// for …", "FIXME - check the figures"): a line of text, never the
// heading of a section.
var reDraftNote = regexp.MustCompile(`^(?:TODO|FIXME|XXX|TBD|NOTE TO SELF)\b\s*[:-]?\s*\S`)

// keyLinePara splits a paragraph whose lines are each a record of their
// own — "Key: value" lines ("Date: …", "Severity: …") or time-stamped
// log lines ("16:30  Circuit down") written without blank lines between —
// into one block per line, as a plain-text reader would see them;
// Markdown would join them into one paragraph. Indented continuation
// lines stay with the line they continue. A lone short line naming a
// section ("TIMELINE (BST)") becomes a heading.
func (c *mdConv) keyLinePara(n ast.Node) bool {
	lines := n.Lines()
	if lines.Len() == 1 {
		seg := lines.At(0)
		t := normSpace(string(seg.Value(c.src)))
		if len(t) < 60 && !endsSentence(t) && !strings.ContainsAny(t, "*_`[") && !reDraftNote.MatchString(t) && classifyHeading(t) != secOther && isHeadingLike(t) {
			c.out = append(c.out, block{kind: blockHeading, level: 2, text: t, checked: -1})
			return true
		}
		return false
	}
	var out []string
	structured := 0
	for _, t := range brokenLines(lines, c.src) {
		_, _, key := splitKeyLine(t)
		st, raw, _, timed := leadStamp(t)
		if timed && len(out) > 0 && wrappedProse(out[len(out)-1]) && dottedNumber(st, raw) {
			// "… from version\n1.11 to 1.13.": hard-wrapped prose
			// whose next line opens with a decimal, not a log line
			timed = false
		}
		switch {
		case key || timed:
			structured++
			out = append(out, t)
		case len(out) == 0:
			return false // prose that merely mentions a time later on
		default:
			out[len(out)-1] += " " + t // a continuation line
		}
	}
	if structured < 2 {
		return false
	}
	for _, t := range out {
		c.out = append(c.out, block{kind: blockPara, text: t, checked: -1})
	}
	return true
}

// reLineBreakTag is an HTML line break written inside a Markdown line
// ("Owner: ops<br> Severity: high").
var reLineBreakTag = regexp.MustCompile(`(?i)<br\s*/?>`)

// brokenLines returns the source lines of a paragraph, emphasis marks
// stripped, each cut again at its HTML line breaks: a writer who ends
// every field with "<br>" and lets the editor wrap the text puts the
// next field mid-line ("…wrapped text<br> Severity: high").
func brokenLines(lines *text.Segments, src []byte) []string {
	var out []string
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw := string(seg.Value(src))
		for _, part := range reLineBreakTag.Split(raw, -1) {
			if t := normSpace(emphasisMarks.Replace(part)); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// wrappedProse reports whether a line reads as hard-wrapped prose
// cut mid-sentence: long, and without a sentence's end.
func wrappedProse(line string) bool {
	return len(line) >= 70 && !endsSentence(line)
}

// dottedNumber reports whether a stamp read as a clock is a bare
// dotted number ("1.11"), with no am/pm or zone to make it a time.
func dottedNumber(st stamp, raw string) bool {
	raw = strings.TrimSpace(raw)
	return st.hasTime && !st.hasDate && st.zone == nil && st.zoneWord == "" && !strings.Contains(raw, ":") && !reAMPM.MatchString(raw)
}

// item turns one list item into an item block (its own paragraphs) and
// then the blocks of anything nested in it.
func (c *mdConv) item(it ast.Node, depth, listDepth int) {
	if depth > maxNesting {
		depth = maxNesting
	}
	b := block{kind: blockItem, level: min(listDepth, maxNesting), checked: -1}
	if l, ok := it.Parent().(*ast.List); ok {
		b.numbered = l.IsOrdered()
	}
	var rest []ast.Node
	var parts []string
	for ch := it.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if len(rest) == 0 {
				ib := c.inline(ch)
				if len(parts) == 0 {
					b.checked, b.bold, b.struck = ib.checked, ib.bold, ib.struck
				}
				parts = append(parts, ib.text)
				b.links = append(b.links, ib.links...)
				continue
			}
		case *ast.CodeBlock:
			// "1.        Rotate the keys": a marker padded past four
			// spaces opens an indented code block in CommonMark, but
			// the writer aligned a list item's text
			if len(rest) == 0 && len(parts) == 0 {
				if t := indentedItemText(ch, c.src); t != "" {
					parts = append(parts, t)
					continue
				}
			}
		}
		rest = append(rest, ch)
	}
	b.text = strings.Join(parts, " ")
	if b.text != "" || b.checked >= 0 {
		c.out = append(c.out, b)
	}
	for _, n := range rest {
		c.node(n, depth, listDepth)
	}
}

// indentedItemText returns the lines of an indented code block that
// opens a list item as one line of text, or "" when they do not read as
// prose (code has brackets, operators or more than a few lines).
func indentedItemText(n ast.Node, src []byte) string {
	lines := n.Lines()
	if lines.Len() == 0 || lines.Len() > 4 {
		return ""
	}
	var parts []string
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		parts = append(parts, strings.TrimSpace(string(seg.Value(src))))
	}
	t := strings.Join(parts, " ")
	if strings.ContainsAny(t, "{}=<>$`|\\") || strings.Count(t, " ") < 2 {
		return ""
	}
	return t
}

// inline renders the inline content of n as plain text, noting links, a
// task check box and a leading bold span.
func (c *mdConv) inline(n ast.Node) block {
	b := block{kind: blockPara, checked: -1}
	var sb strings.Builder
	first := true
	// skipTo is the tag ("script", "style") whose inline raw HTML opened
	// and is not yet closed: its content is code, not prose.
	skipTo := ""
	emphEnd := -1 // where an emphasis span opening the text ends
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if raw, ok := ch.(*ast.RawHTML); ok {
				skipTo = rawHTMLSkip(raw, c.src, skipTo)
				if skipTo == "" && breaksText(raw, c.src) {
					sb.WriteByte(' ') // "resolved.<br />Thanks": two sentences
				}
				continue
			}
			if skipTo != "" {
				continue
			}
			switch x := ch.(type) {
			case *ast.Text:
				sb.Write(x.Segment.Value(c.src))
				if x.SoftLineBreak() || x.HardLineBreak() {
					sb.WriteByte(' ')
				}
			case *ast.String:
				sb.Write(x.Value)
			case *ast.AutoLink:
				u := string(x.URL(c.src))
				b.links = append(b.links, u)
				sb.WriteString(u)
			case *ast.Link:
				b.links = append(b.links, string(x.Destination))
				walk(x, depth+1)
			case *ast.Image:
				// alt text is not prose
			case *extast.TaskCheckBox:
				if x.IsChecked {
					b.checked = 1
				} else {
					b.checked = 0
				}
				continue
			case *extast.Strikethrough:
				start := sb.Len()
				walk(x, depth+1)
				if strings.TrimSpace(sb.String()[:start]) == "" {
					b.struck = true // struck from the start: done
				}
			case *ast.Emphasis:
				start := sb.Len()
				wasFirst := first
				walk(x, depth+1)
				if wasFirst && strings.TrimSpace(sb.String()[:start]) == "" {
					emphEnd = sb.Len()
					if x.Level == 2 {
						b.bold = strings.TrimSpace(sb.String()[start:])
					}
				}
			default:
				if depth < maxNesting {
					walk(ch, depth+1)
				}
			}
			first = false
		}
	}
	walk(n, 0)
	b.text = normSpace(sb.String())
	b.emphasized = emphEnd > 0 && strings.TrimSpace(sb.String()[emphEnd:]) == ""
	return b
}

// rawHTMLSkip returns the tag whose content the inline walk skips after
// the raw HTML tag raw: an opening <script> or <style> starts skipping
// (unless closed in the same tag run), its closing tag ends it.
func rawHTMLSkip(raw *ast.RawHTML, src []byte, skipTo string) string {
	var sb strings.Builder
	for i := 0; i < raw.Segments.Len(); i++ {
		seg := raw.Segments.At(i)
		sb.Write(seg.Value(src))
	}
	tag := strings.ToLower(sb.String())
	if skipTo != "" {
		if strings.HasPrefix(tag, "</"+skipTo) {
			return ""
		}
		return skipTo
	}
	for _, name := range []string{"script", "style"} {
		if strings.HasPrefix(tag, "<"+name) && (len(tag) == len(name)+1 || !isTagNameByte(tag[len(name)+1])) &&
			!strings.HasSuffix(strings.TrimSpace(tag), "/>") {
			return name
		}
	}
	return ""
}

// reBreakTag is an inline HTML tag that breaks the text where it
// stands: a line break, a paragraph, block or cell boundary.
var reBreakTag = regexp.MustCompile(`(?i)^</?(?:br|p|div|li|hr|tr|td|th|h[1-6]|blockquote)\b`)

// breaksText reports whether inline raw HTML is a tag that breaks the
// text ("<br />", "</p>"), so the words on either side do not run
// together.
func breaksText(raw *ast.RawHTML, src []byte) bool {
	if raw.Segments.Len() == 0 {
		return false
	}
	seg := raw.Segments.At(0)
	return reBreakTag.Match(seg.Value(src))
}

func isTagNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-'
}

// maxLinePrefix bounds the container prefix (quote markers, list
// markers, indentation) of one Markdown line. goldmark's work grows with
// the nesting depth of every line, so pathological documents nested
// thousands deep would take minutes; deeper content is flattened.
const maxLinePrefix = 96

// flattenDeepNesting trims over-long container prefixes from lines.
func flattenDeepNesting(src []byte) []byte {
	var out []byte
	start := 0
	for start < len(src) {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[start:end]
		n := 0
		for n < len(line) {
			c := line[n]
			if c == '>' || c == ' ' || c == '\t' || (c == '-' || c == '*' || c == '+') && n+1 < len(line) && (line[n+1] == ' ' || line[n+1] == '\t') {
				n++
				continue
			}
			break
		}
		if n > maxLinePrefix {
			if out == nil {
				out = make([]byte, 0, len(src))
				out = append(out, src[:start]...)
			}
			out = append(out, line[:maxLinePrefix]...)
			out = append(out, line[n:]...)
		} else if out != nil {
			out = append(out, line...)
		}
		if end < len(src) && out != nil {
			out = append(out, '\n')
		}
		start = end + 1
	}
	if out == nil {
		return src
	}
	return out
}
