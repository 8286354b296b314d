package corpus

import (
	"regexp"
	"strings"
)

// Question-and-answer incident templates, common on wikis, ask their
// fields as questions ("How long was there a visible outage?", "What
// was the root cause?") and answer each in the list item nested under
// it, or on the next line. The answer is the field's value; the
// question itself states nothing.

// isQuestion reports whether a sentence or line asks a question: it
// ends in a question mark (before closing emphasis, quotes or
// brackets).
func isQuestion(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, " \t*_)]\"'”’"), "?")
}

// qaPair is a question block and the blocks that answer it; inline is
// the answer written on the question's own line after its question
// mark, when there is one.
type qaPair struct {
	q      int
	ans    []int
	inline string
}

// question is the question a qaPair asks, without its inline answer.
func (p qaPair) question(blocks []block) string {
	t := blocks[p.q].text
	if p.inline != "" {
		if i := strings.IndexByte(t, '?'); i >= 0 {
			return t[:i+1]
		}
	}
	return t
}

// answer is the text of a qaPair's answer, one line per block.
func (p qaPair) answer(blocks []block) string {
	if p.inline != "" {
		return p.inline
	}
	parts := make([]string, 0, len(p.ans))
	for _, i := range p.ans {
		parts = append(parts, blockText(blocks[i]))
	}
	return strings.Join(parts, "\n")
}

// questionAnswers finds the question-and-answer pairs of a document: a
// list item that asks a question with the items nested under it; a
// line (paragraph) that asks one with the paragraph or list under it;
// or a line that asks one and answers it after its question mark.
func questionAnswers(blocks []block) []qaPair {
	var out []qaPair
	for i, b := range blocks {
		if b.kind != blockItem && b.kind != blockPara {
			continue
		}
		if !isQuestion(b.text) {
			if j := strings.IndexByte(b.text, '?'); j > 0 && j < 160 {
				if rest := strings.TrimSpace(strings.TrimLeft(b.text[j+1:], "*_:-–— ")); rest != "" && (reCauseQuestion.MatchString(b.text[:j+1]) || reDurationQuestion.MatchString(b.text[:j+1])) {
					out = append(out, qaPair{q: i, inline: rest})
				}
			}
			continue
		}
		p := qaPair{q: i}
		switch b.kind {
		case blockItem:
			for j := i + 1; j < len(blocks) && blocks[j].kind == blockItem && blocks[j].level > b.level; j++ {
				p.ans = append(p.ans, j)
			}
		case blockPara:
			for j := i + 1; j < len(blocks); j++ {
				n := blocks[j]
				if n.kind == blockItem && (j == i+1 || len(p.ans) > 0 && blocks[p.ans[0]].kind == blockItem) {
					p.ans = append(p.ans, j)
					continue
				}
				if n.kind == blockPara && j == i+1 && !isQuestion(n.text) {
					p.ans = append(p.ans, j)
				}
				break
			}
		}
		if len(p.ans) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// reCauseQuestion finds a question that asks what caused the incident:
// "What was the root cause?", "What caused the outage?", "Why did this
// happen?", "Was it caused by human error, load or something unknown?".
// ("Was the cause preventable?" asks something else.)
var reCauseQuestion = regexp.MustCompile(`(?i)^\W*(?:what (?:was|were|is|are) the (?:\w+ ){0,2}?(?:root[- ]?)?(?:causes?|reasons?|triggers?)\b[^?]{0,60}\?|what (?:\w+ )?(?:caused|triggered)\b[^?]{0,60}\?|why did (?:this|it|that|the (?:\w+ ){0,2}?(?:outage|incident|issue|problem|failure|error|breakage)) (?:happen|occur)\b[^?]{0,40}\?|how did (?:this|it|that) happen\b[^?]{0,40}\?|(?:was|were|is) (?:it|this|that|the (?:\w+ ){0,2}?(?:outage|incident|issue|problem|failure|downtime)) caused by\b[^?]{0,120}\?)`)

// reDurationQuestion finds a question that asks how long the outage
// lasted: "How long was there a visible outage?", "What was the
// duration?"; not how long it took to notice or answer it.
var reDurationQuestion = regexp.MustCompile(`(?i)^\W*(?:how long (?:was|were|did|has|had|is)\b|(?:what|how) (?:was|is) the (?:total )?(?:duration|downtime|length of (?:the )?(?:outage|incident|downtime|impact))\b)[^?]{0,80}\?`)

// reNotOutageLength are the spans a duration question may ask that are
// not the outage's length.
var reNotOutageLength = regexp.MustCompile(`(?i)\b(?:detect|notic|respond|acknowledg|alert|pag|identif|diagnos|investigat|escalat|review|writ|understand|find|found)\w*`)

// reNoAnswer is an answer that says nothing: "No", "N/A", "Unknown".
var reNoAnswer = regexp.MustCompile(`(?i)^\W*(?:yes|no|n/?a|none|nothing|unknown|not known|unsure|not sure|unclear|tbd|tbc|todo|to be determined|-+|\?+)\W*$`)

// reYesNo is a yes or no before an answer that goes on: "Yes, removing
// the extension".
var reYesNo = regexp.MustCompile(`(?i)^\W*(?:yes|no)\b[,.;:–—-]*\s*`)

// qaCause returns the cause a question-and-answer template states in
// answer to a cause question, or "".
func qaCause(blocks []block, pairs []qaPair) string {
	var out []string
	for _, p := range pairs {
		if !reCauseQuestion.MatchString(p.question(blocks)) {
			continue
		}
		a := strings.TrimSpace(p.answer(blocks))
		if a == "" || reNoAnswer.MatchString(a) || reUnknownCause.MatchString(a) || isQuestion(a) {
			continue
		}
		a = reYesNo.ReplaceAllString(a, "")
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return strings.Join(out, "\n")
}

// qaDuration returns the duration in minutes a question-and-answer
// template states in answer to a duration question.
func qaDuration(blocks []block, pairs []qaPair) (int, bool) {
	for _, p := range pairs {
		q := p.question(blocks)
		if !reDurationQuestion.MatchString(q) || reNotOutageLength.MatchString(q) {
			continue
		}
		for _, line := range strings.Split(p.answer(blocks), "\n") {
			if d, ok := keyDuration(line); ok {
				return d, true
			}
			if d, ok := parseDuration(line, false); ok {
				return d, true
			}
			if d, ok := clockRange(line); ok {
				return d, true
			}
		}
	}
	return 0, false
}

// dropQuestions removes the sentences of text that ask a question: a
// question states no cause and is no evidence of one.
func dropQuestions(text string) string {
	if !strings.Contains(text, "?") {
		return text
	}
	lines := strings.Split(text, "\n")
	out := lines[:0:0]
	for _, line := range lines {
		if !strings.Contains(line, "?") {
			out = append(out, line)
			continue
		}
		var kept []string
		for _, s := range splitSentences(line) {
			if !isQuestion(s) {
				kept = append(kept, strings.TrimSpace(s))
			}
		}
		if len(kept) > 0 {
			out = append(out, strings.Join(kept, " "))
		}
	}
	return strings.Join(out, "\n")
}
