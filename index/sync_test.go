package index

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func pmFile(title, cause, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2024-03-01\nduration: 45m\ncategories: [" + cause + "]\nservices: [api]\n---\n\n# " + title + "\n\n## Root cause\n\n" + body + "\n")}
}

func TestSyncIncremental(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	fsys := fstest.MapFS{
		"a/one.md":   pmFile("Resolver overload", "dns", "The DNS resolver ran out of file descriptors."),
		"a/two.md":   pmFile("Disk filled", "storage", "The data volume had no space left."),
		"b/three.md": pmFile("Cert expired", "certificate", "The TLS certificate expired on Sunday."),
		"b/empty.md": &fstest.MapFile{Data: []byte("   \n")},
		"b/bin.md":   &fstest.MapFile{Data: []byte("abc\x00def")},
	}
	var calls int
	st, err := ix.Sync(ctx, fsys, ".", func(p Progress) {
		calls++
		if p.Total != 5 || p.Done < 1 || p.Done > 5 {
			t.Errorf("progress %+v", p)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 3 || st.Failed != 2 || st.Updated != 0 || st.Removed != 0 || st.Unchanged != 0 || calls != 5 {
		t.Fatalf("first sync %+v (progress calls %d)", st, calls)
	}
	if st.Failures[0].Path != "b/bin.md" || !strings.Contains(st.Failures[0].Err, "binary") ||
		st.Failures[1].Path != "b/empty.md" || !strings.Contains(st.Failures[1].Err, "empty") {
		t.Errorf("failures %+v", st.Failures)
	}
	res, err := ix.Search(ctx, Request{Query: "certificate"})
	if err != nil || res.Total != 1 || res.Hits[0].Source != "b/three.md" {
		t.Fatalf("search after sync: %+v %v", res, err)
	}

	// Edit one, delete one, add one, leave one.
	fsys["a/one.md"] = pmFile("Resolver overload", "dns", "The DNS resolver hit its query limit.")
	delete(fsys, "a/two.md")
	fsys["c/four.md"] = pmFile("Clock drift", "time", "NTP stopped and clocks drifted.")
	st, err = ix.Sync(ctx, fsys, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 1 || st.Updated != 1 || st.Removed != 1 || st.Unchanged != 1 || st.Failed != 2 {
		t.Fatalf("second sync %+v", st)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("count %d", n)
	}
	res, err = ix.Search(ctx, Request{Query: "query limit"})
	if err != nil || res.Total != 1 {
		t.Errorf("edited text not found: %+v %v", res, err)
	}
	res, _ = ix.Search(ctx, Request{Query: "no space left"})
	if res.Total != 0 {
		t.Errorf("deleted doc still found: %v", hitIDs(res))
	}

	// Nothing changed: all unchanged.
	st, err = ix.Sync(ctx, fsys, ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 3 || st.Added+st.Updated+st.Removed != 0 {
		t.Errorf("third sync %+v", st)
	}
	// Syncing a sub-tree leaves the others alone.
	delete(fsys, "c/four.md")
	st, err = ix.Sync(ctx, fsys, "a", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Removed != 0 || st.Unchanged != 1 {
		t.Errorf("subtree sync %+v", st)
	}
}

func TestSyncDuplicateIDs(t *testing.T) {
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	fsys := fstest.MapFS{
		"x.md": &fstest.MapFile{Data: []byte("---\nid: same\ntitle: First\n---\nbody one\n")},
		"y.md": &fstest.MapFile{Data: []byte("---\nid: same\ntitle: Second\n---\nbody two\n")},
	}
	st, err := ix.Sync(context.Background(), fsys, ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 1 || st.Failed != 1 || !strings.Contains(st.Failures[0].Err, "duplicate id") {
		t.Errorf("%+v", st)
	}
}

func TestSyncCancelled(t *testing.T) {
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fsys := fstest.MapFS{"a.md": pmFile("A", "dns", "x")}
	if _, err := ix.Sync(ctx, fsys, ".", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sync err = %v", err)
	}
}

// TestSearchDuringSync checks that searches running while Sync writes
// always succeed and see each document whole.
func TestSearchDuringSync(t *testing.T) {
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	fsys := fstest.MapFS{}
	for i := range 600 {
		name := "pm/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "-" + strconv.Itoa(i) + ".md"
		fsys[name] = pmFile("Incident "+strconv.Itoa(i), "network", "Packet loss between zones number "+strconv.Itoa(i)+".")
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			res, err := ix.Search(ctx, Request{Query: "packet loss", PageSize: 5})
			if err != nil {
				errs <- err
				return
			}
			for _, h := range res.Hits {
				if h.Title == "" || h.Source == "" {
					errs <- errors.New("partial document: " + h.ID)
					return
				}
			}
		}
	}()
	st, err := ix.Sync(ctx, fsys, ".", nil)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	if st.Added != 600 {
		t.Errorf("%+v", st)
	}
}

// TestSyncFolderDefaultsChange: editing a folder's hindsight.yaml
// re-indexes the documents below it although their own bytes did not
// change, and leaves the documents of other folders alone.
func TestSyncFolderDefaultsChange(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(t.TempDir(), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	plain := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("# " + title + "\n\n## Root cause\n\nThe resolver ran out of file descriptors.\n")}
	}
	fsys := fstest.MapFS{
		"team/hindsight.yaml": &fstest.MapFile{Data: []byte("organization: Fernhill\n")},
		"team/one.md":         plain("Resolver overload"),
		"other/two.md":        plain("Disk filled"),
	}
	org := func(src string) string {
		t.Helper()
		id, err := ix.Resolve(ctx, src)
		if err != nil {
			t.Fatalf("resolve %s: %v", src, err)
		}
		rec, err := ix.Get(ctx, id)
		if err != nil {
			t.Fatalf("get %s: %v", src, err)
		}
		return rec.Organization
	}
	if st, err := ix.Sync(ctx, fsys, "", nil); err != nil || st.Added != 2 {
		t.Fatalf("first sync %+v %v", st, err)
	}
	if got := org("team/one.md"); got != "Fernhill" {
		t.Fatalf("organization %q, want Fernhill", got)
	}
	tests := []struct {
		name, yaml, want   string
		updated, unchanged int
	}{
		{"edited defaults", "organization: Brookside\n", "Brookside", 1, 1},
		{"same defaults again", "organization: Brookside\n", "Brookside", 0, 2},
		{"defaults removed", "", "", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.yaml == "" {
				delete(fsys, "team/hindsight.yaml")
			} else {
				fsys["team/hindsight.yaml"] = &fstest.MapFile{Data: []byte(tt.yaml)}
			}
			st, err := ix.Sync(ctx, fsys, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if st.Updated != tt.updated || st.Unchanged != tt.unchanged || st.Added != 0 {
				t.Errorf("sync %+v, want %d updated, %d unchanged", st, tt.updated, tt.unchanged)
			}
			if got := org("team/one.md"); got != tt.want {
				t.Errorf("organization %q, want %q", got, tt.want)
			}
		})
	}
}
