// Package corpus is Hindsight's document model and ingester.
//
// It turns one postmortem document — Markdown with or without frontmatter,
// plain text, an HTML page, a status-page report or page text scraped
// together with its site's navigation — into one Record: the structured
// fields (dates, duration, sections, timeline, action items) and the
// root-cause categories tagged by an explainable, editable Taxonomy.
//
// Everything here is pure: functions take bytes and return values or
// errors, never log and keep no global state. Package corpus also embeds
// the default taxonomy and the bundled sample postmortems.
package corpus
