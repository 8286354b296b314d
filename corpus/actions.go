package corpus

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const maxActions = 1000

var (
	reIssueLink = regexp.MustCompile(`(?i)/(?:issues|pull|pulls|merge_requests|browse|tickets?)/[\w-]+|jira|linear\.app|/-/issues/`)
	// reTrackerLink is a link into an issue tracker: an issue, a list or
	// query of issues, a milestone or project board.
	reTrackerLink = regexp.MustCompile(`(?i)/(?:issues|pulls?|merge_requests|tickets?|milestones?|projects?)\b|jira|linear\.app`)
	reDoneWord    = regexp.MustCompile(`(?i)^(?:(?:done|complete|completed|closed|fixed|resolved|finished|merged|shipped|implemented|yes|x)\b|✅|✔|☑)`)
	reDoneMark    = regexp.MustCompile(`(?i)\((?:done|completed|fixed|closed)\.?\)|\((?:done|completed)\s+(?:in|by|with|via)\s+(?:#\d|pr\b|pull\b|commit\b|https?:|@|\w+ing\b)|\((?:fixed|resolved|addressed|implemented|merged|added|created|enabled|configured)\b[^()]{0,300}\)?\s*$|✅|✔|☑|\[done\]|^done:`)
	reSignOff     = regexp.MustCompile(`(?i)^(?:--(?:\s|$)|thanks|thank you|sorry|we(?: sincerely| deeply| truly)? apologi[sz]e|(?:once again,?\s+|again,?\s+|finally,?\s+)?(?:we|the [^,]{1,40}? team|our [^,]{0,30}?team)(?: once again| again)?(?: sincerely| deeply| truly)? apologi[sz]es?\b|we are (?:very |truly |deeply )?sorry|we(?:'re| are) sorry|apologies|regards|best|cheers|questions\?|if you have|please (?:reach out|contact|let us know)|we (?:appreciate|thank))`)
	reNextSteps   = regexp.MustCompile(`(?i)next steps|follow[- ]?ups?|\baction|\btodo|\bto do\b|improvement|\bprevent|recommend|going forward|moving forward|what we(?:'re| are| will|'ll)? (?:chang|do next|do differently)|doing (?:things )?differently|future work`)
	// reStatusPrefix is a status written before an item's text: "[DONE]",
	// "[OPEN]", "DONE:", "[ ]", "[x]" (a check box the format did not read).
	reStatusPrefix = regexp.MustCompile(`(?i)^\s*(?:\[(x|done|complete|completed|fixed|closed|open|todo|to do|in progress|wip|pending| )\]|(done|open|todo|closed)\s*:)\s*`)
	// reListIntro is a paragraph that introduces a list of follow-ups
	// outside an action-items section: "To prevent this from happening
	// again, we have made the following changes:".
	reListIntro = regexp.MustCompile(`(?i)\b(?:prevent|recurr\w*|(?:happen|occur)\w*\s+again|in the future|going forward|moving forward|follow[- ]?ups?|next steps|action items?|improvements?|we (?:will|plan to|are going to|intend to)|we(?:'ve| have) (?:made|taken|started|implemented|added))\b`)
	// rePlaceholder is an item that says there is none: "N/A", "None",
	// "TBD".
	rePlaceholder = regexp.MustCompile(`(?i)^(?:n/?a|none|nothing|tbd|tba|todo|to do|[-–—.…]+|none (?:yet|identified|planned|needed|required)|no action (?:items?|needed|required))\.?$`)
	// reCommitment marks a sentence that promises a follow-up, for action
	// sections written as prose.
	// rePrevention is a sentence that states a change the team made or
	// will make so that the incident does not recur ("We've added a
	// liveness probe to prevent this from happening again.").
	// The team may be "we", "I" or the review that met about the
	// incident ("The incident review explored options to mitigate
	// future issues …"); the purpose may be others' ("… so other
	// teams would avoid this problem").
	rePrevention = regexp.MustCompile(`(?i)^(?:we|i|(?:the|our) (?:[a-z-]+ ){0,2}(?:review|retrospective|retro|post-?mortem|meeting|team))(?:(?:'ve| have)? [a-z]+ed|(?: will|'ll| are going to| plan to) [a-z]+)\b.{0,300}\b(?:to (?:prevent|avoid) (?:this|it|that|a recurrence|recurrences?|(?:any )?similar \w+|such \w+)|so (?:that )?(?:this|it) (?:does not|doesn't|won't|will not|cannot|can't) (?:happen|occur)|from happening again|(?:to|would|will|could|can) (?:prevent|avoid|mitigate) (?:this|the same|similar|such|future|further) (?:[a-z-]+ )?(?:problems?|issues?|incidents?|outages?|failures?|bugs?|errors?))\b`)
	// reThisPrevents is a sentence that says the change just told
	// prevents a recurrence: "So hopefully, this won't happen again.",
	// "That should stop it from recurring."
	reThisPrevents = regexp.MustCompile(`(?i)^(?:so,?\s+|and\s+)?(?:hopefully,?\s+)?(?:this|that|these|it|which)(?: (?:change|changes|fix|fixes|step|steps|measure|measures))?\s+(?:(?:should|will|would|ought to)\s+(?:hopefully\s+)?(?:(?:prevent|stop|keep)\b.{0,60}?\b(?:again|recurr\w*|in the future|from happening)|(?:not|never) (?:happen|occur) again)|(?:won't|will not|shouldn't|should not|can't|cannot) (?:happen|occur|recur)(?: again| in the future)?)\b`)
	reCommitment   = regexp.MustCompile(`(?i)\b(?:will|plan(?:s|ned)? to|going to|intend to|need to|should|must|we(?:'ll| shall)|to be (?:added|implemented|fixed|improved)|have (?:added|implemented|introduced|enabled|created|set up))\b`)
)

// actionGroup is a run of blocks of an action-items section under one
// heading: the section's own heading or one of its sub-headings.
type actionGroup struct {
	heading *block // nil for blocks before any heading of the section
	sub     bool   // the heading is a sub-heading of the section
	blocks  []block
}

// extractActions reads action items: every list under an action-items
// section (and under "… & Next Steps" headings of other kinds), including
// lists under its own sub-headings; the rows of a table there; a
// sub-heading with no list under it, as one item; follow-ups stated in
// prose; a list introduced by a paragraph about preventing a recurrence
// or by a "Next steps:" label line anywhere else; check-box lists,
// check-glyph lines and owner/status tables anywhere; and follow-ups
// marked inline ("Follow-up: …"). A document with none of these has,
// in this order, the lists of its resolution, the lessons written as
// actions, or the sentences in which the team states a follow-up.
// [x], "(Done)", ✅, ~~struck~~ text and a status column mark an item
// done; a trailing issue link is its link.
func extractActions(blocks []block, kinds []sectionKind) []ActionItem {
	blocks, kinds = withoutAuthorNotes(blocks, kinds)
	inActions := actionBlocks(blocks, kinds)
	var out []ActionItem
	for _, g := range actionGroups(blocks, inActions) {
		out = append(out, g.items()...)
		if len(out) >= maxActions {
			return out[:maxActions]
		}
	}
	out = append(out, introducedLists(blocks, kinds, inActions)...)
	out = append(out, looseActions(blocks, kinds, inActions)...)
	if len(out) == 0 {
		out = resolutionLists(blocks, kinds)
	}
	if len(out) == 0 {
		out = lessonActions(blocks, kinds)
	}
	if len(out) == 0 {
		out = preventionSentences(blocks, kinds)
	}
	if len(out) == 0 {
		out = announcedParagraphs(blocks, kinds)
	}
	if len(out) == 0 {
		// (read from all the prose, the lessons' follow-ups included)
		out = commitmentSentences(blocks, kinds)
	} else {
		out = appendNewActions(out, lessonCommitments(blocks, kinds))
	}
	out = appendNewActions(out, markedActions(blocks, kinds, inActions))
	out = append(out, trackedActions(blocks, kinds, inActions, out)...)
	out = distinctActions(out)
	if len(out) > maxActions {
		out = out[:maxActions]
	}
	if out == nil {
		return []ActionItem{}
	}
	return out
}

// withoutAuthorNotes drops the sections addressed to the postmortem's
// author ("Notes to the owner", authorNoteHeading): their check boxes
// ("Publish this review", "File the tickets") are the template's
// reminders about the document, not the incident's follow-ups. A
// section runs to the next heading of its level or higher.
func withoutAuthorNotes(blocks []block, kinds []sectionKind) ([]block, []sectionKind) {
	start := -1
	for i, b := range blocks {
		if b.kind == blockHeading && authorNoteHeading(b.text) {
			start = i
			break
		}
	}
	if start < 0 {
		return blocks, kinds
	}
	keptBlocks := append([]block(nil), blocks[:start]...)
	keptKinds := append([]sectionKind(nil), kinds[:start]...)
	for i, level := start, 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.kind == blockHeading {
			switch {
			case authorNoteHeading(b.text) && (level == 0 || b.level <= level):
				level = b.level
				continue
			case level > 0 && b.level <= level:
				level = 0
			}
		}
		if level > 0 {
			continue
		}
		keptBlocks = append(keptBlocks, b)
		keptKinds = append(keptKinds, kinds[i])
	}
	return keptBlocks, keptKinds
}

// actionBlocks marks the blocks that belong to an action-items section.
func actionBlocks(blocks []block, kinds []sectionKind) []bool {
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
	markTierSiblings(blocks, inActions)
	unmarkResponseProse(blocks, inActions)
	return inActions
}

// reActionsTaken is a section named only for the actions taken:
// "Action taken", "Actions taken".
var reActionsTaken = regexp.MustCompile(`^(?:actions? taken|(?:changes|fixes|actions|steps|measures|remediations?) (?:implemented|taken|made|applied|deployed|completed))$`)

// reActionsTakenProse is the "Actions taken" heading, whose lists may
// still be follow-ups; under "Changes implemented" and the like, lists
// too are what the response did.
var reActionsTakenProse = regexp.MustCompile(`^actions? taken$`)

// reFutureActions names a follow-up section by what is still to come:
// "Future measures", "Next steps", "Going forward", "Preventing
// recurrence", "Long-term fixes".
var reFutureActions = regexp.MustCompile(`^(?:future|next|going forward|moving forward|looking ahead|planned|recommendations?|prevent\w*|(?:short|medium|long|longer|near) ?term|what we (?:will|ll|are going to|plan to)|how we (?:will|ll|are going to|plan to))\b`)

