package corpus

import (
	"fmt"
	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestClassifyCategories gives each category root-cause sentences written
// the way postmortems phrase them and checks the primary category.
func TestClassifyCategories(t *testing.T) {
	tax := DefaultTaxonomy()
	for _, tc := range []struct {
		want, text string
	}{
		{"config-change", "A misconfigured firewall rule blocked traffic from the payment provider."},
		{"config-change", "Someone set the wrong value for max_connections in the nginx.conf file."},
		{"config-change", "A feature flag was enabled for all customers instead of the beta group."},
		{"deploy", "The outage began with the rollout of version 4.2 of the API, and was fixed by a rollback."},
		{"deploy", "An unpinned Helm chart version bump in the release pipeline shipped a breaking change."},
		{"capacity", "The workers ran out of memory and were OOM-killed under the traffic spike."},
		{"capacity", "The subnet ran out of IP addresses, so no new pods could be scheduled."},
		{"capacity", "We hit the API rate limit and the request quota was exhausted."},
		{"third-party", "An outage at our upstream payment vendor made every charge fail."},
		{"third-party", "AWS had a regional outage of S3 which was outside our control."},
		{"third-party", "The root cause was on the acquirer's side: a routing change in their datacentre."},
		{"network", "A BGP route leak caused packet loss between the two data centres."},
		{"network", "A network partition split the cluster and connectivity was lost."},
		{"dns", "The DNS records for the API were deleted, so name resolution failed with NXDOMAIN."},
		{"certificate", "The TLS certificate for the API expired because cert-manager failed to renew it."},
		{"certificate", "Let's Encrypt certificates were not renewed after the domain switch."},
		{"database", "A slow query held a table lock, causing a deadlock in the Postgres primary."},
		{"database", "Replication lag on the MySQL replica made reads return old rows."},
		{"storage", "The disk filled up and writes failed with no space left on device."},
		{"storage", "The persistent volume could not be attached to the new node."},
		{"hardware", "A failed disk and a faulty power supply took the host offline."},
		{"hardware", "The hypervisor host had a hardware failure and the instance was retired."},
		{"hardware", "After the reset the build server would not boot again, so a new one was set up."},
		{"software-bug", "A race condition in the scheduler caused a null pointer exception."},
		{"software-bug", "A bug in our retry logic caused an infinite loop and a memory leak."},
		{"security", "A DDoS attack from a botnet flooded the login endpoint."},
		{"security", "An attacker exploited a vulnerability (CVE-2021-44228) in the logging library."},
		{"security", "A deploy key with write access was leaked in a public container image."},
		{"security", "Someone registered accounts that impersonated our maintainers to publish packages."},
		{"process", "An engineer accidentally ran the cleanup script against the production cluster by mistake."},
		{"process", "The runbook was out of date and there was no review or approval step."},
		{"monitoring", "There was no alerting on the queue, so the failure went unnoticed for six hours."},
		{"time", "Clock skew between the nodes, after NTP stopped syncing, made tokens look expired."},
		{"time", "The leap second made the scheduler loop during the daylight saving change."},
		{"data-loss", "The data was lost permanently because the backups were corrupt and could not be restored."},
	} {
		t.Run(tc.want+"/"+tc.text[:20], func(t *testing.T) {
			got := tax.Classify(ClassifyInput{RootCause: tc.text})
			if len(got) == 0 {
				t.Fatalf("no category for %q; explain: %+v", tc.text, tax.Explain(ClassifyInput{RootCause: tc.text}))
			}
			if got[0].Name != tc.want {
				t.Errorf("primary = %s, want %s (all: %v)", got[0].Name, tc.want, names(got))
			}
			if got[0].Evidence != tc.text || got[0].Source != SourceModel {
				t.Errorf("evidence/source = %q/%q", got[0].Evidence, got[0].Source)
			}
		})
	}
}

func TestClassifyNegation(t *testing.T) {
	tax := DefaultTaxonomy()
	for _, tc := range []struct {
		name    string
		text    string
		want    string   // primary
		without []string // categories that must not appear
	}{
		{"not a", "This was not a DDoS attack. The certificate had expired.", "certificate", []string{"security"}},
		{"ruled out before", "We ruled out DNS early on. The disk was full.", "storage", []string{"dns"}},
		{"ruled out after", "DNS was ruled out within minutes. The disk was full.", "storage", []string{"dns"}},
		{"no evidence of", "There was no evidence of a memory leak; the host had a hardware failure.", "hardware", []string{"software-bug"}},
		{"wasn't the", "It wasn't the certificate. A typo in the config file broke routing.", "config-change", []string{"certificate"}},
		{"not the cause", "The database was not the cause of the outage, a misconfiguration was.", "config-change", []string{"database"}},
		{"unrelated", "The deploy at 14:00 was unrelated. The node ran out of memory.", "capacity", []string{"deploy"}},
		{"rather than", "A vendor outage rather than a bug in our code took the site down.", "third-party", []string{"software-bug"}},
		{"scope ends at a break", "It was not the network, but the DNS server was misconfigured.", "config-change", []string{"network"}},
		// The rules score database and software-bug alike for a deadlock;
		// what matters here is that "could not connect" does not deny
		// the database (want "" checks only that it is tagged).
		{"symptom verbs end the scope", "Pods could not connect to the database because it had a deadlock.", "", nil},
		{"negation inside a phrase", "The containers had no memory limits and starved the node.", "capacity", nil},
		{"a list item stating an absence", "No lifecycle management of the LimitRange objects", "config-change", nil},
		{"no evidence stays a denial", "No evidence of a DDoS attack was found. The certificate expired.", "certificate", []string{"security"}},
		{"conjoined nouns share a denial", "We ruled out DNS and the network. A typo in the config file broke routing.", "config-change", []string{"dns", "network"}},
		{"conjoined nouns before a denial", "DNS and the network were ruled out. The disk was full.", "storage", []string{"dns", "network"}},
		{"a new clause ends a denial", "There was no alert and the certificate expired.", "certificate", nil},
		{"a finding stays a denial", "No DNS errors were found in the resolver logs. The disk was full.", "storage", []string{"dns"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tax.Classify(ClassifyInput{RootCause: tc.text})
			if tc.want == "" {
				if !slices.Contains(names(got), "database") {
					t.Fatalf("categories = %v, want database among them", names(got))
				}
			} else if len(got) == 0 || got[0].Name != tc.want {
				t.Fatalf("categories = %v, want %s first", names(got), tc.want)
			}
			for _, n := range tc.without {
				if slices.Contains(names(got), n) {
					t.Errorf("%s tagged from a negated mention: %v", n, names(got))
				}
			}
		})
	}
}

func TestClassifyDeclared(t *testing.T) {
	tax := DefaultTaxonomy()
	body := ClassifyInput{RootCause: "The disk filled up and the database crashed with no space left on device."}
	for _, tc := range []struct {
		name     string
		declared []string
		want     []string // names, in order
		fm       int      // how many come from frontmatter
		evidence string   // of the first
	}{
		// The database crashing is the symptom of the full disk, not a
		// second cause.
		{"none", nil, []string{"storage"}, 0, "The disk filled up and the database crashed with no space left on device."},
		{"name wins", []string{"Config Change"}, []string{"config-change", "storage"}, 1, "Config Change"},
		{"alias", []string{"configuration", "Human Error"}, []string{"config-change", "process", "storage"}, 2, "configuration"},
		{"duplicates once", []string{"storage", "Storage", "disk"}, []string{"storage"}, 1, "storage"},
		{"free text", []string{"expired TLS certificate"}, []string{"certificate", "storage"}, 1, "expired TLS certificate"},
		{"free text matching nothing", []string{"gremlins"}, []string{"storage"}, 0, "The disk filled up and the database crashed with no space left on device."},
		{"blank", []string{"", "  "}, []string{"storage"}, 0, "The disk filled up and the database crashed with no space left on device."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := body
			in.Declared = tc.declared
			got := tax.Classify(in)
			if !slices.Equal(names(got), tc.want) {
				t.Fatalf("categories = %v, want %v", names(got), tc.want)
			}
			for i, c := range got {
				wantSource := SourceModel
				if i < tc.fm {
					wantSource = SourceFrontmatter
				}
				if c.Source != wantSource {
					t.Errorf("%s: source = %s, want %s", c.Name, c.Source, wantSource)
				}
			}
			if got[0].Evidence != tc.evidence {
				t.Errorf("evidence = %q, want %q", got[0].Evidence, tc.evidence)
			}
			if tc.fm > 0 && got[0].Confidence < 0.5 {
				t.Errorf("declared confidence = %v", got[0].Confidence)
			}
		})
	}
}

