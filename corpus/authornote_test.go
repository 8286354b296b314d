package corpus

import "testing"

// TestAuthorNoteActions covers a template's section addressed to whoever
// writes the postmortem: its check boxes are reminders about the
// document, not follow-ups, whatever its level; the follow-ups listed
// elsewhere and the sections after it are still read.
func TestAuthorNoteActions(t *testing.T) {
	testActionCounts(t, []actionCountCase{
		{"notes to the owner after the follow-ups",
			"# Summary\n\nThe cache tier went down.\n\n# Corrective actions\n\n- Add a health check to the cache tier.\n- Alert on eviction rate.\n\n# Notes to the owner\n\nWhen the review is over:\n\n- [x] Upload this write-up to the wiki\n- [ ] Open tickets for the actions above\n",
			2},
		{"facilitator's checklist as a sub-section",
			"## Summary\n\nThe cache tier went down.\n\n## Follow-ups\n\n- Add a health check to the cache tier.\n\n### Facilitator's checklist\n\n- [ ] Book the review meeting\n- [ ] Invite the on-call engineers\n",
			1},
		{"a section after the note is read again",
			"# Summary\n\nThe cache tier went down.\n\n## Reminders for the author\n\n- [ ] Share the draft\n\n## Action items\n\n- [ ] Add a health check to the cache tier.\n- [ ] Alert on eviction rate.\n",
			2},
		{"instructions for this template",
			"# Instructions for using this template\n\n- [ ] Fill in every section\n- [ ] Delete this section\n\n# Summary\n\nThe cache tier went down.\n\n# Next steps\n\n- Alert on eviction rate.\n",
			1},
		{"tasks for the on-call are still follow-ups",
			"# Summary\n\nThe cache tier went down.\n\n# Tasks for the on-call team\n\n- [ ] Alert on eviction rate.\n- [ ] Add a health check to the cache tier.\n",
			2},
	})
}

// TestAuthorNoteHeading names the headings read as notes to the author.
func TestAuthorNoteHeading(t *testing.T) {
	tests := []struct {
		heading string
		want    bool
	}{
		{"Notes to the owner", true},
		{"Note for the postmortem author:", true},
		{"Reviewer's notes", false},
		{"Editor's checklist", true},
		{"Incident owner reminders", true},
		{"Instructions for using this template", true},
		{"Owner", false},
		{"Notes", false},
		{"Action items for the owner team", false},
		{"Notes on the cache owner service", false},
	}
	for _, tc := range tests {
		t.Run(tc.heading, func(t *testing.T) {
			if got := authorNoteHeading(tc.heading); got != tc.want {
				t.Errorf("authorNoteHeading(%q) = %v, want %v", tc.heading, got, tc.want)
			}
		})
	}
}