// unmarkResponseProse takes out of the follow-ups an "Actions taken"
// section written as prose when a later section of the same rank
// lists what is still to come ("Future measures"): the account of
// what was done during the response ("The account was blocked at
// once.") is set apart from the follow-ups.
func unmarkResponseProse(blocks []block, inActions []bool) {
	for i, b := range blocks {
		if b.kind != blockHeading || b.hk != secActions || !inActions[i] || !reActionsTaken.MatchString(normHeading(b.text)) {
			continue
		}
		listed := !reActionsTakenProse.MatchString(normHeading(b.text))
		j, prose := i+1, true
		for ; j < len(blocks) && (blocks[j].kind != blockHeading || blocks[j].level > b.level); j++ {
			if blocks[j].kind != blockPara {
				prose = false
			}
		}
		if !prose && !listed || j == i+1 {
			continue
		}
		later := false
		for k := j; k < len(blocks); k++ {
			h := blocks[k]
			if h.kind == blockHeading && h.level <= b.level && h.hk == secActions && inActions[k] && reFutureActions.MatchString(normHeading(h.text)) {
				later = true
				break
			}
		}
		if !later {
			continue
		}
		for k := i; k < j; k++ {
			inActions[k] = false
		}
	}
}

// reFirstTier names the first tier of a remediation split by when the
// work happens: "Immediate actions", "Immediate fixes (completed)".
var reFirstTier = regexp.MustCompile(`^(?:immediate|urgent|quick|short ?term|first) (?:actions?|fix(?:es)?|changes|steps|measures|remediations?|mitigations?|improvements?|action items)\b`)

// reLaterTier names a later tier of a remediation sorted by when the
// work happens: "Short-term improvements", "Long term", "Planned
// actions", "Next steps", "Follow-ups".
var reLaterTier = regexp.MustCompile(`^(?:(?:short|medium|mid|long|longer|near) ?term|later|next|planned|future|follow ?ups?|ongoing|remaining|pending|open|(?:phase|tier|stage) (?:2|two|ii))\b`)

// markTierSiblings marks as action items the blocks under a sub-heading
// naming the first tier of a remediation ("Immediate actions") whose
// next sibling sub-heading names a later tier ("Short-term
// improvements", "Planned actions"): the tiers sort one list of
// follow-ups by when each is done, the first of them already done. A
// sibling that is no tier ("Corrective measures", "Preventive
// measures") sets the follow-ups apart from the immediate response.
func markTierSiblings(blocks []block, inActions []bool) {
	for i, b := range blocks {
		if b.kind != blockHeading || inActions[i] || !reFirstTier.MatchString(normHeading(b.text)) {
			continue
		}
		j := i + 1
		for j < len(blocks) && (blocks[j].kind != blockHeading || blocks[j].level > b.level) {
			j++
		}
		if j == len(blocks) || blocks[j].level != b.level || !inActions[j] || blocks[j].hk != secActions || !reLaterTier.MatchString(normHeading(blocks[j].text)) {
			continue
		}
		for k := i; k < j; k++ {
			inActions[k] = true
		}
	}
}

// actionGroups splits the action-items blocks at headings.
func actionGroups(blocks []block, inActions []bool) []actionGroup {
	var groups []actionGroup
	open := false
	sectionLevel := 0
	for i := range blocks {
		b := &blocks[i]
		if !inActions[i] {
			open = false
			continue
		}
		if b.kind == blockHeading {
			sub := open && b.level > sectionLevel
			if !sub {
				sectionLevel = b.level
			}
			groups = append(groups, actionGroup{heading: b, sub: sub})
			open = true
			continue
		}
		if !open {
			groups = append(groups, actionGroup{})
			open = true
		}
		g := &groups[len(groups)-1]
		g.blocks = append(g.blocks, *b)
	}
	return groups
}

// items reads the action items of one group: its list items and table
// rows; else, under a sub-heading, the sub-heading itself; else the
// follow-ups its prose states.
func (g actionGroup) items() []ActionItem {
	var out []ActionItem
	statusCol := -1
	rows := 0
	for _, b := range g.blocks {
		if b.kind == blockRow && !b.header {
			rows++
		}
	}
	if g.sub && g.heading != nil && reNotCommitted.MatchString(g.heading.text) {
		return nil // "Under consideration", "Out of scope"
	}
	uncommitted := false // under a "Things being considered" line
	details := false     // in the list of what an action paragraph brings
	for i, b := range g.blocks {
		if b.kind == blockPara && isLabelLine(b.text) {
			uncommitted = reNotCommitted.MatchString(b.text)
			details = false
			continue
		}
		if b.kind != blockItem {
			details = false
		}
		if b.kind == blockPara && !uncommitted && rows < 2 && leadsDetails(g.blocks, i) {
			if a, ok := actionFrom(reDetailsLead.ReplaceAllString(strings.TrimSpace(b.text), ""), b.links, -1, false); ok {
				out = append(out, a)
				details = true
				continue
			}
		}
		switch {
		case uncommitted, details:
		case b.kind == blockItem && rows < 2:
			// (beside a table of actions, lists explain its columns)
			if !countsAsItem(g.blocks, i) {
				continue
			}
			parentDone, response := underTakenLabel(g.blocks, i)
			if response {
				continue // "Immediate actions taken:" beside what is to come
			}
			text := b.text
			if b.hk == secActions && b.bold != "" {
				text = blockText(b) // "**Action items**: add a canary"
			}
			if a, ok := actionFrom(text, b.links, b.checked, b.struck); ok {
				a.Done = a.Done || parentDone && b.checked < 0
				out = append(out, a)
			} else if a, ok := ticketItem(b); ok {
				out = append(out, a)
			}
		case b.kind == blockRow && b.header:
			statusCol = statusColumn(b.cells)
		case b.kind == blockRow:
			if a, ok := actionFromRow(b, statusCol); ok {
				out = append(out, a)
			}
		}
	}
	if len(out) > 0 {
		if g.sub && g.heading != nil && doneHeading(g.heading.text) {
			for k := range out {
				out[k].Done = true // under "Completed", "Done"
			}
		}
		return out
	}
	// a sub-heading that sorts the items ("Done", "Short term",
	// "Detection") is no action; prose under it lists them
	label := g.heading != nil && (isStatusHeading(g.heading.text) || g.heading.hk != secOther)
	if g.sub && g.heading != nil && len(strings.Fields(g.heading.text)) >= 2 && !label {
		if a, ok := actionFrom(g.heading.text, g.heading.links, -1, false); ok {
			return []ActionItem{a}
		}
	}
	// prose under "Conclusion and next steps" is partly the conclusion:
	// only what it promises is a follow-up
	mixed := g.heading != nil && !g.sub && mixedActionsHeading(g.heading.text)
	if out := proseActions(g.blocks, g.sub && !label || mixed); len(out) > 0 {
		return out
	}
	return trackerPointer(g.blocks)
}

// reMixedActions is a normalised heading naming follow-ups together
// with another part of the report: "Conclusion and next steps",
// "Summary & follow-ups", "Lessons learned and action items".
var reMixedActions = regexp.MustCompile(`^((?:[a-z]+ ){1,3})and (?:(?:the |our )?next steps|follow ?ups?|action items|(?:future |further )?actions|what s next|going forward)$`)

// mixedActionsHeading reports whether a follow-up heading also names a
// part of the report that is not about follow-ups (reMixedActions).
func mixedActionsHeading(h string) bool {
	m := reMixedActions.FindStringSubmatch(normHeadingLimited(h))
	return m != nil && classifyHeading(strings.TrimSpace(m[1])) != secActions
}

// reDetailsLead ends a paragraph that states an action and opens the
// list of what it brings: "Set up a bastion host, allowing:", "Rework
// the alerts, including:".
var reDetailsLead = regexp.MustCompile(`(?i)(?:,\s*|\s+)(?:allowing|enabling|including|providing|such as|so that|with|(?:which|that) (?:will )?(?:allows?|enables?|includes?|provides?)|to (?:allow|enable|provide))\s*:$`)

// reLeadLabel is the short label that may open such a paragraph
// ("Bastion access: Set up …").
var reLeadLabel = regexp.MustCompile(`^[^:.!?]{1,40}:\s+`)

// leadsDetails reports whether paragraph i of an action section is an
// action that the list after it details: it ends with a word opening
// that list ("…, allowing:"), reads as an action once a short label
// before it is dropped, and the items after it do not read as actions
// of their own ("Key-only login", "Users to keep their own config").
func leadsDetails(blocks []block, i int) bool {
	text := strings.TrimSpace(blocks[i].text)
	if !reDetailsLead.MatchString(text) || i+1 >= len(blocks) || blocks[i+1].kind != blockItem {
		return false
	}
	if m := reLeadLabel.FindString(text); m != "" && len(strings.Fields(m)) <= 4 {
		text = text[len(m):]
	}
	if !reActionLike.MatchString(text) {
		return false
	}
	for j := i + 1; j < len(blocks) && blocks[j].kind == blockItem; j++ {
		if reActionLike.MatchString(blocks[j].text) {
			return false
		}
	}
	return true
}

// reImperativeOpen is text that opens as an order: "Add an alert …".
var reImperativeOpen = regexp.MustCompile(`(?i)^(?:` + strings.Join(actionVerbs, "|") + `)\b`)

// promisesAction reports whether a paragraph of follow-up prose states
// one: a sentence commits to it ("We will add …") or advises it ("It
// would be useful to …"), or the paragraph ends with a note of what
// was done about it ("… (fixed by adding a second check)", "… (filed
// <link>)").
func promisesAction(text string) bool {
	if reDoneNote.MatchString(text) {
		return true
	}
	for _, s := range splitSentences(text) {
		if (reCommitment.MatchString(s) || reAdviceOpen.MatchString(strings.TrimSpace(s))) && !reSignOff.MatchString(s) {
			return true
		}
	}
	return false
}

// reAdviceOpen is a sentence that opens as advice (reAdvice).
var reAdviceOpen = regexp.MustCompile(`(?i)^` + reAdvice)

// reDoneNote is a note in brackets that ends a follow-up with what was
// done about it: "(fixed by …)", "(added …)", "(filed …)", "(done)".
var reDoneNote = regexp.MustCompile(`(?i)\((?:now |since |already )?(?:fixed|added|filed|done|completed|implemented|resolved|created|opened|tracked|addressed|merged|landed|shipped|enabled|configured|updated)\b[^()]{0,200}\)\s*\.?\s*$`)

// reNotCommitted names a part of a follow-up section whose items are
// no follow-ups the team took on: ideas still being weighed, work ruled
// out ("Things being considered", "Under consideration", "Out of
// scope", "Won't do", "Rejected").
var reNotCommitted = regexp.MustCompile(`(?i)\b(?:(?:being|under|still|also) consider(?:ed|ation)|(?:we are|we're|we’re) (?:still )?considering|considered but|not (?:yet )?(?:planned|committed|pursued|doing)|out of scope|won'?t (?:do|fix)|will not (?:do|fix)|rejected|discarded|parking lot)\b`)

// maxLabelLineWords bounds a paragraph that is only a label over the
// list below it ("Things being considered").
const maxLabelLineWords = 6

// isLabelLine reports whether a paragraph is a short label line: a few
// words, no sentence punctuation at its end (a colon may end it).
func isLabelLine(t string) bool {
	t = strings.TrimSuffix(strings.TrimSpace(t), ":")
	n := len(strings.Fields(t))
	return n > 0 && n <= maxLabelLineWords && !strings.ContainsAny(t[len(t)-1:], ".!?")
}

