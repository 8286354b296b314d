package corpus

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlDocument reads an HTML page into doc: the main content's headings,
// paragraphs, list items and table rows; navigation, headers, footers,
// search boxes, forms, scripts and styles are dropped. The page title
// and og:site_name are kept as fallbacks for the title and organization.
func htmlDocument(doc *document, body string) {
	root, err := html.Parse(strings.NewReader(body))
	if err != nil { // html.Parse only fails on reader errors
		doc.blocks = textBlocks(body)
		return
	}
	c := htmlConv{}
	c.meta(root, 0)
	main := findMain(root, 0)
	if main == nil {
		main = findContentDiv(root, 0)
	}
	// a "main" element holding a small part of the page's text (a badge,
	// a teaser) is not the content
	if main != nil && len(strings.TrimSpace(textOf(main, 0)))*4 < len(strings.TrimSpace(textOf(root, 0))) {
		main = nil
	}
	if main == nil {
		main = root
	}
	c.walk(main, 0, 0)
	c.flush()
	doc.blocks = c.out
	doc.title = c.title
	doc.h1 = firstH1(root, 0) // wikis put the page title outside the content
	doc.site = c.site
}

type htmlConv struct {
	out   []block
	cur   strings.Builder
	links []string
	title string
	site  string
}

// meta collects <title> and og:site_name.
func (c *htmlConv) meta(n *html.Node, depth int) {
	if depth > maxNesting*4 {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Title:
			if c.title == "" {
				c.title = normSpace(textOf(n, 0))
			}
		case atom.Meta:
			prop := strings.ToLower(attr(n, "property") + attr(n, "name"))
			if prop == "og:site_name" || prop == "application-name" {
				c.site = strings.TrimSpace(attr(n, "content"))
			}
		case atom.Body:
			// titles and metadata live in <head>; keep looking only for
			// og tags that some sites put in the body
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.meta(ch, depth+1)
	}
}

