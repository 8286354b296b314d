package server

import (
	"strings"
	"testing"
)

func TestLinkLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://tracker.example.com/OPS-12", "tracker.example.com/OPS-12"},
		{"https://www.example.com/", "example.com"},
		{"https://jira.example.com/browse/DIG-2204?focusedId=1#c", "jira.example.com/browse/DIG-2204"},
		{"https://git.example.com/platform/flag-console/-/issues/77", "git.example.com/platform/flag-console/-/issues/77"},
		// Long paths lose their first segments, never the last two.
		{"https://git.fernhill.example/identity/auth-gateway/-/issues/512", "git.fernhill.example/…/auth-gateway/-/issues/512"},
		{"https://git.example.com/a-very-long-group-name/another-long-subgroup/a-project-with-a-long-name/issues/1",
			"git.example.com/…/issues/1"},
		{"https://example.com/" + strings.Repeat("x", 80), "example.com/" + strings.Repeat("x", 39) + "…"},
		{"not a url", "not a url"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := linkLabel(tt.in)
			if got != tt.want {
				t.Errorf("linkLabel(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if n := len([]rune(got)); n > maxLinkLabel && tt.in != "not a url" {
				t.Errorf("label of %d characters", n)
			}
		})
	}
}

// TestActionLinksSayWhereTheyGo: the actions page and the incident page
// label an action item's link by its host and path, not "link", and the
// state and date cells carry the classes that keep them on one line.
func TestActionLinksSayWhereTheyGo(t *testing.T) {
	f := newFixture(t, nil)
	const href = "https://git.example.com/platform/flag-console/-/issues/77"
	const label = "git.example.com/platform/flag-console/-/issues/77"
	for _, path := range []string{"/actions", "/incidents/" + f.id(t, "2024-07-config-flag.md")} {
		body := f.get(t, path).Body.String()
		want := `<a class="item-link" href="` + href + `" rel="noopener noreferrer" title="` + href + `">` + label + `</a>`
		if !strings.Contains(body, want) {
			t.Errorf("%s lacks %s", path, want)
		}
		if strings.Contains(body, ">link</a>") {
			t.Errorf("%s still labels a link \"link\"", path)
		}
	}
	body := f.get(t, "/actions").Body.String()
	for _, want := range []string{`<td class="state">○ open</td>`, `<td class="date"><time datetime="2024-07-`} {
		if !strings.Contains(body, want) {
			t.Errorf("/actions lacks %s", want)
		}
	}
}