// trackerPointer reads an action-items section that only points at the
// issue tracker (a bare link to an issue list or query) as one item
// carrying that link: the follow-ups exist, they are kept elsewhere. A
// link to one pull or merge request is the change already made (a
// "Fixes" sub-section's), no pointer to follow-ups.
func trackerPointer(blocks []block) []ActionItem {
	for _, b := range blocks {
		if b.kind != blockPara && b.kind != blockItem {
			continue
		}
		t := strings.TrimSpace(strings.Trim(strings.TrimSpace(b.text), "<>"))
		if u := reURL.FindString(t); u != "" && u == t && reTrackerLink.MatchString(u) && !reChangeLink.MatchString(u) {
			return []ActionItem{{Text: "Follow-ups tracked in the issue tracker", Link: u}}
		}
	}
	return nil
}

// reChangeLink is a link to one change: a pull or merge request.
var reChangeLink = regexp.MustCompile(`(?i)/(?:pulls?|merge_requests)/\d+`)

// maxLabelWords: a list item this short with items nested under it is a
// label sorting them ("Detection", "Customer support"), not an action.
const maxLabelWords = 3

// countsAsItem reports whether list item i is an action of its own: an
// item with nested items is either a short label over them (the nested
// items are the actions) or an action whose nested items are details.
func countsAsItem(blocks []block, i int) bool {
	b := blocks[i]
	if i+1 < len(blocks) && blocks[i+1].kind == blockItem && blocks[i+1].level > b.level {
		// a parent: an action unless it is a label ("Detection:",
		// "**Load handling**", "Monitoring")
		// ("1. **Migrate the sessions table**" over its steps is an
		// action: a numbered item longer than a label names one)
		words := len(strings.Fields(b.text))
		label := strings.HasSuffix(b.text, ":") || b.bold != "" && b.bold == b.text || words <= maxLabelWords
		if b.numbered && words > maxLabelWords && (b.bold != "" || !strings.HasSuffix(b.text, ":")) {
			label = false
		}
		return !label || b.checked >= 0 || hasLeafSibling(blocks, i)
	}
	// a nested item counts unless its parent is an action
	for j := i - 1; j >= 0 && blocks[j].kind == blockItem; j-- {
		if blocks[j].level < b.level {
			return !countsAsItem(blocks, j) || blocks[j].level < b.level-1
		}
	}
	return true
}

// hasLeafSibling reports whether list item i has a sibling in its list
// with no nested items: where the other items of a list are actions
// written whole, an item that looks like a label over nested items is
// one more action and they are its details ("**Failover**:" over its
// trigger and timings, beside "Review the maintenance checklist").
func hasLeafSibling(blocks []block, i int) bool {
	lvl := blocks[i].level
	leaf := func(j int) bool {
		return !(j+1 < len(blocks) && blocks[j+1].kind == blockItem && blocks[j+1].level > lvl)
	}
	for j := i - 1; j >= 0 && blocks[j].kind == blockItem && blocks[j].level >= lvl; j-- {
		if blocks[j].level == lvl && leaf(j) {
			return true
		}
	}
	for j := i + 1; j < len(blocks) && blocks[j].kind == blockItem && blocks[j].level >= lvl; j++ {
		if blocks[j].level == lvl && leaf(j) {
			return true
		}
	}
	return false
}

// isStatusHeading reports a sub-heading that only sorts items by state
// ("Done", "Open", "Completed").
func isStatusHeading(h string) bool {
	switch normHeading(h) {
	case "done", "open", "completed", "complete", "in progress", "pending", "todo", "to do", "closed":
		return true
	}
	return false
}

// reTakenLabel is a list label over what was already done: "Immediate
// actions taken:", "Actions taken", "Completed:".
var reTakenLabel = regexp.MustCompile(`^(?:(?:immediate |initial )?(?:actions?|steps|measures) (?:taken|completed)|what we did|completed|done|already done)$`)

// reLaterLabel is a list label over what is still to come: "Short-term
// corrective actions:", "Preventive measures", "Planned".
var reLaterLabel = regexp.MustCompile(`^(?:(?:short|medium|mid|long|longer|near) ?term|planned|future|next|follow ?up|preventive|preventative|corrective|remaining|pending|open)\b`)

// underTakenLabel reports whether nested list item i sits under a label
// of what was already done (reTakenLabel): its items are done, and when
// a sibling label names what is still to come (reLaterLabel), the label
// is the response and its items are no follow-ups.
func underTakenLabel(blocks []block, i int) (done, response bool) {
	lvl := blocks[i].level
	p := -1
	for j := i - 1; j >= 0 && blocks[j].kind == blockItem; j-- {
		if blocks[j].level < lvl {
			p = j
			break
		}
	}
	if p < 0 || !reTakenLabel.MatchString(normHeading(strings.TrimSuffix(strings.TrimSpace(blocks[p].text), ":"))) {
		return false, false
	}
	for j := p + 1; j < len(blocks) && blocks[j].kind == blockItem && blocks[j].level >= blocks[p].level; j++ {
		if blocks[j].level == blocks[p].level && reLaterLabel.MatchString(normHeading(strings.TrimSuffix(strings.TrimSpace(blocks[j].text), ":"))) {
			return true, true
		}
	}
	return true, false
}

// doneHeading reports a sub-heading that sorts out the items already
// done ("Completed", "Done", "Already done").
func doneHeading(h string) bool {
	switch normHeading(h) {
	case "done", "completed", "complete", "closed", "finished", "already done", "done so far", "completed actions", "completed items", "completed action items":
		return true
	}
	return false
}

// statusColumn returns the index of a table's status column, or -1.
func statusColumn(cells []string) int {
	col := -1
	for j, c := range cells {
		lc := strings.ToLower(c)
		if strings.Contains(lc, "status") || strings.Contains(lc, "done") || strings.Contains(lc, "state") {
			col = j
		}
	}
	return col
}

// reDoneCell is a table cell that only says its item is done.
var reDoneCell = regexp.MustCompile(`(?i)^\s*(?:done|completed?|fixed|closed|merged|shipped|implemented|resolved|✅|✔️?|☑️?)\.?\s*$`)

// actionFromRow reads one table row: its cells but the status column,
// a bare link column and a cell that only says "Done", joined.
func actionFromRow(b block, statusCol int) (ActionItem, bool) {
	var parts []string
	links := b.links
	done := int8(-1)
	for j, c := range b.cells {
		if j == statusCol {
			done = 0
			if reDoneWord.MatchString(strings.TrimSpace(c)) {
				done = 1
			}
			continue
		}
		if u := reURL.FindString(c); u != "" && u == strings.TrimSpace(c) {
			links = append(links, u) // a bug/PR column: the link, not text
			continue
		}
		if j > 0 && statusCol < 0 && reDoneCell.MatchString(c) {
			done = 1 // "Done" alone in a notes column: the state, not text
			continue
		}
		if c != "" && strings.Trim(c, "0123456789.#") != "" { // not a row number
			parts = append(parts, c)
		}
	}
	if len(parts) == 0 {
		return ActionItem{}, false
	}
	return actionFrom(strings.Join(parts, " | "), links, done, false)
}

// proseActions reads follow-ups stated in prose: each paragraph or
// line of a plain line list, or in a single paragraph each sentence
// that promises one (else the paragraph, unless promisesOnly: prose
// under a one-word sub-heading). Introductions (ending in
// ":"), sign-offs and apologies are not actions.
func proseActions(blocks []block, promisesOnly bool) []ActionItem {
	var paras []block
	for _, b := range blocks {
		if b.kind == blockPara && b.hk == secActions {
			// "**Next steps:** we will …": the key names the section
			b.text = blockText(b)
		}
		t := strings.TrimSpace(b.text)
		if b.kind == blockPara && reClosing.MatchString(t) {
			break // what follows "Thanks, …" or "--" is a signature
		}
		if b.kind != blockPara || t == "" || strings.HasSuffix(t, ":") || len(t) > 1500 || reSignOff.MatchString(t) || !strings.Contains(t, " ") || isProseIntro(t) || reNarration.MatchString(t) || reStatusReport.MatchString(t) {
			continue
		}
		if isLineList(b.lines) && !isSentencePerLine(b.lines) {
			for _, l := range b.lines {
				paras = append(paras, block{kind: blockPara, text: l, links: linksIn(l, b.links)})
			}
			continue
		}
		paras = append(paras, b)
	}
	if len(paras) >= 2 {
		// prose in which some paragraphs promise follow-ups ("We will
		// add …") and none is written as an order ("Add …"): a
		// paragraph that promises none is commentary between them
		promising, orders := 0, false
		for _, b := range paras {
			if promisesAction(b.text) {
				promising++
			}
			if reImperativeOpen.MatchString(strings.TrimSpace(b.text)) {
				orders = true
			}
		}
		commentary := promising >= 2 && !orders || promisesOnly && !orders
		var out []ActionItem
		for _, b := range paras {
			if len(b.text) > 600 || commentary && !promisesAction(b.text) {
				continue
			}
			if a, ok := actionFrom(b.text, b.links, -1, false); ok {
				out = append(out, a)
			}
		}
		return out
	}
	// one paragraph: each sentence that promises a follow-up, else the
	// paragraph
	var out []ActionItem
	for _, b := range paras {
		for _, s := range splitSentences(b.text) {
			if reCommitment.MatchString(s) && !reSignOff.MatchString(s) {
				for _, part := range splitCoordinated(s) {
					if a, ok := actionFrom(part, linksIn(part, b.links), -1, false); ok {
						out = append(out, a)
					}
				}
			}
		}
		if len(out) == 0 && len(b.text) <= 600 && !promisesOnly {
			if a, ok := actionFrom(b.text, b.links, -1, false); ok {
				out = append(out, a)
			}
		}
	}
	return out
}

// reClosing opens the closing of a post: thanks, a greeting, a
// signature delimiter, a "Hope this clarifies …". Names, titles and
// contact details follow it, no follow-ups.
var reClosing = regexp.MustCompile(`(?i)^(?:--(?:\s|$)|thanks\b|thank you\b|(?:kind |best |warm )?regards\b|cheers\b|sincerely\b|best,|all the best\b|(?:we |i )?(?:hope|trust) (?:this|that|the above|it) (?:clarifies|clears|explains|answers|helps|sheds|gives|provides|makes)\b)`)

// reStatusReport opens a paragraph that reports the service's present
// state ("At this point, everything is back to normal …", "All systems
// are now fully operational."): where things stand, not a follow-up,
// whatever it adds about what is still to come.
var reStatusReport = regexp.MustCompile(`(?i)^(?:(?:at this (?:point|time|moment|stage)|as of (?:now|today|this writing|writing)|currently|now|today|since then),?\s+)?(?:everything|all (?:services|systems|applications|components|operations)|(?:the |our )?(?:service|services|system|systems|network|platform|site|cluster|api)(?: and (?:all )?(?:of )?(?:its|their) [a-z]+)?)\s+(?:is|are|has|have)\s+(?:now\s+|since\s+|again\s+|fully\s+|completely\s+)*(?:back to normal|back (?:up|online)|(?:been )?(?:fully )?(?:restored|recovered)|operating normally|operational|running normally|functioning normally|stable)\b`)