// htmlFragmentText returns the visible text of an HTML fragment
// embedded in Markdown, without tags, scripts, styles or embeds.
func htmlFragmentText(s string) string {
	if !strings.Contains(s, "<") {
		return normSpace(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	var sb strings.Builder
	for _, n := range nodes {
		sb.WriteString(textOf(n, 0))
		sb.WriteByte(' ')
	}
	return normSpace(sb.String())
}

// reHTMLStructure finds the tags whose structure a fragment's blocks
// keep: headings, list items, table rows, paragraphs.
var reHTMLStructure = regexp.MustCompile(`(?i)<(?:h[1-6]|li|tr|p|dt)\b`)

// htmlFragmentBlocks reads an HTML fragment embedded in Markdown as
// blocks — headings, paragraphs, list items (with their check boxes) and
// table rows — or as one paragraph of its visible text when it has no
// such structure.
func htmlFragmentBlocks(s string) []block {
	if !reHTMLStructure.MatchString(s) {
		if t := htmlFragmentText(s); t != "" {
			return []block{{kind: blockPara, text: t, checked: -1}}
		}
		return nil
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return nil
	}
	c := htmlConv{}
	for _, n := range nodes {
		c.walk(n, 0, 0)
	}
	c.flush()
	return c.out
}

// firstH1 returns the text of the page's first <h1> outside chrome.
func firstH1(n *html.Node, depth int) string {
	if depth > maxNesting*4 || n.Type == html.ElementNode && isChrome(n) {
		return ""
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
		return normSpace(textOf(n, 0))
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if t := firstH1(ch, depth+1); t != "" {
			return t
		}
	}
	return ""
}

// findMain returns the <main>, role=main or single <article> element.
func findMain(n *html.Node, depth int) *html.Node {
	if depth > maxNesting*4 {
		return nil
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Main || attr(n, "role") == "main" || n.DataAtom == atom.Article) {
		return n
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if m := findMain(ch, depth+1); m != nil {
			return m
		}
	}
	return nil
}

// contentNames are id/class words that wikis and blogs give the element
// holding the page's main text.
var contentNames = map[string]bool{"main-content": true, "wiki-content": true, "post-content": true,
	"entry-content": true, "article-content": true, "markdown-body": true, "post-body": true,
	"page-content": true, "article-body": true, "content-body": true, "postmortem": true, "incident": true}

// findContentDiv returns the first element whose id or class names the
// main content, when the page has no <main> or <article>.
func findContentDiv(n *html.Node, depth int) *html.Node {
	if depth > maxNesting*4 {
		return nil
	}
	if n.Type == html.ElementNode && !isChrome(n) {
		for _, w := range strings.Fields(strings.ToLower(attr(n, "id") + " " + attr(n, "class"))) {
			if contentNames[w] {
				return n
			}
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if m := findContentDiv(ch, depth+1); m != nil {
			return m
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// classSeparators split class and id names into words.
var classSeparators = strings.NewReplacer("-", " ", "_", " ")

// isChrome reports whether an element is page furniture, not content.
// nodeText is the text of a text node. The text of a <title> is not
// parsed as HTML, so markup written inside one ("<title><script>…")
// arrives as text; it is read as an HTML fragment, which keeps the words
// and drops the tags and scripts.
func nodeText(n *html.Node) string {
	if n.Parent != nil && n.Parent.DataAtom == atom.Title && strings.Contains(n.Data, "<") {
		return htmlFragmentText(n.Data)
	}
	return n.Data
}

func isChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Nav, atom.Header, atom.Footer, atom.Aside,
		atom.Form, atom.Iframe, atom.Svg, atom.Button, atom.Template, atom.Select, atom.Input,
		atom.Head, atom.Object, atom.Embed, atom.Canvas, atom.Textarea, atom.Label, atom.Dialog, atom.Menu:
		return true
	}
	if n.Type == html.ElementNode && n.DataAtom == 0 && (n.Data == "search" || strings.HasPrefix(n.Data, "svg")) {
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "dialog":
		return true
	}
	if strings.EqualFold(attr(n, "aria-hidden"), "true") || attr(n, "hidden") != "" {
		return true
	}
	cls := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range strings.Fields(classSeparators.Replace(cls)) {
		switch w {
		case "nav", "navbar", "navigation", "menu", "footer", "sidebar", "breadcrumb", "breadcrumbs",
			"cookie", "cookies", "search", "searchbox", "skip", "masthead", "banner", "subscribe", "share", "social", "toc",
			"comments", "related", "newsletter", "promo", "advert", "ads", "sponsor", "popup", "modal":
			return true
		}
	}
	return false
}

// flush closes the paragraph being collected. A line of it (between
// <br>s, or the whole paragraph) that only names a section
// ("<strong>Timeline</strong><br>", "<p><b>Action items:</b></p>") is a
// heading: pages exported from editors and blogs mark their sections so.
func (c *htmlConv) flush() {
	raw := c.cur.String()
	c.cur.Reset()
	links := c.links
	c.links = nil
	if !strings.Contains(raw, "\n") {
		c.addPara(normSpace(raw), links)
		return
	}
	var pieces []block
	var para []string
	end := func() {
		if t := normSpace(strings.Join(para, " ")); t != "" {
			pieces = append(pieces, block{kind: blockPara, text: t, checked: -1})
		}
		para = para[:0]
	}
	lines := strings.Split(raw, "\n")
	timed := make([]bool, len(lines))
	stamps := 0
	for i, line := range lines {
		if _, _, _, ok := leadStamp(normSpace(line)); ok {
			timed[i] = true
			stamps++
		}
	}
	split := stamps >= 2 // time-stamped lines are entries of their own
	for i, line := range lines {
		t := normSpace(line)
		switch {
		case isSectionLine(t):
			end()
			pieces = append(pieces, block{kind: blockHeading, level: 2, text: strings.TrimSuffix(t, ":"), checked: -1})
			split = true
			continue
		case timed[i] && stamps >= 2:
			end()
		}
		para = append(para, line)
	}
	end()
	if !split {
		c.addPara(normSpace(raw), links)
		return
	}
	for _, b := range pieces {
		if b.kind == blockPara {
			b.links = linksIn(b.text, links)
		}
		c.out = append(c.out, b)
	}
}

// addPara adds a paragraph, or a heading if it only names a section.
func (c *htmlConv) addPara(t string, links []string) {
	switch {
	case t == "":
	case isSectionLine(t):
		c.out = append(c.out, block{kind: blockHeading, level: 2, text: strings.TrimSuffix(t, ":"), checked: -1})
	default:
		c.out = append(c.out, block{kind: blockPara, text: t, checked: -1, links: links})
	}
}

// statusUpdateLabels label the updates of a status-page incident; they
// are no sections of a postmortem.
var statusUpdateLabels = map[string]bool{"resolved": true, "identified": true, "investigating": true,
	"monitoring": true, "update": true, "updated": true, "mitigated": true, "recovering": true}

// isSectionLine reports whether a line of a paragraph only names a
// section of a postmortem.
func isSectionLine(t string) bool {
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	if statusUpdateLabels[strings.ToLower(t)] {
		return false // a status page's update label, over one update
	}
	return t != "" && len(t) < 60 && !endsSentence(t) && isHeadingLike(t) && classifyHeading(t) != secOther
}

// walk converts the node n and what is under it into blocks.
func (c *htmlConv) walk(n *html.Node, depth, listDepth int) {
	if depth > maxNesting*4 {
		return
	}
	switch n.Type {
	case html.TextNode:
		c.cur.WriteString(nodeText(n))
	case html.DocumentNode:
		c.walkChildren(n, depth, listDepth)
	case html.ElementNode:
		if !isChrome(n) {
			c.element(n, depth, listDepth)
		}
	}
}

// walkChildren walks the children of n.
func (c *htmlConv) walkChildren(n *html.Node, depth, listDepth int) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch, depth+1, listDepth)
	}
}

// element converts one content element: headings, list items, lists,
// table rows and preformatted text are blocks of their own; other
// elements add their text to the paragraph, block-level ones closing it
// before and after.
func (c *htmlConv) element(n *html.Node, depth, listDepth int) {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.heading(n)
		return
	case atom.Li:
		c.listItem(n, depth, listDepth)
		return
	case atom.Ul, atom.Ol:
		c.flush()
		c.walkChildren(n, depth, listDepth+1)
		c.flush()
		return
	case atom.Tr:
		c.tableRow(n)
		return
	case atom.Pre:
		c.pre(n)
		return
	case atom.Br:
		c.cur.WriteByte('\n')
		return
	case atom.A:
		if h := attr(n, "href"); strings.HasPrefix(h, "http") {
			c.links = append(c.links, h)
		}
	case atom.Img:
		return
	}
	blockLevel := isBlockElement(n.DataAtom)
	if blockLevel {
		c.flush()
	}
	c.walkChildren(n, depth, listDepth)
	if blockLevel {
		c.flush()
	}
}

