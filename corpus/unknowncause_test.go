package corpus

import (
	"strings"
	"testing"
)

// TestUnknownCauseNoResponseReasons: a document with no root-cause
// section that says it does not know why the failure happened states no
// cause; the reasons its resolution gives for the steps taken ("it did
// not work at first because …") are no cause either. Without that
// statement, or with a cause in its summary, the fallbacks still read one.
func TestUnknownCauseNoResponseReasons(t *testing.T) {
	const resolution = "## Resolution\n\nWe moved the service to a spare address. The first attempt failed because the new address was not yet bound to the host.\n\n"
	tests := []struct {
		name, doc string
		want      string // substring of the root cause; "" = none
	}{
		{
			name: "unknown, said in the conclusion",
			doc: "# Gateway unreachable\n\n## Problem\n\nOn 2031-02-03 the gateway stopped answering and the site was down.\n\n" + resolution +
				"## Conclusion\n\nWe still don't know why the gateway stopped answering.\n",
		},
		{
			name: "unknown, said plainly",
			doc: "# Gateway unreachable\n\n## Problem\n\nOn 2031-02-03 the gateway stopped answering.\n\n" + resolution +
				"## Conclusion\n\nThe cause remains unknown.\n",
		},
		{
			name: "not said unknown: the resolution's reason is the fallback",
			doc:  "# Gateway unreachable\n\n## Problem\n\nOn 2031-02-03 the gateway stopped answering.\n\n" + resolution,
			want: "not yet bound",
		},
		{
			name: "unknown why it began, cause in the summary",
			doc: "# Gateway unreachable\n\n## Summary\n\nThe site was down because the gateway's address was released by the provider.\n\n" + resolution +
				"## Conclusion\n\nWe still don't know why the address was released.\n",
			want: "address was released by the provider",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("gateway.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" && rec.RootCause != "" || tt.want != "" && !strings.Contains(rec.RootCause, tt.want) {
				t.Errorf("root cause = %q, want %q", rec.RootCause, tt.want)
			}
		})
	}
}
