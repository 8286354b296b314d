package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// TestSearchDuringReindex re-indexes every document of a corpus (each
// edited) and deletes some, while searchers run: every search succeeds,
// every hit is one whole version of its document (old or new, never a
// mix), and no document is missing or doubled while it is replaced.
// TestSearchDuringSync covers additions; this covers updates and
// deletions. Run it with -race (.ci/run does).
func TestSearchDuringReindex(t *testing.T) {
	const docs = 300
	version := func(v string, n int) fstest.MapFS {
		fsys := fstest.MapFS{}
		for i := range n {
			fsys["pm/"+strconv.Itoa(i)+".md"] = pmFile(fmt.Sprintf("Incident %d %s", i, v), "network",
				fmt.Sprintf("Packet loss between zones, %s edition, number %d.", v, i))
		}
		return fsys
	}
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if _, err := ix.Sync(ctx, version("alpha", docs), ".", nil); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	errs := make(chan string, 16)
	var wg sync.WaitGroup
	searches := 0
	var mu sync.Mutex
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := ix.Search(ctx, Request{Query: "packet loss zones", PageSize: 100})
				if err != nil {
					errs <- "search: " + err.Error()
					return
				}
				// Between the two syncs the count only falls by the
				// deleted documents; it never dips below or exceeds.
				if res.Total < docs-docs/10 || res.Total > docs {
					errs <- fmt.Sprintf("total %d during re-index, want %d..%d", res.Total, docs-docs/10, docs)
					return
				}
				for _, h := range res.Hits {
					var v string
					if _, err := fmt.Sscanf(h.Title, "Incident %d %s", new(int), &v); err != nil || (v != "alpha" && v != "beta") {
						errs <- "partial document: " + h.Title
						return
					}
					// The snippets come from the same version as the title.
					other := map[string]string{"alpha": "beta", "beta": "alpha"}[v]
					for field, frags := range h.Fragments {
						for _, f := range frags {
							if strings.Contains(f, other+" edition") {
								errs <- fmt.Sprintf("%s: title %q but %s snippet %q", h.ID, h.Title, field, f)
								return
							}
						}
					}
				}
				mu.Lock()
				searches++
				mu.Unlock()
			}
		}()
	}
	next := version("beta", docs)
	for i := 0; i < docs/10; i++ {
		delete(next, "pm/"+strconv.Itoa(i*10)+".md")
	}
	st, err := ix.Sync(ctx, next, ".", nil)
	close(stop)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != docs-docs/10 || st.Removed != docs/10 {
		t.Errorf("sync: %+v", st)
	}
	t.Logf("%d searches ran during the re-index", searches)
	if n, _ := ix.Count(); n != docs-docs/10 {
		t.Errorf("count after: %d", n)
	}
}
