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
