package corpus

import (
	"strings"
	"testing"
)

// TestInlineBreakTags: inline HTML that breaks the text (<br>, </p>)
// keeps the words on either side apart; other inline tags do not add
// space inside a word.
func TestInlineBreakTags(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"br between sentences", "The cache filled.<br />We raised the limit.", "The cache filled. We raised the limit."},
		{"br without slash", "one<br>two", "one two"},
		{"paragraph tags", "one</p><p>two", "one two"},
		{"inline tag inside a word", "re<b>start</b>ed", "restarted"},
		{"script content is skipped", "keep<script>drop()</script> this", "keep this"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := markdownBlocks(newMarkdown(), []byte(tt.md))
			var got []string
			for _, b := range blocks {
				got = append(got, b.text)
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("text = %q, want %q", s, tt.want)
			}
		})
	}
}
