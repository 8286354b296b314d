package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// findBrowser returns a Chromium/Chrome binary, or skips the test with a
// clear message, or fails it when HINDSIGHT_BROWSER_TESTS demands a
// browser (as .ci/run does).
func findBrowser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HINDSIGHT_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("HINDSIGHT_BROWSER_TESTS") != "" {
		t.Fatal("HINDSIGHT_BROWSER_TESTS is set but no chromium/google-chrome is on PATH (apt-get install -y chromium)")
	}
	const msg = "BROWSER TESTS SKIPPED: no chromium or google-chrome on PATH; apt-get install chromium, or set HINDSIGHT_CHROME (HINDSIGHT_BROWSER_TESTS=1 makes this a failure)"
	browserSkipNotice.Do(func() { fmt.Fprintln(os.Stderr, "server: "+msg) })
	t.Skip(msg)
	return ""
}

// browserSkipNotice prints the skip once per run on stderr too, where
// `go test` in the package folder shows it even without -v.
var browserSkipNotice sync.Once

// newBrowser starts a headless browser with a fresh profile and returns a
// tab context. dialogs counts JavaScript dialogs (alert, confirm…): the
// hostile fixtures try to open them.
func newBrowser(t *testing.T, timeout time.Duration) (ctx context.Context, dialogs *dialogLog) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(findBrowser(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	tctx, cancelTimeout := context.WithTimeout(bctx, timeout)
	t.Cleanup(func() { cancelTimeout(); cancelBrowser(); cancelAlloc() })
	dialogs = &dialogLog{}
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("start browser: %v", err)
	}
	listenDialogs(tctx, dialogs)
	if _, err := chromedp.Call(tctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable the log domain: %v", err)
	}
	listenCSP(tctx, dialogs)
	return tctx, dialogs
}

// listenCSP records Content-Security-Policy violations the browser logs
// (our own pages must not trip our own policy) in d.csp. Refused framing
// is expected where a test checks it, so frame-ancestors reports are left
// out.
func listenCSP(ctx context.Context, d *dialogLog) {
	events := chromedp.Events(ctx, cdplog.EntryAdded)
	go func() {
		for e, err := range events {
			if err != nil {
				return
			}
			if e.Entry != nil && strings.Contains(e.Entry.Text, "Content Security Policy") && !strings.Contains(e.Entry.Text, "frame-ancestors") {
				d.mu.Lock()
				d.csp = append(d.csp, e.Entry.URL+": "+e.Entry.Text)
				d.mu.Unlock()
			}
		}
	}()
}

type dialogLog struct {
	mu   sync.Mutex
	msgs []string
	csp  []string
}

func (d *dialogLog) add(s string) { d.mu.Lock(); d.msgs = append(d.msgs, s); d.mu.Unlock() }

func (d *dialogLog) list() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.msgs...)
}

