package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxCauseSentences bounds the root-cause text taken from prose.
const maxCauseSentences = 3

// reCausal finds sentences that state a cause.
var reCausal = regexp.MustCompile(`(?i)\b(?:root[- ]cause|caused by|was caused|were caused|is caused|due to|because of|because the|because our|because we|because it|as a result of|resulted from|result of a|the cause|triggered by|stemmed from|stems from|the reason (?:was|is|for)|underlying (?:issue|problem|cause) (?:was|is)|turned out to be|the culprit|traced (?:back )?to|because|caused|causing|led to|leading to|result(?:ed|ing) in|which (?:broke|meant))\b`)

// splitSentences splits text into sentences at ., ! or ? followed by
// white space and a capital letter, digit or quote, and at line ends.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < len(line) && (line[j] == '"' || line[j] == ')' || line[j] == '\'') {
				j++
			}
			if j >= len(line) || line[j] != ' ' {
				continue
			}
			k := j
			for k < len(line) && line[k] == ' ' {
				k++
			}
			if k >= len(line) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(line[k:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '(' {
				// not after a short abbreviation like "e.g." or "approx."
				word := line[strings.LastIndexByte(line[:i], ' ')+1 : i]
				if len(word) <= 2 && strings.Contains(word, ".") {
					continue
				}
				if s := strings.TrimSpace(line[start:j]); s != "" {
					out = append(out, s)
				}
				start = k
			}
		}
		if s := strings.TrimSpace(line[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// causalSentences returns up to maxCauseSentences sentences of text that
// state a cause, in order.
func causalSentences(text string) string {
	var out []string
	for _, s := range splitSentences(text) {
		if reCausal.MatchString(s) {
			out = append(out, s)
			if len(out) == maxCauseSentences {
				break
			}
		}
	}
	return strings.Join(out, " ")
}
