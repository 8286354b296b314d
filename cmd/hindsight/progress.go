package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressBar draws a one-line bar on a terminal, at most ten times a
// second.
type progressBar struct {
	w     io.Writer
	label string
	last  time.Time
	drawn bool
}

func (p *progressBar) update(done, total int, item string) {
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	const width = 30
	fill := 0
	if total > 0 {
		fill = done * width / total
	}
	if len(item) > 40 {
		item = "…" + item[len(item)-39:]
	}
	fmt.Fprintf(p.w, "\r\033[K%s [%s%s] %d/%d %s", p.label, strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, total, item)
	p.drawn = true
}

func (p *progressBar) finish() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
