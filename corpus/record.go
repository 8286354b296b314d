package corpus

import "time"

// Format names, as stored in Record.Format.
const (
	FormatMarkdown = "markdown"
	FormatText     = "text"
	FormatHTML     = "html"
)

// Category sources, as stored in Category.Source.
const (
	SourceFrontmatter = "frontmatter"
	SourceRules       = "rules"
	SourceModel       = "model"
)

// Record is one postmortem, parsed. Its JSON field names are fixed: the
// command-line tools, the index and the evaluation scripts read them.
type Record struct {
	// ID is stable across runs: the frontmatter id/uuid when there is one,
	// else a slug of the path relative to the corpus root.
	ID string `json:"id"`
	// Source is the path the document was read from.
	Source string `json:"source"`
	// Format is FormatMarkdown, FormatText or FormatHTML.
	Format       string `json:"format"`
	Title        string `json:"title"`
	Organization string `json:"organization"`
	// Date is the day the incident started, YYYY-MM-DD, in its own zone.
	Date       string     `json:"date"`
	StartedAt  *time.Time `json:"started_at"`
	DetectedAt *time.Time `json:"detected_at"`
	ResolvedAt *time.Time `json:"resolved_at"`
	// DurationMinutes runs from impact start to service restored; nil
	// when the document does not say and it cannot be computed.
	DurationMinutes *int     `json:"duration_minutes"`
	Severity        string   `json:"severity"`
	Services        []string `json:"services"`
	Authors         []string `json:"authors"`

	// Plain text of the document's sections of that kind.
	Summary    string `json:"summary"`
	Impact     string `json:"impact"`
	RootCause  string `json:"root_cause"`
	Trigger    string `json:"trigger"`
	Detection  string `json:"detection"`
	Resolution string `json:"resolution"`
	Lessons    string `json:"lessons"`

	Timeline    []TimelineEntry `json:"timeline"`
	ActionItems []ActionItem    `json:"action_items"`
	// Categories holds the primary root cause first, contributing
	// causes after it.
	Categories []Category `json:"categories"`
	Tags       []string   `json:"tags"`
	// Body is the whole document as clean plain text: no markup, no
	// site navigation.
	Body string `json:"body"`
	// ContentHash is a hex SHA-256 of the raw document bytes.
	ContentHash string `json:"content_hash"`
	// DefaultsHash is Defaults.Hash of the folder defaults the record
	// was parsed with ("" for none): the record depends on them as on
	// the document's bytes, so a changed hindsight.yaml means re-parsing.
	DefaultsHash string `json:"defaults_hash,omitempty"`
	// Warnings name what was wrong with a document that still parsed,
	// as "file:line: what" (a malformed frontmatter value, say).
	Warnings []string `json:"warnings,omitempty"`
}

// TimelineEntry is one event of the incident's timeline.
type TimelineEntry struct {
	// At is an RFC 3339 time when the entry's date and time are known,
	// else the original text of its time stamp.
	At   string `json:"at"`
	Text string `json:"text"`
}

// ActionItem is one follow-up promised after the incident.
type ActionItem struct {
	Text string `json:"text"`
	Done bool   `json:"done"`
	// Link is a trailing issue or pull-request URL, when given.
	Link string `json:"link"`
}

// Category is one root-cause tag with the reason it was given.
type Category struct {
	Name string `json:"name"`
	// Confidence is in [0, 1].
	Confidence float64 `json:"confidence"`
	// Evidence is the sentence that justified the tag.
	Evidence string `json:"evidence"`
	// Source is SourceFrontmatter, SourceModel (the learned tagger) or
	// SourceRules (the taxonomy's rules alone, for a taxonomy whose
	// categories the learned model does not know).
	Source string `json:"source"`
}

// PrimaryCategory returns the name of the primary root-cause category, or
// "" when the record has none.
func (r *Record) PrimaryCategory() string {
	if len(r.Categories) == 0 {
		return ""
	}
	return r.Categories[0].Name
}