// heading adds an <h1>…<h6> as a heading block.
func (c *htmlConv) heading(n *html.Node) {
	c.flush()
	if t := normSpace(textOf(n, 0)); t != "" {
		level := int(n.Data[1] - '0')
		c.out = append(c.out, block{kind: blockHeading, level: level, text: t, checked: -1})
	}
}

// listItem adds an <li> as an item block, then walks the lists nested
// in it.
func (c *htmlConv) listItem(n *html.Node, depth, listDepth int) {
	c.flush()
	b := block{kind: blockItem, level: max(1, min(listDepth, maxNesting)), checked: itemTaskState(n)}
	nested := itemContent(n, &b)
	if b.text != "" {
		c.out = append(c.out, b)
	}
	for _, l := range nested {
		c.walk(l, depth+1, listDepth)
	}
}

// itemTaskState is what an <li>'s classes say of it as a task: -1 no
// task, 0 open, 1 done (wiki task lists mark items with classes, not
// check boxes).
func itemTaskState(n *html.Node) int8 {
	checked := int8(-1)
	if _, task := attrOK(n, "data-inline-task-id"); task || hasClassWord(n, "task-list-item") {
		checked = 0
	}
	if hasClassWord(n, "checked") || hasClassWord(n, "complete") || hasClassWord(n, "done") {
		checked = 1
	}
	return checked
}

