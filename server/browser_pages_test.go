package server

import (
	"context"
	"flag"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

var updateScreenshot = flag.Bool("screenshot", false, "write ../ui/screenshot-*.png (home, search, incident, trends, actions) from the bundled samples")

// samplesURL serves the bundled samples, as a newcomer first sees them.
func samplesURL(t *testing.T) string {
	t.Helper()
	ix, err := index.OpenMemory(index.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), corpus.Samples(), ".", nil); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Documents = corpus.Samples()
	cfg.RateLimit = 0
	srv, err := New(cfg, ix, ix)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetReady(true)
	return serveOn(t, "127.0.0.1", srv.Handler())
}

// run does the steps or fails the test.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestBrowserSmallThings checks, in a real browser over the bundled
// samples, what a person sees: chart text inside its chart, durations in
// hours and minutes, action-item cells that do not wrap and links that
// say where they go, a document toggle that says what it does, and an
// empty search that offers somewhere to go.
func TestBrowserSmallThings(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	u := samplesURL(t)
	ctx, _ := newBrowser(t, 120*time.Second)

	t.Run("chart text stays inside the charts", func(t *testing.T) {
		run(t, ctx, "open", chromedp.Navigate(u+"/trends"), chromedp.WaitVisible(chromedp.CSS("svg.chart.bars")))
		// The real font's boxes, not the server's estimate.
		out := must(t, ctx, "measure", chromedp.Evaluate[[]string](`[...document.querySelectorAll("svg.chart.bars text.label, svg.chart.bars text.value")].flatMap(el => {
			const b = el.getBBox(), w = el.ownerSVGElement.viewBox.baseVal.width;
			return b.x < 0 || b.x + b.width > w ? [el.textContent + " spans " + Math.round(b.x) + ".." + Math.round(b.x + b.width) + " of " + w] : [];
		})`))
		if len(out) > 0 {
			t.Errorf("text outside its chart: %v", out)
		}
		labels := must(t, ctx, "labels", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#chart-services-t ~ text.label")].map(el => el.textContent)`))
		if !contains(labels, "webhooks-dispatcher") {
			t.Errorf("service labels %v lack webhooks-dispatcher whole", labels)
		}
		axes := must(t, ctx, "axes", chromedp.Evaluate[[][]float64](`[...document.querySelectorAll("svg.chart.bars")].map(s => [Number(s.dataset.max), Number(s.dataset.axisMax)])`))
		for _, a := range axes {
			if a[1] < a[0] || a[1] > 1.5*a[0] && a[1]-a[0] > 1 {
				t.Errorf("axis runs to %v for a largest value of %v", a[1], a[0])
			}
		}
		durations := must(t, ctx, "durations", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#chart-durations-t ~ text.value")].map(el => el.textContent)`))
		hm := regexp.MustCompile(`^median (\d+h( \d+m)?|\d+m), p90 (\d+h( \d+m)?|\d+m)$`)
		if len(durations) == 0 {
			t.Error("no duration labels")
		}
		for _, d := range durations {
			if !hm.MatchString(d) {
				t.Errorf("duration label %q is not median and p90 in hours and minutes", d)
			}
		}
	})

	t.Run("action items do not wrap their state and date, and links say where they go", func(t *testing.T) {
		for _, width := range []int64{1280, 900} {
			run(t, ctx, "open", chromedp.EmulateViewport(width, 900), chromedp.Navigate(u+"/actions"), chromedp.WaitVisible(chromedp.CSS(".actions-table")))
			wrapped := must(t, ctx, "lines", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".actions-table td.state, .actions-table td.date")].filter(td => {
				const r = document.createRange(); r.selectNodeContents(td);
				return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
			}).map(td => td.textContent.trim())`))
			if len(wrapped) > 0 {
				t.Errorf("at %dpx, %d cells wrap, e.g. %q", width, len(wrapped), wrapped[0])
			}
		}
		links := must(t, ctx, "links", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".actions-table a.item-link")].map(a => a.textContent.trim())`))
		if len(links) == 0 {
			t.Fatal("no action-item links on the first page")
		}
		for _, l := range links {
			if l == "link" || !strings.Contains(l, ".") || !strings.Contains(l, "/") {
				t.Errorf("link labelled %q, not by host and path", l)
			}
		}
		run(t, ctx, "reset", chromedp.EmulateViewport(1280, 900))
	})

	t.Run("the document toggle says what it does", func(t *testing.T) {
		run(t, ctx, "open", chromedp.Navigate(u+"/search?q=timeout"), chromedp.WaitVisible(chromedp.CSS(".hit-link")),
			chromedp.Click(chromedp.CSS(".hit-link")), chromedp.WaitVisible(chromedp.CSS("details.original summary")))
		state := func() (bool, string) {
			open := must(t, ctx, "open", chromedp.Evaluate[bool](`document.querySelector("details.original").open`))
			text := must(t, ctx, "text", chromedp.Evaluate[string](`document.querySelector("details.original summary").innerText.trim()`))
			return open, text
		}
		if open, text := state(); !open || text != "Hide the document" {
			t.Errorf("at first: open=%v, toggle says %q", open, text)
		}
		run(t, ctx, "close", chromedp.Click(chromedp.CSS("details.original summary")))
		if open, text := state(); open || text != "Show the document" {
			t.Errorf("after a click: open=%v, toggle says %q", open, text)
		}
	})

	t.Run("a search with no results offers next steps", func(t *testing.T) {
		run(t, ctx, "open", chromedp.Navigate(u+"/search?q="+url.QueryEscape("zeppelin category:dns")), chromedp.WaitVisible(chromedp.CSS(".noresults")))
		n := must(t, ctx, "browse", chromedp.Evaluate[int](`[...document.querySelectorAll(".facets .browse a.facet-value")].filter(a => a.getBoundingClientRect().height > 0).length`))
		if n == 0 {
			t.Error("the sidebar of an empty search shows nothing to follow")
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestBrowserWithoutJavaScript opens every page with scripts disabled and
// records every request: each page is styled and whole, the search form
// works by plain submission, and nothing is fetched from another origin
// (no CDN: the UI works offline).
func TestBrowserWithoutJavaScript(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	f := newFixture(t, nil)
	u := serveOn(t, "127.0.0.1", f.srv.Handler())
	ctx, _ := newBrowser(t, 90*time.Second)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var foreign, failed []string
	go func() {
		for e, err := range chromedp.Events(ctx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			if e.Request != nil && !strings.HasPrefix(e.Request.URL, u+"/") && !strings.HasPrefix(e.Request.URL, "data:") {
				mu.Lock()
				foreign = append(foreign, e.Request.URL)
				mu.Unlock()
			}
		}
	}()
	go func() {
		for e, err := range chromedp.Events(ctx, network.LoadingFailed) {
			if err != nil {
				return
			}
			mu.Lock()
			failed = append(failed, string(e.RequestID)+": "+e.ErrorText)
			mu.Unlock()
		}
	}()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	// Scripts really are off.
	run(t, ctx, "probe", chromedp.Navigate(`data:text/html,<title>off</title><script>document.title="on"</script>`))
	if title := must(t, ctx, "title", chromedp.Title()); title != "off" {
		t.Fatalf("scripts still run (title %q)", title)
	}
	incident := f.id(t, "2023-02-dns-resolver-cache.md")
	for _, p := range []struct{ path, sel string }{
		{"/", ".catlist a"}, {"/search?q=resolver", ".hit-link"}, {"/search?q=zeppelin", ".browse a"},
		{"/incidents/" + incident, "details.original .document"}, {"/trends", "svg.chart.bars"},
		{"/categories", "main a"}, {"/actions", ".actions-table a.item-link, .actions-table td.state"}, {"/embed?q=resolver", ".hit-link"},
	} {
		run(t, ctx, "open "+p.path, chromedp.Navigate(u+p.path), chromedp.WaitVisible(chromedp.CSS(p.sel)))
		styled := must(t, ctx, "style", chromedp.Evaluate[bool](`[...document.styleSheets].some(s => s.href && s.cssRules.length > 10)`))
		if !styled {
			t.Errorf("%s: stylesheet not applied", p.path)
		}
	}
	// Searching is a plain form submission.
	run(t, ctx, "search", chromedp.Navigate(u+"/"), chromedp.WaitVisible(chromedp.ID("q")),
		// The home page lists recent incidents as hits too: wait for what
		// only the results page has.
		chromedp.SendKeys(chromedp.ID("q"), "resolver"), chromedp.Submit(chromedp.ID("q")), chromedp.WaitVisible(chromedp.ID("result-count")))
	if loc := must(t, ctx, "location", chromedp.Location()); !strings.Contains(loc, "/search?q=resolver") {
		t.Errorf("the form went to %s", loc)
	}
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if len(foreign) > 0 {
		t.Errorf("requests to other origins: %v", foreign)
	}
	if len(failed) > 0 {
		t.Errorf("failed loads: %v", failed)
	}
}

// TestScreenshot writes the README's screenshots from the bundled samples:
// go test ./server -run TestScreenshot -screenshot
func TestScreenshot(t *testing.T) {
	if !*updateScreenshot {
		t.Skip("run with -screenshot to update ../ui/screenshot-*.png")
	}
	u := samplesURL(t)
	ctx, _ := newBrowser(t, 120*time.Second)
	shots := []struct {
		name, path, wait string
		height           int64
		click            string
	}{
		{"home", "/", ".catlist", 900, ""},
		{"search", "/search?q=timeout", ".hit", 860, ""},
		{"incident", "/search?q=" + url.QueryEscape("connection pool exhausted"), ".hit-link", 1100, ".hit-link"},
		{"trends", "/trends", "svg.chart", 1500, ""},
		{"actions", "/actions?state=open", ".actions-table", 900, ""},
	}
	for _, s := range shots {
		steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(1280, s.height), chromedp.Navigate(u + s.path), chromedp.WaitVisible(chromedp.CSS(s.wait))}
		if s.click != "" {
			steps = append(steps, chromedp.Click(chromedp.CSS(s.click)), chromedp.WaitVisible(chromedp.ID("incident-title")))
		}
		run(t, ctx, s.name, steps...)
		png := must(t, ctx, "screenshot "+s.name, chromedp.CaptureScreenshot())
		if err := os.WriteFile("../ui/screenshot-"+s.name+".png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
