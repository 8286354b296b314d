package server

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCrawlEveryLink follows every link and form-less URL the pages
// generate, breadth first from the home page: none is broken (4xx/5xx),
// none carries unsafe markup, and every page has a <title>.
func TestCrawlEveryLink(t *testing.T) {
	crawl(t, newFixture(t, nil), 400)
}

func crawl(t *testing.T, f *fixture, limit int) {
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	fetched := 0
	for len(queue) > 0 {
		fetched++
		p := queue[0]
		queue = queue[1:]
		w := f.get(t, p)
		if w.Code >= 400 {
			t.Errorf("GET %s = %d (linked from a page)", p, w.Code)
			continue
		}
		ct := w.Header().Get("Content-Type")
		if !strings.HasPrefix(ct, "text/html") {
			continue
		}
		body := w.Body.String()
		if bad := unsafeMarkup(t, body); len(bad) > 0 {
			t.Errorf("GET %s: %v", p, bad)
		}
		if !strings.Contains(body, "<title>") || strings.Contains(body, "<title> · Hindsight</title>") {
			t.Errorf("GET %s: no sensible <title>", p)
		}
		doc, err := html.Parse(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if (a.Key == "href" && (n.Data == "a" || n.Data == "link")) || (a.Key == "src" && n.Data == "script") {
						u, err := url.Parse(a.Val)
						if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
							continue
						}
						next := u.RequestURI()
						if !seen[next] && len(seen) < limit {
							seen[next] = true
							queue = append(queue, next)
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	if fetched < 50 {
		t.Errorf("crawled only %d URLs", fetched)
	}
	t.Logf("crawled %d URLs", fetched)
}
