package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadmeShapes covers when Walk reads a read-me: a collection that
// keeps one incident in its read-me has it read, a front page listing
// the reports or a project read-me does not.
func TestReadmeShapes(t *testing.T) {
	const report = "# Incident reports\n\n## Ledger sync stuck behind a wrong relay address\n\n" +
		"On March 3, 2023, we tried to settle the week's transfers to the main ledger and the settlement job failed for one of the regional ledgers. " +
		"We looked into the logs with the relay operator and found that our contract had been deployed with a misconfigured relay address, so the transfers were stuck.\n\n" +
		"On March 5 we prepared the smallest change that would let the transfers continue, and we had it reviewed by an outside auditor before running it.\n\n" +
		"On March 20 the operator approved the recovery and the funds reached the main ledger the same day.\n"
	const index = "# Incident reports\n\nThis repository holds the reports we write after an outage or a failed release, so that we learn from every incident.\n\n" +
		"- [2023-03-03 ledger sync stuck](2023-03-03-ledger.md)\n- [2023-05-10 API outage](2023-05-10-api.md)\n- [2023-08-01 lost webhooks](reports/webhooks.md)\n\n" +
		"We wrote these on 2023-09-01 after the error budget review; we learned that writing them early helps, and every failure gets one.\n"
	const project = "# ledger-tools\n\nCommand line tools for the ledger.\n\n## Install\n\n```\ngo install example.org/ledger-tools@latest\n```\n\n## Usage\n\nRun `ledger-tools sync` to settle the week's transfers.\n"
	tests := []struct {
		name string
		text string
		read bool
	}{
		{"one incident told in the read-me", report, true},
		{"a front page listing the reports", index, false},
		{"a project read-me", project, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"org/README.md": {Data: []byte(tc.text)}, "org/other.md": {Data: []byte("# Other\n")}}
			var walked []string
			skipped := map[string]string{}
			err := WalkWith(fsys, WalkOptions{Skipped: func(n, r string) { skipped[n] = r }}, func(n string, err error) error {
				walked = append(walked, n)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Contains(strings.Join(walked, " "), "README.md")
			if got != tc.read {
				t.Errorf("read-me walked = %v, want %v (walked %v, skipped %v)", got, tc.read, walked, skipped)
			}
			if !tc.read && skipped["org/README.md"] != SkipRepoFile {
				t.Errorf("read-me skipped for %q, want %q", skipped["org/README.md"], SkipRepoFile)
			}
			counts, err := CountSkipped(fsys)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 0, false: 1}[tc.read]; counts.Total() != want {
				t.Errorf("CountSkipped = %d, want %d: it must agree with Walk", counts.Total(), want)
			}
		})
	}
	t.Run("the incident under a collection heading is the title", func(t *testing.T) {
		rec, err := Parse("README.md", strings.NewReader(report))
		if err != nil {
			t.Fatal(err)
		}
		if want := "Ledger sync stuck behind a wrong relay address"; rec.Title != want {
			t.Errorf("title %q, want %q", rec.Title, want)
		}
	})
}

// TestActionNoiseShapes covers text near follow-ups that is none: a
// writer's note left in a draft, steps that reproduce the fault, and
// nested bullets that only detail one follow-up.
func TestActionNoiseShapes(t *testing.T) {
	const head = "# Lost invoices\n\nOn 2024-02-11 some invoices were lost because a retry loop dropped failed writes.\n\n"
	tests := []actionCountCase{
		{
			name: "a draft note is no heading over what follows",
			doc: head + "## Details\n\nThe loop gave up after one try.\n\n## Credits\n\nThanks to the customer who told us.\n\nTODO: Credit? waiting on the customer's reply\n\n" +
				"We are grateful to everyone who reports problems to us.\n\nThe author runs the billing team.\n",
			actions: 0,
		},
		{
			name: "steps to reproduce in the resolution are no fixes",
			doc: head + "## Response\n\nI confirmed the report locally. The steps to reproduce were:\n\n1. Create an invoice\n2. Make the database refuse one write\n3. Look for the invoice\n\n" +
				"It was gone, so I wrote a failing test and a patch.\n",
			actions: 0,
		},
		{
			name: "a labelled item beside whole actions is one action with details",
			doc: head + "## Follow-ups\n\n- Review every retry loop in the billing code\n- **Write-ahead queue** (in progress):\n  - Trigger: any failed write\n  - Kept for seven days\n  - Replayed by the nightly job\n" +
				"- Alert when an invoice write fails twice\n",
			actions: 3,
		},
		{
			name:    "labels over nested actions still sort them",
			doc:     head + "## Follow-ups\n\n- **Detection**:\n  - Alert on failed writes\n  - Count dropped invoices\n- **Prevention**:\n  - Replace the retry loop\n",
			actions: 3,
		},
	}
	testActionCounts(t, tests)
}

// TestNarrativeCauseShapes covers causes stated in the telling, with no
// cause heading and no causal connective: what was concluded, what a
// check showed, what the writer is sure of.
func TestNarrativeCauseShapes(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		cause bool
	}{
		{"a conclusion reached", "We talked to the vendor and later came to the conclusion that our job was pointed at the retired queue.", true},
		{"what a check showed", "I checked the proxy host, and it looks like the renewal timer was never enabled there.", true},
		{"what the writer is sure of", "I'm fairly confident it relates to this cluster still running the old ingress version.", true},
		{"a look that shows nothing causal", "It looks like the dashboard will need a new colour scheme.", false},
		{"being sure of something else", "We are confident the new release is ready for the weekend.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := causalSentences(tc.text) != ""; got != tc.cause {
				t.Errorf("causalSentences(%q) found a cause = %v, want %v", tc.text, got, tc.cause)
			}
		})
	}
}