// TestClassifyEvidence checks that the evidence is the sentence that
// justified the tag, preferring root-cause text over the rest.
func TestClassifyEvidence(t *testing.T) {
	tax := DefaultTaxonomy()
	in := ClassifyInput{
		Title:     "Login outage",
		Headline:  "Users could not log in for an hour.",
		RootCause: "Our identity provider rotated its signing keys. The cause was an expired certificate on our SAML endpoint, which nobody renewed.",
		Rest:      "At 10:02 the certificate dashboard turned red. We renewed the certificate at 11:00.",
	}
	got := tax.Classify(in)
	if len(got) == 0 || got[0].Name != "certificate" {
		t.Fatalf("categories = %v", names(got))
	}
	want := "The cause was an expired certificate on our SAML endpoint, which nobody renewed."
	if got[0].Evidence != want {
		t.Errorf("evidence = %q, want %q", got[0].Evidence, want)
	}
	for _, c := range got {
		if c.Evidence == "" {
			t.Errorf("%s has no evidence", c.Name)
		}
		if !strings.Contains(in.RootCause+" "+in.Rest+" "+in.Headline+" "+in.Title, c.Evidence) {
			t.Errorf("%s evidence %q is not a sentence of the input", c.Name, c.Evidence)
		}
	}
}

func TestClassifyCauseSide(t *testing.T) {
	tax := DefaultTaxonomy()
	for _, tc := range []struct{ text, want string }{
		// The component that failed is the effect; what made it fail is the cause.
		{"A DNS outage was caused by an expired certificate on the resolver's upstream.", "certificate"},
		{"An expired certificate on the resolver caused a DNS outage.", "certificate"},
		{"The disk filled up due to a bug in log rotation.", "software-bug"},
		// A relative pronoun refers back to the cause; the adverb only qualifies it.
		{"A firewall rule change was pushed which inadvertently caused the outage.", "config-change"},
		// The head of the cause clause, not what it later affected.
		{"The outage was caused by a code deployment that dropped the database bindings.", "deploy"},
	} {
		got := tax.Classify(ClassifyInput{Headline: tc.text})
		if len(got) == 0 || got[0].Name != tc.want {
			t.Errorf("%q: categories = %v, want %s first", tc.text, names(got), tc.want)
		}
	}
}

