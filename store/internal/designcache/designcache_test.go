package designcache

import (
	"fmt"
	"testing"

	"github.com/archlab/archlab/design"
)

func TestCacheKeepsOnlyTheVersionAskedFor(t *testing.T) {
	c := New(2)
	c.Put(&design.Design{ID: "a", Version: 3})
	if c.Get("a", 3) == nil || c.Get("a", 2) != nil || c.Get("b", 1) != nil {
		t.Fatal("Get answered for the wrong id or version")
	}
	if got := c.Version("a"); got != 3 {
		t.Fatalf("Version=%d, want 3", got)
	}
	c.Put(&design.Design{ID: "a", Version: 4})
	if c.Get("a", 3) != nil || c.Get("a", 4) == nil {
		t.Fatal("a newer version did not replace the older one")
	}
}

func TestCacheEvictsTheLeastRecentlyUsed(t *testing.T) {
	c := New(2)
	c.Put(&design.Design{ID: "a", Version: 1})
	c.Put(&design.Design{ID: "b", Version: 1})
	c.Get("a", 1) // a is now the most recent
	c.Put(&design.Design{ID: "c", Version: 1})
	if c.Get("b", 1) != nil {
		t.Fatal("b should have been evicted")
	}
	if c.Get("a", 1) == nil || c.Get("c", 1) == nil {
		t.Fatal("a or c was evicted")
	}
	for i := range 100 {
		c.Put(&design.Design{ID: fmt.Sprint(i), Version: 1})
	}
	if len(c.byID) != 2 || c.order.Len() != 2 {
		t.Fatalf("cache holds %d designs, want at most 2", len(c.byID))
	}
}

func TestKeysFollowTheirDesigns(t *testing.T) {
	c := New(2)
	c.Put(&design.Design{ID: "a", Version: 1})
	c.RememberKey("a", "hash-a")
	if got := c.IDForKey("hash-a"); got != "a" {
		t.Fatalf("IDForKey = %q", got)
	}
	c.RememberKey("a", "hash-a2") // the key was replaced
	if c.IDForKey("hash-a") != "" || c.IDForKey("hash-a2") != "a" {
		t.Fatal("a replaced key still finds the design, or the new one does not")
	}
	c.RememberKey("missing", "hash-m")
	if c.IDForKey("hash-m") != "" {
		t.Fatal("a key of a design not in the cache was remembered")
	}
	c.Put(&design.Design{ID: "b", Version: 1})
	c.Put(&design.Design{ID: "c", Version: 1}) // evicts a
	if c.IDForKey("hash-a2") != "" {
		t.Fatal("an evicted design's key still finds it")
	}
}
