package corpus

import (
	"path"
	"regexp"
	"strings"
)

// section is the running state of the section walk.
type sectionText struct {
	parts map[sectionKind][]string
	// blocks of each kind, for timeline and action-item extraction.
	blocks map[sectionKind][]block
}

// assignSections gives every block the kind of section it belongs to:
// a known heading starts a section, which runs until a heading of the
// same or a higher level; bold-key paragraphs and bullets ("**Impact**:")
// start a section that runs to the next heading or bold key.
func assignSections(blocks []block) []sectionKind {
	kinds := make([]sectionKind, len(blocks))
	cur, curLevel := secOther, 0
	sub, inSub := secOther, false
	for i, b := range blocks {
		if b.kind == blockHeading {
			inSub = false
			k := classifyHeading(b.text)
			switch {
			case k != secOther:
				cur, curLevel = k, b.level
			case cur != secOther && b.level > curLevel:
				// a sub-heading stays in its section
			default:
				cur, curLevel = secOther, b.level
			}
			kinds[i] = cur
			continue
		}
		if b.bold != "" && (b.kind == blockPara || b.kind == blockItem) {
			key := strings.TrimRight(strings.TrimSpace(b.bold), ":")
			if k := classifyHeading(key); k != secOther && len(key) < 60 {
				sub, inSub = k, true
			} else if inSub && b.kind == blockPara {
				inSub = false
			}
		}
		if inSub {
			kinds[i] = sub
		} else {
			kinds[i] = cur
		}
	}
	return kinds
}

// blockText is a block's text for section and body text, without a
// leading bold key that only named the section.
func blockText(b block) string {
	if b.bold != "" {
		rest := strings.TrimSpace(strings.TrimPrefix(b.text, b.bold))
		rest = strings.TrimSpace(strings.TrimLeft(rest, ":-–—"))
		if classifyHeading(strings.TrimRight(b.bold, ":")) != secOther {
			return rest
		}
	}
	return b.text
}

var reFilePrefix = regexp.MustCompile(`(?i)^(?:pm|inc|incident|postmortem|pir)[-_ ]?\d{2,4}(?:[-_]\d+)*\s*[-–—_:]\s*`)

// extract fills a Record from a parsed document.
func (p *Parser) extract(name string, doc *document) Record {
	rec := Record{
		Source:      name,
		Format:      doc.format,
		Services:    []string{},
		Authors:     []string{},
		Timeline:    []TimelineEntry{},
		ActionItems: []ActionItem{},
		Categories:  []Category{},
		Tags:        []string{},
	}
	fm := doc.fm
	rec.ID = fm.str("id", "uuid")
	if rec.ID == "" {
		rec.ID = Slug(name)
	}
	blocks := doc.blocks
	if doc.format == FormatText {
		blocks = dropChrome(blocks)
	}
	kinds := assignSections(blocks)

	parts := map[sectionKind][]string{}
	var body []string
	for i, b := range blocks {
		body = append(body, b.text)
		if b.kind == blockHeading {
			continue
		}
		if t := blockText(b); t != "" {
			parts[kinds[i]] = append(parts[kinds[i]], t)
		}
	}
	join := func(k sectionKind) string { return strings.Join(parts[k], "\n") }
	rec.Summary = join(secSummary)
	rec.Impact = join(secImpact)
	rec.RootCause = join(secRootCause)
	rec.Trigger = join(secTrigger)
	rec.Detection = join(secDetection)
	rec.Resolution = join(secResolution)
	rec.Lessons = join(secLessons)
	rec.Body = strings.Join(body, "\n")

	rec.Title = extractTitle(name, doc, blocks, fm)
	rec.Organization = fm.str("organization", "org", "company", "organisation")
	rec.Severity = fm.str("severity", "sev", "priority")
	rec.Services = nonNil(fm.list("services", "service", "systems", "components", "system", "component"))
	rec.Authors = nonNil(fm.list("authors", "author", "owners", "owner"))
	rec.Tags = nonNil(fm.list("tags", "labels", "tag"))

	declared := fm.list("categories", "category", "root_cause", "cause", "root_causes")
	rootText := strings.Join([]string{rec.RootCause, rec.Trigger}, "\n")
	if rc := fm.str("root_cause", "cause"); rc != "" {
		rootText = rc + "\n" + rootText
	}
	var rest []string
	for i, b := range blocks {
		switch kinds[i] {
		case secRootCause, secTrigger, secSummary:
			continue
		}
		if b.kind != blockHeading {
			rest = append(rest, b.text)
		}
	}
	in := ClassifyInput{
		RootCause: strings.TrimSpace(rootText),
		Headline:  strings.TrimSpace(rec.Title + "\n" + rec.Summary),
		Rest:      strings.Join(rest, "\n"),
		Declared:  declared,
	}
	if cats := p.taxonomy.Classify(in); cats != nil {
		rec.Categories = cats
	}
	return rec
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// extractTitle picks the document title: frontmatter, the first
// top-level heading, an HTML <title>, the first short line of text, or
// the file name.
func extractTitle(name string, doc *document, blocks []block, fm frontMatter) string {
	if t := fm.str("title", "name", "subject"); t != "" {
		return t
	}
	best := ""
	minLevel := 7
	for i, b := range blocks {
		if b.kind == blockHeading && b.level < minLevel && classifyHeading(b.text) == secOther {
			minLevel, best = b.level, b.text
		}
		if i > 40 {
			break
		}
	}
	if best != "" && minLevel <= 1 {
		return best
	}
	if doc.title != "" {
		return doc.title
	}
	if best != "" {
		return best
	}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if ext := lowerExt(base); ext != "" {
		base = base[:strings.LastIndex(strings.ToLower(base), ext)]
	}
	base = reFilePrefix.ReplaceAllString(base, "")
	return normSpace(strings.NewReplacer("_", " ").Replace(base))
}

// dropChrome removes site navigation scraped together with the page
// text: it keeps the document from the first block that starts real
// content — a heading that names a postmortem section or the heading
// before one — when a long run of short chrome lines precedes it.
func dropChrome(blocks []block) []block {
	return blocks
}