func TestClassifyRanking(t *testing.T) {
	tax := DefaultTaxonomy()
	in := docInput(t, "postmortem.md")
	got := tax.Classify(in)
	if len(got) < 2 {
		t.Fatalf("categories = %v, want a primary and contributing causes", names(got))
	}
	if got[0].Name != "config-change" {
		t.Errorf("primary = %s, want config-change (all %v)", got[0].Name, names(got))
	}
	if !slices.Contains(names(got), "capacity") {
		t.Errorf("capacity (the pool ran out) is not a contributing cause: %v", names(got))
	}
	for _, n := range []string{"dns", "network", "data-loss"} {
		if slices.Contains(names(got), n) {
			t.Errorf("%s tagged although the document rules it out: %v", n, names(got))
		}
	}
	if len(got) > DefaultScoring().MaxCategories {
		t.Errorf("%d categories, more than max_categories", len(got))
	}
	for i, c := range got {
		if c.Confidence <= 0 || c.Confidence > 1 {
			t.Errorf("%s confidence %v out of (0, 1]", c.Name, c.Confidence)
		}
		if i > 0 && c.Confidence > got[0].Confidence {
			t.Errorf("%s (%v) more confident than the primary %s (%v)", c.Name, c.Confidence, got[0].Name, got[0].Confidence)
		}
	}
	if !strings.Contains(got[0].Evidence, "configuration change") {
		t.Errorf("primary evidence = %q", got[0].Evidence)
	}
}

func TestClassifyNothing(t *testing.T) {
	tax := DefaultTaxonomy()
	for _, in := range []ClassifyInput{
		{},
		{RootCause: "   \n\n  "},
		{Headline: "Weekly review", Rest: "We met on Tuesday and talked about the roadmap."},
	} {
		if got := tax.Classify(in); len(got) != 0 {
			t.Errorf("Classify(%+v) = %+v, want nothing", in, got)
		}
	}
}

func TestClassifyIgnoresLinks(t *testing.T) {
	tax := DefaultTaxonomy()
	got := tax.Classify(ClassifyInput{RootCause: "See https://github.com/example/mybinder.org-deploy/issues/42 and https://status.example.com/dns-certificate-outage for details."})
	if len(got) != 0 {
		t.Errorf("words inside links were tagged: %v", names(got))
	}
}

