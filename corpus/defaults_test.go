package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestFolderDefaults(t *testing.T) {
	fsys := fstest.MapFS{
		"hindsight.yaml":            {Data: []byte("organization: Outer Org\ntimezone: Europe/Berlin\nservices: [gateway]\n")},
		"team/.hindsight.yaml":      {Data: []byte("organization: Inner Team\n")},
		"team/2024-07-02-queue.md":  {Data: []byte("# Queue stalled\n\n## Timeline\n\n- 2024-07-02 09:00 queue stops\n- 2024-07-02 09:40 queue drains\n")},
		"team/own.md":               {Data: []byte("---\norganization: Own Org\nservices: [billing]\n---\n# Billing retries doubled\n\nOn 2024-03-01 retries doubled.\n")},
		"other/2023-01-05-cache.md": {Data: []byte("# Cache flush\n\n## Timeline\n\n- 2023-01-05 10:00 PST cache flushed\n- 2023-01-05 10:30 PST warm again\n")},
		"bad/hindsight.yaml":        {Data: []byte("organisation: Misspelt\n")},
		"bad/2022-02-02-x.md":       {Data: []byte("# X\n\nText.\n")},
		"badzone/hindsight.yaml":    {Data: []byte("timezone: Mars/Olympus\n")},
		"badzone/2022-02-02-y.md":   {Data: []byte("# Y\n\nText.\n")},
	}
	p, err := NewParser(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, org, started string
		services           []string
		wantWarning        string
	}{
		{name: "team/2024-07-02-queue.md", org: "Inner Team", started: "2024-07-02T09:00:00+02:00", services: []string{"gateway"}},
		{name: "team/own.md", org: "Own Org", services: []string{"billing"}},
		{name: "other/2023-01-05-cache.md", org: "Outer Org", started: "2023-01-05T10:00:00-08:00", services: []string{"gateway"}},
		{name: "bad/2022-02-02-x.md", org: "Outer Org", services: []string{"gateway"}, wantWarning: "bad/hindsight.yaml"},
		{name: "badzone/2022-02-02-y.md", org: "Outer Org", services: []string{"gateway"}, wantWarning: "Mars/Olympus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := p.ParseFile(fsys, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if w := strings.Join(rec.Warnings, "\n"); tt.wantWarning != "" && !strings.Contains(w, tt.wantWarning) || tt.wantWarning == "" && w != "" {
				t.Errorf("warnings = %q, want one naming %q", w, tt.wantWarning)
			}
			if rec.Organization != tt.org {
				t.Errorf("organization = %q, want %q", rec.Organization, tt.org)
			}
			if strings.Join(rec.Services, ",") != strings.Join(tt.services, ",") {
				t.Errorf("services = %v, want %v", rec.Services, tt.services)
			}
			got := ""
			if rec.StartedAt != nil {
				got = rec.StartedAt.Format("2006-01-02T15:04:05Z07:00")
			}
			if tt.started != "" && got != tt.started {
				t.Errorf("started_at = %q, want %q", got, tt.started)
			}
		})
	}
}

func TestZoneWordsFollowDaylightSaving(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-01-10 09:00 PST", "2024-01-10T09:00:00-08:00"},
		{"2024-07-10 09:00 PST", "2024-07-10T09:00:00-07:00"},
		{"2024-07-10 09:00 PDT", "2024-07-10T09:00:00-07:00"},
		{"2024-03-09 09:00 Eastern", "2024-03-09T09:00:00-05:00"},
		{"2024-03-11 09:00 ET", "2024-03-11T09:00:00-04:00"},
		{"2024-10-26 09:00 CEST", "2024-10-26T09:00:00+02:00"},
		{"2024-10-28 09:00 CET", "2024-10-28T09:00:00+01:00"},
		{"2024-06-01 09:00 BST", "2024-06-01T09:00:00+01:00"},
		{"2024-06-01 09:00 IST", "2024-06-01T09:00:00+05:30"},
		{"2024-06-01 09:00 SAST", "2024-06-01T09:00:00+02:00"},
		{"2024-06-01 09:00 JST", "2024-06-01T09:00:00+09:00"},
		{"2024-06-01 09:00 AEST", "2024-06-01T09:00:00+10:00"},
		{"2024-01-15 09:00 AEST", "2024-01-15T09:00:00+11:00"},
		{"2024-06-01 09:00 UTC+2", "2024-06-01T09:00:00+02:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _, ok := parseTimeValue(tt.in, dateCtx{})
			if !ok || got.Format("2006-01-02T15:04:05Z07:00") != tt.want {
				t.Errorf("parseTimeValue(%q) = %v (ok %v), want %s", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestLoadDefaults(t *testing.T) {
	tests := []struct {
		in      string
		want    Defaults
		wantErr string
	}{
		{in: "", want: Defaults{}},
		{in: "organization: Acme\ntimezone: CET\n", want: Defaults{Organization: "Acme", Timezone: "CET"}},
		{in: "services:\n  - api\n  - web\n", want: Defaults{Services: []string{"api", "web"}}},
		{in: "orgnization: Acme\n", wantErr: "orgnization"},
		{in: "timezone: Nowhere\n", wantErr: "Nowhere"},
		{in: "organization: [unclosed\n", wantErr: "defaults"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := LoadDefaults(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Organization != tt.want.Organization || got.Timezone != tt.want.Timezone || strings.Join(got.Services, ",") != strings.Join(tt.want.Services, ",") {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestWalkSkipReasons(t *testing.T) {
	fsys := fstest.MapFS{
		"labels.jsonl":             {Data: []byte("{}\n")},
		"queries.jsonl":            {Data: []byte("{}\n")},
		"table.csv":                {Data: []byte("a,b\n")},
		"rows.tsv":                 {Data: []byte("a\tb\n")},
		"LABELING.md":              {Data: []byte("# How to label\n")},
		"LICENSE":                  {Data: []byte("MIT\n")},
		"hindsight.yaml":           {Data: []byte("organization: X\n")},
		"shot.png":                 {Data: []byte("\x89PNG")},
		".hidden.md":               {Data: []byte("# hidden\n")},
		"org/2024-01-01-outage.md": {Data: []byte("# Outage\n")},
		"org/notes.adoc":           {Data: []byte("= Notes\n")},
	}
	var walked []string
	skipped := map[string]string{}
	err := WalkWith(fsys, WalkOptions{Skipped: func(name, reason string) { skipped[name] = reason }}, func(name string, err error) error {
		if err != nil {
			t.Errorf("walk error: %v", err)
		}
		walked = append(walked, name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(walked, " "); got != "org/2024-01-01-outage.md org/notes.adoc" {
		t.Errorf("walked %q", got)
	}
	want := map[string]string{
		"labels.jsonl": SkipData, "queries.jsonl": SkipData, "table.csv": SkipData, "rows.tsv": SkipData,
		"LABELING.md": SkipRepoFile, "LICENSE": SkipLicense, "hindsight.yaml": SkipDefaults,
		"shot.png": SkipMedia, ".hidden.md": SkipHidden,
	}
	for name, reason := range want {
		if skipped[name] != reason {
			t.Errorf("%s: skipped for %q, want %q", name, skipped[name], reason)
		}
	}
}
