package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func parseFixture(t *testing.T, name string) Record {
	t.Helper()
	p, err := NewParser(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	rec, err := p.ParseFile(os.DirFS("testdata"), name)
	if err != nil {
		t.Fatalf("ParseFile(%s): %v", name, err)
	}
	return rec
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file                string
		format, title, date string
		org                 string
		duration            int // -1: unknown
		timeline, actions   int
		done                int
		startedAt           string
		declared            string // primary category from frontmatter
		rootCause, summary  string // substrings
		noBody              string // must not appear in body
		id                  string
	}{
		{file: "md_frontmatter.md", format: FormatMarkdown, title: "Checkout API returned 502s after load balancer change",
			date: "2023-06-14", org: "Lanternfish Payments", duration: 53, timeline: 7, actions: 4, done: 1,
			startedAt: "2023-06-14T09:12:00+02:00", declared: "config-change", rootCause: "health-check path", summary: "53 minutes", id: "pm-2023-017"},
		{file: "md_setext.md", format: FormatMarkdown, title: "Search cluster ran out of disk", date: "2022-11-03",
			duration: 240, timeline: 4, actions: 3, done: 1, rootCause: "Snapshot files were never pruned", id: "md-setext"},
		{file: "md_toml.md", format: FormatMarkdown, title: "Queue consumers stalled by clock skew", date: "2021-03-09",
			org: "Harbor Freight Logistics", duration: 125, actions: 2, declared: "time", rootCause: "NTP service was disabled"},
		{file: "md_json.md", format: FormatMarkdown, title: "Expired TLS certificate on the partner API", date: "2020-08-22",
			org: "Northwind Data", duration: 47, actions: 2, declared: "certificate", summary: "47 minutes"},
		{file: "text_keylines.txt", format: FormatText, title: "Postmortem: Login Outage on the Member Portal", date: "2023-02-07",
			duration: 95, timeline: 4, actions: 2, startedAt: "2023-02-07T08:40:00-05:00", rootCause: "connection pool limit"},
		{file: "text_wrapped.txt", format: FormatText, date: "2022-09-12", duration: 87, actions: 1,
			startedAt: "2022-09-12T15:05:00Z", rootCause: "runner host filled its disk with cached container layers"},
		{file: "status_page.txt", format: FormatText, title: "Delayed Webhook Deliveries", date: "2024-03-12", org: "Quillmail",
			duration: 49, timeline: 4, actions: 2, rootCause: "bug in the new backoff code"},
		{file: "scraped.txt", format: FormatText, title: "Forum outage on 29th April 2023", date: "2023-04-29", org: "Hobbyhub",
			duration: 190, timeline: 2, actions: 2, startedAt: "2023-04-29T21:15:00Z", rootCause: "expired DNS delegation", noBody: "Privacy policy"},
		{file: "wiki.html", format: FormatHTML, title: "Cache stampede on product pages", date: "2019-04-02", duration: 38,
			timeline: 3, actions: 2, done: 1, rootCause: "flushed the whole cache", noBody: "should never appear"},
		{file: "PM2021-004 - Broker disk full", format: FormatMarkdown, title: "Broker disk full", date: "2021-05-04",
			duration: 105, timeline: 3, actions: 1, startedAt: "2021-05-04T02:10:00+02:00", id: "pm2021-004-broker-disk-full"},
		{file: "outage.html.md.erb", format: FormatMarkdown, title: "Image resizer outage", date: "2018-10-30", duration: 25,
			rootCause: "memory leak", id: "outage"},
		{file: "noheadings.txt", format: FormatText, duration: -1, rootCause: "certificate had expired"},
		{file: "md_sre_template.md", format: FormatMarkdown, title: "Shopping cart sessions lost during Redis failover",
			date: "2022-04-19", duration: 198, timeline: 5, actions: 3, done: 1, startedAt: "2022-04-19T03:12:00Z",
			rootCause: "checked replica lag but not the sync flag", summary: "12% of signed-in users"},
		{file: "statuspage.html", format: FormatHTML, title: "Elevated API error rates", org: "Otterline", date: "2023-11-02",
			duration: 74, timeline: 3, startedAt: "2023-11-02T09:31:00Z", noBody: "Subscribe"},
		{file: "md_followup_table.md", format: FormatMarkdown, title: "Incident 2023-014: Elevated checkout latency", date: "2023-03-03",
			duration: 135, timeline: 4, actions: 2, done: 1, startedAt: "2023-03-03T14:32:00-08:00", rootCause: "pool size was reduced",
			summary: "misconfigured connection pool"},
		{file: "blog.html", format: FormatHTML, title: "Post-incident review: DNS resolution failures", date: "2024-01-09",
			duration: 47, timeline: 4, actions: 2, startedAt: "2024-01-09T08:15:00Z", summary: "removed the upstream forwarders", noBody: "Home"},
		{file: "caps_report.txt", format: FormatText, title: "STORAGE ARRAY FAILURE", date: "2022-02-14",
			duration: 210, actions: 2, startedAt: "2022-02-14T02:10:00+01:00", rootCause: "known bug that prevented failover"},
		{file: "md_midnight.md", format: FormatMarkdown, title: "Nightly batch overran into the morning", date: "2022-10-01",
			duration: 85, timeline: 5, startedAt: "2022-10-01T23:40:00Z", summary: "started late"},
		{file: "wiki_confluence.html", format: FormatHTML, title: "PIR-112 Search outage", date: "2023-03-08", duration: 80,
			timeline: 3, actions: 2, done: 1, startedAt: "2023-03-08T09:00:00Z", summary: "index alias", noBody: "Powered by"},
		{file: "email.txt", format: FormatText, title: "Incident report: payroll export delayed", date: "2023-12-05",
			duration: -1, actions: 2, rootCause: "staging configuration only", summary: "delayed by three hours"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := parseFixture(t, tt.file)
			check := func(field, got, want string) {
				t.Helper()
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("format", r.Format, tt.format)
			check("title", r.Title, tt.title)
			check("date", r.Date, tt.date)
			check("organization", r.Organization, tt.org)
			check("id", r.ID, tt.id)
			switch {
			case tt.duration < 0 && r.DurationMinutes != nil:
				t.Errorf("duration = %d, want unknown", *r.DurationMinutes)
			case tt.duration >= 0 && (r.DurationMinutes == nil || *r.DurationMinutes != tt.duration):
				t.Errorf("duration = %v, want %d", ptrInt(r.DurationMinutes), tt.duration)
			}
			if len(r.Timeline) != tt.timeline {
				t.Errorf("timeline has %d entries, want %d: %+v", len(r.Timeline), tt.timeline, r.Timeline)
			}
			if len(r.ActionItems) != tt.actions {
				t.Errorf("action items = %d, want %d: %+v", len(r.ActionItems), tt.actions, r.ActionItems)
			}
			done := 0
			for _, a := range r.ActionItems {
				if a.Done {
					done++
				}
			}
			if done != tt.done {
				t.Errorf("done action items = %d, want %d", done, tt.done)
			}
			if tt.startedAt != "" {
				if r.StartedAt == nil {
					t.Errorf("started_at unknown, want %s", tt.startedAt)
				} else if got := r.StartedAt.Format("2006-01-02T15:04:05Z07:00"); got != tt.startedAt {
					t.Errorf("started_at = %s, want %s", got, tt.startedAt)
				}
			}
			if tt.declared != "" && r.PrimaryCategory() != tt.declared {
				t.Errorf("primary category = %q, want %q (from frontmatter)", r.PrimaryCategory(), tt.declared)
			}
			if !strings.Contains(r.RootCause, tt.rootCause) {
				t.Errorf("root_cause %q does not contain %q", r.RootCause, tt.rootCause)
			}
			if !strings.Contains(r.Summary, tt.summary) {
				t.Errorf("summary %q does not contain %q", r.Summary, tt.summary)
			}
			if tt.noBody != "" && strings.Contains(r.Body, tt.noBody) {
				t.Errorf("body contains %q", tt.noBody)
			}
			for _, bad := range []string{"<script", "<div", "**", "](http"} {
				if strings.Contains(r.Body, bad) {
					t.Errorf("body contains markup %q", bad)
				}
			}
			raw, _ := os.ReadFile(filepath.Join("testdata", tt.file))
			if r.ContentHash != HashContent(raw) {
				t.Errorf("content_hash = %s, want HashContent of the file", r.ContentHash)
			}
		})
	}
}

func ptrInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestParseActionLinks(t *testing.T) {
	r := parseFixture(t, "md_frontmatter.md")
	want := []ActionItem{
		{Text: "Serve `/ready` from all supported releases", Done: true, Link: "https://git.example.com/checkout/api/pull/2211"},
		{Text: "Add a plan-time check that health-check paths exist on every live release", Link: "https://tracker.example.com/issues/OPS-481"},
	}
	for i, w := range want {
		got := r.ActionItems[i]
		got.Text = strings.ReplaceAll(got.Text, "`", "")
		w.Text = strings.ReplaceAll(w.Text, "`", "")
		if got != w {
			t.Errorf("action %d = %+v, want %+v", i, got, w)
		}
	}
	if got := strings.Join(r.Services, ","); got != "checkout-api,edge-lb" {
		t.Errorf("services = %q", got)
	}
	if got := strings.Join(r.Authors, ","); got != "Priya Raman,Tomasz Wilk" {
		t.Errorf("authors = %q", got)
	}
	if got := strings.Join(r.Tags, ","); got != "load-balancer,checkout" {
		t.Errorf("tags = %q", got)
	}
	if r.Severity != "SEV-2" {
		t.Errorf("severity = %q", r.Severity)
	}
	if !strings.Contains(r.Lessons, "synthetic probe caught") || !strings.Contains(r.Lessons, "outside the daily traffic peak") {
		t.Errorf("lessons missing sub-sections: %q", r.Lessons)
	}
	if !strings.Contains(r.Trigger, "Terraform apply") || !strings.Contains(r.Detection, "paged") || !strings.Contains(r.Resolution, "reverted") {
		t.Errorf("trigger/detection/resolution not found: %q / %q / %q", r.Trigger, r.Detection, r.Resolution)
	}
	if r.Timeline[0].At != "2023-06-14T09:10:00+02:00" || !strings.Contains(r.Timeline[0].Text, "Terraform apply") {
		t.Errorf("first timeline entry = %+v", r.Timeline[0])
	}
}

