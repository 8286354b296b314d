package corpus

import (
	"strings"
	"testing"
)

// TestCompactFileNameDay: a file name ending in six digits after a
// separator ("cache_outage_310415.md") gives the day as YYMMDD when
// nothing else dates the document; an invalid day, an id's number
// ("issue-310415"), a name of digits only, or a document naming other
// years do not.
func TestCompactFileNameDay(t *testing.T) {
	body := "# Storage node outage\n\n## Summary\n\nA storage node lost power during maintenance and the cluster was degraded for three sessions.\n\n" +
		"## Follow-up\n\n- Add the node to the alerting configuration\n"
	tests := []struct {
		name, file, doc, date string
	}{
		{name: "underscore YYMMDD", file: "docs/storage_outage_310415.md", doc: body, date: "2031-04-15"},
		{name: "dash YYMMDD", file: "pm-290102.md", doc: body, date: "2029-01-02"},
		{name: "year named in the text agrees", file: "storage_outage_310415.md",
			doc: body + "- Schedule a site visit for 2031-04-16\n", date: "2031-04-15"},
		{name: "other year named in the text", file: "storage_outage_310415.md",
			doc: body + "- Replace the hardware bought in 2015\n", date: ""},
		{name: "invalid month", file: "storage_outage_311315.md", doc: body, date: ""},
		{name: "issue id", file: "issue-310415.md", doc: body, date: ""},
		{name: "digits only", file: "310415.md", doc: body, date: ""},
		{name: "no separator", file: "outage310415.md", doc: body, date: ""},
		{name: "a dated line wins", file: "storage_outage_310415.md",
			doc: "# Storage node outage\n\nOn 2031-04-14 a storage node lost power and the cluster was degraded.\n", date: "2031-04-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(tt.file, strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
		})
	}
}

// TestUnrelatedLeadInIsNoStart: a timeline's opening entry that says it
// is unrelated to the incident ("… for reasons unrelated to this
// report") is a lead-in, not the start, even when it has words such as
// "report"; an opening entry without that stays the start.
func TestUnrelatedLeadInIsNoStart(t *testing.T) {
	tests := []struct {
		name, first, date string
	}{
		{name: "unrelated to this report", first: "Old build artifacts deleted from the registry for reasons unrelated to this report.", date: "2031-05-09"},
		{name: "not related to the incident", first: "Mirror disk swapped, not related to the incident; reported in the ops channel.", date: "2031-05-09"},
		{name: "a related entry is the start", first: "Old build artifacts deleted from the registry, breaking installs.", date: "2031-05-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "---\ntitle: Leaked deploy key\ndate: 2031-05-20\n---\n\nWe were told about a leaked deploy key and revoked it.\n\n## Timeline\n\n" +
				"- 2031-05-02: " + tt.first + "\n" +
				"- 2031-05-09 10:05 UTC: A researcher reports the leaked key to the security team.\n" +
				"- 2031-05-09 10:40 UTC: The key is revoked.\n"
			rec, err := Parse("post.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
		})
	}
}

// TestImmediateTierBesideFollowUps: an "Immediate actions" sub-heading
// counts as a tier of follow-ups only when its next sibling names a
// later tier ("Short-term", "Next steps"); beside a section that is no
// tier ("Corrective measures") it is the response to the incident.
func TestImmediateTierBesideFollowUps(t *testing.T) {
	const head = "# Cache node outage\n\nOn 2031-02-11 a cache node lost power and lookups failed.\n\n"
	const immediate = "### Immediate actions\n\n- Moved the traffic to the spare node\n- Booked a site visit\n\n"
	tests := []actionCountCase{
		{name: "beside corrective measures", doc: head + immediate +
			"### Corrective measures implemented\n\n1. Alerting on node power loss\n2. Dual power supplies\n", actions: 2},
		{name: "beside a short-term tier", doc: head + immediate +
			"### Short-term actions\n\n- Alert on node power loss\n- Add dual power supplies\n", actions: 4},
		{name: "beside next steps", doc: head + immediate +
			"### Next steps\n\n- Alert on node power loss\n", actions: 3},
	}
	testActionCounts(t, tests)
}

