package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// runShow implements `hindsight show`.
func runShow(ctx context.Context, env *cliEnv, args []string) int {
	fset := newFlagSet(env, "show", "ID",
		"Show one indexed incident: its facts, causes with evidence, timeline and action items.\n"+
			"ID is an id, its unique start, the file name (with or without extension) or a path.")
	asJSON := fset.Bool("json", false, "print the stored record as JSON")
	kbOpts := kbFlags(fset)
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	if fset.NArg() != 1 {
		fmt.Fprintln(env.stderr, "hindsight show: give exactly one ID")
		fset.Usage()
		return exitUsage
	}
	ix, err := openReader(ctx, env, kbOpts)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight show: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	rec, err := ix.Show(ctx, fset.Arg(0))
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight show: %v\n", err)
		if errors.Is(err, index.ErrNotFound) {
			return exitUsage
		}
		return exitRuntime
	}
	if *asJSON {
		return writeJSON(env, "show", rec)
	}
	printRecord(env.stdout, &rec)
	return exitOK
}

func printRecord(w io.Writer, r *corpus.Record) {
	fmt.Fprintf(w, "%s\n%s\n\n", r.Title, strings.Repeat("=", min(80, max(3, len([]rune(r.Title))))))
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-14s %s\n", k+":", v)
		}
	}
	field("ID", r.ID)
	field("Source", r.Source)
	field("Organization", r.Organization)
	field("Date", r.Date)
	if r.DurationMinutes != nil {
		field("Duration", durationText(r.DurationMinutes))
	}
	field("Severity", r.Severity)
	field("Services", strings.Join(r.Services, ", "))
	field("Tags", strings.Join(r.Tags, ", "))
	if len(r.Categories) > 0 {
		fmt.Fprintln(w, "\nCauses:")
		for i, c := range r.Categories {
			role := "contributing"
			if i == 0 {
				role = "primary"
			}
			fmt.Fprintf(w, "  %s (%s, %.0f%%, %s)", c.Name, role, c.Confidence*100, c.Source)
			if c.Evidence != "" {
				fmt.Fprintf(w, ": %q", c.Evidence)
			}
			fmt.Fprintln(w)
		}
	}
	section := func(name, text string) {
		if strings.TrimSpace(text) != "" {
			fmt.Fprintf(w, "\n%s:\n  %s\n", name, strings.ReplaceAll(strings.TrimSpace(text), "\n", "\n  "))
		}
	}
	section("Summary", r.Summary)
	section("Impact", r.Impact)
	section("Root cause", r.RootCause)
	section("Trigger", r.Trigger)
	section("Detection", r.Detection)
	section("Resolution", r.Resolution)
	section("Lessons", r.Lessons)
	if len(r.Timeline) > 0 {
		fmt.Fprintln(w, "\nTimeline:")
		for _, e := range r.Timeline {
			fmt.Fprintf(w, "  %s  %s\n", e.At, e.Text)
		}
	}
	if len(r.ActionItems) > 0 {
		fmt.Fprintln(w, "\nAction items:")
		for _, a := range r.ActionItems {
			box := "[ ]"
			if a.Done {
				box = "[x]"
			}
			fmt.Fprintf(w, "  %s %s", box, a.Text)
			if a.Link != "" {
				fmt.Fprintf(w, " (%s)", a.Link)
			}
			fmt.Fprintln(w)
		}
	}
}
