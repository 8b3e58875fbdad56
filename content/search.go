package content

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Field weights: a word in a title says more about a page than a word in
// its body.
const (
	weightTitle   = 10
	weightHeading = 4
	weightTag     = 3
	weightSummary = 3
	weightBody    = 1
	weightArticle = 1.5
)

// index is an inverted index of the knowledge base, built once, on the
// first search.
type index struct {
	docs []*Article
	// passages are each page's sentences with their words, split once so
	// that a search only compares words to pick its snippets.
	passages [][]passage
	terms    []string // sorted, for prefix search
	postings map[string][]posting
}

type passage struct {
	text  string
	words []string
}

type posting struct {
	doc    int
	weight float64
}

var stopwords = map[string]bool{"the": true, "a": true, "an": true, "and": true, "of": true, "to": true, "in": true,
	"is": true, "for": true, "on": true, "with": true, "as": true, "by": true, "it": true, "or": true, "be": true,
	"are": true, "that": true, "this": true, "at": true, "from": true, "its": true, "can": true, "not": true}

// tokens splits text into lowercase words, stemmed lightly so that
// "queues" finds "queue".
func tokens(s string) []string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := words[:0]
	for _, w := range words {
		if !stopwords[w] {
			out = append(out, stem(w))
		}
	}
	return out
}

func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

func newIndex(docs []*Article, serviceName func(kind string) string) *index {
	ix := &index{docs: docs, postings: map[string][]posting{}, passages: make([][]passage, len(docs))}
	for d, a := range docs {
		text := a.Body.text()
		for _, s := range sentences(a.Summary + "\n" + text) {
			ix.passages[d] = append(ix.passages[d], passage{text: s, words: tokens(s)})
		}
		weights := map[string]float64{}
		// A field counts a word once: a title that says "queue" twice is
		// no more about queues than one that says it once.
		add := func(text string, w float64) {
			seen := map[string]bool{}
			for _, t := range tokens(text) {
				if !seen[t] {
					seen[t] = true
					weights[t] += w
				}
			}
		}
		add(a.Title, weightTitle)
		add(strings.ReplaceAll(a.Slug, "-", " "), weightTag)
		var headings []string
		for _, h := range a.TOC {
			headings = append(headings, h.Text)
		}
		add(strings.Join(headings, " "), weightHeading)
		add(strings.Join(a.Tags, " "), weightTag)
		services := slices.Clone(a.Services)
		for _, k := range a.Services {
			services = append(services, serviceName(k))
		}
		add(strings.Join(services, " "), weightTag)
		add(a.Summary, weightSummary)
		body := map[string]float64{}
		for _, t := range tokens(text) {
			body[t]++
		}
		for t, n := range body {
			weights[t] += weightBody * (1 + math.Log(n)) // repeated words count, with diminishing returns
		}
		// Articles teach; rule pages explain one check. For the same words,
		// the article comes first.
		boost := 1.0
		if a.Rule == nil {
			boost = weightArticle
		}
		for t, w := range weights {
			ix.postings[t] = append(ix.postings[t], posting{doc: d, weight: w * boost})
		}
	}
	for t := range ix.postings {
		ix.terms = append(ix.terms, t)
	}
	slices.Sort(ix.terms)
	return ix
}

// Result is one search hit.
type Result struct {
	Article *Article
	Score   float64
	// Snippet is a passage around the match, its matched words marked.
	Snippet []Part
	doc     int
}

// Part is a piece of a snippet; Match marks a matched word.
type Part struct {
	Text  string
	Match bool
}

// Search finds the pages that contain every word of the query, best first,
// treating the last word as a prefix so that results follow typing. When no
// page has every word, pages with any of them are returned.
func (lib *Library) Search(q string, limit int) []Result {
	return lib.searchIndex().search(q, limit)
}

