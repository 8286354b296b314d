package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"
)

// renderer writes one incident in its format. Its random source is
// separate from the content's, seeded from the incident, so that layout
// choices never shift the text.
type renderer struct {
	inc *incident
	r   *rand.Rand
	b   bytes.Buffer
}

// render returns the corpus-relative path and the bytes of an incident.
func (w *world) render(inc *incident) (string, []byte) {
	rd := &renderer{inc: inc, r: rand.New(rand.NewPCG(w.seed^0x5eed, uint64(inc.idx)+1))}
	rd.b.Grow(inc.targetSize + 2048)
	ext := ".md"
	switch inc.format {
	case fmtMarkdownYAML, fmtMarkdownTOML, fmtMarkdownJSON, fmtMarkdown:
		switch rd.r.IntN(40) {
		case 0:
			ext = ".markdown"
		case 1:
			ext = ".html.md.erb"
		}
		rd.markdown()
	case fmtText:
		ext = ".txt"
		if rd.r.IntN(10) == 0 {
			ext = ""
		}
		rd.text()
	case fmtHTML:
		ext = ".html"
		if rd.r.IntN(10) == 0 {
			ext = ".htm"
		}
		rd.html()
	case fmtStatusPage:
		ext = ".txt"
		if rd.r.IntN(5) == 0 {
			ext = ""
		}
		rd.statusPage()
	}
	slug := slugify(inc.title)
	if len(slug) > 48 {
		slug = strings.TrimRight(slug[:48], "-")
	}
	name := fmt.Sprintf("%s/%d/%s-%s-%06d%s", inc.org.slug, inc.start.Year(), inc.start.Format("2006-01-02"), slug, inc.idx, ext)
	return name, rd.b.Bytes()
}

func (rd *renderer) pick(xs ...string) string { return xs[rd.r.IntN(len(xs))] }

func (rd *renderer) line(s string) { rd.b.WriteString(s); rd.b.WriteByte('\n') }

func (rd *renderer) linef(f string, a ...any) { fmt.Fprintf(&rd.b, f, a...); rd.b.WriteByte('\n') }

// para writes a paragraph, wrapped when the document wraps, and a blank line.
func (rd *renderer) para(s string) {
	if rd.inc.wrap > 0 {
		s = wrap(s, rd.inc.wrap)
	}
	rd.line(s)
	rd.line("")
}

