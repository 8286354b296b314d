package corpus

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// spaceATXHeadings puts the space CommonMark requires after the marks
// of a heading written without one ("##What happened?"), which older
// Markdown engines accepted and many blogs still hold. Only two to six
// marks followed by a letter count, outside fenced code: a single "#"
// before a word is as often a hashtag or an issue number.
func spaceATXHeadings(src []byte) []byte {
	if !bytes.Contains(src, []byte("\n##")) && !bytes.HasPrefix(src, []byte("##")) {
		return src
	}
	var out []byte
	fence := ""
	rest := src
	changed := false
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		trimmed := bytes.TrimLeft(line, " ")
		switch {
		case fence != "":
			if bytes.HasPrefix(trimmed, []byte(fence)) {
				fence = ""
			}
		case bytes.HasPrefix(trimmed, []byte("```")):
			fence = "```"
		case bytes.HasPrefix(trimmed, []byte("~~~")):
			fence = "~~~"
		case len(line) > 2 && line[0] == '#' && line[1] == '#':
			n := 0
			for n < len(line) && line[n] == '#' {
				n++
			}
			if r, _ := utf8.DecodeRune(line[n:]); n <= 6 && unicode.IsLetter(r) {
				if !changed {
					out = append(out, src[:len(src)-len(line)-len(rest)]...)
					changed = true
				}
				out = append(out, line[:n]...)
				out = append(out, ' ')
				out = append(out, line[n:]...)
				continue
			}
		}
		if changed {
			out = append(out, line...)
		}
	}
	if !changed {
		return src
	}
	return out
}