// TestFollowUpTimelineShape covers a second timeline of what happened
// after the incident ("Follow-up timeline"): its timed entries are
// timeline entries, not follow-up actions.
func TestFollowUpTimelineShape(t *testing.T) {
	doc := "# Login outage on 2025-03-04\n\nLogins failed because the session store ran out of memory.\n\n" +
		"## Timeline (times in UTC)\n\n### 10:00\nAlerts fire for failed logins.\n\n### 10:20\nThe store is restarted.\n\n" +
		"## Follow-up timeline (times in UTC)\n\n### 14:05\nA user reports slow logins.\n\n### 14:30\nThe store's memory limit is raised.\n\n" +
		"## Action items\n\n- [ ] Alert on the store's memory use\n- [x] Raise the memory limit\n"
	for _, tc := range []struct {
		heading string
		kind    sectionKind
	}{
		{"Follow-up timeline (times in UTC)", secTimeline},
		{"Post-incident timeline", secTimeline},
		{"Follow-up actions", secActions},
	} {
		t.Run(tc.heading, func(t *testing.T) {
			if got := classifyHeading(tc.heading); got != tc.kind {
				t.Errorf("classifyHeading(%q) = %v, want %v", tc.heading, got, tc.kind)
			}
		})
	}
	t.Run("document", func(t *testing.T) {
		rec, err := Parse("doc.md", strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.ActionItems) != 2 {
			t.Errorf("got %d action items, want 2: %+v", len(rec.ActionItems), rec.ActionItems)
		}
		if len(rec.Timeline) != 4 {
			t.Errorf("got %d timeline entries, want 4: %+v", len(rec.Timeline), rec.Timeline)
		}
	})
}

// TestResolutionTierShape covers a resolution whose bullets say when
// each fix applies ("**Short term:** …"): they are the resolution, and
// an action-items section elsewhere holds the follow-ups; with none,
// the resolution's fixes are read as the follow-ups.
func TestResolutionTierShape(t *testing.T) {
	const head = "# Build farm down\n\nOn 2021-05-02 the build farm stopped because a kernel update broke its overlay storage.\n\n" +
		"## Resolution\n\n- **Short term:** pin the previous kernel.\n- **Long term:** move the builds to virtual machines.\n\n"
	tests := []actionCountCase{
		{"with an action table", head + "## Action items\n\n| Action | Owner |\n|---|---|\n| Pin the kernel | ana |\n| Move builds to VMs | raj |\n| Test kernel updates first | ana |\n", 3},
		{"with no other follow-ups", head + "## Lessons\n\nKernel updates need a test run.\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != tc.actions {
				t.Errorf("got %d action items, want %d: %+v", len(rec.ActionItems), tc.actions, rec.ActionItems)
			}
			if !strings.Contains(rec.Resolution, "pin the previous kernel") {
				t.Errorf("resolution %q lacks its short-term fix", rec.Resolution)
			}
		})
	}
}

// TestAnnouncedChangesShape covers follow-ups written as prose: a
// sentence announcing changes made against a recurrence, then one
// paragraph per change.
func TestAnnouncedChangesShape(t *testing.T) {
	const head = "# Leaked deploy key\n\nOn 2024-01-09 a deploy key was found in a public image because a local build copied the working tree.\n\n## Response\n\n"
	tests := []actionCountCase{
		{
			name: "paragraphs after the announcement",
			doc: head + "Besides rotating the key, some changes have been made to reduce the future risk of such a leak.\n\n" +
				"Images are now built only by the build service from clean checkouts.\n\n" +
				"Deploy keys now expire after thirty days.\n\n## Thanks\n\nThanks to the researcher who told us.\n",
			actions: 2,
		},
		{
			name:    "a response with no announcement has none",
			doc:     head + "I rotated the key and checked the audit log for any use of it.\n\nNothing else used the key.\n",
			actions: 0,
		},
	}
	testActionCounts(t, tests)
}

// TestRepeatedActionsShape covers one follow-up listed twice, in an
// owner table and again in a checklist: a reader counts it once, done
// when either list says so, with the link either gives.
func TestRepeatedActionsShape(t *testing.T) {
	const head = "# Queue workers stalled\n\nOn 2024-05-02 the queue workers stalled because a lock was never released.\n\n"
	table := "## Action items\n\n| Action | Owner |\n|---|---|\n| Release the lock on every exit path | Ana |\n| Alert when the queue is older than ten minutes | Bo |\n\n"
	checklist := "## Checklist\n\n- [x] Release the lock on every exit path.\n- [ ] Alert when the queue is older than ten minutes https://tracker.example.org/ops/41\n- [ ] Add a lock timeout\n"
	testActionCounts(t, []actionCountCase{
		{name: "table then checklist", doc: head + table + checklist, actions: 3},
		{name: "the table alone", doc: head + table, actions: 2},
	})
	rec, err := Parse("doc.md", strings.NewReader(head+table+checklist))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.ActionItems) < 2 || !rec.ActionItems[0].Done || rec.ActionItems[1].Link == "" {
		t.Errorf("the kept items lack the repeat's done mark or link: %+v", rec.ActionItems)
	}
}
