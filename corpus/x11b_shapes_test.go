package corpus

import (
	"strings"
	"testing"
)

// TestClockHeadingRuns: headings that are only a time of day, two or
// more in a row at one level, each over a paragraph, are an update log
// written as headings: each is an entry, its text the paragraph. One
// such heading alone, a heading that has more words than its time, or
// a run under action items is not.
func TestClockHeadingRuns(t *testing.T) {
	const head = "2031-09-14\n==========\n\nThe image registry refused pulls for a while after a storage node filled up.\n\n"
	tests := []struct {
		name, body string
		want       []string // "at|text"
	}{
		{name: "two clock headings", body: "### 08:05 UTC\n\nPulls still fail for about a third of the nodes.\n\nA second node is being cleared.\n\n### 09:40 UTC\n\nAll nodes pull again.\n",
			want: []string{"2031-09-14T08:05:00Z|Pulls still fail for about a third of the nodes.", "2031-09-14T09:40:00Z|All nodes pull again."}},
		{name: "three, with a colon", body: "## 08:05:\n\nDisk alarms fire.\n\n## 08:30:\n\nOld layers are pruned.\n\n## 09:00:\n\nThe registry is healthy.\n",
			want: []string{"2031-09-14T08:05:00Z|Disk alarms fire.", "2031-09-14T08:30:00Z|Old layers are pruned.", "2031-09-14T09:00:00Z|The registry is healthy."}},
		{name: "one heading alone", body: "### 08:05 UTC\n\nPulls still fail for about a third of the nodes.\n"},
		{name: "headings with words", body: "### 08:05 UTC the cleanup\n\nOld layers are pruned.\n\n### 09:40 UTC the fix\n\nAll nodes pull again.\n"},
		{name: "another heading in between", body: "### 08:05 UTC\n\nOld layers are pruned.\n\n### Notes\n\nThe node is old.\n\n### 09:40 UTC\n\nAll nodes pull again.\n"},
		{name: "levels differ", body: "## 08:05 UTC\n\nOld layers are pruned.\n\n### 09:40 UTC\n\nAll nodes pull again.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("registry.md", strings.NewReader(head+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			got := timelineLines(rec)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("timeline =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestProseChangesListed: a document with no follow-up section that
// lists its changes in prose, each sentence opened by an ordinal
// ("First, …", "Secondly, …") or by naming a lasting remedy ("As a
// longer-term fix, …"), gives one follow-up per sentence, whoever the
// sentence's subject; a clause of purpose or time before ", and <verb>"
// keeps the sentence whole. Narrative in the past, a quick fix and an
// ordinal over what users will see are no follow-ups.
func TestProseChangesListed(t *testing.T) {
	const open = "# Search was slow\n\nOn a busy morning the search cluster fell behind and queries timed out for two hours.\n\n"
	tests := []actionTextCase{
		{name: "ordinals and a remedy lead",
			body: "We are sorry for the trouble this caused.\n\nFirst, the web clients will stop retrying failed queries, and have a shorter timeout of their own.\n\n" +
				"Secondly, we’ll add a manual switch to the cluster's failover check, so we can react faster to a stall like this one, and bring search back sooner.\n\n" +
				"As a longer-term fix (next quarter), we'll split indexing out of the query nodes as we grow, and move it to its own pool.\n",
			want: []string{
				"First, the web clients will stop retrying failed queries, and have a shorter timeout of their own.",
				"Secondly, we’ll add a manual switch to the cluster's failover check, so we can react faster to a stall like this one, and bring search back sooner.",
				"As a longer-term fix (next quarter), we'll split indexing out of the query nodes as we grow, and move it to its own pool.",
			}},
		{name: "to begin with", body: "To begin with, every query node will move to a larger disk.\n",
			want: []string{"To begin with, every query node will move to a larger disk."}},
		{name: "ordinal over a past narrative", body: "First, the cluster stopped answering. Secondly, the clients retried every query.\n"},
		{name: "a quick fix is no remedy", body: "As a quick fix, we'll restart the query nodes every night.\n"},
		{name: "ordinal over what users will see", body: "First, users will be able to search again shortly.\n"},
	}
	testActionTexts(t, "search.md", open, tests)
}

// TestSplitAfterClause: a clause of purpose, reason or time before a
// join may take the joined verb as well, so the sentence stays whole;
// without such a clause the joined actions are split as before.
func TestSplitAfterClause(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"We will add a breaker to the queue, so that we can shed load early, and keep the workers alive.",
			[]string{"We will add a breaker to the queue, so that we can shed load early, and keep the workers alive."}},
		{"We will shard the table when we grow past a billion rows, and rebuild the indexes.",
			[]string{"We will shard the table when we grow past a billion rows, and rebuild the indexes."}},
		{"We will move the cache off the web hosts as we scale, and add a second region.",
			[]string{"We will move the cache off the web hosts as we scale, and add a second region."}},
		{"We will add a breaker to the queue, document the restart and rotate the keys.",
			[]string{"We will add a breaker to the queue", "document the restart", "rotate the keys."}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := splitCoordinated(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("splitCoordinated = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestChangeLinkNoTracker: a follow-up sub-section holding only a link
// to one pull or merge request names the change made, no follow-up; a
// bare link to the tracker's list, a query or one issue still stands
// for the follow-ups kept there.
func TestChangeLinkNoTracker(t *testing.T) {
	const open = "# Builds broke\n\nA plugin update broke every Android build for a day.\n\n## Action items\n\n- Run the build tests against the plugin's next release as well.\n\n### Patches\n\n"
	tests := []struct {
		name, link string
		want       int
	}{
		{name: "pull request", link: "https://github.com/acme/app/pull/5120", want: 1},
		{name: "merge request", link: "https://gitlab.com/acme/app/-/merge_requests/88", want: 1},
		{name: "issue query", link: "https://github.com/acme/app/issues?q=label%3Abuild", want: 2},
		{name: "one issue", link: "https://github.com/acme/app/issues/5121", want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("builds.md", strings.NewReader(open+tt.link+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != tt.want {
				t.Errorf("%d action items %+v; want %d", len(rec.ActionItems), rec.ActionItems, tt.want)
			}
		})
	}
}

// TestFollowUpProseNotes: in a follow-up section written as paragraphs,
// some of which promise follow-ups, a paragraph that advises one ("It
// would be useful to …") or ends with a note of what was done about it
// ("(fixed by …)") is a follow-up too; a paragraph that only weighs an
// idea is commentary.
func TestFollowUpProseNotes(t *testing.T) {
	const open = "# Mail stopped\n\nThe mail relay rejected all mail for a night.\n\n## Follow-up\n\n" +
		"The queue alert should page the on-call person, not a mailing list.\n\n" +
		"We should let a second team approve relay changes.\n\n"
	tests := []struct {
		name, para string
		want       int
	}{
		{name: "done note", para: "The relay's health check looked at the old hostname. (fixed by pointing it at both hostnames)\n", want: 3},
		{name: "advice with a note", para: "It would be useful to have a pager rota for weekends. (added a weekend rota to the wiki)\n", want: 3},
		{name: "musing", para: "We could freeze relay changes on Fridays. On the other hand, weekends are quiet, so it may not matter.\n", want: 2},
		{name: "bracketed remark that is no note", para: "The relay is old (about ten years).\n", want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("mail.md", strings.NewReader(open+tt.para))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != tt.want {
				t.Errorf("%d action items %+v; want %d", len(rec.ActionItems), rec.ActionItems, tt.want)
			}
		})
	}
}

// TestLessonsNoFollowUps: under a lessons section's sub-headings, what
// went well ("What worked", "Where we got lucky") states no follow-up,
// whatever the team says it improved there, and a sentence that opens
// with a condition ("Once …, we should …") muses on the lesson; a plain
// commitment under "What didn't work" is still one.
func TestLessonsNoFollowUps(t *testing.T) {
	const open = "# Queue backlog\n\nThe job queue backed up for a day after a worker image broke.\n\n## Action items\n\n- Pin the worker base image to a digest\n\n## Lessons learned\n\n"
	tests := []actionTextCase{
		{name: "what worked", body: "### What worked\n\nOur support team has improved its response times a lot this year.\n\n### What didn't work\n\nThe alert fired late.\n",
			want: []string{"Pin the worker base image to a digest"}},
		{name: "where we got lucky", body: "### Where we got lucky\n\nWe have added more people to the rota, so someone was awake.\n",
			want: []string{"Pin the worker base image to a digest"}},
		{name: "conditional musing", body: "### What didn't work\n\nOnce the images are built reproducibly, we should consider promising an uptime target to users.\n",
			want: []string{"Pin the worker base image to a digest"}},
		{name: "plain commitment", body: "### What didn't work\n\nThe alert fired late. We will move the alert to the queue's age instead of its length.\n",
			want: []string{"Pin the worker base image to a digest", "We will move the alert to the queue's age instead of its length."}},
	}
	testActionTexts(t, "queue.md", open, tests)
}

// TestWentWellNoCommitments: with no follow-ups anywhere, the team's
// statements under a heading of what went well are not read as
// follow-ups; those elsewhere still are.
func TestWentWellNoCommitments(t *testing.T) {
	const open = "# Queue backlog\n\nThe job queue backed up for a day after a worker image broke.\n\n"
	tests := []struct {
		name, body string
		want       int
	}{
		{name: "under what went well", body: "## What went well\n\nWe have added more people to the rota, so someone was awake.\n", want: 0},
		{name: "under next steps", body: "## Next steps\n\nWe have added more people to the rota, so someone is awake.\n", want: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("queue.md", strings.NewReader(open+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != tt.want {
				t.Errorf("%d action items %+v; want %d", len(rec.ActionItems), rec.ActionItems, tt.want)
			}
		})
	}
}

// actionTextCase is a body put after a test's opening and the texts of
// the action items it should give, in order.
type actionTextCase struct {
	name, body string
	want       []string
}

// testActionTexts parses open+body of each case as file and checks the
// texts of its action items.
func testActionTexts(t *testing.T, file, open string, tests []actionTextCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(file, strings.NewReader(open+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range rec.ActionItems {
				got = append(got, a.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("actions =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// timelineLines is a record's timeline as "at|text" lines.
func timelineLines(rec Record) []string {
	var out []string
	for _, e := range rec.Timeline {
		out = append(out, e.At+"|"+e.Text)
	}
	return out
}