func TestParseMetadataLines(t *testing.T) {
	tests := []struct {
		file, severity, services, authors string
	}{
		{"md_sre_template.md", "SEV1", "cart-service,session-store", "Ana Souza,Kenji Mori"},
		{"email.txt", "P2", "payroll-export,sftp-gateway", "Lena Fischer"},
	}
	for _, tt := range tests {
		r := parseFixture(t, tt.file)
		if r.Severity != tt.severity || strings.Join(r.Services, ",") != tt.services || strings.Join(r.Authors, ",") != tt.authors {
			t.Errorf("%s: severity/services/authors = %q/%q/%q, want %q/%q/%q", tt.file, r.Severity, r.Services, r.Authors, tt.severity, tt.services, tt.authors)
		}
	}
	r := parseFixture(t, "md_sre_template.md")
	want := []ActionItem{
		{Text: "Check the sync flag before promotion | prevent | kenji", Done: true, Link: "https://bugs.example.com/issues/5512"},
		{Text: "Alert on cart-count drops | detect | ana", Link: "https://bugs.example.com/issues/5513"},
		{Text: "Rehearse failover monthly | mitigate | sre"},
	}
	for i, w := range want {
		if r.ActionItems[i] != w {
			t.Errorf("action %d = %+v, want %+v", i, r.ActionItems[i], w)
		}
	}
}

