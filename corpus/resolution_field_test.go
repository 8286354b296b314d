package corpus

import (
	"strings"
	"testing"
)

// TestResolutionFieldBullet: in a list of an incident's fields, the
// "Resolution" field tells how it was resolved, not follow-ups; a
// numbered fix under a Resolution heading still is one.
func TestResolutionFieldBullet(t *testing.T) {
	cases := []struct {
		name, doc string
		want      int
	}{
		{
			name: "resolution field with text",
			doc: "# Search index lagging\n\n- **Impact**: searches returned stale results.\n\n" +
				"- **Root cause**: a full disk on one node.\n\n- **Resolution**:\n    The disk was grown and the node rejoined.\n",
			want: 0,
		},
		{
			name: "resolution field over nested bullets",
			doc: "# Search index lagging\n\n- **Impact**: searches returned stale results.\n\n- **Resolution**:\n" +
				"  - Grew the disk on the lagging node.\n  - Replayed the queued index updates.\n",
			want: 0,
		},
		{
			name: "numbered fixes under a resolution heading",
			doc: "# Search index lagging\n\nSearches returned stale results.\n\n## Resolution\n\n" +
				"1. **Fix (disk):** grew the disk on the lagging node.\n2. **Replay:** replayed the queued index updates.\n",
			want: 2,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec, err := Parse("incident.md", strings.NewReader(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != c.want {
				t.Errorf("%d action items, want %d: %+v", len(rec.ActionItems), c.want, rec.ActionItems)
			}
		})
	}
}