// reProseIntro announces the items that follow without a colon:
// "Here are the lessons we have taken.", "The following changes were
// made."
var reProseIntro = regexp.MustCompile(`(?i)\b(?:here (?:are|is)|the following|(?:are|is) (?:listed |outlined |described )?below|as follows)\b`)

// maxProseIntro bounds an introducing paragraph.
const maxProseIntro = 200

// isProseIntro reports whether a paragraph only introduces what
// follows: one short sentence announcing it.
func isProseIntro(t string) bool {
	return len(t) <= maxProseIntro && reProseIntro.MatchString(t) && len(splitSentences(t)) == 1
}

// reNarration opens a paragraph that tells what happened or weighs it
// rather than stating a follow-up: a finding after an investigation
// ("After looking into it, we found a patch …") or a judgement of a
// step taken ("Restarting the nodes was not a good fix, …").
var reNarration = regexp.MustCompile(`(?i)^(?:(?:after|when|while|once|as|during)\b[^,.]{0,120},\s*(?:we|i|they|the team)\s+(?:found|saw|noticed|discovered|realized|realised|learned|learnt|determined|observed|came across)\b|[a-z]+ing\b[^,.]{0,80}\b(?:was|is)(?: not|n't)? (?:an? |the )?(?:(?:ideal|good|great|bad|poor|reasonable|acceptable|sufficient|sustainable|viable|permanent|temporary|quick|long-term|short-term|only|best|real) )+(?:solution|fix|option|approach|answer|workaround|idea)\b)`)

// maxIntroTail is how much of a paragraph's end introduces a list.
const maxIntroTail = 200

// introTail is the end of a paragraph that introduces what follows: its
// last sentence, at most maxIntroTail bytes ("… Remediation plan: our
// immediate action items:").
func introTail(t string) string {
	if len(t) <= maxIntroTail {
		return t
	}
	tail := t[len(t)-maxIntroTail:]
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	if i := strings.LastIndexAny(tail[:len(tail)-1], ".!?"); i >= 0 {
		tail = tail[i+1:]
	}
	return tail
}

// isLineList reports whether a paragraph's source lines are a plain
// line list, one item a line: every line starts with a capital letter
// or a digit and is short, and no line ends mid-sentence with a word
// that the next line continues in lower case.
func isLineList(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		r, _ := utf8.DecodeRuneInString(l)
		if len(l) > 240 || !(unicode.IsUpper(r) || unicode.IsDigit(r) || isCheckGlyph(r)) {
			return false
		}
	}
	return true
}

// minProseLine is the mean length of the lines of a paragraph written
// one sentence a line that reads as prose rather than as a list.
const minProseLine = 100

// isSentencePerLine reports whether a paragraph's lines are prose
// written one sentence a line: every line a full sentence, and the
// lines long on average (a list of follow-ups is terse).
func isSentencePerLine(lines []string) bool {
	n := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || !strings.ContainsAny(l[len(l)-1:], ".!?") {
			return false
		}
		n += len(l)
	}
	return n >= minProseLine*len(lines)
}

// isCheckGlyph reports a character written before a line to mark it a
// task, open or done: ☐ ☑ ☒ ✅ ✓ ✔ ❌ ⬜ 🔲.
func isCheckGlyph(r rune) bool {
	switch r {
	case '☐', '☑', '☒', '✅', '✓', '✔', '❌', '⬜', '🔲', '✗', '✘':
		return true
	}
	return false
}

// glyphLines returns the lines of a paragraph when every line starts
// with a check glyph (a task list written without list markup), else
// nil.
func glyphLines(b block) []string {
	if b.kind != blockPara || len(b.lines) < 2 {
		return nil
	}
	for _, l := range b.lines {
		r, _ := utf8.DecodeRuneInString(l)
		if !isCheckGlyph(r) || len(l) > 600 {
			return nil
		}
	}
	return b.lines
}

// linksIn returns the links of a paragraph that appear in one of its
// lines.
func linksIn(line string, links []string) []string {
	var out []string
	for _, u := range links {
		if strings.Contains(line, u) {
			out = append(out, u)
		}
	}
	return out
}

// introducedLists reads lists outside action-items sections that a
// paragraph introduces as follow-ups ("To prevent this in the future we
// have made these changes:") or a label line sorts by state
// ("Completed:", "In progress:").
func introducedLists(blocks []block, kinds []sectionKind, inActions []bool) []ActionItem {
	var out []ActionItem
	for i := 0; i+1 < len(blocks); i++ {
		b := blocks[i]
		if inActions[i] || kinds[i] == secTimeline || kinds[i] == secRootCause || b.kind != blockPara {
			// (a root cause may recall an earlier incident's follow-ups)
			continue
		}
		t := strings.TrimSpace(b.text)
		if labelKind(b) != secActions && (!strings.HasSuffix(t, ":") || !reListIntro.MatchString(introTail(t)) && !isStatusHeading(strings.TrimSuffix(t, ":"))) {
			continue // (a "Completed:" or "Open:" line sorts follow-ups by state)
		}
		level := 0
		j := i + 1
		for ; j < len(blocks) && blocks[j].kind == blockItem && !inActions[j]; j++ {
			if level == 0 {
				level = blocks[j].level
			}
			if blocks[j].level != level {
				continue // nested detail of the item above
			}
			if a, ok := actionFrom(blocks[j].text, blocks[j].links, blocks[j].checked, blocks[j].struck); ok {
				out = append(out, a)
			}
		}
		i = j - 1
	}
	return out
}

// reReproIntro introduces the steps that reproduce a fault ("The steps
// to reproduce were:", "To reproduce:"): how it was shown, not a fix.
var reReproIntro = regexp.MustCompile(`(?i)\b(?:(?:steps|instructions) (?:to|for) reproduc\w*|(?:reproduc\w*|repro) (?:steps|instructions|recipe)|to reproduce|reproduced (?:it|this|the \w+) (?:by|with))\b`)

// reDoneIntro is a list's intro saying its items were done: "The
// following fixes were implemented:", "We made these changes:".
var reDoneIntro = regexp.MustCompile(`(?i)\b(?:(?:were|was|have been|has been)\s+(?:implemented|applied|made|deployed|done|taken|completed|put in place|rolled out)|we (?:implemented|applied|made|deployed|took|completed|rolled out|put in place))\b`)

// resolutionLists reads, for a document with no follow-ups anywhere
// else, the top-level list items of its resolution section: the fixes
// it made are then its follow-up actions, done when the list's intro
// says so.
func resolutionLists(blocks []block, kinds []sectionKind) []ActionItem {
	if out := resolutionSubheadings(blocks, kinds); len(out) > 0 {
		return out
	}
	var out []ActionItem
	level := 0
	labelled := false  // in a list after a "Remediation:" line
	repro := false     // in a list after "The steps to reproduce were:"
	field := 0         // under a "- **Resolution**: …" field bullet of this level
	recovery := true   // every item so far states the recovery
	doneIntro := false // in a list after "The following fixes were implemented:"
	for i, b := range blocks {
		if field > 0 && (b.kind != blockItem || b.level <= field) {
			field = 0
		}
		if b.kind == blockItem && b.hk == secResolution && b.checked < 0 && !b.numbered && fieldBullet(blocks, i) {
			// a field of the incident's record ("- **Resolution**: the
			// config was reverted"): how it was resolved, not follow-ups
			field = b.level
			continue
		}
		if field > 0 {
			continue
		}
		if b.kind != blockItem {
			labelled = labelKind(b) == secResolution && kinds[i] != secTimeline
			repro = b.kind == blockPara && reReproIntro.MatchString(introTail(b.text))
			doneIntro = b.kind == blockPara && reDoneIntro.MatchString(introTail(b.text))
			continue
		}
		if repro || kinds[i] != secResolution && !labelled {
			continue
		}
		if level == 0 {
			level = b.level
		}
		if b.level != level {
			continue
		}
		if a, ok := actionFrom(b.text, b.links, b.checked, b.struck); ok {
			a.Done = a.Done || doneIntro && b.checked < 0
			out = append(out, a)
			recovery = recovery && b.checked < 0 && reRecoveryItem.MatchString(b.text)
		}
	}
	if recovery {
		// every item says the service came back ("Routing has been
		// restored", "Services were verified"): how the incident
		// ended, not what the team does after it
		return nil
	}
	return out
}

// reRecoveryItem is a line that states the service's recovery: what
// was restored, resolved, recovered or verified working again.
var reRecoveryItem = regexp.MustCompile(`(?i)\b(?:(?:has|have|had|was|were|is|are) (?:been )?(?:fully )?(?:restored|resolved|recovered|verified)|resolved (?:their|its|the) |(?:back (?:online|to normal)|functioning (?:properly|normally)|(?:fully )?operational)\b)`)

// fieldBullet reports whether list item i is one of a list of an
// incident's fields: another item of its list, at its level, is a bold
// key that names a section of another kind ("- **Impact**: …", "-
// **Key events**").
func fieldBullet(blocks []block, i int) bool {
	lv := blocks[i].level
	sibling := func(c block) bool {
		return c.level == lv && c.bold != "" && c.hk != secOther && c.hk != blocks[i].hk
	}
	for j := i - 1; j >= 0 && blocks[j].kind == blockItem && blocks[j].level >= lv; j-- {
		if sibling(blocks[j]) {
			return true
		}
	}
	for j := i + 1; j < len(blocks) && blocks[j].kind == blockItem && blocks[j].level >= lv; j++ {
		if sibling(blocks[j]) {
			return true
		}
	}
	return false
}

