package prose

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"Don't panic: the disk's full.": {"Don't", "panic", "the", "disk's", "full"},
		"nginx.conf, v1.2 — ok'":        {"nginx", "conf", "v1", "2", "ok"},
		"":                              nil,
	} {
		var got []string
		Words(in, func(s, e int) { got = append(got, in[s:e]) })
		if !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentencesHardWrap(t *testing.T) {
	text := "The disk filled up because\nthe log rotation was off. We fixed it.\n\n- Add alerting\n- Rotate logs"
	var got []string
	Sentences(text, func(s, e int) { got = append(got, text[s:e]) })
	want := []string{"The disk filled up because\nthe log rotation was off.", "We fixed it.", "- Add alerting", "- Rotate logs"}
	if !slices.Equal(got, want) {
		t.Errorf("Sentences = %q, want %q", got, want)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("One. Two!\n\n# Three\n| a | b |\n2021-06-22 08:21 up")
	f.Add(strings.Repeat("word ", 400))
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		Sentences(text, func(s, e int) {
			if s < last || e <= s || e > len(text) {
				t.Fatalf("span [%d, %d) after %d in %d bytes", s, e, last, len(text))
			}
			last = e
			if utf8.ValidString(text) && !utf8.ValidString(Clean(text[s:e])) {
				t.Fatalf("Clean made invalid UTF-8 of %q", text[s:e])
			}
		})
		Words(text, func(s, e int) {
			if s < 0 || e <= s || e > len(text) {
				t.Fatalf("word span [%d, %d) in %d bytes", s, e, len(text))
			}
		})
	})
}