func TestParseMidnightTimeline(t *testing.T) {
	r := parseFixture(t, "md_midnight.md")
	want := []string{"2022-10-01T23:40:00Z", "2022-10-01T23:55:00Z", "2022-10-02T00:20:00Z", "2022-10-02T01:05:00Z", "2022-10-02T13:30:00Z"}
	for i, w := range want {
		if i >= len(r.Timeline) || r.Timeline[i].At != w {
			t.Fatalf("timeline = %+v, want times %v", r.Timeline, want)
		}
	}
	if r.ResolvedAt == nil || r.ResolvedAt.Format(time.RFC3339) != "2022-10-02T01:05:00Z" {
		t.Errorf("resolved_at = %v", r.ResolvedAt)
	}
}

func TestParseStatusPageTimeline(t *testing.T) {
	r := parseFixture(t, "status_page.txt")
	wantAt := []string{"2024-03-12T18:30:00Z", "2024-03-12T14:51:00Z", "2024-03-12T14:40:00Z", "2024-03-12T14:10:00Z"}
	wantText := []string{"Postmortem", "Resolved", "Monitoring", "Investigating"}
	for i := range wantAt {
		if i >= len(r.Timeline) {
			t.Fatalf("timeline = %+v", r.Timeline)
		}
		if r.Timeline[i].At != wantAt[i] || !strings.HasPrefix(r.Timeline[i].Text, wantText[i]) {
			t.Errorf("entry %d = %+v, want at %s text %s…", i, r.Timeline[i], wantAt[i], wantText[i])
		}
	}
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"md_frontmatter.md", "status_page.txt", "wiki.html", "text_keylines.txt", "scraped.txt", "md_sre_template.md", "statuspage.html", "email.txt"} {
		t.Run(name, func(t *testing.T) {
			r := parseFixture(t, name)
			// Categories come from the taxonomy's rules, which are tuned
			// on their own (taxonomy tests); the golden files pin what
			// the ingester extracts.
			r.Categories = nil
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./corpus/ -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run with -update if the change is intended\ngot:\n%s", name, golden, got)
			}
		})
	}
}

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		data    string
		wantErr string // substring; "" means a best-effort record
		check   func(t *testing.T, r Record)
	}{
		{name: "empty", file: "a.md", data: "", wantErr: "empty document"},
		{name: "whitespace only", file: "a.md", data: " \n\t\r\n", wantErr: "empty document"},
		{name: "BOM only", file: "a.md", data: "\ufeff\n", wantErr: "empty document"},
		{name: "NUL bytes", file: "a.md", data: "# Title\n\x00\x01\x02", wantErr: "NUL byte at offset 8"},
		{name: "only markup", file: "a.html", data: "<html><head><script>var x</script></head><body></body></html>", wantErr: "no text content"},
		{name: "UTF-16 with BOM", file: "a.txt", data: "\xff\xfeR\x00o\x00o\x00t\x00 \x00C\x00a\x00u\x00s\x00e\x00:\x00\n\x00D\x00i\x00s\x00k\x00 \x00f\x00u\x00l\x00l\x00.\x00", check: func(t *testing.T, r Record) {
			if r.RootCause != "Disk full." {
				t.Errorf("root cause = %q, want Disk full.", r.RootCause)
			}
		}},
		{name: "binary", file: "a.bin", data: "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f abc", wantErr: "binary content"},
		{name: "invalid UTF-8 read as Latin-1", file: "a.md", data: "# Caf\xe9 outage\n\nThe caf\xe9 was down.\n", check: func(t *testing.T, r Record) {
			if r.Title != "Café outage" {
				t.Errorf("title = %q, want Café outage", r.Title)
			}
		}},
		{name: "unclosed frontmatter", file: "a.md", data: "---\ntitle: Broken meta\ndate: 2020-01-02\n\n# Heading\n\nBody text here.\n", check: func(t *testing.T, r Record) {
			if r.Title != "Broken meta" || r.Date != "2020-01-02" {
				t.Errorf("title/date = %q/%q, want the salvaged keys", r.Title, r.Date)
			}
			if !strings.Contains(r.Body, "Body text here.") {
				t.Errorf("body lost: %q", r.Body)
			}
		}},
		{name: "malformed YAML", file: "a.md", data: "---\ntitle: [unclosed\n---\n# Real title\n\nText.\n", check: func(t *testing.T, r Record) {
			if r.Title != "[unclosed" && r.Title != "Real title" {
				t.Errorf("title = %q", r.Title)
			}
			if !strings.Contains(r.Body, "Text.") {
				t.Errorf("body lost: %q", r.Body)
			}
		}},
		{name: "wrong types", file: "a.md", data: "---\ndate: yes\ncategories: 7\nduration: [1, 2]\nservices: {a: 1}\ntitle: 42\n---\n# T\n", check: func(t *testing.T, r Record) {
			if r.Date != "" || r.DurationMinutes != nil || len(r.Categories) != 0 {
				t.Errorf("date/duration/categories = %q/%v/%v, want empty", r.Date, ptrInt(r.DurationMinutes), r.Categories)
			}
			if r.Title != "42" {
				t.Errorf("title = %q, want 42", r.Title)
			}
		}},
		{name: "date with a time", file: "a.md", data: "---\ndate: 2021-05-06 22:15 PDT\nduration: 30\n---\n# T\n", check: func(t *testing.T, r Record) {
			if r.Date != "2021-05-06" || r.StartedAt == nil || r.StartedAt.Format(time.RFC3339) != "2021-05-06T22:15:00-07:00" || ptrInt(r.DurationMinutes) != 30 {
				t.Errorf("date/started_at/duration = %q/%v/%v", r.Date, r.StartedAt, ptrInt(r.DurationMinutes))
			}
		}},
		{name: "YAML alias bomb", file: "a.md", data: aliasBomb(), check: func(t *testing.T, r Record) {
			if !strings.Contains(r.Body, "after the bomb") {
				t.Errorf("body lost: %q", r.Body)
			}
		}},
		{name: "BOM and CRLF", file: "a.md", data: "\ufeff---\r\ntitle: Windows file\r\n---\r\n## Root Cause\r\n\r\nA disk filled.\r\n", check: func(t *testing.T, r Record) {
			if r.Title != "Windows file" || r.RootCause != "A disk filled." {
				t.Errorf("title/root cause = %q/%q", r.Title, r.RootCause)
			}
		}},
		{name: "lone CR", file: "a.txt", data: "Old Mac file\rRoot Cause:\rThe fan failed and the host overheated.\r", check: func(t *testing.T, r Record) {
			if r.RootCause != "The fan failed and the host overheated." {
				t.Errorf("root cause = %q", r.RootCause)
			}
		}},
		{name: "no headings", file: "a.txt", data: "just one line of text about nothing in particular", check: func(t *testing.T, r Record) {
			if r.Body == "" || r.Title == "" {
				t.Errorf("want a best-effort record, got %+v", r)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.file, strings.NewReader(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.file) {
					t.Fatalf("err = %v, want one naming %s and %q", err, tt.file, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v, want a best-effort record", err)
			}
			tt.check(t, r)
		})
	}
}

func aliasBomb() string {
	var b strings.Builder
	b.WriteString("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for i := 0; i < 9; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	b.WriteString("---\n# T\n\nafter the bomb\n")
	return b.String()
}

func TestParseSizeLimit(t *testing.T) {
	p, err := NewParser(Config{MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("word ", 50)
	if _, err := p.Parse("big.md", strings.NewReader(big)); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.md") {
		t.Errorf("Parse: err = %v, want ErrTooLarge naming the file", err)
	}
	fsys := fstest.MapFS{"big.md": {Data: []byte(big)}}
	if _, err := p.ParseFile(fsys, "big.md"); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "250 bytes") {
		t.Errorf("ParseFile: err = %v, want ErrTooLarge with the size", err)
	}
	if _, err := p.Parse("ok.md", strings.NewReader(big[:100])); err != nil {
		t.Errorf("a document of exactly MaxBytes: %v", err)
	}
	if _, err := NewParser(Config{MaxBytes: -1}); err == nil {
		t.Error("NewParser accepted a negative MaxBytes")
	}
}

func TestParseBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	tests := map[string]string{
		"deep list":  "# T\n\n" + strings.Repeat("- ", 10000) + "x\n",
		"deep quote": "# T\n\n" + strings.Repeat(">", 10000) + " x\n",
		"deep html":  "<html><body>" + strings.Repeat("<div><ul><li>", 10000) + "x</body></html>",
		"big table":  "## Timeline\n\n| Time | Event |\n|---|---|\n" + strings.Repeat("| 10:00 UTC | something happened |\n", 100000),
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := Parse(name+".md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if r.Body == "" {
				t.Error("empty body")
			}
			if len(r.Timeline) > maxTimeline {
				t.Errorf("timeline not bounded: %d", len(r.Timeline))
			}
		})
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	files := []string{"b.md", "a/x.txt", "a/.hidden.md", ".git/config", "LICENSE", "COPYING.md", "img.png", "archive.tar.gz", "no extension", "a/b/c.html",
		"README.md", "a/Template.md", "mkdocs.yml", "data.json", "v1.2 outage"}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{"loop": ".", "a/up": "..", "escape": "/etc", "dangling": "missing.md", "alias.md": "b.md"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var got []string
	errs := map[string]string{}
	err = Walk(root.FS(), func(name string, err error) error {
		if err != nil {
			errs[name] = err.Error()
			return nil
		}
		got = append(got, name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a/b/c.html", "a/x.txt", "alias.md", "b.md", "no extension", "v1.2 outage"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Walk files = %q, want %q", got, want)
	}
	for _, name := range []string{"loop", "a/up", "escape", "dangling"} {
		if msg, ok := errs[name]; !ok || !strings.Contains(msg, name) {
			t.Errorf("Walk error for %s = %q, want one naming it", name, msg)
		}
	}
	if !strings.Contains(errs["loop"], "loop") {
		t.Errorf("loop error = %q, want it to say loop", errs["loop"])
	}
	stop := errors.New("stop")
	if err := Walk(root.FS(), func(string, error) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("Walk did not return fn's error: %v", err)
	}
}

func TestWalkMapFS(t *testing.T) {
	fsys := fstest.MapFS{"z.md": {}, "a.md": {}, "d/LICENSE.txt": {}, "d/e.md": {}}
	var got []string
	if err := Walk(fsys, func(name string, err error) error {
		if err != nil {
			return err
		}
		got = append(got, name)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "a.md,d/e.md,z.md" {
		t.Errorf("got %v", got)
	}
	var _ fs.FS = fsys
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"dfds/PM2020-001 - Inotify file watches exhaustion.md", "dfds-pm2020-001-inotify-file-watches-exhaustion"},
		{"2018-03-26-no-space-left.md", "2018-03-26-no-space-left"},
		{"a/b/outage.html.md.erb", "a-b-outage"},
		{"no extension", "no-extension"},
		{"./x/../Caf\u00e9 Outage.TXT", "caf-outage"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Slug(tt.in)
		if tt.want == "" {
			if !strings.HasPrefix(got, "doc-") {
				t.Errorf("Slug(%q) = %q, want a doc- hash", tt.in, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("very long name ", 20)
	if a, b := Slug(long+"a.md"), Slug(long+"b.md"); len(a) > maxSlugLen+10 || a == b {
		t.Errorf("long slugs not bounded or not unique: %q %q", a, b)
	}
	if HashContent([]byte("abc")) != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Error("HashContent is not hex sha256")
	}
}

// TestParserConcurrent checks one Parser (and its shared goldmark
// instance) is safe to use from many goroutines: run with -race.
func TestParserConcurrent(t *testing.T) {
	p, err := NewParser(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"md_frontmatter.md", "md_setext.md", "wiki.html", "status_page.txt"}
	want := map[string]string{}
	for _, n := range names {
		want[n] = parseFixture(t, n).Title
	}
	errs := make(chan error, 32)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for i := 0; i < 4; i++ {
				n := names[(g+i)%len(names)]
				r, err := p.ParseFile(os.DirFS("testdata"), n)
				if err == nil && r.Title != want[n] {
					err = errors.New(n + ": title " + r.Title)
				}
				errs <- err
			}
		}(g)
	}
	for i := 0; i < 32; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