// resolutionSubheadings reads a resolution section divided by
// sub-headings, each naming one fix ("1. Guard the verify endpoint",
// "Test coverage"), as one action per sub-heading: what is under each
// describes that fix. Sub-headings that name a kind of section or a
// state sort the fixes; with them, or with fewer than two fixes named,
// there is no such reading.
func resolutionSubheadings(blocks []block, kinds []sectionKind) []ActionItem {
	var out []ActionItem
	level := 0 // the resolution heading's level
	for i, b := range blocks {
		if b.kind != blockHeading {
			continue
		}
		sub := level > 0 && b.level > level && kinds[i] == secResolution
		switch {
		case sub && (b.hk != secOther || isStatusHeading(b.text)):
			return nil
		case sub:
			t := strings.TrimSpace(reItemNumber.ReplaceAllString(b.text, ""))
			if a, ok := actionFrom(t, b.links, -1, false); ok {
				out = append(out, a)
			}
		case len(out) >= 2:
			return out // (the first resolution section divided into fixes)
		case b.hk == secResolution && kinds[i] == secResolution:
			level, out = b.level, nil
		default:
			level, out = 0, nil
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// reTeamActs is a sentence in which the team (or a change it names)
// does something: "I switched the payment to …", "The runbook was
// updated".
var reTeamActs = regexp.MustCompile(`(?i)\b(?:we|i)\b|\b(?:was|were|has been|have been|is now|are now)\s+(?:also\s+)?` + reChangeVerbs)

// preventionSentences reads, for a document with no follow-ups
// anywhere else, the sentences of its prose (outside the timeline) in
// which the team states a change made or planned to prevent a
// recurrence, or a change followed by a sentence saying it prevents
// one ("… So hopefully this won't happen again.").
func preventionSentences(blocks []block, kinds []sectionKind) []ActionItem {
	var out []ActionItem
	for i, b := range blocks {
		if b.kind != blockPara || kinds[i] == secTimeline || len(b.text) > 3000 {
			continue
		}
		sentences := splitSentences(b.text)
		for j, s := range sentences {
			prevented := j+1 < len(sentences) && reThisPrevents.MatchString(strings.TrimSpace(sentences[j+1])) && reTeamActs.MatchString(s)
			if len(s) <= 600 && (prevented || rePrevention.MatchString(strings.TrimSpace(s))) {
				for _, part := range splitCoordinated(s) {
					if a, ok := actionFrom(part, linksIn(part, b.links), -1, false); ok {
						out = append(out, a)
					}
				}
			}
		}
	}
	return out
}

// reChangesAnnounced is a sentence saying that changes were made so
// that the incident does not recur, which the paragraphs after it then
// tell one by one ("Since then, several safeguards have been put in
// place to prevent a repeat.").
var reChangesAnnounced = regexp.MustCompile(`(?i)\b(?:changes|measures|steps|improvements|safeguards)\s+(?:have|has)\s+(?:(?:now|also|since)\s+)?been\s+(?:made|taken|put in place|implemented|introduced)\s+(?:in order\s+)?to\s+(?:mitigate|prevent|reduce|avoid|lower|limit)\b[^.]{0,60}\b(?:future|recurrence|again|risk|similar|repeat)`)

// announcedParagraphs reads, for a document with no follow-ups
// anywhere else, the paragraphs that follow a sentence announcing
// changes made against a recurrence, up to the next heading: one change
// a paragraph.
func announcedParagraphs(blocks []block, kinds []sectionKind) []ActionItem {
	for i, b := range blocks {
		if b.kind != blockPara || kinds[i] == secTimeline || !reChangesAnnounced.MatchString(b.text) {
			continue
		}
		var out []ActionItem
		for _, n := range blocks[i+1:] {
			if n.kind == blockHeading {
				break
			}
			if n.kind != blockPara && n.kind != blockItem {
				continue
			}
			if a, ok := actionFrom(n.text, n.links, n.checked, n.struck); ok {
				out = append(out, a)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// reTicket is a link to one issue, pull request or ticket.
var reTicket = regexp.MustCompile(`(?i)/(?:issues|pull|pulls|merge_requests|tickets?)/\d+\b|/-/issues/\d+\b|/browse/[A-Z][A-Z0-9]+-\d+\b`)

// ticketItem reads a list item that is only a link to one issue or
// ticket as the action tracked there (a task list of issues renders as
// their titles); other bare links are references, not actions.
func ticketItem(b block) (ActionItem, bool) {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(b.text), "<>"))
	if u := reURL.FindString(t); u == "" || u != t || !reTicket.MatchString(u) {
		return ActionItem{}, false
	}
	return ActionItem{Text: t, Link: t, Done: b.checked == 1 || b.struck && b.checked < 0}, true
}

// actionFrom makes one action item from its text. ok is false for text
// that is no action: empty, a bare URL, an apology or thanks.
func actionFrom(text string, links []string, checked int8, struck bool) (ActionItem, bool) {
	text = strings.TrimSpace(text)
	if m := reStatusPrefix.FindStringSubmatch(text); m != nil {
		status := strings.ToLower(m[1] + m[2])
		text = strings.TrimSpace(text[len(m[0]):])
		if checked < 0 {
			checked = 0
			switch status {
			case "x", "done", "complete", "completed", "fixed", "closed":
				checked = 1
			}
		}
	}
	if r, size := utf8.DecodeRuneInString(text); isCheckGlyph(r) {
		text = strings.TrimSpace(text[size:])
		if checked < 0 {
			checked = 0
			switch r {
			case '☑', '☒', '✅', '✓', '✔':
				checked = 1
			}
		}
	}
	if text == "" || reSignOff.MatchString(text) || rePlaceholder.MatchString(text) {
		return ActionItem{}, false
	}
	if u := reURL.FindString(text); u != "" && strings.TrimSpace(strings.Trim(text, "<>")) == u {
		return ActionItem{}, false // a bare link is a reference, not an action
	}
	if isPointer(text) {
		return ActionItem{}, false // "See the patch here.": a reference too
	}
	a := ActionItem{Text: text, Done: checked == 1 || struck && checked < 0}
	if strings.Contains(text, "http") {
		for _, u := range reURL.FindAllString(text, -1) { // bare URLs are links too
			links = append(links, strings.TrimRight(u, ".,;"))
		}
	}
	if checked < 0 && (strings.ContainsAny(text, "(✅✔☑[") || len(text) > 4 && strings.EqualFold(text[:4], "done")) && reDoneMark.MatchString(text) {
		a.Done = true
	}
	a.Link = issueLink(a.Text, links)
	if a.Link != "" && strings.HasSuffix(a.Text, a.Link) {
		a.Text = strings.TrimSpace(strings.TrimRight(strings.TrimSuffix(a.Text, a.Link), "-–—:( "))
	}
	return a, a.Text != ""
}

// rePointer is a short line that only points the reader at something
// shown elsewhere: "See the full change here.", "Read more here",
// "Details below.", "More information here:". Between the verb and the
// place come at most five words naming what is shown (isPointer
// turns away a task such as "See if …").
var rePointer = regexp.MustCompile(`(?i)^(?:please\s+)?(?:(?:see|view|read|find)((?:\s+[\w'’-]+){0,5}?)|(?:(?:more|full|further)\s+)?(?:details|information|info)(?:\s+(?:are|is|can be found|available))?)\s+(?:here|below|above)\s*[.!:)]?$`)

// notPointerWord are words that make "See if …", "Find out how …"
// a task rather than a pointer.
var notPointerWord = map[string]bool{"if": true, "whether": true, "how": true, "why": true, "what": true,
	"out": true, "we": true, "to": true, "can": true, "could": true, "should": true, "will": true, "it": true, "is": true}

// isPointer reports whether a line only points at something shown
// elsewhere (rePointer).
func isPointer(text string) bool {
	if len(text) > 120 {
		return false
	}
	m := rePointer.FindStringSubmatch(text)
	if m == nil {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(m[1])) {
		if notPointerWord[w] {
			return false
		}
	}
	return true
}

// issueLink picks an item's link: the last issue or pull-request link,
// else a link the text ends with.
func issueLink(text string, links []string) string {
	for k := len(links) - 1; k >= 0; k-- {
		if reIssueLink.MatchString(links[k]) {
			return links[k]
		}
	}
	if len(links) > 0 {
		last := links[len(links)-1]
		if strings.HasSuffix(strings.TrimRight(text, ").] "), strings.TrimRight(last, "/")) {
			return last
		}
	}
	return ""
}

// maxLabelLen bounds a plain "Label:" line that names a section.
const maxLabelLen = 80

// labelKind is the kind of section a paragraph's last line names when
// it is a plain "Label:" line ("Remediation:", "Next steps:",
// "Preventive measures:"), as a heading would; else secOther.
func labelKind(b block) sectionKind {
	if b.kind != blockPara {
		return secOther
	}
	t := b.text
	if len(b.lines) > 0 {
		t = b.lines[len(b.lines)-1]
	}
	t = strings.TrimSpace(t)
	if len(t) > maxLabelLen {
		return secOther
	}
	if !strings.HasSuffix(t, ":") && (len(b.lines) > 0 || endsSentence(t)) {
		return secOther // (a lone line without a colon, "Action items" as a summary, names one too)
	}
	return classifyHeading(strings.TrimSuffix(t, ":"))
}

// reActionColumn and reTrackColumn name the columns of a table of
// follow-ups: what is to be done, and who owns it, its state, due date
// or ticket.
var (
	reActionColumn = regexp.MustCompile(`(?i)\b(?:actions?|action items?|tasks?|to ?dos?|follow[- ]?ups?|remediations?|improvements?|fix(?:es)?|items?)\b`)
	reTrackColumn  = regexp.MustCompile(`(?i)\b(?:owners?|assignees?|assigned|responsible|status|state|done|due|eta|deadline|ticket|issue|bug|jira|pr|priority|prio)\b`)
)

// reOwnerColumn and reTextColumn: a table with a description column
// beside an owner or due-date column lists work to be done.
var (
	reOwnerColumn = regexp.MustCompile(`(?i)\b(?:owners?|assignees?|assigned(?: to)?|responsible|due(?: date)?|deadline|eta)\b`)
	reTextColumn  = regexp.MustCompile(`(?i)\b(?:description|summary|title|details?)\b`)
)

// looseActions reads follow-ups outside action-items sections that
// carry their own sign: a check-box list ("- [ ] …", "- [x] …") or
// check-glyph lines ("✅ …", "☐ …") anywhere but in the timeline, the
// items nested under a list item that names a follow-up section ("-
// Next steps:"), and the rows of a table whose header names an action
// column beside an owner, status, due-date or ticket column.
func looseActions(blocks []block, kinds []sectionKind, inActions []bool) []ActionItem {
	var out []ActionItem
	statusCol, actionTable := -1, false
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if inActions[i] || kinds[i] == secTimeline {
			actionTable = false
			continue
		}
		switch b.kind {
		case blockItem:
			if n := labelledItems(blocks, i); n > 0 {
				for _, c := range blocks[i+1 : i+1+n] {
					if c.level != b.level+1 {
						continue // details of the item above
					}
					if a, ok := actionFrom(c.text, c.links, c.checked, c.struck); ok {
						out = append(out, a)
					}
				}
				i += n
				continue
			}
			if b.checked >= 0 && !reAcknowledgement.MatchString(b.text) {
				if a, ok := actionFrom(b.text, b.links, b.checked, b.struck); ok {
					out = append(out, a)
				} else if a, ok := ticketItem(b); ok {
					out = append(out, a)
				}
			}
		case blockPara:
			actionTable = false
			for _, l := range glyphLines(b) {
				if a, ok := actionFrom(l, linksIn(l, b.links), -1, false); ok {
					out = append(out, a)
				}
			}
		case blockRow:
			if b.header {
				actionTable = actionHeader(b.cells)
				statusCol = statusColumn(b.cells)
				continue
			}
			if actionTable {
				if a, ok := actionFromRow(b, statusCol); ok {
					out = append(out, a)
				}
			}
		default:
			actionTable = false
		}
	}
	return out
}

// reAcknowledgement is a form's check box, no task: "[x] I have read
// the guidelines".
var reAcknowledgement = regexp.MustCompile(`(?i)^\s*i(?: have|'ve| agree| confirm| understand| read| searched| checked| accept)\b`)

// labelledItems returns how many list items follow item i nested
// under it when item i only names a follow-up section ("- Action
// items:", "- **Next steps**"), else 0.
func labelledItems(blocks []block, i int) int {
	b := blocks[i]
	label := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(b.text), ":"))
	if len(label) > maxLabelLen || b.checked >= 0 || classifyHeading(label) != secActions {
		return 0
	}
	n := 0
	for j := i + 1; j < len(blocks) && blocks[j].kind == blockItem && blocks[j].level > b.level; j++ {
		n++
	}
	return n
}

// actionHeader reports whether a table header names an action column
// and an owner, status, due-date or ticket column, or a description
// column and an owner or due-date column.
func actionHeader(cells []string) bool {
	action, track, text, owner := false, false, false, false
	for _, c := range cells {
		switch {
		case reOwnerColumn.MatchString(c):
			owner, track = true, true
		case reTrackColumn.MatchString(c):
			track = true
		case reActionColumn.MatchString(c):
			action = true
		case reTextColumn.MatchString(c):
			text = true
		}
	}
	return action && track || text && owner
}

// reActionLike is list-item text written as a follow-up: an imperative
// ("Add an alert …", "Document the restore"), or a commitment or need
// ("We will …", "We should …", "Need to …", "Make sure …").
var reActionLike = regexp.MustCompile(`(?i)^(?:(?:[a-z]+ ){1,3}(?:should|must|needs? to)\b|(?:we|i|the team|teams?)\s+(?:will|'ll|should|must|need to|have to|plan to|are going to|intend to|want to|could)\b|(?:(?:still )?need(?:s)? to|should|must|have to|make sure|don'?t|do not|never|always)\b|(?:` + strings.Join(actionVerbs, "|") + `)\b)`)

// actionVerbs are imperatives that open a follow-up written as an
// order: what teams write in action lists.
var actionVerbs = strings.Fields(`add adopt alert allow analy[sz]e apply archive assign audit automate avoid backport benchmark
	block build cap change check clarify clean communicate configure consider create decommission
	define delete deploy deprecate design detect develop disable document double-check drill educate
	enable encrypt enforce ensure escalate establish evaluate expand explore extend fix follow
	formali[sz]e gate harden hire implement improve include increase inform install instrument
	introduce investigate isolate keep label limit lock log look maintain make measure migrate monitor
	move notify page pin practi[cs]e prevent prioriti[sz]e profile provision publish purge rate-limit
	rearchitect reconsider reduce refactor rehearse remove rename replace require research reserve
	restrict retire review revise revisit rework rewrite rotate run scale schedule separate set shard
	share sign simplify split staff standardi[sz]e start stop switch tag test track train tune update
	upgrade use validate verify warn write`)

// reFiniteVerb is a finite verb: after an opening word it shows that
// word was a subject ("Deploy took an hour", "Test coverage was low"),
// not an imperative.
var reFiniteVerb = regexp.MustCompile(`(?i)^(?:is|was|were|are|has|had|have|did|does|didn't|wasn't|weren't|isn't|aren't|hasn't|took|went|worked|helped|failed|caused|made|got|came|saw|broke|showed|became|remained|seemed|felt|allowed|kept|led|gave|meant|missed|caught|triggered|fired|alerted|paged|ran|started|stopped|happened|occurred|succeeded|proved|turned|needed|could|would|can|will)$`)

// nounVerbs are imperatives that also open a sentence as nouns ("Test
// coverage was low", "Review process missed it").
var nounVerbs = map[string]bool{"test": true, "review": true, "change": true, "deploy": true, "log": true, "use": true,
	"run": true, "track": true, "check": true, "set": true, "scale": true, "design": true, "build": true, "update": true,
	"limit": true, "lock": true, "label": true, "tag": true, "page": true, "cap": true, "block": true, "drill": true,
	"audit": true, "monitor": true, "alert": true, "schedule": true, "fix": true, "switch": true, "share": true,
	"split": true, "start": true, "stop": true, "train": true, "profile": true, "research": true, "move": true,
	"backport": true, "release": true, "upgrade": true, "rewrite": true, "rework": true, "purge": true, "gate": true}

// isStatement reports whether a lesson that opens with an imperative
// is a statement whose subject is that word ("Deploy took too long").
func isStatement(t string) bool {
	w := strings.Fields(t)
	if len(w) < 2 {
		return false
	}
	strip := func(s string) string { return strings.Trim(s, ".,;:!?*_`()\"'") }
	if reFiniteVerb.MatchString(strip(w[1])) {
		return true // "Deploy took an hour"
	}
	if len(w) < 3 || !nounVerbs[strings.ToLower(strip(w[0]))] {
		return false
	}
	third := strip(w[2])
	return reFiniteVerb.MatchString(third) || strings.HasSuffix(third, "ed") // "Test coverage was low", "Review process missed it"
}

// reRegret is hindsight about the past, no follow-up: "we should have
// used …".
var reRegret = regexp.MustCompile(`(?i)\b(?:should|must|could|would)(?:n'?t| not)? have\b`)

// reItemNumber is the number before a numbered heading: "2. ", "3) ".
var reItemNumber = regexp.MustCompile(`^\s*(?:\d{1,3}(?:\.\d{1,3})*[.):]?|[ivx]{1,4}[.)])\s+`)

// lessonActions reads, for a document with no follow-ups anywhere
// else, the items of its lessons lists (in a lessons section, or after
// a paragraph that introduces lessons) that are written as follow-ups
// (imperatives, "we will", "we should", "… need to …"): lessons often
// list what to do next.
func lessonActions(blocks []block, kinds []sectionKind) []ActionItem {
	var out []ActionItem
	introduced := false // in a list a paragraph introduces as lessons
	for i, b := range blocks {
		if b.kind != blockItem {
			introduced = b.kind == blockPara && kinds[i] != secTimeline && introducesLessons(b.text)
		}
		if kinds[i] != secLessons && !(introduced && b.kind == blockItem) || b.kind != blockItem && (b.kind != blockHeading || b.hk != secOther) {
			continue // (a sub-heading of the lessons may name one)
		}
		t := strings.TrimSpace(b.text)
		if b.kind == blockHeading {
			t = strings.TrimSpace(reItemNumber.ReplaceAllString(t, ""))
		}
		if m := strings.ReplaceAll(strings.TrimLeft(t, "*_` "), "’", "'"); !reActionLike.MatchString(m) && !reLessonNeed.MatchString(firstSentence(m)) || reRegret.MatchString(m) || isStatement(m) || isMaxim(m) {
			continue
		}
		if a, ok := actionFrom(t, b.links, b.checked, b.struck); ok {
			out = append(out, a)
		}
	}
	return out
}

// reLessonNeed is a lesson that states what is to be done anywhere in
// its first sentence: "When a change merges, we need to deploy it",
// "Changes tested apart should be deployed apart".
var reLessonNeed = regexp.MustCompile(`(?i)\b(?:(?:we|i)(?: still| also)? (?:need|have) to|(?:we|i) (?:should|must)|(?:should|must|needs? to) be [a-z]+ed)\b`)

// reLessonsIntro is the end of a paragraph that introduces a list of
// lessons: "The lessons we take from this are as follows:", "Our key
// takeaways:".
var reLessonsIntro = regexp.MustCompile(`(?i)\b(?:lessons?|takeaways?|learnings?|what we(?: have|'ve)? learn(?:ed|t))\b[^.!?]*:$`)

// introducesLessons reports whether a paragraph ends by introducing a
// list of lessons.
func introducesLessons(t string) bool {
	return reLessonsIntro.MatchString(introTail(strings.TrimSpace(t)))
}

// firstSentence returns the first sentence of t.
func firstSentence(t string) string {
	if s := splitSentences(t); len(s) > 0 {
		return s[0]
	}
	return t
}

// reCommitSubject is who states a follow-up: "we", "I", "the team",
// "our infrastructure team".
const reCommitSubject = `(?:we|i|(?:the|our) (?:[a-z]+ ){0,2}(?:teams?|admins?|administrators?|engineers?|staff|maintainers?|developers?|sysadmins?|operators?|sres?|on-?call))(?:\s+|\b)` // ("we'll")

// reCommitLead is a connective that may open a sentence before the
// team states a follow-up ("Going forward, ", "Additionally, ").
const reCommitLead = `(?:(?:also|additionally|in addition|further|furthermore|finally|next|going forward|moving forward|in the future|in the coming (?:days|weeks|months)|from now on|as a result(?: of (?:this|the|that) [^,]{1,40})?|` + reOrdinalLead + `|` + reRemedyLead + `)(?:,\s*|\s+))?`

// reOrdinalLead is the connective of one of several changes listed in
// prose: "First, ", "Secondly, ", "To start with, ".
const reOrdinalLead = `(?:first(?:ly)?|first of all|first and foremost|second(?:ly)?|third(?:ly)?|lastly|to (?:start|begin) with)`

// reRemedyLead names what the team then states as a lasting remedy:
// "As a longer-term fix, ", "As a first step (next quarter), ". A
// temporary or quick fix is no follow-up and is not named.
const reRemedyLead = `as (?:a|an|the) (?:(?:more|longer|long|permanent|lasting|further|next|first|second|final|preventive|preventative|additional)(?:[- ]term)?\s+)*(?:solution|fix|remedy|measure|step|improvement)s?(?:\s*\([^()]{1,30}\))?`

// reOrdinalFuture is one of several changes listed in prose, its
// subject whatever the change is made to: "To start with, the clients
// will stop retrying …", "Secondly, every runner will get …".
const reOrdinalFuture = reOrdinalLead + `,\s*(?:[\w'’-]+\s+){1,5}(?:will|'ll)\s+(?:also\s+|now\s+|no longer\s+)?[a-z]+`

// reOrdinalOutlook is an ordinal over what someone will see or be able
// to do, no change: "First, users will be able to …", "Second, the
// jobs will need a restart".
var reOrdinalOutlook = regexp.MustCompile(`(?i)^` + reOrdinalLead + `,\s*(?:[\w'’-]+\s+){1,5}(?:will|'ll)\s+(?:be able|be unable|not|never|see|notice|experience|need|have to|receive|get|continue|remain|stay|be (?:back|up|down|online|offline|available|unavailable|restored|affected|impacted|notified|asked|required))\b`)

// rePurposeLead is a lead that makes whatever the team then says it did
// a follow-up: a purpose ("To prevent this from happening again, "), a
// follow-up ("As a precaution, "), or a time after the incident ("Since
// then, ").
const rePurposeLead = `(?:to (?:prevent|avoid|mitigate|reduce|address|improve|ensure|detect|catch|guard against|protect)[^,]{0,160}|as (?:a|an) (?:follow[- ]?up|next step|additional (?:measure|safeguard|step|precaution)|precaution|preventive measure|preventative measure)[^,]{0,60}|since then|(?:after|following) (?:this|the) (?:incident|outage|event|issue)),\s*`

// reFutureLead opens a sentence about what will be done from now on,
// whoever does it ("Going forward, deploys need a second review").
const reFutureLead = `(?:going forward|moving forward|in the future|from now on|next time|for future (?:incidents|releases|upgrades|deploy(?:ment)?s|changes))\s*,\s*`

// reAdvice is a follow-up written as advice: "It would be good to …",
// "Consider adding …", "Action items are tracked in …".
const reAdvice = `(?:it (?:would|will|might) (?:be (?:good|useful|wise|better|helpful|nice|worth)|help) to|it is (?:worth|advisable)|consider (?:adding|using|moving|introducing|implementing|automating|enabling|setting|making|switching|running|splitting|increasing|reducing|limiting|alerting|monitoring|documenting|writing|creating|building)|(?:the )?(?:action items?|follow[- ]?ups?|next steps|remaining (?:work|tasks)|tasks?) (?:are|is|will be|have been|were) (?:being )?(?:tracked|captured|recorded|listed|documented|filed|collected))\b`

// reCommitSentence is a sentence in which the team states a follow-up:
// a change it will make, is making or has made since ("We will add …",
// "We are working on …", "We have since moved …", "Going forward, we
// …", "To prevent this, we added …", "Our team is adding …").
var reCommitSentence = regexp.MustCompile(`(?i)^(?:` + reFutureLead + `\S|` + reAdvice + `|` + reOrdinalFuture + `|` + reThereWillBe + `|` + rePurposeLead + reCommitSubject + `(?:(?:have|'ve|has)\s+)?(?:also\s+|now\s+|since\s+)?[a-z]+|` +
	reCommitLead + `(?:[\w'’-]+\s+){1,8}(?:will|shall|is going to|are going to|is|are)\s+(?:also\s+|now\s+|then\s+|currently\s+)?(?:be|being)\s+` + reChangeVerbs + `|` +
	reCommitLead + reCommitSubject + `(?:have|'ve|has)\s+(?:also\s+|now\s+|since\s+|already\s+)*` + rePreventVerbs + `|` +
	reCommitLead + reCommitSubject + `(?:(?:will|'ll|shall|are(?: also)? going to|'re(?: also)? going to|(?:also )?plan to|intend to|are planning to|'re planning to|(?:still )?need to|should|must|want to|would like to|'d like to|aim to|hope to|(?:are|'re) looking to|(?:are|'re) (?:also )?considering)\s+(?:also\s+|now\s+|be\s+)?[a-z]+|(?:are|'re|is)\s+(?:also\s+|now\s+|currently\s+|actively\s+)*(?:working on|adding|implementing|introducing|building|creating|improving|reviewing|updating|changing|moving|migrating|evaluating|exploring|setting up|rolling out|writing|documenting|automating|investigating (?:ways|how|options)|putting|taking steps|making changes)|(?:have|'ve|has)\s+(?:since|now|also since|already)\s+[a-z]+))`)

// reThereWillBe is a follow-up stated with no one doing it: "There
// will be another approach looked into", "There will be more tests
// added".
const reThereWillBe = `(?:` + reCommitLead + `)there (?:will|shall|is going to|are going to) be (?:an?|another|some|more|further|additional|new)\s+(?:[\w'-]+\s+){0,4}(?:looked into|investigated|explored|evaluated|considered|added|implemented|introduced|put in place|reviewed|written|built|created|done|made|taken)\b`

// reChangeVerbs are the participles of a change made to prevent a
// recurrence: "added", "put in place", "rolled out".
const reChangeVerbs = `(?:added|implemented|introduced|put in place|deployed|enabled|set up|created|improved|increased|updated|changed|upgraded|migrated|automated|documented|configured|adjusted|extended|rolled out|written|built|moved|hardened|tightened|rotated|reviewed|audited|patched|replaced|switched|raised|lowered|reduced|established|begun|started|reworked|rewritten|refactored|instrumented|expanded)\b`

// rePreventVerbs are the participles of a lasting change, as in "we
// have added …": not those of a mitigation during the incident ("we've
// increased resources", "we have deployed a fix").
const rePreventVerbs = `(?:added|implemented|introduced|put in place|enabled|set up|created|improved|automated|documented|extended|written|built|hardened|tightened|reviewed|audited|established|begun|started|reworked|rewritten|refactored|instrumented|expanded)\b`

// reCommitNoiseAny is status-page language anywhere in a sentence: a
// fix being watched, updates promised.
var reCommitNoiseAny = regexp.MustCompile(`(?i)\b(?:monitoring (?:the )?(?:results|situation|fix|recovery|progress|closely)|continue to monitor|keep (?:you|everyone|users) (?:updated|posted|informed)|further updates?|(?:more|further) (?:details|information) (?:soon|to follow|as)|as soon as (?:possible|we know|more)|(?:implemented|deployed|applied|rolled out|released|pushed) (?:a |the )?(?:fix|patch|hotfix|workaround|mitigation)\b|(?:post|page|report|status|incident|article|notice|thread) (?:will|shall) be updated|\d{1,2}:\d{2}|\d{1,2} ?[ap]\.?m\b|tomorrow|tonight|this (?:morning|afternoon|evening|weekend)|in (?:the next |about |approximately )?\d+ (?:minutes|hours)|maintenance window|scheduled maintenance|updated (?:once|when|as soon|as we|with (?:more|further|any)))\b`)

// reCommitNoise is a stated intention that is no follow-up: telling the
// reader what the post will do, status updates, refunds, thanks.
var reCommitNoise = regexp.MustCompile(`(?i)^(?:[^,]*,\s*)?(?:we|i|the team|our [a-z ]*teams?)\s*(?:will|'ll|shall|are going to|'re going to|plan to|intend to|should|must|need to|want to|would like to|'d like to|hope to|aim to|are|'re|is)?\s*(?:also\s+|now\s+|be\s+|currently\s+|still\s+)?(?:see|explain|describe|discuss|cover|go (?:into|over|through)|look (?:at|into) (?:this|it|that) (?:in|below)|share|post|publish|provide (?:an? )?(?:update|more|further|additional)|update (?:this|you|the|our status)|(?:keep|let) (?:you|everyone|the community|users|our users|customers)|continu\w* (?:to )?(?:monitor|investigat)\w*|monitor\w* (?:the|this) situation|monitoring|working on (?:a |the )?(?:fix|resolution|issue|problem|it|this|restor\w*|resolv\w*|recover\w*|mitigat\w*|getting|bringing)\b|investigating|looking into (?:it|this|the (?:issue|problem|cause))|sharing|posting|providing|publishing|updating|let (?:you|everyone) know|notify|be in touch|reach out|contact|refund|credit|compensate|try (?:to|and) explain|start (?:by|with)|begin (?:by|with)|get (?:into|to)|talk about|walk (?:you )?through|dig into|take a (?:closer |deeper )?look|apologi[sz]e|thank|never|not|admit|confess|be honest|say|tell|note|mention|leave|spare|assume|guess|bet|remember|send (?:an? |out )?(?:e-?mail|update|notification|announcement|notice)|be (?:back|up|online|restored|available|fully|down|offline|unavailable|performing|doing|carrying out|restarting|rebooting|taking|transparent|open|clear)|give (?:you|our users|everyone|an? |some |more )|inform|clarify what|summari[sz]e|recap|outline)\b`)

// maxCommitments bounds the follow-ups read from prose sentences; a
// document that states more keeps those of its closing paragraphs.
const maxCommitments = 12

// commitmentSentences reads, for a document with no follow-ups
// anywhere else, the sentences of its prose (outside the timeline and
// the impact) in which the team states a follow-up it will make, is
// making or has made since; questions, quotes of what the post will
// explain and status-page promises of updates are not follow-ups.
func commitmentSentences(blocks []block, kinds []sectionKind) []ActionItem {
	var out []ActionItem
	lastHeading := -1
	for i, b := range blocks {
		if b.kind == blockHeading {
			lastHeading = i
		}
	}
	wentWell := wentWellBlocks(blocks)
	for i, b := range blocks {
		if i > lastHeading && b.kind == blockPara && reClosing.MatchString(strings.TrimSpace(b.text)) {
			break // a sign-off in the last section: a signature follows
		}
		if b.kind != blockPara || kinds[i] == secTimeline || kinds[i] == secImpact || wentWell[i] || len(b.text) > 3000 {
			continue
		}
		for _, s := range splitSentences(b.text) {
			s = strings.TrimSpace(s)
			if !statesFollowUp(s) {
				continue
			}
			for _, part := range splitCoordinated(s) {
				if a, ok := actionFrom(part, linksIn(part, b.links), -1, false); ok {
					out = append(out, a)
				}
			}
		}
	}
	if len(out) > maxCommitments {
		return out[len(out)-maxCommitments:]
	}
	return out
}

// statesFollowUp reports whether a sentence is one in which the team
// states a follow-up it will make, is making or has made since (see
// reCommitSentence); questions, regrets ("we should have …"), what
// the post will explain and status-page promises of updates are not.
func statesFollowUp(s string) bool {
	m := strings.ReplaceAll(s, "’", "'") // "We’ll"
	return len(s) <= 600 && !strings.HasSuffix(s, "?") && reCommitSentence.MatchString(m) && !notAFollowUp(m)
}

// notAFollowUp reports whether a sentence that reads like a commitment
// is none: what the post will explain, a status page's promise of
// updates, a regret ("we should have …").
func notAFollowUp(m string) bool {
	return reCommitNoise.MatchString(m) || reOrdinalOutlook.MatchString(m) || reCommitNoiseAny.MatchString(m) || reRegret.MatchString(m) || isUpdatePromise(m) || reUndoMitigation.MatchString(m)
}

// reUndoMitigation is the last step of the response stated as an
// intention: switching traffic back after a failover, or taking the
// incident's workaround out again ("We will fail back to the primary
// tonight", "We'll remove the temporary redirect once …"). It returns to
// the setup from before the incident; it is no follow-up.
var reUndoMitigation = regexp.MustCompile(`(?i)\b(?:(?:switch|fail|route|flip|cut)(?:ing)?\s+(?:(?:the|our|all|this|that|it|them|traffic|users|requests)\s+){0,2}(?:[\w.-]+\s+)?back\b|(?:revert|undo|remove|drop|disable|lift|roll back)(?:ing)?\s+(?:the|our|this|that)\s+(?:temporary\s+|interim\s+|emergency\s+)?(?:workaround|mitigation|redirect|failover|fallback)s?\b)`)

// reLessonCommit is a lesson that turns into a commitment anywhere in
// a sentence: "…, which we'll avoid going forward", "…, however we
// still need to be mindful of …".
var reLessonCommit = regexp.MustCompile(`(?i)\b(?:we|i)(?:'ll| will| shall| are going to|'re going to|(?: still| also)? (?:need to|should|must|have to|plan to|intend to))\s+(?:also\s+|now\s+|be\s+|try\s+(?:to\s+)?)?[a-z]+`)

// reWentWell is a normalised lessons sub-heading over what went well
// or what luck spared: "What worked", "What went right", "Where we got
// lucky", "Things that went well".
var reWentWell = regexp.MustCompile(`^(?:what (?:worked(?: well)?|went (?:well|right))|where we (?:got|were) lucky|things that (?:worked|went (?:well|right))|(?:the )?good(?: parts| things)?|positives|wins)$`)

// wentWellBlocks marks the blocks under a heading over what went well
// (reWentWell), down to the next heading of its level or above: what
// they state the team did or improved is no follow-up.
func wentWellBlocks(blocks []block) []bool {
	return blocksUnder(blocks, reWentWell.MatchString, false)
}

// reConditionOpen is a sentence that opens with a condition: what it
// then says the team should do waits on the condition ("Once the build
// is reproducible, we should …", "If this grows further, we'll …") and
// is a musing on the lesson, no follow-up.
var reConditionOpen = regexp.MustCompile(`(?i)^(?:once|if|when|whenever|until|as soon as|should (?:we|this|it))\b`)

// lessonCommitments reads the follow-ups a lessons section states as
// it draws each lesson under its own sub-heading: a lesson whose text
// commits the team to something is one follow-up (the sub-heading when
// it is written as an action, else the committing sentence). A lesson
// that only regrets ("we should have …") commits to nothing; lessons
// written as one list or as prose restate the follow-ups listed
// elsewhere more often than they add to them, and are not read here.
func lessonCommitments(blocks []block, kinds []sectionKind) []ActionItem {
	var out []ActionItem
	var sub *block // the lesson's sub-heading
	level := 0     // the lessons heading's level
	found := false // the lesson under sub has given its follow-up
	for i := range blocks {
		b := &blocks[i]
		if kinds[i] != secLessons {
			level, sub = 0, nil
			continue
		}
		if b.kind == blockHeading {
			switch {
			case b.hk == secLessons && (level == 0 || b.level <= level):
				level, sub = b.level, nil
			case level > 0 && b.level > level && reWentWell.MatchString(normHeadingLimited(b.text)):
				sub = nil // what went well: no lesson to act on
			case level > 0 && b.level > level:
				sub, found = b, false
			}
			continue
		}
		if b.kind != blockPara && b.kind != blockItem || len(b.text) > 3000 {
			continue
		}
		for _, s := range splitSentences(b.text) {
			s = strings.TrimSpace(s)
			m := strings.ReplaceAll(s, "’", "'")
			if sub == nil || found || len(s) > 600 || !statesFollowUp(s) && (!reLessonCommit.MatchString(m) || notAFollowUp(m) || reConditionOpen.MatchString(m)) {
				continue
			}
			t := s
			if h := strings.TrimSpace(reItemNumber.ReplaceAllString(sub.text, "")); reActionLike.MatchString(h) && !isStatement(h) {
				t = h // "3. Rehearse restores"
			}
			if a, ok := actionFrom(t, linksIn(t, append(sub.links, b.links...)), -1, false); ok {
				out = append(out, a)
				found = true
			}
		}
	}
	return out
}

// distinctActions drops an item whose words repeat an earlier item's
// (the same follow-up in a table and again in a checklist, or in two
// sections): a reader counts it once. The kept item takes the other's
// done mark and link when it has none.
func distinctActions(items []ActionItem) []ActionItem {
	if len(items) < 2 {
		return items
	}
	out := items[:0:0]
	at := make(map[string]int, len(items))
	for _, a := range items {
		key := actionKey(a.Text)
		if i, ok := at[key]; ok && key != "" {
			out[i].Done = out[i].Done || a.Done
			if out[i].Link == "" {
				out[i].Link = a.Link
			}
			continue
		}
		at[key] = len(out)
		out = append(out, a)
	}
	return out
}

// actionKey is an item's text folded to its lower-case words and
// numbers, for telling repeats apart from distinct items; of a table
// row, the first cell's (the others are its owner, status or date).
func actionKey(text string) string {
	text, _, _ = strings.Cut(text, " | ")
	return strings.Join(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// appendNewActions appends to out the items of more whose text is not
// already that of an item of out (read twice by two readings).
func appendNewActions(out, more []ActionItem) []ActionItem {
	for _, a := range more {
		if !slices.ContainsFunc(out, func(o ActionItem) bool { return o.Text == a.Text }) {
			out = append(out, a)
		}
	}
	return out
}

// reMarkedAction is a follow-up marked inline in prose or a list item
// outside an action-items section: "… Follow-up: a smoke test of the
// deploy shape.", "TODO: rotate the key", "Action item: …".
var reMarkedAction = regexp.MustCompile(`(?i)(?:^|[.!?;]\s+|\(\s*)(?:follow[- ]?up(?: action| item| task)?|action(?: item)?|todo|to ?do|next step)s?\s*:\s+(\S[^.!?;]{8,400})`)

// markedActions reads follow-ups marked inline ("Follow-up: …",
// "TODO: …") outside action-items sections, the timeline and code.
func markedActions(blocks []block, kinds []sectionKind, inActions []bool) []ActionItem {
	var out []ActionItem
	for i, b := range blocks {
		if inActions[i] || kinds[i] == secTimeline || b.kind != blockPara && b.kind != blockItem || len(b.text) > 3000 {
			continue
		}
		if !strings.Contains(b.text, ":") {
			continue
		}
		for _, m := range reMarkedAction.FindAllStringSubmatchIndex(b.text, -1) {
			t := strings.TrimSpace(b.text[m[2]:m[3]])
			if strings.Count(t, ")") > strings.Count(t, "(") { // "(TODO: …)"
				t = strings.TrimSpace(t[:strings.LastIndexByte(t, ')')])
			}
			if a, ok := actionFrom(t, linksIn(t, b.links), -1, false); ok {
				out = append(out, a)
			}
		}
	}
	return out
}

// reTracked says a follow-up is tracked in an issue: "(tracked in
// web #400)", "This is tracked as OPS-12", "followed up in #31". The
// groups hold the issue's number or key.
var reTracked = regexp.MustCompile(`(?i)\b(?:tracked|followed up) (?:in|as|under|by|via|with) [^.;()]{0,40}?(?:#(\d+)|\b([A-Z][A-Z0-9]+-\d+)\b|/issues/(\d+))`)

// trackedActions reads, outside action-items sections, the timeline
// and the root cause, each sentence that says what it describes is tracked in an
// issue as one follow-up, unless an item read already names that issue.
func trackedActions(blocks []block, kinds []sectionKind, inActions []bool, have []ActionItem) []ActionItem {
	var out []ActionItem
	for i, b := range blocks {
		if inActions[i] || kinds[i] == secTimeline || kinds[i] == secRootCause || b.kind != blockPara && b.kind != blockItem || len(b.text) > 3000 || !strings.Contains(b.text, "racked") && !strings.Contains(b.text, "ollowed") {
			continue
		}
		for _, sent := range splitSentences(b.text) {
			m := reTracked.FindStringSubmatch(sent)
			if m == nil || len(sent) > 600 || reRegret.MatchString(sent) {
				continue
			}
			ref := m[1] + m[2] + m[3]
			if namesIssue(have, ref) || namesIssue(out, ref) {
				continue
			}
			if a, ok := actionFrom(strings.TrimSpace(sent), linksIn(sent, b.links), -1, false); ok {
				out = append(out, a)
			}
		}
	}
	return out
}

// reIssueNumber finds the numbers and keys of issues in a text.
var reIssueNumber = regexp.MustCompile(`#(\d+)|\b([A-Z][A-Z0-9]+-\d+)\b|/(?:issues|pull)/(\d+)`)

// namesIssue reports whether an item's text or link names issue ref.
func namesIssue(items []ActionItem, ref string) bool {
	for _, a := range items {
		for _, m := range reIssueNumber.FindAllStringSubmatch(a.Text+" "+a.Link, -1) {
			if m[1]+m[2]+m[3] == ref {
				return true
			}
		}
	}
	return false
}

// reCoordinated is where a sentence joins one more action to the one
// before: ", and add …", "; document …", " and rotate …" — a comma,
// semicolon or "and" followed by an imperative.
var reCoordinated = regexp.MustCompile(`(?i)(?:,\s*(?:and\s+|as well as\s+)?(?:also\s+)?|;\s*(?:and\s+)?|\s+and\s+(?:also\s+)?)(?:(?:we\s+)?(?:will|'ll|shall)\s+(?:also\s+)?)?(?:` + strings.Join(actionVerbs, "|") + `|give|experiment|continue|get|take|bring|put|write|talk|reach|work)\b`)

// minConjunctWords is how long the part before a joined action must be
// for the join to split two actions: the sentence's opening with its
// subject ("We will add an alert"), then each joined verb phrase.
const (
	minFirstConjunctWords = 4
	minConjunctWords      = 2
)

// reSubordinate opens a clause of purpose, reason or time inside the
// part before a join ("…, so we can respond faster, and bring …", "…
// as we grow, and move …"): the joined verb may go on that clause as
// well as the action, so the sentence is not split there.
var reSubordinate = regexp.MustCompile(`(?i)(?:,\s*|\s)(?:so(?: that)?\s+(?:we|they|it|you|users|customers|the|our)|in order to|as (?:we|they|it|you)|because|while|until|once|when|which)\s`)

// particles end a phrasal verb: "set up and configure" is one action.
var particles = map[string]bool{"up": true, "out": true, "in": true, "on": true, "off": true, "down": true,
	"over": true, "back": true, "through": true, "and": true, "or": true}

// splitCoordinated splits a sentence that states several follow-ups
// joined by commas or "and" before an imperative ("We will add an alert,
// document the restart and rotate the keys") into one part each; the
// first part keeps the sentence's opening.
func splitCoordinated(s string) []string {
	var out []string
	rest := s
	for {
		loc := reCoordinated.FindStringIndex(rest)
		if loc == nil {
			break
		}
		head := strings.TrimSpace(rest[:loc[0]])
		words := strings.Fields(head)
		least := minConjunctWords
		if len(out) == 0 {
			least = minFirstConjunctWords
		}
		if len(words) < least || particles[strings.ToLower(words[len(words)-1])] || strings.Count(head, "(") != strings.Count(head, ")") || reSubordinate.MatchString(head) {
			break
		}
		out = append(out, head)
		// the joined part starts at the verb
		verb := loc[1] - len(reCoordinatedVerb(rest[loc[0]:loc[1]]))
		rest = rest[verb:]
	}
	return append(out, strings.TrimSpace(rest))
}

// reCoordinatedVerb returns the verb that ends a match of
// reCoordinated.
func reCoordinatedVerb(m string) string {
	f := strings.Fields(m)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
