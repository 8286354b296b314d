package corpus

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// actionTexts parses a document and returns its action items' texts,
// "+" before a done item.
func actionTexts(t *testing.T, name, doc string) []string {
	t.Helper()
	rec, err := Parse(name, strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range rec.ActionItems {
		s := a.Text
		if a.Done {
			s = "+" + s
		}
		got = append(got, s)
	}
	return got
}

// TestFollowUpHeadings: the names postmortem writers give their
// follow-up sections — template names, blog and status-page phrasings,
// wiki and tracker names — start an action-items section; the names of
// other sections do not.
func TestFollowUpHeadings(t *testing.T) {
	tests := []struct {
		h    string
		want sectionKind
	}{
		{"Remediations", secActions}, {"Remediation items", secActions}, {"Remediation plan", secActions},
		{"What's next?", secActions}, {"What's Next", secActions}, {"Where do we go from here?", secActions},
		{"What we're doing about it", secActions}, {"What we are doing about this", secActions},
		{"What we'll do next", secActions}, {"What we've changed", secActions}, {"What we are changing", secActions},
		{"What changes are we making?", secActions}, {"What is being done", secActions},
		{"What will we do differently?", secActions}, {"Doing better", secActions},
		{"Changes we've made", secActions}, {"Changes made since the incident", secActions},
		{"Changes to our process", secActions}, {"Steps we are taking", secActions}, {"Steps to prevent recurrence", secActions},
		{"How we're preventing this", secActions}, {"How we'll prevent this from happening again", secActions},
		{"How are we going to improve?", secActions}, {"How do we prevent this?", secActions},
		{"Improvements", secActions}, {"Process improvements", secActions}, {"Monitoring enhancements", secActions},
		{"Improvements we are making", secActions}, {"Areas for improvement", secActions}, {"Room for improvement", secActions},
		{"Preventive measures", secActions}, {"Preventative Measures", secActions}, {"Countermeasures", secActions},
		{"Future work", secActions}, {"Future mitigations", secActions}, {"Further actions", secActions},
		{"Mitigations", secActions}, {"Mitigations going forward", secActions}, {"Long-term mitigations", secActions},
		{"Going forward", secActions}, {"Moving forward", secActions}, {"The road ahead", secActions},
		{"To-do", secActions}, {"TODOs", secActions}, {"Tasks", secActions}, {"Open items", secActions},
		{"Outstanding work", secActions}, {"Next actions", secActions}, {"Our next steps", secActions},
		{"Actions taken to prevent recurrence", secActions}, {"Actionables", secActions}, {"Action plan", secActions},
		{"Short-term", secActions}, {"Long term fixes", secActions}, {"Post-incident actions", secActions},
		{"Recommendations", secActions}, {"Suggestions", secActions}, {"Our plan", secActions},
		{"What could be done to avoid this in future?", secActions}, {"What can we do to prevent this?", secActions},
		{"Next steps for users", secOther}, {"Changes implemented", secActions},
		{"Hardening", secActions}, {"Follow-on work", secActions}, {"Corrective Actions", secActions},
		{"✅ Follow-up tasks", secActions}, {"6. Next Steps", secActions}, {"Nächste Schritte", secActions},
		{"Actions correctives", secActions}, {"Incident follow-ups", secActions}, {"Security action items", secActions},
		{"Postmortem action items", secActions}, {"Outage next steps", secActions}, {"Things to improve", secActions},
		{"Things we need to fix", secActions},
		{"What did we learn?", secLessons}, {"What we learned", secLessons}, {"Key takeaways", secLessons},
		{"What worked", secLessons},
		{"Mitigation", secResolution}, {"Solutions", secResolution}, {"How it was fixed", secResolution},
		{"Fixing the problem", secResolution}, {"Immediate resolution", secResolution},
		{"What we did", secOther}, {"Steps taken", secOther}, {"Preventing the outage", secOther},
		{"Changes", secOther}, {"Transaction receipts", secOther}, {"Planning the migration", secOther},
		{"What were the causes?", secOther},
	}
	for _, tt := range tests {
		t.Run(tt.h, func(t *testing.T) {
			if got := classifyHeading(tt.h); got != tt.want {
				t.Errorf("classifyHeading(%q) = %d, want %d", tt.h, got, tt.want)
			}
		})
	}
}

// TestActionShapes: follow-ups are found in the shapes writers use —
// under any follow-up heading, under "Label:" lines and list-item labels,
// as check-box lists, tables and glyph lines anywhere, in lessons lists
// written as actions, and in closing sentences where the team states a
// follow-up — and nothing is read from timelines, impact lists, status
// updates or narration.
func TestActionShapes(t *testing.T) {
	const head = "# Queue outage\n\nThe queue stalled for an hour after a deploy removed an index.\n\n"
	var checks []string // twelve distinct stated follow-ups
	for i := range 12 {
		checks = append(checks, fmt.Sprintf("We will add check %d.", i+1))
	}
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"what's next heading", head + "## What's next?\n\n- Add a migration check\n- Page on queue depth\n",
			[]string{"Add a migration check", "Page on queue depth"}},
		{"improvements heading at depth", head + "## Analysis\n\nA bad deploy.\n\n#### Reliability improvements\n\n1. Add a migration check\n2. Page on queue depth\n",
			[]string{"Add a migration check", "Page on queue depth"}},
		{"mitigations sorted by sub-headings", head + "## Mitigations\n\n### Deploys\n\n- Reverted the release\n\n### Alerting\n\n- Page on queue depth\n",
			[]string{"Reverted the release", "Page on queue depth"}},
		{"bold line heading", head + "**Going forward**\n\n1. Add a migration check\n2. Page on queue depth\n",
			[]string{"Add a migration check", "Page on queue depth"}},
		{"bold key before prose", head + "**Next steps:** We will add a migration check. We will page on queue depth.\n",
			[]string{"We will add a migration check.", "We will page on queue depth."}},
		{"plain label line", head + "Preventive measures:\n\n- Add a migration check\n- Page on queue depth\n",
			[]string{"Add a migration check", "Page on queue depth"}},
		{"label line ends a paragraph", head + "We looked at what to change.\nWhat we are changing:\n- Add a migration check\n",
			[]string{"Add a migration check"}},
		{"resolution label is the fallback", head + "Remediation:\n\n- Restored the index\n- Replayed the queue\n",
			[]string{"Restored the index", "Replayed the queue"}},
		{"list item names the section", head + "- Root cause: a dropped index\n- Follow-ups:\n  - Add a migration check\n    - in CI\n  - Page on queue depth\n",
			[]string{"Add a migration check", "Page on queue depth"}},
		{"bold key item with its action", head + "- **Root cause**: a dropped index\n- **Action items**: add a migration check to CI\n",
			[]string{"add a migration check to CI"}},
		{"task list of issues", head + "## Follow-up tasks\n\n- [x] https://github.com/o/r/issues/12\n- [ ] https://github.com/o/r/pull/13\n- https://example.com/blog/why-indexes-matter\n",
			[]string{"+https://github.com/o/r/issues/12", "https://github.com/o/r/pull/13"}},
		{"collapsed section", head + "<details><summary>Action items</summary>\n\n- Add a migration check\n\n</details>\n",
			[]string{"Add a migration check"}},
		{"check-box list anywhere", head + "## Notes\n\n- [x] Restore the index\n- [ ] Add a migration check\n",
			[]string{"+Restore the index", "Add a migration check"}},
		{"a form's check boxes are no tasks", head + "- [x] I have searched existing issues\n- [x] I agree to the code of conduct\n", nil},
		{"owner table anywhere", head + "| Action | Owner | Status |\n|---|---|---|\n| Add a migration check | db team | done |\n| Page on queue depth | sre | open |\n",
			[]string{"+Add a migration check | db team", "Page on queue depth | sre"}},
		{"glyph lines anywhere", head + "✅ Restored the index\n☐ Add a migration check\n",
			[]string{"+Restored the index", "Add a migration check"}},
		{"glyph lines in a section", head + "## Follow-up\n\n✔ Restored the index\n✔ Replayed the queue\n",
			[]string{"+Restored the index", "+Replayed the queue"}},
		{"sorting sub-headings with prose", head + "## Action items\n\n### Short term\n\nAdd a migration check to CI.\n\n### Long term\n\nMove the queue to a managed service.\n",
			[]string{"Add a migration check to CI.", "Move the queue to a managed service."}},
		{"lessons written as actions", head + "## Lessons learned\n\n- The team responded quickly\n- Tests passed but missed the deploy shape\n- We should have tested the migration\n- Test coverage was low\n- Review process missed the index drop\n- Deploy took an hour\n- Ensure alerts are routed to the on-call\n- We need to test migrations against a copy of production\n- Page on queue depth\n",
			[]string{"Ensure alerts are routed to the on-call", "We need to test migrations against a copy of production", "Page on queue depth"}},
		{"lessons sub-headings written as actions", head + "## Lessons learned\n\n### 1. Staging had no data\n\nIt was empty.\n\n### 2. Test migrations on a copy of production\n\nWe will.\n",
			[]string{"Test migrations on a copy of production"}},
		{"a team's apology after the follow-ups", head + "## What we are doing differently\n\nWe are building tests for the failover path.\n\nOnce again, the example.org team sincerely apologises for the degraded service.\n",
			[]string{"We are building tests for the failover path."}},
		{"next steps for users are not the team's", head + "## What we are doing about it\n\n1. Add a migration check to CI\n\n## Next steps for users\n\n1. Sign in to your dashboard\n2. Re-enable the integration\n",
			[]string{"Add a migration check to CI"}},
		{"closing commitments", head + "We restored the index at 10:40.\n\nWe will add a migration check to CI. We are also going to page on queue depth.\n\nWe apologise for the disruption.\n",
			[]string{"We will add a migration check to CI.", "We are also going to page on queue depth."}},
		{"typographic apostrophe", head + "We’ll add a migration check to CI.\n",
			[]string{"We’ll add a migration check to CI."}},
		{"changes made since", head + "Since then, we have moved all schema changes behind a review.\n\nI have since written a runbook.\n",
			[]string{"Since then, we have moved all schema changes behind a review.", "I have since written a runbook."}},
		{"purpose lead", head + "To prevent this from happening again, we added a migration check to CI.\n",
			[]string{"To prevent this from happening again, we added a migration check to CI."}},
		{"passive future", head + "A migration check will be added to CI, and queue depth alerts will be enabled.\n",
			[]string{"A migration check will be added to CI, and queue depth alerts will be enabled."}},
		{"team states its work", head + "Our platform team is now adding a migration check to CI.\n",
			[]string{"Our platform team is now adding a migration check to CI."}},
		{"follow-ups marked inline", head + "## Lessons learned\n\n- **Tests missed the deploy shape.** Nothing ran the real image. Follow-up: a smoke job that runs the real image in CI.\n\nThe proxy hid the bug (TODO: document the proxy settings).\n\n```\nTODO: not an item in code\n```\n",
			[]string{"a smoke job that runs the real image in CI", "document the proxy settings"}},
		{"future lead with any subject", head + "Going forward, schema changes need a second review.\n",
			[]string{"Going forward, schema changes need a second review."}},
		{"advice and tracked follow-ups", head + "It would be good to add a migration check. Consider alerting on queue depth. Follow-ups are tracked in the ops board.\n",
			[]string{"It would be good to add a migration check.", "Consider alerting on queue depth.", "Follow-ups are tracked in the ops board."}},
		{"admins and intentions", head + "The admins will add a migration check. We would like to page on queue depth.\n",
			[]string{"The admins will add a migration check.", "We would like to page on queue depth."}},
		{"a section's list wins over prose elsewhere", head + "We will add a migration check.\n\n## Action items\n\n- Page on queue depth\n",
			[]string{"Page on queue depth"}},
		{"timeline is no follow-up", head + "## Timeline\n\n- [x] 10:00 deploy\n- [x] 10:40 restored\n\n## Impact\n\n- Orders were delayed\n", nil},
		{"post narration is no follow-up", head + "In this post we will explain what happened. We will also describe the fix.\n", nil},
		{"status-page updates are no follow-ups", head + "We are investigating. We have implemented a fix and are monitoring the results. We will continue to monitor and keep you updated. This incident post will be updated once we have more information.\n", nil},
		{"maintenance notices are no follow-ups", head + "We will be performing maintenance on the database. We will upgrade the cluster on Saturday at 10:00 UTC. We'll be back shortly.\n", nil},
		{"asides are no follow-ups", head + "I will admit the alert was easy to miss. I'll spare you the details.\n", nil},
		{"mitigation in a status update is no follow-up", head + "We've increased resources and got things running. We have deployed a fix.\n", nil},
		{"telling the reader is no follow-up", head + "We want to give you some insight into what happened. We would like to be transparent about it.\n", nil},
		{"description and owner table", head + "| # | Description | Owner |\n|---|---|---|\n| 1 | Add a migration check | db team |\n",
			[]string{"Add a migration check | db team"}},
		{"a status table is no action table", head + "| Component | Status |\n|---|---|\n| API | operational |\n| Queue | degraded |\n", nil},
		{"questions are no follow-ups", head + "What will we change next time?\n", nil},
		{"many stated follow-ups keep the closing ones", head + strings.Join(checks[:12], " ") + "\n\nWe will page on queue depth. We will rehearse restores. We will see.\n",
			append(slices.Clone(checks[2:12]), "We will page on queue depth.", "We will rehearse restores.")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := actionTexts(t, "doc.md", tt.doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestActionShapesOtherFormats: the same readings hold for plain text
// and HTML.
func TestActionShapesOtherFormats(t *testing.T) {
	tests := []struct {
		name, file, doc string
		want            []string
	}{
		{"text label and bullets", "doc.txt", "Queue outage\n\nThe queue stalled on 2024-01-02.\n\nNext steps:\n  * Add a migration check\n  * Page on queue depth\n",
			[]string{"Add a migration check", "Page on queue depth"}},
		{"html check boxes", "doc.html", `<html><body><h1>Queue outage</h1><p>The queue stalled.</p><ul><li><input type="checkbox" checked> Restore the index</li><li><input type="checkbox"> Add a migration check</li></ul></body></html>`,
			[]string{"+Restore the index", "Add a migration check"}},
		{"html what's next", "doc.html", `<html><body><h1>Queue outage</h1><p>The queue stalled.</p><h2>What's next</h2><ol><li>Add a migration check</li></ol></body></html>`,
			[]string{"Add a migration check"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := actionTexts(t, tt.file, tt.doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// FuzzActions: whatever the text around and under a follow-up heading,
// reading action items never panics, never yields an empty item and
// stays bounded.
func FuzzActions(f *testing.F) {
	for _, s := range []string{
		"- [x] Restore the index\n- [ ] Add a check\n",
		"Next steps:\n- Add a check\n",
		"- Follow-ups:\n  - Add a check\n",
		"✅ Done\n☐ Open\n",
		"| Action | Owner |\n|---|---|\n| Add | me |\n",
		"We will add a check. Follow-up: (TODO: rotate Ⱥ keys)\n",
		"### 1. Test it\n\nWe should have.\n",
		"### 2. Pushes\n\nGoing forward we will review them. So hopefully this won't happen again.\n",
		"- Cap it\n\nThings being considered\n\n- Rewrite it\n\nThanks\n\nSam\n",
		"## Resolution\n\n### 1. Guard\n\nAdded (tracked in #4).\n\n### 2. Tests\n\n- one\n",
		"There will be more tests added.<br />We fixed it.<p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, doc := range []string{"# T\n\n" + body, "# T\n\n## Lessons learned\n\n" + body, "# T\n\n## Action items\n\n" + body} {
			rec, err := Parse("doc.md", strings.NewReader(doc))
			if err != nil {
				continue
			}
			if len(rec.ActionItems) > maxActions {
				t.Fatalf("%d action items, more than %d", len(rec.ActionItems), maxActions)
			}
			for _, a := range rec.ActionItems {
				if strings.TrimSpace(a.Text) == "" {
					t.Fatalf("empty action item from %q", doc)
				}
			}
		}
	})
}

// TestSplitCoordinated: a sentence stating several follow-ups joined by
// commas or "and" before an imperative is one action each; a short
// phrase, a list of nouns and a parenthesis stay whole.
func TestSplitCoordinated(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"We will add an alert on queue depth, document the restart and rotate the keys.",
			[]string{"We will add an alert on queue depth", "document the restart", "rotate the keys."}},
		{"We have added a config validator and will require two reviewers.",
			[]string{"We have added a config validator", "require two reviewers."}},
		{"We need to keep watching the metrics; experiment with the workers.",
			[]string{"We need to keep watching the metrics", "experiment with the workers."}},
		{"We will set up and configure the probe.", []string{"We will set up and configure the probe."}},
		{"We will add monitoring, alerting and dashboards.", []string{"We will add monitoring, alerting and dashboards."}},
		{"We will tune the pool (size, test and limit) carefully.", []string{"We will tune the pool (size, test and limit) carefully."}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := splitCoordinated(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("splitCoordinated = %q, want %q", got, tt.want)
			}
		})
	}
}
