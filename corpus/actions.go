package corpus

import (
	"regexp"
	"strings"
)

const maxActions = 1000

var (
	reIssueLink = regexp.MustCompile(`(?i)/(?:issues|pull|pulls|merge_requests|browse|tickets?)/[\w-]+|jira|linear\.app|/-/issues/`)
	reDoneWord  = regexp.MustCompile(`(?i)^(?:(?:done|complete|completed|closed|fixed|resolved|finished|merged|shipped|implemented|yes|x)\b|✅|✔|☑)`)
	reDoneMark  = regexp.MustCompile(`(?i)\((?:done|completed|fixed|closed)\)|✅|✔|\[done\]|^done:`)
	reSignOff   = regexp.MustCompile(`(?i)^(?:thanks|thank you|sorry|we apologi[sz]e|regards|best|cheers|questions\?|if you have)`)
	reNextSteps = regexp.MustCompile(`(?i)next steps|follow[- ]?ups?|action|todo|to do|improvement`)
)

// extractActions reads action items: list items under action-item
// sections (and under "… & Next Steps" headings of other kinds), the
// rows of a table there, or, when a section has no list, its short
// paragraphs. [x] marks an item done; a trailing issue link is its link.
func extractActions(blocks []block, kinds []sectionKind) []ActionItem {
	inActions := make([]bool, len(blocks))
	alsoActions := false
	for i, b := range blocks {
		if b.kind == blockHeading {
			switch k := b.hk; {
			case k != secOther: // a new section: "Learning & Next Steps" also lists actions
				alsoActions = k != secTimeline && k != secActions && reNextSteps.MatchString(b.text)
			case kinds[i] == secOther:
				alsoActions = false
			}
		}
		inActions[i] = kinds[i] == secActions || alsoActions
	}
	hasItems := false
	for i, b := range blocks {
		if inActions[i] && (b.kind == blockItem || b.kind == blockRow && !b.header) {
			hasItems = true
			break
		}
	}
	var out []ActionItem
	statusCol := -1
	for i, b := range blocks {
		if !inActions[i] || len(out) >= maxActions {
			continue
		}
		switch b.kind {
		case blockItem:
			out = append(out, actionFrom(b.text, b.links, b.checked))
		case blockRow:
			if b.header {
				statusCol = -1
				for j, c := range b.cells {
					lc := strings.ToLower(c)
					if strings.Contains(lc, "status") || strings.Contains(lc, "done") || strings.Contains(lc, "state") {
						statusCol = j
					}
				}
				continue
			}
			var parts []string
			links := b.links
			done := int8(-1)
			for j, c := range b.cells {
				if j == statusCol {
					if reDoneWord.MatchString(strings.TrimSpace(c)) {
						done = 1
					} else {
						done = 0
					}
					continue
				}
				if u := reURL.FindString(c); u != "" && u == strings.TrimSpace(c) {
					links = append(links, u) // a bug/PR column: the link, not text
					continue
				}
				if c != "" && strings.Trim(c, "0123456789.#") != "" { // not a row number
					parts = append(parts, c)
				}
			}
			if len(parts) > 0 {
				out = append(out, actionFrom(strings.Join(parts, " | "), links, done))
			}
		case blockPara:
			if hasItems {
				continue
			}
			t := strings.TrimSpace(b.text)
			if t == "" || strings.HasSuffix(t, ":") || len(t) > 600 || reSignOff.MatchString(t) {
				continue
			}
			out = append(out, actionFrom(t, b.links, -1))
		}
	}
	if out == nil {
		return []ActionItem{}
	}
	return out
}

func actionFrom(text string, links []string, checked int8) ActionItem {
	a := ActionItem{Text: strings.TrimSpace(text), Done: checked == 1}
	if strings.Contains(text, "http") {
		for _, u := range reURL.FindAllString(text, -1) { // bare URLs are links too
			links = append(links, strings.TrimRight(u, ".,;"))
		}
	}
	if checked < 0 && (strings.ContainsAny(text, "(✅✔[") || len(text) > 4 && strings.EqualFold(text[:4], "done")) && reDoneMark.MatchString(text) {
		a.Done = true
	}
	for k := len(links) - 1; k >= 0; k-- {
		if reIssueLink.MatchString(links[k]) {
			a.Link = links[k]
			break
		}
	}
	if a.Link == "" && len(links) > 0 {
		last := links[len(links)-1]
		if strings.HasSuffix(strings.TrimRight(a.Text, ").] "), strings.TrimRight(last, "/")) {
			a.Link = last
		}
	}
	if a.Link != "" && strings.HasSuffix(a.Text, a.Link) {
		a.Text = strings.TrimSpace(strings.TrimRight(strings.TrimSuffix(a.Text, a.Link), "-–—:( "))
	}
	return a
}
