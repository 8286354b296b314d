package corpus

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// maxFrontMatter bounds the size of a frontmatter block: anything longer
// is not metadata, and the bound keeps YAML decoding cheap.
const maxFrontMatter = 64 << 10

// frontMatter holds decoded frontmatter with lower-cased keys.
type frontMatter map[string]any

// fmFormats are the frontmatter formats understood, decoded with yaml.v3
// (which refuses alias bombs) rather than the library's yaml.v2 default.
var fmFormats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", yaml.Unmarshal),
	frontmatter.NewFormat("---yaml", "---", yaml.Unmarshal),
	frontmatter.NewFormat("+++", "+++", unmarshalTOML),
	frontmatter.NewFormat("---toml", "---", unmarshalTOML),
	frontmatter.NewFormat(";;;", ";;;", json.Unmarshal),
	frontmatter.NewFormat("---json", "---", json.Unmarshal),
}

// unmarshalTOML decodes a TOML block, turning a panic inside the decoder
// into an error: fuzzing found inputs on which BurntSushi/toml v0.3.1
// panicked, and one bad file must never stop a walk of the corpus.
func unmarshalTOML(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("toml: %v", r)
		}
	}()
	return toml.Unmarshal(data, v)
}

// splitFrontMatter separates a leading frontmatter block from text (which
// has LF line endings and no BOM). It finds the block's end itself, so an
// unclosed `---` block is not silently read as the whole document: then
// only the leading `key: value` lines are taken as metadata. Frontmatter
// that cannot be decoded is dropped and the body still parsed; the
// returned note says why, for callers that want to report it.
func splitFrontMatter(text string) (fm frontMatter, body string, note string) {
	start := 0
	for start < len(text) && (text[start] == '\n' || text[start] == ' ' || text[start] == '\t') {
		start++
	}
	first, rest, _ := strings.Cut(text[start:], "\n")
	first = strings.TrimSpace(first)
	var end string
	switch first {
	case "---", "---yaml", "---toml", "---json":
		end = "---"
	case "+++":
		end = "+++"
	case ";;;":
		end = ";;;"
	case "{":
		return splitJSONFrontMatter(text[start:])
	default:
		if strings.HasPrefix(first, "{") {
			return splitJSONFrontMatter(text[start:])
		}
		return nil, text, ""
	}
	// Find the closing delimiter line.
	off := 0
	closed := -1
	for off <= len(rest) && off < maxFrontMatter {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if strings.TrimSpace(line) == end || (end == "---" && strings.TrimSpace(line) == "...") {
			closed = off
			break
		}
		off += len(line) + 1
	}
	firstLine := strings.Count(text[:start], "\n") + 2 // the line after the opening delimiter
	if closed < 0 {
		if first != "---" {
			return nil, text, fmt.Sprintf("line %d: unclosed frontmatter ignored", firstLine-1)
		}
		return salvageFrontMatter(rest, firstLine)
	}
	afterEnd := closed + len(strings.SplitN(rest[closed:], "\n", 2)[0]) + 1
	if afterEnd > len(rest) {
		afterEnd = len(rest)
	}
	block := first + "\n" + rest[:closed] + end + "\n"
	body = rest[afterEnd:]
	var raw map[string]any
	if strings.TrimSpace(rest[:closed]) == "" {
		return nil, body, ""
	}
	if _, err := frontmatter.Parse(strings.NewReader(block), &raw, fmFormats...); err != nil || raw == nil {
		if first == "---" {
			fm, text, note := salvageFrontMatter(rest[:closed], firstLine)
			if proseBlock(text) {
				// The dashes were a rule over the document itself
				// ("---", a heading, paragraphs, "---"): its text is
				// the body, not metadata to drop.
				body = text + "\n" + body
				if len(fm) == 0 {
					return nil, body, ""
				}
			}
			if !strings.Contains(note, "malformed") {
				note = fmt.Sprintf("line %d: malformed frontmatter: %v", firstLine-1, err)
			}
			return fm, body, note
		}
		return nil, body, fmt.Sprintf("line %d: malformed frontmatter: %v", firstLine-1, err)
	}
	fm = lowerKeys(raw)
	if end == "---" {
		keepWrittenMidnight(fm, rest[:closed])
	}
	return fm, body, ""
}

