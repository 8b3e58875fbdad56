// Package designcache keeps recently used designs decoded in memory, keyed by
// id and version. Backends ask the database for a design's content only when
// the row's version differs from the cached one, so a cache entry can never
// be stale: the database still decides, the cache only saves decoding. That
// keeps several instances on one database correct with no shared state.
package designcache

import (
	"container/list"
	"sync"

	"github.com/archlab/archlab/design"
)

// Cache is a bounded LRU of decoded designs. The zero value is not usable;
// call New.
type Cache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used
	byID  map[string]*list.Element
	// byKey finds a cached design by its edit-key hash, so that opening an
	// editor can use the cache too. The database still checks the hash.
	byKey map[string]*list.Element
}

type entry struct {
	id      string
	keyHash string
	d       *design.Design
}

// New returns a cache of at most max designs.
func New(max int) *Cache {
	return &Cache{max: max, order: list.New(), byID: make(map[string]*list.Element), byKey: make(map[string]*list.Element)}
}

// Version returns the version of the cached design, or 0 when there is none.
func (c *Cache) Version(id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byID[id]; ok {
		return el.Value.(*entry).d.Version
	}
	return 0
}

// Get returns the cached design if it is at the given version. The design is
// shared: callers must not change it (design.Apply works on a copy).
func (c *Cache) Get(id string, version int) *design.Design {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok || el.Value.(*entry).d.Version != version {
		return nil
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).d
}

// IDForKey returns the id of the cached design last opened with the edit
// key of this hash, or "". It is a guess for the database to confirm: the
// key may have been replaced since.
func (c *Cache) IDForKey(keyHash string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[keyHash]; ok {
		return el.Value.(*entry).id
	}
	return ""
}

// RememberKey notes that the cached design id opens with the edit key of
// this hash.
func (c *Cache) RememberKey(id, keyHash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok {
		return
	}
	e := el.Value.(*entry)
	if e.keyHash != "" {
		delete(c.byKey, e.keyHash)
	}
	e.keyHash = keyHash
	c.byKey[keyHash] = el
}

// Forget drops a design.
func (c *Cache) Forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byID[id]; ok {
		c.remove(el)
	}
}

func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*entry)
	c.order.Remove(el)
	delete(c.byID, e.id)
	if e.keyHash != "" {
		delete(c.byKey, e.keyHash)
	}
}

// Put stores a design, which the cache then owns.
func (c *Cache) Put(d *design.Design) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byID[d.ID]; ok {
		el.Value.(*entry).d = d
		c.order.MoveToFront(el)
		return
	}
	c.byID[d.ID] = c.order.PushFront(&entry{id: d.ID, d: d})
	for c.order.Len() > c.max {
		c.remove(c.order.Back())
	}
}