// searchIndex builds the index on first use; sync.Once makes concurrent
// first searches wait for the one build and see all of it.
func (lib *Library) searchIndex() *index {
	lib.indexOnce.Do(func() {
		lib.index = newIndex(append(slices.Clone(lib.Articles), lib.RulePages...), lib.cat.KindName)
	})
	return lib.index
}

func (ix *index) search(q string, limit int) []Result {
	words := tokens(q)
	if len(words) == 0 {
		return nil
	}
	scores := map[int]float64{}
	hits := map[int]int{}
	for i, w := range words {
		matched := map[int]float64{}
		for _, p := range ix.postings[w] {
			matched[p.doc] = max(matched[p.doc], p.weight)
		}
		if i == len(words)-1 && len(w) >= 2 {
			start, _ := slices.BinarySearch(ix.terms, w)
			for _, t := range ix.terms[start:] {
				if !strings.HasPrefix(t, w) {
					break
				}
				for _, p := range ix.postings[t] {
					matched[p.doc] = max(matched[p.doc], 0.8*p.weight)
				}
			}
		}
		for d, s := range matched {
			scores[d] += s
			hits[d]++
		}
	}
	type hit struct {
		doc   int
		score float64
	}
	var found []hit
	for d, s := range scores {
		if hits[d] == len(words) {
			found = append(found, hit{d, s})
		}
	}
	if len(found) == 0 {
		for d, s := range scores {
			found = append(found, hit{d, s / float64(len(words))})
		}
	}
	results := make([]Result, len(found))
	for i, h := range found {
		results[i] = Result{Article: ix.docs[h.doc], Score: h.score, doc: h.doc}
	}
	slices.SortFunc(results, func(a, b Result) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.Article.Title, b.Article.Title))
	})
	if len(results) > limit {
		results = results[:limit]
	}
	for i := range results {
		results[i].Snippet = ix.snippet(results[i].doc, words)
	}
	return results
}

// snippet picks the sentence with the most query words and marks them.
func (ix *index) snippet(doc int, words []string) []Part {
	const width = 220
	best, bestHits := ix.docs[doc].Summary, 0
	seen := make([]bool, len(words))
	for _, p := range ix.passages[doc] {
		clear(seen)
		h := 0
		for _, t := range p.words {
			for i, w := range words {
				if !seen[i] && (t == w || strings.HasPrefix(t, w)) {
					seen[i] = true
					h++
				}
			}
		}
		if h > bestHits {
			best, bestHits = p.text, h
			if h == len(words) {
				break // no passage can do better
			}
		}
	}
	best = strings.TrimSpace(best)
	if r := []rune(best); len(r) > width {
		best = string(r[:width]) + "…"
	}
	return mark(best, words)
}

func sentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if r == '\n' || ((r == '.' || r == '?' || r == '!') && i+1 < len(text) && text[i+1] == ' ') {
			if s := strings.TrimSpace(text[start : i+1]); len(s) > 20 {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); len(s) > 20 {
		out = append(out, s)
	}
	return out
}

// mark splits text into parts, marking the words that match the query.
func mark(text string, words []string) []Part {
	var parts []Part
	var plain strings.Builder
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	runes := []rune(text)
	for i := 0; i < len(runes); {
		if !isWord(runes[i]) {
			plain.WriteRune(runes[i])
			i++
			continue
		}
		j := i
		for j < len(runes) && isWord(runes[j]) {
			j++
		}
		word := string(runes[i:j])
		t := stem(strings.ToLower(word))
		hit := false
		for _, w := range words {
			if t == w || strings.HasPrefix(t, w) {
				hit = true
			}
		}
		if hit {
			if plain.Len() > 0 {
				parts = append(parts, Part{Text: plain.String()})
				plain.Reset()
			}
			parts = append(parts, Part{Text: word, Match: true})
		} else {
			plain.WriteString(word)
		}
		i = j
	}
	if plain.Len() > 0 {
		parts = append(parts, Part{Text: plain.String()})
	}
	return parts
}
