package corpus

import "testing"

// TestSpaceATXHeadings covers headings written without the space after
// their marks: two to six marks before a letter open a heading; a single
// mark, marks before a digit and lines in fenced code stay as written.
func TestSpaceATXHeadings(t *testing.T) {
	tests := []struct{ in, want string }{
		{"##What happened?\ntext\n", "## What happened?\ntext\n"},
		{"intro\n\n###Prevention\n", "intro\n\n### Prevention\n"},
		{"## Already spaced\n", "## Already spaced\n"},
		{"#hashtag line\n", "#hashtag line\n"},
		{"##1234 is an issue\n", "##1234 is an issue\n"},
		{"```\n##notaheading\n```\n##Heading\n", "```\n##notaheading\n```\n## Heading\n"},
		{"#######Seven\n", "#######Seven\n"},
		{"##Último paso", "## Último paso"},
	}
	for _, tc := range tests {
		if got := string(spaceATXHeadings([]byte(tc.in))); got != tc.want {
			t.Errorf("spaceATXHeadings(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
