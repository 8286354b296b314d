package corpus

import "regexp"

// reUpdatePromise is a status update's promise of more news, which is
// no follow-up however it is worded: "We will update as soon as we have
// more information", "I'll respond with updates when I know more",
// "We'll post an update in 30 minutes", "We will share more details once
// we have them".
var reUpdatePromise = regexp.MustCompile(`(?i)\b(?:(?:update|respond|reply|report back|get back|circle back|follow up|be back|(?:provide|post|share|send) (?:an? |more |further )?(?:updates?|information|info|details|news))(?:\s+(?:to\s+)?(?:you|everyone|all|users|customers|here|again|this (?:page|post|thread|incident)))?(?:\s+with\s+(?:more\s+|further\s+|any\s+|an?\s+|new\s+)?(?:updates?|information|info|details|news))?\s+(?:as soon as|once|when|after)\s+(?:we|i)\s+(?:have|know|learn|get|hear|find out|receive)\b|(?:as soon as|once|when)\s+(?:we|i)\s+(?:have|know|learn|get|hear|find out)\s+(?:more|anything|further|additional|new)\b|(?:post|share|provide|send|give|publish)\w*\s+(?:an?\s+|another\s+|the\s+next\s+|further\s+|more\s+)?(?:updates?|more (?:information|info|details))\b[^.!?]{0,30}?\b(?:in|within|every)\s+(?:the next\s+)?(?:\d+|an?|one|two|few)\s+(?:minutes?|mins?|hours?|hrs?)\b)`)

// isUpdatePromise reports whether a sentence promises more news rather
// than a follow-up.
func isUpdatePromise(s string) bool {
	return reUpdatePromise.MatchString(s)
}

// reMaxim is a lesson stated as a rule of conduct ("Never run two
// validators with one key", "Always test restores", "Don't deploy on
// Fridays"): what the team learned, not a task it set itself.
var reMaxim = regexp.MustCompile(`(?i)^[*_\s]*(?:never|always|don'?t|do not)\b`)

// isMaxim reports whether a lesson is a rule of conduct.
func isMaxim(s string) bool {
	return reMaxim.MatchString(s)
}