// reYAMLClockLine is a top-level YAML key whose value is a day with a
// time of day, separated by a space or a "T": "date: 2031-04-02 00:00:00".
var reYAMLClockLine = regexp.MustCompile(`(?m)^([\w-]+):[ \t]*(\d{4}-\d\d-\d\d[ tT]\d\d?:\d\d(?::\d\d(?:\.\d+)?)?(?:[ \t]*(?:Z|[+-]\d\d?(?::?\d\d)?))?)[ \t]*(?:#.*)?$`)

// keepWrittenMidnight keeps the written text of a YAML timestamp whose
// time of day is midnight. yaml.v3 decodes "2031-04-02 00:00:00" and
// "2031-04-02" to the same value, yet only the first states a time: a
// status page's "date: … 00:00:00" beside its "resolvedWhen:" is when
// the outage began, not a day.
func keepWrittenMidnight(fm frontMatter, block string) {
	for _, m := range reYAMLClockLine.FindAllStringSubmatch(block, -1) {
		k := strings.ToLower(m[1])
		if t, ok := fm[k].(time.Time); ok && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			fm[k] = m[2]
		}
	}
}

// proseBlock reports whether text, what a frontmatter block holds
// besides its leading key: value lines, is a document's own text: a
// Markdown heading and at least one line of prose (eight words or
// more), not leftover YAML.
func proseBlock(text string) bool {
	heading, prose := false, false
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case reProseHeading.MatchString(t):
			heading = true
		case len(strings.Fields(t)) >= 8 && !reYAMLKey.MatchString(t):
			prose = true
		}
	}
	return heading && prose
}

var (
	// reProseHeading is an ATX heading with words after its marks.
	reProseHeading = regexp.MustCompile(`^#{1,6}\s+\pL`)
	// reYAMLKey is a line that opens with a YAML key or list item.
	reYAMLKey = regexp.MustCompile(`^(?:-\s+)?[\w.-]+:(?:\s|$)`)
)

// splitJSONFrontMatter takes a leading JSON object as frontmatter when it
// decodes; otherwise the text has none.
func splitJSONFrontMatter(text string) (frontMatter, string, string) {
	limit := text
	if len(limit) > maxFrontMatter {
		limit = limit[:maxFrontMatter]
	}
	dec := json.NewDecoder(strings.NewReader(limit))
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil || raw == nil {
		return nil, text, ""
	}
	return lowerKeys(raw), text[dec.InputOffset():], ""
}

// salvageFrontMatter reads the leading `key: value` lines of an unclosed
// or undecodable YAML block one by one; everything from the first line
// that is not one is body. A value with an unclosed quote or bracket
// ("[SEV1") is left out, so the body's own heading and fields stand in
// for it; the note names its line (firstLine is the line number of
// rest's first line).
func salvageFrontMatter(rest string, firstLine int) (frontMatter, string, string) {
	fm := frontMatter{}
	off := 0
	bad := ""
	for n := 0; off < len(rest); n++ {
		line, _, _ := strings.Cut(rest[off:], "\n")
		t := strings.TrimSpace(line)
		if t == "" {
			off += len(line) + 1
			break
		}
		k, v, ok := strings.Cut(t, ":")
		k = strings.TrimSpace(k)
		if !ok || k == "" || len(k) > 40 || strings.ContainsAny(k, " #*[]{}<>") && !strings.Contains(k, "_") {
			if strings.HasPrefix(t, "- ") && len(fm) > 0 {
				off += len(line) + 1
				continue
			}
			break
		}
		v = strings.TrimSpace(v)
		if why := malformedValue(v); why != "" {
			if bad == "" {
				bad = fmt.Sprintf("line %d: malformed frontmatter value for %q (%s): read the body's own heading and fields", firstLine+n, strings.ToLower(k), why)
			}
		} else if v = strings.Trim(v, `"'`); v != "" {
			fm[strings.ToLower(k)] = v
		}
		off += len(line) + 1
	}
	if off > len(rest) {
		off = len(rest)
	}
	if bad != "" {
		if len(fm) == 0 {
			fm = nil
		}
		return fm, rest[off:], bad
	}
	if len(fm) == 0 {
		return nil, rest, fmt.Sprintf("line %d: unclosed frontmatter", firstLine-1)
	}
	return fm, rest[off:], fmt.Sprintf("line %d: unclosed frontmatter: read its leading key: value lines", firstLine-1)
}

