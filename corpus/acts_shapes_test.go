package corpus

import (
	"strings"
	"testing"
)

// TestActionStructureShapes covers how the structure of a follow-up
// list decides what counts as one follow-up: remediation tiers, and
// numbered items whose details are bullets written flush under them.
func TestActionStructureShapes(t *testing.T) {
	const head = "# Queue backlog\n\nOn 2022-03-02 the job queue stalled because a worker leaked connections.\n\n"
	tests := []actionCountCase{
		{
			name: "immediate tier beside a short-term tier",
			doc: head + "## Remediation\n\n### Immediate actions (completed)\n\n- Raised the pool size\n- Restarted the workers with the leak patched\n\n" +
				"### Short-term improvements\n\n- Add a connection-count alert\n- Add a leak test to CI\n- Document the restart\n",
			actions: 5,
		},
		{
			name: "immediate steps alone are the resolution",
			doc: head + "## Remediation\n\n### Immediate actions\n\n- Raised the pool size\n- Restarted the workers\n\n" +
				"### Verification\n\nThe queue drained by noon.\n\n## Action items\n\n- Add a connection-count alert\n",
			actions: 1,
		},
		{
			name: "flush bullets under numbered items are details",
			doc: head + "## Follow-ups\n\n1. **Connection monitoring**\nWe will alert on:\n\n- open connections per worker\n- pool wait time\n\n" +
				"2. **Leak test**\nA test that runs a worker for an hour.\n\n3. **Pool limits**\nCap the pool per worker.\n",
			actions: 3,
		},
		{
			name:    "flush bullets after the last resumed number are details",
			doc:     head + "## Follow-ups\n\n1. **Connection monitoring for every worker**\n\n- open connections\n\n2. **Leak test in continuous integration**\n\n- run a worker for an hour\n- compare connection counts\n",
			actions: 2,
		},
		{
			name:    "bullets after a numbered list that does not resume stand alone",
			doc:     head + "## Follow-ups\n\n1. Add an alert on open connections\n\n- Write a leak test\n- Cap the pool per worker\n",
			actions: 3,
		},
		{
			name: "state label lines sort a resolution's follow-ups",
			doc: head + "## Resolution\n\nCompleted:\n\n- Patched the leak\n- Raised the pool size\n\n" +
				"## Next steps\n\n- Add a connection-count alert\n",
			actions: 3,
		},
		{
			name:    "a plain label line is no follow-up list",
			doc:     head + "## Resolution\n\nAffected queues:\n\n- billing\n- email\n\n## Next steps\n\n- Add a connection-count alert\n",
			actions: 1,
		},
		{
			name: "prose written a sentence a line is not a line list",
			doc: head + "## Preventive measures\n\nIn the coming weeks our team is going to move the workers onto a pool that recycles idle connections on its own.\n" +
				"The hope is that such a pool makes a slow leak visible long before it can stall the queue for our customers.\n" +
				"Most of all we want the queue to be something nobody has to think about during a normal working day.\n",
			actions: 1,
		},
		{
			name:    "terse lines ending in full stops are a line list",
			doc:     head + "## Preventive measures\n\nAdd a connection-count alert.\nWrite a leak test.\nCap the pool per worker.\n",
			actions: 3,
		},
		{
			name:    "short numbered label over nested actions",
			doc:     head + "## Follow-ups\n\n1. Detection\n   - Alert on open connections\n   - Alert on pool wait time\n2. Prevention\n   - Write a leak test\n",
			actions: 3,
		},
	}
	testActionCounts(t, tests)
}

// TestActionProseShapes covers follow-ups a document states in prose or
// in lists that no action heading marks.
func TestActionProseShapes(t *testing.T) {
	const head = "# Stale mirror\n\nOn 2023-06-14 the package mirror served stale indexes because its sync job had hung.\n\n## Afterwards\n\n"
	tests := []actionCountCase{
		{
			name: "list introduced as lessons, written as needs",
			doc: head + "Looking back, the lessons we draw from this are the following:\n\n" +
				"- We need to page someone when the sync job has not finished in an hour.\n" +
				"- Jobs that hang without output should be killed by a watchdog.\n" +
				"- Whenever the mirror falls behind, we have to say so on the status page.\n",
			actions: 3,
		},
		{
			name:    "lessons that only observe are no follow-ups",
			doc:     head + "The lessons from this are:\n\n- The sync job had never hung before.\n- Users noticed before our monitoring did.\n",
			actions: 0,
		},
		{
			name:    "a change made as a result of the incident",
			doc:     head + "The mirror caught up by the evening. As a result of the stale mirror, we have added a watchdog to the sync job.\n",
			actions: 1,
		},
		{
			name:    "a result of the incident that is no change",
			doc:     head + "The mirror caught up by the evening. As a result of the stale mirror, we saw twice the usual support requests.\n",
			actions: 0,
		},
		{
			name:    "a regret is no follow-up",
			doc:     head + "Our takeaways:\n\n- We should have noticed the hung job sooner.\n- A watchdog must be added to every sync job.\n",
			actions: 1,
		},
	}
	testActionCounts(t, tests)
}

// actionCountCase is a document and how many follow-up actions it lists.
type actionCountCase struct {
	name    string
	doc     string
	actions int
}

// testActionCounts parses each case's document and checks how many
// action items its record holds.
func testActionCounts(t *testing.T, tests []actionCountCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != tc.actions {
				t.Errorf("got %d action items, want %d: %+v", len(rec.ActionItems), tc.actions, rec.ActionItems)
			}
		})
	}
}
