package corpus

import (
	"strings"
	"testing"
)

// TestActionRules: how writers mark, inside and around a follow-up
// section, what is and is not a follow-up the team took on.
func TestActionRules(t *testing.T) {
	const head = "# Cache outage\n\nThe cache cluster ran out of memory after a config push.\n\n"
	tests := []struct {
		name, doc string
		want      []string
	}{
		// ideas still being weighed under a follow-up section are not
		// follow-ups; the committed list above them is
		{"considered ideas after the list", head + "## To do\n\n- Cap the cache size\n- Page on evictions\n\nThings under consideration\n\n- Move to a managed cache\n",
			[]string{"Cap the cache size", "Page on evictions"}},
		{"considered sub-heading", head + "## Follow-ups\n\n### Committed\n\n- Cap the cache size\n\n### Out of scope\n\n- Rewrite the client\n",
			[]string{"Cap the cache size"}},
		{"a later label line reopens the list", head + "## Next steps\n\nIdeas we are considering\n\n- Move to a managed cache\n\nAgreed\n\n- Cap the cache size\n",
			[]string{"Cap the cache size"}},
		{"an ordinary label keeps its items", head + "## Next steps\n\nMonitoring\n\n- Page on evictions\n",
			[]string{"Page on evictions"}},
		// a resolution divided into named fixes: one action per fix,
		// whatever detail is listed under it
		{"resolution sub-headings name the fixes", head + "## Resolution\n\n### 1. Cap the cache size\n\nSet maxmemory.\n\n### 2. Regression tests\n\nFour new tests covering:\n\n- eviction\n- restart\n- failover\n",
			[]string{"Cap the cache size", "Regression tests"}},
		{"one resolution sub-heading is no list of fixes", head + "## Resolution\n\n### Details\n\n- Restarted the nodes\n- Raised the memory limit\n",
			[]string{"Restarted the nodes", "Raised the memory limit"}},
		{"sorting resolution sub-headings keep the lists", head + "## Resolution\n\n### Immediate fix\n\n- Restarted the nodes\n\n### Recovery\n\n- Warmed the cache\n",
			[]string{"Restarted the nodes", "Warmed the cache"}},
		{"a follow-up section wins over resolution sub-headings", head + "## Resolution\n\n### Cap the cache size\n\nDone.\n\n### Restart\n\nDone.\n\n## Action items\n\n- Page on evictions\n",
			[]string{"Page on evictions"}},
		// a lesson under its own sub-heading that commits the team to
		// something is one follow-up, beside those listed elsewhere
		{"lesson sub-headings that commit", head + "## Action items\n\n- Cap the cache size\n\n## Lessons learned\n\n### 1. Review config pushes\n\nThe push went out unreviewed. Going forward we will require a second reviewer, and we'll add a dry run.\n\n### 2. Staging was too small\n\nStaging has a tenth of the keys. In the future, staging will be sized like production.\n\n### 3. Alerts were noisy\n\nWe should have tuned them long ago.\n\n### 4. The team worked well\n\nEveryone helped.\n",
			[]string{"Cap the cache size", "Review config pushes", "In the future, staging will be sized like production."}},
		{"a commitment inside the sentence", head + "## Follow-ups\n\n- Cap the cache size\n\n## Lessons\n\n### Friday pushes\n\nWe pushed late on a Friday, which we'll avoid from now on.\n",
			[]string{"Cap the cache size", "We pushed late on a Friday, which we'll avoid from now on."}},
		{"flat lessons are not read beside a follow-up list", head + "## Follow-ups\n\n- Cap the cache size\n\n## Lessons\n\n- We need to be more careful with config pushes.\n",
			[]string{"Cap the cache size"}},
		// prose under a follow-up heading: introductions, closings and
		// narration are no follow-ups
		{"prose follow-ups without intro and signature", head + "## Next steps\n\nHere are the changes we are making.\n\nCap the cache size on every node.\n\nPage the on-call when evictions spike.\n\nThanks to everyone who helped.\n\nSam\n\nSam Lee, Platform Lead\n",
			[]string{"Cap the cache size on every node.", "Page the on-call when evictions spike."}},
		{"a lone name is no follow-up", head + "## Next steps\n\nCap the cache size on every node.\n\nPage the on-call when evictions spike.\n\nSam\n",
			[]string{"Cap the cache size on every node.", "Page the on-call when evictions spike."}},
		{"narration under a follow-up heading", head + "## Long-term fixes\n\nRestarting the nodes was not a sustainable fix, since memory filled again within hours.\n\nAfter reading the release notes, we found a setting that bounds the cache.\n\nWe will set that bound on every node.\n",
			[]string{"We will set that bound on every node."}},
		// with no follow-up section: a change followed by a sentence
		// saying it prevents a recurrence; a change made so others or
		// the future avoid the problem; a follow-up stated impersonally
		{"a change, then 'this won't happen again'", head + "I moved the cache config into the repo, where every change is reviewed. So hopefully, this won't happen again.\n",
			[]string{"I moved the cache config into the repo, where every change is reviewed."}},
		{"'won't happen again' after no change is nothing", head + "The cache filled up. This should not happen again.\n", nil},
		{"purposes for others and the future", head + "We reported the leak upstream so other users would avoid this problem. The incident review explored options to mitigate future outages, including a second cluster.\n",
			[]string{"We reported the leak upstream so other users would avoid this problem.", "The incident review explored options to mitigate future outages, including a second cluster."}},
		{"a purpose that is no prevention", head + "We restarted the nodes to free memory, and raised the limit to avoid expensive evictions.\n", nil},
		{"there will be", head + "There will be another approach looked into for bounding the cache.\n",
			[]string{"There will be another approach looked into for bounding the cache."}},
		{"there will be no follow-up", head + "There will be a short maintenance window tonight.\n", nil},
		// a follow-up said to be tracked in an issue, once per issue
		{"tracked in an issue", head + "## Action items\n\n- Cap the cache size (#12)\n\n## Lessons\n\n- **Alerts lagged.** We need an eviction-rate alert (tracked in ops #31).\n- **Limits drift.** Cap enforcement is tracked in #12 as well.\n- We tracked down the bad push in minutes.\n",
			[]string{"Cap the cache size (#12)", "We need an eviction-rate alert (tracked in ops #31)."}},
		{"a tracked cause is no follow-up", head + "## Root cause\n\nThe config bug, tracked in #40, doubled the key size.\n", nil},
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
