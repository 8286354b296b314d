// Package corpus is Hindsight's document model and ingester.
//
// It turns one postmortem document — Markdown (and MDX) with or without
// frontmatter, AsciiDoc, reStructuredText, plain text, an HTML page, a
// status-page report or page text scraped together with its site's
// navigation — into one Record: the structured fields (dates, duration,
// sections, timeline, action items) and the root-cause categories tagged
// by an explainable, editable Taxonomy.
//
// A corpus folder may hold a hindsight.yaml (see Defaults) giving the
// documents below it an organisation, a time zone and services they do
// not state themselves. Walk leaves out files that are not postmortems
// (data, configuration, licences, labelling guides) and can say why
// (WalkWith).
//
// Everything here is pure: functions take bytes and return values or
// errors, never log and keep no global state. Package corpus also embeds
// the default taxonomy, the time-zone database and the bundled sample
// postmortems.
package corpus
