package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

// blockKind is the kind of one block of a document, whatever its format.
type blockKind uint8

const (
	blockPara    blockKind = iota // a paragraph or a plain-text line group
	blockHeading                  // a heading; level 1..6
	blockItem                     // a list item; level is its nesting depth
	blockRow                      // a table row; cells holds its cells
	blockCode                     // preformatted text
)

// block is one unit of a document's structure. Every format (Markdown,
// plain text, HTML) is turned into a flat list of blocks so that section,
// time, timeline and action-item extraction is written once.
type block struct {
	kind  blockKind
	level int
	text  string
	// cells are the cells of a table row.
	cells []string
	// header marks a table header row.
	header bool
	// checked is -1 for a list item without a task box, else 0 or 1.
	checked int8
	// numbered marks an item of a numbered (ordered) list.
	numbered bool
	// struck marks a block whose text is all struck through (~~done~~).
	struck bool
	// inItem marks a code block written inside a list item (a log
	// quoted under a bullet).
	inItem bool
	// update marks the heading over the status updates kept in the
	// frontmatter, and their messages (updateBlocks).
	update bool
	// lines are the source lines of a Markdown paragraph written on
	// several lines (nil otherwise).
	lines []string
	// links are URLs of links inside the block, in order.
	links []string
	// bold is the text of a leading strong span ("**Impact**: …").
	bold string
	// emphasized marks a Markdown paragraph that is all one emphasis
	// span ("*Queue stalled*", "**Queue stalled**").
	emphasized bool
	// hk is the section kind a heading (or a bold key) names; set by
	// annotateHeadings.
	hk sectionKind
}

// annotateHeadings classifies every heading and bold key once.
func annotateHeadings(blocks []block) {
	headings := 0
	for i := range blocks {
		b := &blocks[i]
		switch {
		case b.kind == blockHeading:
			headings++
			b.hk = classifyHeading(b.text)
			if headings == 1 && b.level == 1 && b.hk != secOther && reportNameHeading(b.text) {
				// "RCA: Queue stalls on the ingest cluster" opening the
				// document names the report and its incident: a title,
				// not a root-cause section
				b.hk = secOther
			}
		case b.bold != "":
			key := strings.TrimRight(strings.TrimSpace(b.bold), ":")
			if _, meta := metaKeys[strings.ToLower(key)]; len(key) < 60 && !meta {
				b.hk = classifyHeading(key)
			}
		}
	}
}

// reReportName is a heading "<kind of report>: <the incident>" — "RCA:
// …", "Root cause analysis — …", "Retrospective: …", "Incident review: …".
var reReportName = regexp.MustCompile(`(?i)^[^\pL\pN]*(?:rca|root[- ]cause analysis|retrospective|retro|post[- ]?mortem|post[- ]incident (?:review|report)|(?:incident|outage)\s+(?:report|review|analysis))\s*[:–—-]\s*(\S.*)$`)

// reportNameHeading reports whether h names a report and, after it, an
// incident of two words or more.
func reportNameHeading(h string) bool {
	m := reReportName.FindStringSubmatch(strings.TrimSpace(h))
	return m != nil && len(strings.Fields(m[1])) >= 2 && strings.IndexFunc(m[1], unicode.IsLetter) >= 0
}

// document is a parsed document before field extraction.
type document struct {
	format string
	// tagged is the text extract handed to the root-cause tagger.
	tagged ClassifyInput
	blocks []block
	fm     frontMatter
	// title is a title given by the format itself (HTML <title>/<h1>),
	// used when no better one is found.
	title string
	// h1 is the first top-level heading of an HTML page, wherever it is.
	h1 string
	// site is a site name given by the format (og:site_name).
	site string
	// chrome holds the text of scraped site navigation that was cut.
	chrome []string
	// defaultZone is the time zone of a folder's hindsight.yaml, for
	// times the document leaves without one.
	defaultZone string
	// warnings are notes on what could not be read ("file:line: what").
	warnings []string
	// updates are the status updates kept in the frontmatter.
	updates []fmUpdate
}

// normSpace collapses runs of white space to single spaces and trims.
func normSpace(s string) string {
	if s == "" {
		return s
	}
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
		if sp && (c != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// blocksUnder marks the blocks under each heading whose normalised text
// match accepts, down to the next heading of its level or above (its
// sub-headings included); withHeading marks the heading too.
func blocksUnder(blocks []block, match func(string) bool, withHeading bool) []bool {
	out := make([]bool, len(blocks))
	level := 0 // the open heading's level, 0 when none
	for i, b := range blocks {
		if b.kind == blockHeading {
			if level > 0 && b.level > level {
				out[i] = true
				continue
			}
			level = 0
			if match(normHeadingLimited(b.text)) {
				level = max(b.level, 1)
				out[i] = withHeading
			}
			continue
		}
		out[i] = level > 0
	}
	return out
}
