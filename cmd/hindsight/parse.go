package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus"
)

// runParse implements `hindsight parse`: it parses files and directories
// (recursively) and prints one summary, or one JSON record, per document.
func runParse(ctx context.Context, env *cliEnv, args []string) int {
	fset := newFlagSet(env, "parse", "PATH...",
		"Parse postmortems (files or directories, recursively) and show what Hindsight reads from\n"+
			"each: title, date, duration, primary cause and its evidence, timeline and action items.\n"+
			"Per-file problems go to stderr as 'path: reason'; the other files still come out.\n"+
			"Malformed parts of a document that still parsed go to stderr as 'warning: path:line: what'.\n"+
			"Exit status: 0 all parsed, 1 some failed, 2 usage error.")
	asJSON := fset.Bool("json", false, "print one JSON record per line instead of a summary")
	taxFile := fset.String("taxonomy", "", "root-cause taxonomy YAML `file` (default: the built-in one)")
	maxBytes := fset.Int64("max-bytes", corpus.DefaultMaxBytes, "reject documents larger than this many `bytes`")
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	if fset.NArg() == 0 {
		fmt.Fprintln(env.stderr, "hindsight parse: no PATH given")
		fset.Usage()
		return exitUsage
	}
	cfg := corpus.DefaultConfig()
	cfg.MaxBytes = *maxBytes
	if *taxFile != "" {
		tax, err := loadTaxonomyFile(*taxFile)
		if err != nil {
			fmt.Fprintf(env.stderr, "hindsight parse: %v\n", err)
			return exitUsage
		}
		cfg.Taxonomy = tax
	}
	parser, err := corpus.NewParser(cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight parse: %v\n", err)
		return exitUsage
	}
	out := &parseOutput{w: env.stdout, json: *asJSON, enc: json.NewEncoder(env.stdout)}
	failed := false
	fail := func(path string, err error) {
		failed = true
		fmt.Fprintf(env.stderr, "%s: %s\n", path, reason(path, err))
	}
	for _, arg := range fset.Args() {
		if ctx.Err() != nil {
			fmt.Fprintln(env.stderr, "hindsight parse: interrupted")
			return exitFailed
		}
		fi, err := os.Stat(arg)
		if err != nil {
			fail(arg, err)
			continue
		}
		if !fi.IsDir() {
			dir, base := filepath.Split(arg)
			if dir == "" {
				dir = "."
			}
			// a file named on the command line is read even through a
			// symlink; only walked folders are confined to their root
			rec, err := parser.ParseFile(os.DirFS(dir), base)
			if err != nil {
				fail(arg, err)
				continue
			}
			rec.Source = arg
			warn(env, base, arg, rec.Warnings)
			if err := out.write(rec); err != nil {
				fmt.Fprintf(env.stderr, "hindsight parse: %v\n", err)
				return exitFailed
			}
			continue
		}
		root, err := os.OpenRoot(arg)
		if err != nil {
			fail(arg, err)
			continue
		}
		fsys := root.FS()
		werr := corpus.Walk(fsys, func(name string, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			full := joinAsGiven(arg, name)
			if err != nil {
				// Walk's errors start with the relative path; print the full one once
				fail(full, errors.New(strings.TrimPrefix(err.Error(), name+": ")))
				return nil
			}
			rec, err := parser.ParseFile(fsys, name)
			if err != nil {
				fail(full, err)
				return nil
			}
			rec.Source = full
			warn(env, name, full, rec.Warnings)
			return out.write(rec)
		})
		root.Close()
		if werr != nil {
			if errors.Is(werr, context.Canceled) {
				fmt.Fprintln(env.stderr, "hindsight parse: interrupted")
			} else {
				fmt.Fprintf(env.stderr, "hindsight parse: %v\n", werr)
			}
			return exitFailed
		}
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// warn prints a parsed document's warnings on stderr as "warning:
// path:line: what", with the path as the user gave it in place of the
// name the parser saw.
func warn(env *cliEnv, name, path string, warnings []string) {
	for _, w := range warnings {
		if rest, ok := strings.CutPrefix(w, name+":"); ok {
			w = path + ":" + rest
		}
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
}

// joinAsGiven joins a directory argument and a slash path below it
// without cleaning the argument, so sources read "../shared/x.md" as typed.
func joinAsGiven(dir, name string) string {
	sep := string(filepath.Separator)
	if strings.HasSuffix(dir, sep) || strings.HasSuffix(dir, "/") {
		return dir + filepath.FromSlash(name)
	}
	return dir + sep + filepath.FromSlash(name)
}

// reason renders err for a "path: reason" line without repeating the
// path that the corpus errors already name.
func reason(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && !strings.HasPrefix(err.Error(), "parse ") {
		return pe.Op + ": " + pe.Err.Error()
	}
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "parse ") {
		return msg[i+2:]
	}
	if strings.HasPrefix(msg, path+": ") {
		return strings.TrimPrefix(msg, path+": ")
	}
	return msg
}

func loadTaxonomyFile(name string) (*corpus.Taxonomy, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("--taxonomy: %w", err)
	}
	defer f.Close()
	tax, err := corpus.LoadTaxonomy(f)
	if err != nil {
		return nil, fmt.Errorf("--taxonomy %s: %w", name, err)
	}
	return tax, nil
}

// parseOutput prints records as summaries or JSON lines.
type parseOutput struct {
	w    io.Writer
	json bool
	enc  *json.Encoder
	n    int
}

func (o *parseOutput) write(r corpus.Record) error {
	if o.json {
		return o.enc.Encode(r)
	}
	if o.n > 0 {
		fmt.Fprintln(o.w)
	}
	o.n++
	dur := "unknown"
	if r.DurationMinutes != nil {
		dur = formatMinutes(*r.DurationMinutes)
	}
	date := r.Date
	if date == "" {
		date = "unknown"
	}
	fmt.Fprintf(o.w, "%s\n  title:     %s\n  format:    %s\n  date:      %s\n  duration:  %s\n", r.Source, orDash(r.Title), r.Format, date, dur)
	if r.Organization != "" {
		fmt.Fprintf(o.w, "  org:       %s\n", r.Organization)
	}
	if len(r.Categories) > 0 {
		c := r.Categories[0]
		fmt.Fprintf(o.w, "  cause:     %s (%.2f, %s)\n", c.Name, c.Confidence, c.Source)
		if c.Evidence != "" {
			fmt.Fprintf(o.w, "  evidence:  %s\n", clip(c.Evidence, 160))
		}
		if len(r.Categories) > 1 {
			var more []string
			for _, c := range r.Categories[1:] {
				more = append(more, c.Name)
			}
			fmt.Fprintf(o.w, "  also:      %s\n", strings.Join(more, ", "))
		}
	} else {
		fmt.Fprintf(o.w, "  cause:     unknown\n")
	}
	open := 0
	for _, a := range r.ActionItems {
		if !a.Done {
			open++
		}
	}
	_, err := fmt.Fprintf(o.w, "  timeline:  %d entries\n  actions:   %d items (%d open)\n", len(r.Timeline), len(r.ActionItems), open)
	return err
}

func formatMinutes(m int) string {
	switch {
	case m < 60:
		return fmt.Sprintf("%dm", m)
	case m%60 == 0:
		return fmt.Sprintf("%dh", m/60)
	default:
		return fmt.Sprintf("%dh %dm", m/60, m%60)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