// TestActionParagraphOverDetails: in a follow-up section, a paragraph
// that states an action and opens a list of what it brings ("Set up a
// bastion host, allowing:") is one action and the list its details;
// a list of actions after such a paragraph, or after an introduction
// that is no action, still counts item by item.
func TestActionParagraphOverDetails(t *testing.T) {
	const head = "# Gateway outage\n\nOn 2031-03-04 a gateway change cut off remote access for twenty minutes.\n\n## Future work\n\n"
	tests := []struct {
		name, doc string
		want      []string
	}{
		{
			name: "labelled action over its details",
			doc: head + "Bastion Access: Set up an outside bastion host, allowing:\n - Plain SSH through the bastion.\n - Operators to keep their own client config.\n - Key management per operator.\n\n" +
				"Redundancy:\n - Adding a second gateway for failover.\n",
			want: []string{"Bastion Access: Set up an outside bastion host", "Adding a second gateway for failover."},
		},
		{
			name: "unlabelled action over its details",
			doc:  head + "We will rework the paging rules, including:\n\n- Night-time escalation.\n- Paging on gateway loss.\n",
			want: []string{"We will rework the paging rules"},
		},
		{
			name: "actions after the paragraph count",
			doc:  head + "Rework the paging rules, including:\n\n- Add a night-time escalation\n- Page on gateway loss\n",
			want: []string{"Add a night-time escalation", "Page on gateway loss"},
		},
		{
			name: "an introduction is no action",
			doc:  head + "The following changes are planned:\n\n- Second gateway for failover\n- Bastion host outside the network\n",
			want: []string{"Second gateway for failover", "Bastion host outside the network"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range rec.ActionItems {
				got = append(got, a.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("action items = %q; want %q", got, tt.want)
			}
		})
	}
}

// TestFollowUpProseCommentary: in a follow-up section written as prose
// promises ("We will …") over several paragraphs, a paragraph that
// promises nothing is commentary; where the paragraphs are written as
// orders ("Keep …", "Add …") each is still one action.
func TestFollowUpProseCommentary(t *testing.T) {
	const head = "# Spam uploads\n\nOn 2031-07-08 a flood of uploads slowed the registry.\n\n## Looking ahead\n\n"
	tests := []actionCountCase{
		{
			name: "promises with commentary between them",
			doc: head + "Nobody should be able to publish that fast. We will add a per-account upload limit.\n\n" +
				"Many readers wondered why the account was allowed at all, and the answer is not simple.\n\n" +
				"We are also going to block names that pose as the team.\n\n" +
				"If you think a rule is wrong, the place to say so is the forum.\n",
			actions: 2,
		},
		{
			name: "orders are each an action",
			doc: head + "Add a per-account upload limit.\n\n" +
				"Hold a clear escalation path for the weekend, so that someone can act.\n\n" +
				"We should block names that pose as the team.\n\n" +
				"Review the naming rules. We will publish them.\n",
			actions: 4,
		},
		{
			name: "one promise alone keeps the paragraphs",
			doc: head + "A per-account upload limit is on the way. We will add it next week.\n\n" +
				"Names that pose as the team are now refused.\n",
			actions: 2,
		},
	}
	testActionCounts(t, tests)
}

// TestActionsTakenProseIsResponse: an "Actions taken" section written
// as prose, followed by a section of what is still to come ("Future
// measures", "Recommendations"), tells the response, not follow-ups;
// alone, or written as a list, it still lists them. "Changes
// implemented" before such a section is the response however written.
func TestActionsTakenProseIsResponse(t *testing.T) {
	const head = "# Registry slowdown\n\nOn 2031-07-08 a flood of uploads slowed the registry.\n\n"
	const taken = "## Actions taken\n\nThe uploading account was blocked at once. Its packages were then hidden.\n\nLater that night all of them were deleted.\n\n"
	const future = "## Future measures\n\n- Add a per-account upload limit\n- Refuse names that pose as the team\n"
	tests := []actionCountCase{
		{name: "prose before future measures", doc: head + taken + future, actions: 2},
		{name: "prose alone", doc: head + taken, actions: 2},
		{name: "a list before future measures", doc: head + "## Actions taken\n\n- Blocked the account\n- Hid its packages\n\n" + future, actions: 4},
		{name: "changes implemented, listed, before recommendations", doc: head + "## Changes implemented\n\n- Uploads now check the account's age\n- Old rules are cleaned up on restart\n\n## Recommendations\n\n- Add a per-account upload limit\n- Refuse names that pose as the team\n", actions: 2},
		{name: "changes implemented alone", doc: head + "## Changes implemented\n\n- Uploads now check the account's age\n- Old rules are cleaned up on restart\n", actions: 2},
	}
	testActionCounts(t, tests)
}
