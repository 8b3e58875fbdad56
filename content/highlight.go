package content

import (
	"cmp"
	"slices"
)

//go:generate go test -run TestHighlightedCodeIsCurrent -update .

// highlightedBlock is one fenced code block of the knowledge base, split
// into chroma's token classes when archlab is built (highlighted_gen.go),
// not when it starts: chroma's lexers cost every process that links them
// milliseconds to register and the knowledge base tens more to run, and
// the code they would highlight is embedded, so known at build time.
type highlightedBlock struct {
	Lang, Code string
	Tokens     []Token
}

// highlight returns the token classes of a code block; the stylesheet
// colours them, so no inline style ever reaches the page. A block that
// highlighted_gen.go does not hold (a language chroma does not know, or a
// file not regenerated: TestHighlightedCodeIsCurrent says so) is plain.
func highlight(lang, code string) []Token {
	i, ok := slices.BinarySearchFunc(highlighted, highlightedBlock{Lang: lang, Code: code}, compareBlocks)
	if !ok {
		return nil
	}
	return highlighted[i].Tokens
}

// compareBlocks orders highlighted_gen.go, by language then code.
func compareBlocks(a, b highlightedBlock) int {
	return cmp.Or(cmp.Compare(a.Lang, b.Lang), cmp.Compare(a.Code, b.Code))
}