// itemContent fills b's text, links, bold lead and check box from the
// children of the <li> n, and returns the lists nested in it.
func itemContent(n *html.Node, b *block) []*html.Node {
	var sb strings.Builder
	var nested []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && (ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol) {
			nested = append(nested, ch)
			continue
		}
		if isCheckbox(ch) {
			b.checked = 0
			if _, ok := attrOK(ch, "checked"); ok {
				b.checked = 1
			}
			continue
		}
		if ch.Type == html.ElementNode && (ch.DataAtom == atom.Strong || ch.DataAtom == atom.B) && strings.TrimSpace(sb.String()) == "" {
			b.bold = normSpace(textOf(ch, 0))
		}
		collectLinks(ch, &b.links, 0)
		sb.WriteString(textOf(ch, 0))
		sb.WriteByte(' ')
	}
	b.text = normSpace(sb.String())
	return nested
}

// isCheckbox reports whether n is an <input type="checkbox">.
func isCheckbox(n *html.Node) bool {
	return n.Type == html.ElementNode && n.DataAtom == atom.Input && strings.EqualFold(attr(n, "type"), "checkbox")
}

// tableRow adds a <tr> as a row block: a header row when all its cells
// are <th>.
func (c *htmlConv) tableRow(n *html.Node) {
	c.flush()
	b := block{kind: blockRow, checked: -1}
	header := true
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && (ch.DataAtom == atom.Td || ch.DataAtom == atom.Th) {
			if ch.DataAtom == atom.Td {
				header = false
			}
			b.cells = append(b.cells, normSpace(textOf(ch, 0)))
			collectLinks(ch, &b.links, 0)
		}
	}
	b.header = header && len(b.cells) > 0
	b.text = strings.Join(b.cells, " | ")
	if strings.TrimSpace(strings.ReplaceAll(b.text, "|", "")) != "" {
		c.out = append(c.out, b)
	}
}

// pre adds a <pre> as a code block.
func (c *htmlConv) pre(n *html.Node) {
	c.flush()
	if t := strings.TrimSpace(textOf(n, 0)); t != "" {
		c.out = append(c.out, block{kind: blockCode, text: t, checked: -1})
	}
}

// hasClassWord reports whether n's class attribute holds word.
func hasClassWord(n *html.Node, word string) bool {
	for _, w := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if w == word {
			return true
		}
	}
	return false
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func isBlockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Blockquote, atom.Table,
		atom.Tbody, atom.Thead, atom.Dl, atom.Dt, atom.Dd, atom.Figure, atom.Figcaption, atom.Details,
		atom.Summary, atom.Hr, atom.Body, atom.Html, atom.Address, atom.Center:
		return true
	}
	return false
}

// textOf returns the visible text under n, skipping chrome and scripts.
func textOf(n *html.Node, depth int) string {
	var sb strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxNesting*4 {
			return
		}
		if n.Type == html.TextNode {
			sb.WriteString(nodeText(n))
			return
		}
		if n.Type == html.ElementNode && (isChrome(n) || n.DataAtom == atom.Img) {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			sb.WriteByte(' ')
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, depth+1)
		}
		if n.Type == html.ElementNode && isBlockElement(n.DataAtom) {
			sb.WriteByte(' ')
		}
	}
	walk(n, depth)
	return sb.String()
}

func collectLinks(n *html.Node, out *[]string, depth int) {
	if depth > maxNesting*4 {
		return
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		if h := attr(n, "href"); strings.HasPrefix(h, "http") {
			*out = append(*out, h)
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		collectLinks(ch, out, depth+1)
	}
}