// listenDialogs records and dismisses every JavaScript dialog in ctx.
func listenDialogs(ctx context.Context, d *dialogLog) {
	events := chromedp.Events(ctx, cdppage.JavascriptDialogOpening)
	go func() {
		for e, err := range events {
			if err != nil {
				return
			}
			d.add(string(e.Type) + ": " + e.Message)
			chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
}

// serveOn serves h on a fresh loopback port under the given host name
// ("127.0.0.1" or "localhost": two different sites for the browser).
func serveOn(t *testing.T, host string, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return "http://" + host + ":" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// hostPages is a second site: a wiki page that embeds Hindsight in an
// iframe, and one that uses the widget.
func hostPages(hindsight *string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/iframe", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>Wiki</title><h1>Runbook</h1><iframe id="kb" width="600" height="400" src="%s/embed?q=%s"></iframe>`,
			*hindsight, r.URL.Query().Get("q"))
	})
	mux.HandleFunc("/widget", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>Wiki</title><h1>Runbook</h1><div data-hindsight-search data-query="%s"></div><script src="%s/widget.js"></script>`,
			r.URL.Query().Get("q"), *hindsight)
	})
	return mux
}

// textIn waits for sel in the iframe target whose URL starts with prefix
// and returns its text; found is false if no such frame shows sel within
// wait.
func textIn(ctx context.Context, prefix, sel string, wait time.Duration) (text string, found bool, err error) {
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			return "", false, err
		}
		for _, info := range infos {
			if info.Type != "iframe" || !strings.HasPrefix(info.URL, prefix) {
				continue
			}
			fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
			tctx, cancel2 := context.WithTimeout(fctx, time.Until(deadline))
			text, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel)))
			cancel2()
			cancel()
			if err == nil {
				return text, true, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", false, nil
}

// must runs one value-returning action or fails the test.
func must[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	var hsURL string
	wikiURL := serveOn(t, "localhost", hostPages(&hsURL))
	otherURL := serveOn(t, "localhost", hostPages(&hsURL)) // a site not allowed to embed
	f := newFixture(t, func(c *Config) { c.EmbedOrigins = []string{wikiURL} })
	hsURL = serveOn(t, "127.0.0.1", f.srv.Handler())
	ctx, dialogs := newBrowser(t, 120*time.Second)

	step := func(t *testing.T, name string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	// poll waits until expr is true; it retries when a navigation
	// replaces the page under it.
	poll := func(t *testing.T, name, expr string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(time.Until(deadline))))
			if err == nil {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %v", name, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	t.Run("live search as you type", func(t *testing.T) {
		step(t, "open search", chromedp.Navigate(hsURL+"/search"), chromedp.WaitVisible(chromedp.ID("q")))
		step(t, "type", chromedp.SendKeys(chromedp.ID("q"), "resolver"))
		poll(t, "live results", `location.search.includes("q=resolver") && document.querySelectorAll(".hit-link").length === 2`)
		text := must(t, ctx, "read", chromedp.Text(chromedp.CSS(".hit-link")))
		if !strings.Contains(strings.ToLower(text), "resolver") && !strings.Contains(text, "Tracking") {
			t.Errorf("first hit %q", text)
		}
	})

	t.Run("keyboard shortcuts", func(t *testing.T) {
		step(t, "blur", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
		step(t, "j", chromedp.KeyEvent("j"))
		if !must(t, ctx, "focus", chromedp.Evaluate[bool](`document.activeElement.classList.contains("hit-link")`)) {
			t.Error("j did not focus the first result")
		}
		step(t, "slash", chromedp.KeyEvent("/"))
		if !must(t, ctx, "focus", chromedp.Evaluate[bool](`document.activeElement.id === "q"`)) {
			t.Error("/ did not focus the search box")
		}
	})

	t.Run("click a facet", func(t *testing.T) {
		facet := chromedp.CSS(`a.facet-value[data-facet="category"][data-value="dns"]`)
		step(t, "open", chromedp.Navigate(hsURL+"/search?q=load+balancer"), chromedp.WaitVisible(facet))
		step(t, "click", chromedp.Click(facet), chromedp.WaitVisible(chromedp.CSS(".chip")))
		loc := must(t, ctx, "location", chromedp.Location())
		n := must(t, ctx, "hits", chromedp.Evaluate[int](`document.querySelectorAll(".hit").length`))
		if !strings.Contains(loc, "category%3Adns") || n == 0 {
			t.Errorf("after the facet click: %s with %d hits", loc, n)
		}
	})

	t.Run("open an incident and follow a similar one", func(t *testing.T) {
		step(t, "open", chromedp.Navigate(hsURL+"/search?q=resolver+cache"), chromedp.WaitVisible(chromedp.CSS(".hit-link")))
		step(t, "click hit", chromedp.Click(chromedp.CSS(".hit-link")), chromedp.WaitVisible(chromedp.ID("incident-title")))
		first := must(t, ctx, "title", chromedp.Text(chromedp.ID("incident-title")))
		step(t, "similar", chromedp.WaitVisible(chromedp.CSS(".similar-link")), chromedp.Click(chromedp.CSS(".similar-link")))
		poll(t, "second incident", `document.querySelector("#incident-title") !== null && document.querySelector("#incident-title").textContent !== `+strconv.Quote(first))
		second := must(t, ctx, "title", chromedp.Text(chromedp.ID("incident-title")))
		if first == "" || second == "" || first == second {
			t.Errorf("incident %q then similar %q", first, second)
		}
	})

	t.Run("trends chart has data", func(t *testing.T) {
		step(t, "open", chromedp.Navigate(hsURL+"/trends?interval=year"), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
		bars := must(t, ctx, "bars", chromedp.Evaluate[int](`document.querySelectorAll("svg.chart rect.bar").length`))
		sum := must(t, ctx, "sum", chromedp.Evaluate[float64](`[...document.querySelectorAll("svg.chart.column rect.bar")].reduce((s, r) => s + Number(r.dataset.value), 0)`))
		height := must(t, ctx, "height", chromedp.Evaluate[float64](`document.querySelector("svg.chart").getBoundingClientRect().height`))
		if bars == 0 || sum == 0 || height < 50 {
			t.Errorf("chart: %d bars, values sum %v, height %v", bars, sum, height)
		}
	})

	t.Run("every kind of page loads its assets", func(t *testing.T) {
		for _, p := range []string{"/", "/categories", "/actions?state=open", "/search?q=zzzz-nothing", "/incidents/" + f.id(t, "2024-03-dns-resolver-again.md"), "/nothing-here"} {
			step(t, "open "+p, chromedp.Navigate(hsURL+p), chromedp.WaitReady(chromedp.CSS("footer")))
			// The stylesheet applied (no inline styles are allowed, so
			// this proves the hashed asset URL works).
			display := must(t, ctx, "style", chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header.site")).display`))
			if display != "flex" {
				t.Errorf("%s: stylesheet not applied (header display %q)", p, display)
			}
		}
	})

	t.Run("embed in an iframe on another site", func(t *testing.T) {
		step(t, "open wiki", chromedp.Navigate(wikiURL+"/iframe?q=resolver"), chromedp.WaitReady(chromedp.ID("kb")))
		text, found, err := textIn(ctx, hsURL+"/embed", ".hit-link", 15*time.Second)
		if err != nil || !found || (!strings.Contains(strings.ToLower(text), "resolver") && !strings.Contains(text, "Tracking")) {
			t.Errorf("embed on an allowed site: found=%v text=%q err=%v", found, text, err)
		}
		// A site not in --embed-origins gets nothing rendered.
		step(t, "open other", chromedp.Navigate(otherURL+"/iframe?q=resolver"), chromedp.WaitReady(chromedp.ID("kb")))
		if _, found, _ := textIn(ctx, hsURL+"/embed", ".hit-link", 2*time.Second); found {
			t.Error("a site outside --embed-origins could frame /embed")
		}
	})

	t.Run("widget on another site", func(t *testing.T) {
		step(t, "open", chromedp.Navigate(wikiURL+"/widget?q=resolver"), chromedp.WaitVisible(chromedp.CSS(".hs-title")))
		text := must(t, ctx, "text", chromedp.Text(chromedp.CSS(".hs-title")))
		href := must(t, ctx, "href", chromedp.AttributeValue(chromedp.CSS(".hs-title"), "href"))
		if text == "" || !strings.HasPrefix(href.Value, hsURL+"/incidents/") {
			t.Errorf("widget hit %q -> %q", text, href.Value)
		}
	})

	t.Run("hostile documents do not run", func(t *testing.T) {
		md, wiki := f.id(t, "zz-xss.md"), f.id(t, "zz-xss-wiki.html")
		for _, u := range []string{
			hsURL + "/search?q=probe", hsURL + "/incidents/" + md, hsURL + "/incidents/" + wiki,
			hsURL + "/actions?q=probe", hsURL + "/embed?q=probe", hsURL + "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		} {
			step(t, "open "+u, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("body")))
			bad := must(t, ctx, "scan", chromedp.Evaluate[int](`[...document.scripts].filter(s => !s.src).length + document.querySelectorAll("iframe, textarea, object, [onerror], [onclick], [onload], [onmouseover], a[href^='javascript' i]").length`))
			if bad > 0 {
				t.Errorf("%s: %d inline scripts or injected elements", u, bad)
			}
		}
		step(t, "widget", chromedp.Navigate(wikiURL+"/widget?q=probe"), chromedp.WaitVisible(chromedp.CSS(".hs-title")))
		bad := must(t, ctx, "scan widget", chromedp.Evaluate[int](`document.querySelectorAll("[data-hindsight-search] script, [data-hindsight-search] img, [data-hindsight-search] [onerror], [data-hindsight-search] textarea").length`))
		if bad > 0 {
			t.Errorf("widget: %d injected elements", bad)
		}
		time.Sleep(300 * time.Millisecond) // let anything that would fire, fire
		if d := dialogs.list(); len(d) > 0 {
			t.Errorf("hostile documents opened dialogs: %v", d)
		}
	})
	if d := dialogs.list(); len(d) > 0 {
		t.Errorf("dialogs opened: %v", d)
	}
	dialogs.mu.Lock()
	defer dialogs.mu.Unlock()
	if len(dialogs.csp) > 0 {
		t.Errorf("Content-Security-Policy violations on our pages: %v", dialogs.csp)
	}
}
