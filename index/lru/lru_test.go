package lru

import "testing"

type box struct{ n int }

func cloneBox(b *box) *box { c := *b; return &c }

func TestCacheEvicts(t *testing.T) {
	c := New[string](2, cloneBox)
	r := &box{n: 1}
	c.Put("a", 1, r)
	c.Put("b", 1, r)
	c.Get("a", 1) // b is now least recently used
	c.Put("c", 1, r)
	if _, ok := c.Get("b", 1); ok {
		t.Error("least recently used entry kept")
	}
	for _, q := range []string{"a", "c"} {
		if _, ok := c.Get(q, 1); !ok {
			t.Errorf("%s evicted", q)
		}
	}
	// A copy goes out: changing it leaves the cached value alone.
	got, _ := c.Get("a", 1)
	got.n = 99
	if again, _ := c.Get("a", 1); again.n != 1 {
		t.Error("a caller's change reached the cached value")
	}
	// A newer generation drops everything older; an older one is not
	// stored, and nothing is found at a generation other than the newest.
	c.Put("d", 2, r)
	c.Put("e", 1, r)
	if _, ok := c.Get("a", 1); ok || c.Len() != 1 {
		t.Errorf("stale entries kept: %d entries", c.Len())
	}
	if _, ok := c.Get("d", 3); ok {
		t.Error("found at a generation it was not computed at")
	}
	if New[string](0, cloneBox) != nil || New[string](-1, cloneBox) != nil {
		t.Error("a cache of size <= 0 should be off")
	}
	var off *Cache[string, []byte]
	off.Put("x", 1, []byte("y"))
	if _, ok := off.Get("x", 1); ok || off.Len() != 0 {
		t.Error("a nil cache kept a value")
	}
}