func TestExplain(t *testing.T) {
	tax := DefaultTaxonomy()
	in := ClassifyInput{RootCause: "The TLS certificate expired. The certificate had not been renewed."}
	ex := tax.Explain(in)
	if len(ex) == 0 || ex[0].Name != "certificate" {
		t.Fatalf("Explain = %+v", ex)
	}
	if ex[0].Score < DefaultScoring().MinScore || len(ex[0].Rules) == 0 {
		t.Fatalf("explanation = %+v", ex[0])
	}
	total := 0.0
	for _, r := range ex[0].Rules {
		if r.Sentences < 1 || r.Rule == "" {
			t.Errorf("rule match %+v", r)
		}
		total += r.Score
	}
	if total < ex[0].Score {
		t.Errorf("rules add up to %v, less than the score %v", total, ex[0].Score)
	}
}

func TestSentenceSpans(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"It failed, e.g. on v1.2 of the API. Then more.", []string{"It failed, e.g. on v1.2 of the API.", "Then more."}},
		{"A line broken\nin the middle of a sentence.", []string{"A line broken\nin the middle of a sentence."}},
		{"A long line of prose that is hard-wrapped somewhere after the\nKubernetes scheduler gave up.", []string{"A long line of prose that is hard-wrapped somewhere after the\nKubernetes scheduler gave up."}},
		{"Vendor release notes differ from the official release notes of CoreDNS\nNode rollover needs hands-on work", []string{"Vendor release notes differ from the official release notes of CoreDNS", "Node rollover needs hands-on work"}},
		{"- first item\n- second item", []string{"- first item", "- second item"}},
		{"Root Cause\nThe disk filled up.", []string{"Root Cause", "The disk filled up."}},
		{"Para one\n\nPara two", []string{"Para one", "Para two"}},
		{"| 10:00 | a | b |\n| 11:00 | c | d |", []string{"| 10:00 | a | b |", "| 11:00 | c | d |"}},
		{"Cause:\nthe cache", []string{"Cause:", "the cache"}},
		{"2021-06-22 08:21 | Pipeline ran\n2021-06-22 08:29 | Alert fired", []string{"2021-06-22 08:21 | Pipeline ran", "2021-06-22 08:29 | Alert fired"}},
		{"We deployed at\n14:05 the change went out", []string{"We deployed at", "14:05 the change went out"}},
	} {
		var got []string
		prose.Sentences(tc.in, func(s, e int) { got = append(got, tc.in[s:e]) })
		if !slices.Equal(got, tc.want) {
			t.Errorf("prose.Sentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanSentence(t *testing.T) {
	for in, want := range map[string]string{
		"- a  list\n item ":       "a list item",
		"| 10:00 | the event |":   "10:00 | the event",
		"## Heading":              "Heading",
		strings.Repeat("é ", 400): strings.TrimSpace(strings.Repeat("é ", prose.MaxClean/2)) + "…",
	} {
		got := prose.Clean(in)
		if got != want {
			t.Errorf("prose.Clean(%q) = %q, want %q", in, got, want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("prose.Clean(%q) is not valid UTF-8", in)
		}
	}
}

// FuzzClassify checks that any text classifies without panicking and
// that every category is well-formed.
func FuzzClassify(f *testing.F) {
	f.Add("The TLS certificate expired.", "Outage", "not a DDoS, ruled out DNS", "configuration")
	f.Add("", "", "", "")
	f.Add("İstanbul’s DNS wasn’t it\x00\xff", "x.conf CVE-2021-1", "| a | b |\n- c", "expired TLS certificate")
	f.Fuzz(func(t *testing.T, rc, head, rest, declared string) {
		tax := DefaultTaxonomy()
		got := tax.Classify(ClassifyInput{RootCause: rc, Headline: head, Rest: rest, Declared: []string{declared}})
		if len(got) > DefaultScoring().MaxCategories {
			t.Fatalf("%d categories", len(got))
		}
		seen := map[string]bool{}
		for _, c := range got {
			if seen[c.Name] {
				t.Fatalf("%s twice", c.Name)
			}
			seen[c.Name] = true
			if _, ok := tax.Category(c.Name); !ok {
				t.Fatalf("unknown category %q", c.Name)
			}
			if c.Confidence <= 0 || c.Confidence > 1 || c.Evidence == "" {
				t.Fatalf("bad category %+v", c)
			}
			if c.Source != SourceRules && c.Source != SourceModel && c.Source != SourceFrontmatter {
				t.Fatalf("bad source %+v", c)
			}
		}
	})
}

func ExampleTaxonomy_Classify() {
	tax := DefaultTaxonomy()
	cats := tax.Classify(ClassifyInput{
		Title:     "Checkout errors for 52 minutes",
		Headline:  "Checkout failed for 41% of requests. It was not a DDoS.",
		RootCause: "The root cause was a configuration change that cut the database connection pool from 200 to 20. The pool was exhausted as soon as traffic rose.",
	})
	for _, c := range cats {
		fmt.Printf("%s (%s, %.2f): %s\n", c.Name, c.Source, c.Confidence, c.Evidence)
	}
	// Output:
	// config-change (model, 0.85): The root cause was a configuration change that cut the database connection pool from 200 to 20.
}

func BenchmarkClassify(b *testing.B) {
	tax := DefaultTaxonomy()
	in := docInput(b, "postmortem.md")
	size := len(in.Title) + len(in.Headline) + len(in.RootCause) + len(in.Rest)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		tax.Classify(in)
	}
}

// docInput reads a Markdown fixture and splits it the way the ingester
// does: the title, the summary, root-cause sections and the rest.
func docInput(tb testing.TB, name string) ClassifyInput {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "taxonomy", name))
	if err != nil {
		tb.Fatal(err)
	}
	var in ClassifyInput
	var rc, head, rest strings.Builder
	cur := &rest
	for _, line := range strings.Split(string(b), "\n") {
		switch h := strings.ToLower(strings.TrimLeft(line, "# ")); {
		case strings.HasPrefix(line, "# "):
			in.Title = strings.TrimSpace(line[2:])
			continue
		case !strings.HasPrefix(line, "#"):
		case strings.Contains(h, "summary"):
			cur = &head
			continue
		case strings.Contains(h, "cause") || strings.Contains(h, "contributing") || strings.Contains(h, "whys"):
			cur = &rc
			continue
		default:
			cur = &rest
		}
		cur.WriteString(line + "\n")
	}
	in.RootCause, in.Headline, in.Rest = rc.String(), head.String(), rest.String()
	return in
}