// wrap breaks s into lines of at most col bytes at spaces.
func wrap(s string, col int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if n+1+len(w) > col {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

func q(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

func qlist(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = q(x)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// multiDay reports whether the incident's timeline crosses midnight.
func (inc *incident) multiDay() bool {
	return inc.start.Format("2006-01-02") != inc.end.Format("2006-01-02")
}

func (inc *incident) categoryNames() []string {
	out := []string{inc.cause.name}
	if inc.second != nil {
		out = append(out, inc.second.name)
	}
	return out
}

// durationValue is the frontmatter duration in one of the accepted shapes.
func (rd *renderer) durationValue() (s string, quoted bool) {
	switch rd.r.IntN(3) {
	case 0:
		return fmt.Sprint(rd.inc.duration), false
	default:
		return humanDuration(rd.inc.duration, false), true
	}
}

func (rd *renderer) frontmatter() {
	inc := rd.inc
	type kv struct {
		k, v string // v is already encoded
	}
	var kvs []kv
	add := func(k, v string) { kvs = append(kvs, kv{k, v}) }
	if rd.r.IntN(10) == 0 {
		add("id", q(fmt.Sprintf("%s-%d-%05d", inc.org.ticketPrefix, inc.start.Year(), inc.idx)))
	}
	add("title", q(inc.title))
	add("date", q(inc.start.Format("2006-01-02")))
	add(rd.pick("organization", "organization", "org", "company"), q(inc.org.name))
	add(rd.pick("severity", "severity", "sev", "priority"), q(inc.severity))
	add(rd.pick("services", "services", "service", "systems"), qlist(inc.services))
	add(rd.pick("authors", "authors", "owners"), qlist(inc.authors))
	switch rd.r.IntN(3) {
	case 0:
		add("start_time", q(inc.start.Format(time.RFC3339)))
		add("end_time", q(inc.end.Format(time.RFC3339)))
	default:
		d, quoted := rd.durationValue()
		if quoted {
			d = q(d)
		}
		add("duration", d)
	}
	if inc.declare {
		add(rd.pick("categories", "categories", "root_cause"), qlist(inc.categoryNames()))
	}
	add("tags", qlist(inc.tags))

	switch inc.format {
	case fmtMarkdownYAML:
		rd.line("---")
		for _, p := range kvs {
			rd.line(p.k + ": " + p.v)
		}
		rd.line("---")
	case fmtMarkdownTOML:
		rd.line("+++")
		for _, p := range kvs {
			rd.line(p.k + " = " + p.v)
		}
		rd.line("+++")
	case fmtMarkdownJSON:
		rd.line("{")
		for i, p := range kvs {
			sep := ","
			if i == len(kvs)-1 {
				sep = ""
			}
			rd.linef("  %s: %s%s", q(p.k), p.v, sep)
		}
		rd.line("}")
	}
	rd.line("")
}

// stamp formats a timeline time: the clock alone, or with the date when
// the incident spans days.
func (rd *renderer) stamp(t time.Time, withDate bool) string {
	if withDate {
		return t.Format("2006-01-02 15:04 MST")
	}
	return t.Format("15:04 MST")
}

func (rd *renderer) markdown() {
	inc := rd.inc
	if inc.format != fmtMarkdown {
		rd.frontmatter()
	}
	if rd.r.IntN(5) == 0 {
		rd.line(inc.title)
		rd.line(strings.Repeat("=", len(inc.title)))
	} else {
		rd.line("# " + inc.title)
	}
	rd.line("")
	if inc.format == fmtMarkdown {
		date := inc.start.Format(rd.pick("2006-01-02", "January 2, 2006", "2 January 2006"))
		rd.linef("**Date:** %s  ", date)
		rd.linef("**Authors:** %s  ", strings.Join(inc.authors, ", "))
		rd.linef("**Status:** %s  ", rd.pick("Complete", "Final", "Draft", "Action items in progress"))
		rd.linef("**Severity:** %s  ", inc.severity)
		rd.linef("**Services:** %s", strings.Join(inc.services, ", "))
		rd.line("")
	}
	numbered := rd.r.IntN(5) == 0
	level := "## "
	for i, s := range inc.sections {
		h := s.heading
		if numbered {
			h = fmt.Sprintf("%d. %s", i+1, h)
		}
		rd.line(level + h)
		rd.line("")
		switch s.kind {
		case secTimeline:
			rd.markdownTimeline()
		case secActions:
			rd.markdownActions()
		default:
			for _, p := range s.paras {
				rd.para(p)
			}
		}
	}
}

func (rd *renderer) markdownTimeline() {
	inc := rd.inc
	multi := inc.multiDay()
	switch inc.timelineStyle {
	case 0:
		rd.linef("| Time (%s) | Event |", inc.zoneAbbrev)
		rd.line("|---|---|")
		for _, t := range inc.timeline {
			at := t.at.Format("15:04")
			if multi {
				at = t.at.Format("2006-01-02 15:04")
			}
			rd.linef("| %s | %s |", at, strings.ReplaceAll(t.text, "|", "/"))
		}
		rd.line("")
	case 1:
		if multi {
			rd.markdownTimelineLines(true)
			return
		}
		rd.linef("All times are %s on %s.", inc.zoneAbbrev, inc.start.Format("January 2, 2006"))
		rd.line("")
		for _, t := range inc.timeline {
			rd.line("### " + rd.stamp(t.at, false))
			rd.line("")
			rd.line(t.text + ".")
			rd.line("")
		}
	case 2:
		rd.markdownTimelineLines(multi)
	default:
		rd.markdownTimelineLines(true)
	}
}

func (rd *renderer) markdownTimelineLines(withDate bool) {
	sep := rd.pick(": ", " - ", " — ")
	bullet := rd.pick("- ", "* ", "")
	for _, t := range rd.inc.timeline {
		rd.line(bullet + rd.stamp(t.at, withDate) + sep + t.text)
		if bullet == "" {
			rd.line("")
		}
	}
	rd.line("")
}

func (rd *renderer) markdownActions() {
	check := rd.r.IntN(5) != 0
	for i, a := range rd.inc.actions {
		s := a.text
		if a.link != "" {
			if rd.r.IntN(2) == 0 {
				s += " " + a.link
			} else {
				s += fmt.Sprintf(" ([%s](%s))", linkLabel(a.link), a.link)
			}
		}
		switch {
		case check && a.done:
			rd.line("- [x] " + s)
		case check:
			rd.line("- [ ] " + s)
		default:
			rd.linef("%d. %s", i+1, s)
		}
	}
	rd.line("")
}

func linkLabel(u string) string {
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		return u[i+1:]
	}
	return u
}

// text writes a plain-text postmortem with Key: value lines and heading
// lines of one of the usual styles.
func (rd *renderer) text() {
	inc := rd.inc
	rd.line(inc.title)
	if rd.r.IntN(3) == 0 {
		rd.line(strings.Repeat(rd.pick("=", "-"), len(inc.title)))
	}
	rd.line("")
	rd.linef("Date: %s", inc.start.Format(rd.pick("2006-01-02", "January 2, 2006", "Monday, January 2, 2006")))
	rd.linef("%s: %s", rd.pick("Organization", "Company", "Team"), inc.org.name)
	rd.linef("Severity: %s", inc.severity)
	rd.linef("%s: %s", rd.pick("Services", "Systems", "Affected services"), strings.Join(inc.services, ", "))
	rd.linef("Authors: %s", strings.Join(inc.authors, ", "))
	if rd.r.IntN(2) == 0 {
		rd.linef("Start Time: %s", inc.start.Format("2006-01-02 15:04 MST"))
		rd.linef("%s: %s", rd.pick("End Time", "Resolved"), inc.end.Format("2006-01-02 15:04 MST"))
	}
	rd.line("")
	style := rd.r.IntN(3)
	for _, s := range inc.sections {
		switch style {
		case 0:
			rd.line(s.heading)
		case 1:
			rd.line(s.heading + ":")
		default:
			rd.line("## " + s.heading)
		}
		if style != 1 || rd.r.IntN(2) == 0 {
			rd.line("")
		}
		switch s.kind {
		case secTimeline:
			multi := inc.multiDay()
			for _, t := range inc.timeline {
				rd.line(rd.stamp(t.at, multi) + ": " + t.text)
			}
			rd.line("")
		case secActions:
			for _, a := range inc.actions {
				mark := "- "
				if a.done {
					mark = "- [x] "
				}
				s := a.text
				if a.link != "" {
					s += " " + a.link
				}
				rd.line(mark + s)
			}
			rd.line("")
		default:
			for _, p := range s.paras {
				rd.para(p)
			}
		}
	}
}

// statusPage writes a status-page incident report: the postmortem, then
// the update log newest first with "Posted" lines; a third carry the
// site navigation around them, as scraped page text does.
func (rd *renderer) statusPage() {
	inc := rd.inc
	scraped := rd.r.IntN(3) == 0
	if scraped {
		for _, l := range []string{inc.org.name + " Status", "Subscribe to Updates", "Home", "Incident History", "Uptime", "Report an issue"} {
			rd.line(l)
		}
		rd.line("")
	}
	rd.line(inc.title)
	rd.line("Incident Report for " + inc.org.name)
	rd.line("")
	rd.line("Postmortem")
	rd.line("")
	for _, s := range inc.sections {
		switch s.kind {
		case secTimeline:
			if rd.r.IntN(3) != 0 {
				continue
			}
			rd.line(s.heading)
			rd.line("")
			multi := inc.multiDay()
			for _, t := range inc.timeline {
				rd.line(rd.stamp(t.at, multi) + " - " + t.text)
			}
			rd.line("")
		case secActions:
			rd.line(s.heading)
			rd.line("")
			for _, a := range inc.actions {
				rd.line("- " + a.text)
			}
			rd.line("")
		default:
			rd.line(s.heading)
			rd.line("")
			for _, p := range s.paras {
				rd.para(p)
			}
		}
	}
	rd.linef("Posted %s", inc.end.Add(time.Duration(24+rd.r.IntN(200))*time.Hour).Format("Jan 02, 2006 - 15:04 MST"))
	rd.line("")
	for i := len(inc.statusUpdates) - 1; i >= 0; i-- {
		u := inc.statusUpdates[i]
		rd.line(u.text)
		rd.linef("Posted %s", u.at.Format("Jan 02, 2006 - 15:04 MST"))
		rd.line("")
	}
	rd.line("This incident affected: " + strings.Join(inc.statusAffected, ", ") + ".")
	if scraped {
		rd.line("")
		for _, l := range []string{"← Current Status", "Powered by Atlassian Statuspage", "Privacy Policy", "Terms of Service"} {
			rd.line(l)
		}
	}
}

// inlineHTML escapes s and turns `code` spans into <code> elements.
func inlineHTML(s string) string {
	parts := strings.Split(s, "`")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString("<code>" + html.EscapeString(p) + "</code>")
		} else {
			b.WriteString(html.EscapeString(p))
		}
	}
	return b.String()
}

// html writes a wiki page: site chrome (head scripts, header navigation,
// search form, sidebar, footer) around the postmortem in <main>.
func (rd *renderer) html() {
	inc := rd.inc
	o := inc.org
	e := html.EscapeString
	rd.line("<!DOCTYPE html>")
	rd.line(`<html lang="en">`)
	rd.line("<head>")
	rd.line(`<meta charset="utf-8">`)
	rd.linef("<title>%s · %s Engineering Wiki</title>", e(inc.title), e(o.name))
	rd.line(`<link rel="stylesheet" href="/static/wiki.css">`)
	rd.linef(`<script>window.wikiConfig = {space: "%s", page: %d, analytics: true};</script>`, o.slug, inc.idx)
	rd.line("</head>")
	rd.line(`<body class="wiki">`)
	rd.line(`<header class="site-header">`)
	rd.linef(`<a class="logo" href="/">%s Wiki</a>`, e(o.name))
	rd.line(`<nav><ul><li><a href="/">Home</a></li><li><a href="/spaces">Spaces</a></li><li><a href="/recent">Recent changes</a></li><li><a href="/people">People</a></li><li><a href="/login">Log in</a></li></ul></nav>`)
	rd.line(`<form class="search" action="/search"><input type="search" name="q" placeholder="Search the wiki"><button>Search</button></form>`)
	rd.line("</header>")
	rd.line(`<div class="layout">`)
	rd.line(`<aside class="sidebar"><h3>Postmortems</h3><ul><li><a href="/pm/index">All postmortems</a></li><li><a href="/pm/template">Postmortem template</a></li><li><a href="/pm/review">Review calendar</a></li></ul></aside>`)
	rd.line("<main>")
	rd.line("<article>")
	rd.linef("<h1>%s</h1>", e(inc.title))
	rd.line(`<table class="infobox">`)
	rd.linef("<tr><th>Date</th><td>%s</td></tr>", inc.start.Format(rd.pick("2006-01-02", "January 2, 2006")))
	rd.linef("<tr><th>Severity</th><td>%s</td></tr>", e(inc.severity))
	rd.linef("<tr><th>Services</th><td>%s</td></tr>", e(strings.Join(inc.services, ", ")))
	rd.linef("<tr><th>Duration</th><td>%s</td></tr>", humanDuration(inc.duration, false))
	rd.linef("<tr><th>Authors</th><td>%s</td></tr>", e(strings.Join(inc.authors, ", ")))
	rd.line("</table>")
	for _, s := range inc.sections {
		rd.linef("<h2>%s</h2>", e(s.heading))
		switch s.kind {
		case secTimeline:
			multi := inc.multiDay()
			if rd.r.IntN(2) == 0 {
				rd.linef("<table><thead><tr><th>Time (%s)</th><th>Event</th></tr></thead><tbody>", inc.zoneAbbrev)
				for _, t := range inc.timeline {
					at := t.at.Format("15:04")
					if multi {
						at = t.at.Format("2006-01-02 15:04")
					}
					rd.linef("<tr><td>%s</td><td>%s</td></tr>", at, inlineHTML(t.text))
				}
				rd.line("</tbody></table>")
			} else {
				rd.line("<ul>")
				for _, t := range inc.timeline {
					rd.linef("<li><strong>%s</strong> %s</li>", rd.stamp(t.at, multi), inlineHTML(t.text))
				}
				rd.line("</ul>")
			}
		case secActions:
			rd.line(`<ul class="tasks">`)
			for _, a := range inc.actions {
				box := `<input type="checkbox" disabled>`
				if a.done {
					box = `<input type="checkbox" checked disabled>`
				}
				link := ""
				if a.link != "" {
					link = fmt.Sprintf(` <a href="%s">%s</a>`, e(a.link), e(linkLabel(a.link)))
				}
				rd.linef("<li>%s %s%s</li>", box, inlineHTML(a.text), link)
			}
			rd.line("</ul>")
		default:
			for _, p := range s.paras {
				rd.linef("<p>%s</p>", inlineHTML(p))
			}
		}
	}
	rd.line("</article>")
	rd.line("</main>")
	rd.line("</div>")
	rd.linef(`<footer class="site-footer"><p>Last edited by %s · © %d %s · <a href="/privacy">Privacy</a> · <a href="/help">Help</a></p></footer>`, e(inc.authors[0]), inc.end.Year(), e(o.name))
	rd.line(`<script src="/static/wiki.js"></script>`)
	rd.line("</body>")
	rd.line("</html>")
}
