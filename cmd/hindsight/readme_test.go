package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readmePlaceholders mark README command lines about the reader's own
// files (their postmortem folder, their taxonomy) or usage synopses,
// which cannot run as written.
var readmePlaceholders = []string{"~", "./postmortems", "/srv/", "../shared", "[", "PATH", "FILE", "DIR", "my-taxonomy", "$(", `\`, "<", "|", ">"}

// readmeCommands returns the hindsight command lines of README.md's code
// blocks as argument lists (without "hindsight" or "go run
// ./cmd/hindsight"), and the lines it leaves out: serve, which runs until
// stopped, and lines with placeholders.
func readmeCommands(t *testing.T) (cmds [][]string, skipped []string) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	fenced := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced && !strings.HasPrefix(line, "    ") {
			continue
		}
		text := strings.TrimSpace(line)
		var rest string
		switch {
		case strings.HasPrefix(text, "hindsight "):
			rest = strings.TrimPrefix(text, "hindsight ")
		case strings.HasPrefix(text, "go run ./cmd/hindsight "):
			rest = strings.TrimPrefix(text, "go run ./cmd/hindsight ")
		default:
			continue
		}
		args, err := shellWords(rest)
		if err != nil {
			t.Errorf("README line %q: %v", line, err)
			continue
		}
		placeholder := false
		for _, p := range readmePlaceholders {
			if strings.Contains(strings.Join(args, " "), p) {
				placeholder = true
			}
		}
		if len(args) == 0 || args[0] == "serve" || placeholder {
			skipped = append(skipped, text)
			continue
		}
		cmds = append(cmds, args)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cmds, skipped
}

// shellWords splits a command line as a shell would for the simple lines
// of the README: words, "double" and 'single' quotes, and a # comment.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == '#' && !inWord:
			return words, nil
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errUnclosedQuote
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

var errUnclosedQuote = &apiError{msg: "unclosed quote"}

func TestShellWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`search "certificate expired after:2023"  # a comment`, []string{"search", "certificate expired after:2023"}},
		{`trends --interval quarter 'org:fernhill'`, []string{"trends", "--interval", "quarter", "org:fernhill"}},
		{`index`, []string{"index"}},
		{`search a#b`, []string{"search", "a#b"}},
	} {
		got, err := shellWords(tc.in)
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := shellWords(`search "open`); err == nil {
		t.Error("an unclosed quote is not an error")
	}
}

// TestReadmeCommands runs every hindsight command of the README on the
// bundled samples, as a newcomer would on a fresh clone with a fresh
// HOME: first with nothing running (the first command builds the index),
// then, with another fresh HOME, while `hindsight serve` runs (the
// commands answer through it). Each must exit 0 with results.
func TestReadmeCommands(t *testing.T) {
	bin := hindsightBinary(t)
	cmds, skipped := readmeCommands(t)
	t.Logf("skipped (serve, or the reader's own files): %q", skipped)
	seen := map[string]bool{}
	for _, c := range cmds {
		seen[c[0]] = true
	}
	for _, want := range []string{"search", "show", "similar", "trends", "index", "parse"} {
		if !seen[want] {
			t.Errorf("the README has no runnable %q example", want)
		}
	}
	freshHome := func() []string {
		home := t.TempDir()
		return []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
			"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "HINDSIGHT_CORPUS=", "HINDSIGHT_INDEX=", "HINDSIGHT_CONFIG="}
	}
	runAll := func(t *testing.T, env []string) {
		for _, args := range cmds {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				cmd := exec.Command(bin, args...)
				cmd.Dir = filepath.Join("..", "..")
				cmd.Env = append(os.Environ(), env...)
				var stderr strings.Builder
				cmd.Stderr = &stderr
				start := time.Now()
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("hindsight %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, stderr.String())
				}
				for _, empty := range []string{"no incidents match", "no similar incidents", "none dated", "added 0 / updated 0 / removed 0 / unchanged 0"} {
					if strings.Contains(string(out), empty) {
						t.Errorf("hindsight %s: no results (%q):\n%s", strings.Join(args, " "), empty, out)
					}
				}
				if len(strings.TrimSpace(string(out))) == 0 {
					t.Errorf("hindsight %s printed nothing", strings.Join(args, " "))
				}
				t.Logf("%v", time.Since(start).Round(time.Millisecond))
			})
		}
	}
	t.Run("on its own", func(t *testing.T) { runAll(t, freshHome()) })
	t.Run("while serve runs", func(t *testing.T) {
		env := freshHome()
		s := startServe(t, env)
		s.waitReady(t, 30*time.Second)
		runAll(t, env)
		if n := strings.Count(s.log(), "path=/api/v1/"); n < len(cmds)-2 {
			t.Errorf("only %d API requests reached the server for %d commands:\n%s", n, len(cmds), s.log())
		}
		s.stop(t)
	})
}