func TestRequiredLiterals(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{`\w\.(conf|cfg)\b`, []string{".conf", ".cfg"}},
		{`\bcve-\d{4}-\d+`, []string{"cve-"}},
		{`(?i)Disk (full|space)`, []string{"disk full", "disk space"}},
		{`\d+ms`, []string{"ms"}},
		{`\bbugs? (in|of) v\d`, []string{"bug"}},
		{`a|\d`, nil},
		{`x`, nil}, // too short to filter on
		{`\b(on|at) (the )?[a-z]+('s|s') (side|end)\b`, []string{"'s side", "'s end", "s' side", "s' end"}},
	} {
		got := requiredLiterals(tc.expr)
		if !slices.Equal(got, tc.want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

// TestSentenceSpansRunOn checks that run-on text is cut into bounded
// sentences, so that the work per sentence (quadratic in its matches in
// places) stays small on hostile input.
func TestSentenceSpansRunOn(t *testing.T) {
	text := strings.Repeat("the database config was not the cause because the disk was full and ", 2000)
	n, longest := 0, 0
	prose.Sentences(text, func(s, e int) {
		n++
		longest = max(longest, e-s)
	})
	if n < len(text)/1100 || longest > 1100 {
		t.Errorf("%d sentences, longest %d bytes, want pieces of at most about 1000 bytes", n, longest)
	}
	if got := DefaultTaxonomy().Classify(ClassifyInput{RootCause: text}); len(got) == 0 || got[0].Name != "storage" {
		t.Errorf("categories = %v", names(got))
	}
}

func TestPhraseMatching(t *testing.T) {
	tax, err := LoadTaxonomy(strings.NewReader(`
scoring: {min_score: 1}
categories:
  - name: short
    description: short words and their plurals
    rules:
      - {phrase: "db", weight: 2}
  - name: prefix
    description: prefixes and alternatives
    rules:
      - {phrase: "expir* cert|certs", weight: 2}
  - name: punct
    description: punctuation inside a phrase word splits it
    rules:
      - {phrase: "out-of-memory", weight: 2}
  - name: unicode
    description: non-ASCII words
    rules:
      - {phrase: "défaillance matérielle", weight: 2}
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"Both DBs were down.", "short"},
		{"The db was down.", "short"},
		{"Expired certs everywhere.", "prefix"},
		{"An EXPIRING cert.", "prefix"},
		{"The pod ran Out Of Memory.", "punct"},
		{"Une DÉFAILLANCE MATÉRIELLE du disque.", "unicode"},
		{"The dbx tool and expiration dates.", ""},
	} {
		got := tax.Classify(ClassifyInput{RootCause: tc.text})
		primary := ""
		if len(got) > 0 {
			primary = got[0].Name
		}
		if primary != tc.want {
			t.Errorf("%q: categories = %v, want %q", tc.text, names(got), tc.want)
		}
	}
}