// malformedValue says why a one-line YAML value cannot be right: an
// unclosed quote or bracket, or "" when it is well formed.
func malformedValue(v string) string {
	if v == "" {
		return ""
	}
	switch q := v[0]; q {
	case '"', '\'':
		if len(v) < 2 || v[len(v)-1] != q {
			return "unclosed quote"
		}
		return ""
	}
	if strings.Count(v, "[") != strings.Count(v, "]") {
		return "unclosed bracket"
	}
	if strings.Count(v, "{") != strings.Count(v, "}") {
		return "unclosed brace"
	}
	return ""
}

func lowerKeys(m map[string]any) frontMatter {
	fm := make(frontMatter, len(m))
	for k, v := range m {
		fm[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return fm
}

// str returns the first of keys that holds a scalar, as a string.
func (fm frontMatter) str(keys ...string) string {
	for _, k := range keys {
		v, ok := fm[k]
		if !ok || v == nil {
			continue
		}
		if s := scalarString(v); s != "" {
			return s
		}
	}
	return ""
}

// list returns the first of keys that holds a list or a comma-separated
// string, as strings.
func (fm frontMatter) list(keys ...string) []string {
	for _, k := range keys {
		v, ok := fm[k]
		if !ok || v == nil {
			continue
		}
		var out []string
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if s := scalarString(e); s != "" {
					out = append(out, s)
				} else if m, ok := e.(map[string]any); ok { // "- name: x"
					for _, k := range []string{"name", "title", "value"} {
						if s := scalarString(m[k]); s != "" {
							out = append(out, s)
							break
						}
					}
				}
			}
		case string:
			for _, p := range strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ';' }) {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		default:
			if s := scalarString(x); s != "" {
				out = append(out, s)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// scalarString renders a decoded scalar; maps and lists give "".
func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Location() == time.UTC {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case fmt.Stringer:
		return x.String()
	}
	return ""
}

// fmUpdate is one status update a status page keeps in its
// frontmatter: its status word, its message and its own time, a decoded
// timestamp or the written value (nil when it has none).
type fmUpdate struct {
	status, message string
	when            any
}

// maxFMUpdates bounds the updates read from one frontmatter list.
const maxFMUpdates = 500

// fmUpdateKeys are the frontmatter keys (lower-cased) status-page
// themes keep their update log under.
var fmUpdateKeys = []string{"incident_states", "incident_updates", "updates", "status_updates", "update_log",
	"updates_log", "incident_history", "history", "states", "timeline", "incident_timeline"}

// Keys of one update: its status, its message and its time.
var (
	fmUpdateStatusKeys  = []string{"status", "state"}
	fmUpdateMessageKeys = []string{"content", "message", "body", "text", "description"}
	fmUpdateTimeKeys    = []string{"date", "time", "timestamp", "datetime", "at", "when", "posted", "created_at", "updated_at"}
)

// statusUpdates reads a status page's update log kept in frontmatter:
// the first list under an update-log key (fmUpdateKeys) whose entries
// are objects with a status and a message. An entry with neither a
// message nor a time says nothing and is left out.
func (fm frontMatter) statusUpdates() []fmUpdate {
	for _, k := range fmUpdateKeys {
		list, ok := fm[k].([]any)
		if !ok {
			continue
		}
		var out []fmUpdate
		messages := false
		for _, e := range list {
			m, ok := e.(map[string]any)
			if !ok {
				out = nil
				break
			}
			u := fmUpdate{status: fieldString(m, fmUpdateStatusKeys), message: fieldString(m, fmUpdateMessageKeys)}
			for _, tk := range fmUpdateTimeKeys {
				if v := fieldValue(m, tk); v != nil && scalarString(v) != "" {
					u.when = v
					break
				}
			}
			if u.status == "" || u.message == "" && u.when == nil {
				continue
			}
			messages = messages || u.message != ""
			if len(out) < maxFMUpdates {
				out = append(out, u)
			}
		}
		if messages {
			return out
		}
	}
	return nil
}

// fieldValue is the value of key in a decoded object, whatever the case
// of its key.
func fieldValue(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(strings.TrimSpace(k), key) {
			return v
		}
	}
	return nil
}

// fieldString is the first of keys that holds a scalar in a decoded
// object, as one line of text.
func fieldString(m map[string]any, keys []string) string {
	for _, k := range keys {
		if s := normSpace(scalarString(fieldValue(m, k))); s != "" {
			return s
		}
	}
	return ""
}
