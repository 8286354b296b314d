package corpus

import "strings"

// metaKeys maps normalised metadata keys to the record field they fill.
var metaKeys = map[string]string{
	"title": "title", "subject": "title", "incident title": "title", "incident name": "title",
	"severity": "severity", "sev": "severity", "priority": "severity", "incident severity": "severity",
	"severity level": "severity", "incident level": "severity", "impact level": "severity",
	"services": "services", "service": "services", "services affected": "services", "affected services": "services",
	"service s": "services", "systems affected": "services", "affected systems": "services", "systems": "services",
	"components": "services", "affected components": "services", "components affected": "services",
	"author": "authors", "authors": "authors", "author s": "authors", "written by": "authors",
	"owner": "authors", "owners": "authors", "prepared by": "authors", "postmortem owner": "authors",
	"organization": "organization", "organisation": "organization", "company": "organization",
	"date": "date", "incident date": "date", "date of incident": "date", "date of outage": "date", "outage date": "date",
}

// headerTitleKeys are the fields of a document's header (a table or
// key lines before its first section) that name the incident: "Event",
// "Incident", "Incident event".
var headerTitleKeys = map[string]bool{"event": true, "incident": true, "event name": true, "incident event": true}

// keyLines collects the first value of each metadata key stated as a
// "Key: value" line, a bold-key bullet or a two-column table row.
func keyLines(blocks []block) map[string]string {
	out := map[string]string{}
	sectioned := false // a known section has begun: the header is over
	for i, b := range blocks {
		if i > 400 {
			break
		}
		if b.kind == blockHeading && b.hk != secOther {
			sectioned = true
		}
		var key, val string
		switch b.kind {
		case blockPara, blockItem:
			var ok bool
			if key, val, ok = splitKeyLine(b.text); !ok {
				continue
			}
		case blockRow:
			if len(b.cells) != 2 || b.header {
				continue
			}
			key, val = strings.TrimRight(b.cells[0], ": "), b.cells[1]
		default:
			continue
		}
		k := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if r == '(' || r == ')' || r == '_' || r == '-' || r == '/' {
				return ' '
			}
			return r
		}, strings.ToLower(key))), " ")
		field, ok := metaKeys[k]
		if !ok && !sectioned && out["title"] == "" && headerTitleKeys[k] {
			// a header table's "Event" or "Incident" field names the
			// incident, where it is a name and not an id
			if v := strings.TrimSpace(strings.ReplaceAll(val, "`", "")); v != "" && !meaningless(v) && len(v) <= 140 {
				out["title"] = v
			}
			continue
		}
		if k == "subject" || k == "from" || k == "to" {
			out["email"] = "yes" // mail headers: "Date:" is when it was sent
		}
		if k == "from" && out["mail domain"] == "" {
			out["mail domain"] = mailOrg(val)
		}
		if ok && field == "date" && out["date"] != "" && out["email"] != "" && out["body date"] == "" {
			// a second Date: line in a mail is the incident's
			out["body date"] = strings.TrimSpace(val)
			continue
		}
		if !ok || out[field] != "" {
			continue
		}
		if val = strings.TrimSpace(strings.Trim(val, "*_` ")); val != "" {
			out[field] = val
		}
	}
	return out
}

// isMetaLine reports whether a block is a "Key: value" metadata line
// rather than prose.
func isMetaLine(text string) bool {
	key, _, ok := splitKeyLine(text)
	if !ok {
		return false
	}
	k := strings.ToLower(key)
	_, ok = metaKeys[k]
	return ok || k == "from" || k == "to" || k == "sent" || k == "cc"
}

// splitKeyLine splits "Key: value" (optionally a bullet) where the key is
// a short run of letters, spaces and ()/_- and the value is not empty.
func splitKeyLine(text string) (key, val string, ok bool) {
	i := strings.IndexAny(text, ":=")
	if i <= 0 || i > 48 {
		return "", "", false
	}
	key = strings.TrimSpace(strings.TrimLeft(text[:i], "-*• \t"))
	val = strings.TrimSpace(text[i+1:])
	if len(key) < 2 || val == "" || len(val) > 300 {
		return "", "", false
	}
	if c := key[0] | 0x20; c < 'a' || c > 'z' {
		return "", "", false
	}
	for j := 0; j < len(key); j++ {
		c := key[j]
		if !(isLetter(c) || c == ' ' || c == '(' || c == ')' || c == '/' || c == '_' || c == '-') {
			return "", "", false
		}
	}
	return key, val, true
}

// splitList splits "a, b and c" into items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		for _, q := range strings.Split(p, " and ") {
			if q = strings.Trim(strings.TrimSpace(q), "*_`."); q != "" && len(q) < 80 {
				out = append(out, q)
			}
		}
	}
	return out
}

// webmail domains say nothing about the sender's organization.
var webmail = map[string]bool{"gmail": true, "googlemail": true, "outlook": true, "hotmail": true, "yahoo": true,
	"icloud": true, "me": true, "proton": true, "protonmail": true, "fastmail": true, "aol": true, "gmx": true,
	"mail": true, "live": true, "msn": true, "yandex": true, "zoho": true}

// mailOrg names the organization of a "From:" address by its domain:
// "Sofia <sofia@quillstack.example>" gives "Quillstack".
func mailOrg(from string) string {
	at := strings.LastIndexByte(from, '@')
	if at < 0 {
		return ""
	}
	domain := strings.ToLower(strings.TrimRight(from[at+1:], "> \t"))
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return ""
	}
	name := labels[len(labels)-2]
	if len(labels) >= 3 && len(name) <= 3 { // example.co.uk
		name = labels[len(labels)-3]
	}
	if name == "" || webmail[name] || !isLetter(name[0]) {
		return ""
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
