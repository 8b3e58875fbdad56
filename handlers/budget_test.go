package handlers_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// editorBudget is what the editor may load in scripts, styles and the
// icons drawn inline in the page, uncompressed: it must open fast on a
// conference-room laptop.
const editorBudget = 150 * 1024

var (
	assetLinks = regexp.MustCompile(`<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"`)
	symbols    = regexp.MustCompile(`(?s)<symbol\b.*?</symbol>`)
)

// The editor's JavaScript, CSS and inline icon symbols, as the page links
// and holds them, stay within the budget.
func TestEditorStaysWithinItsBudget(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	page := s.do(t, "GET", "/d/"+c.EditKey, "", nil)
	if page.status != 200 {
		t.Fatalf("editor: %d", page.status)
	}
	total, assets := 0, 0
	for _, m := range assetLinks.FindAllSubmatch(page.body, -1) {
		url := strings.ReplaceAll(string(m[1]), "&amp;", "&")
		r := s.do(t, "GET", url, "", nil)
		if r.status != 200 {
			t.Fatalf("%s: %d", url, r.status)
		}
		total += len(r.body)
		assets++
	}
	if assets < 3 {
		t.Fatalf("the editor links %d scripts and stylesheets; the test no longer finds them", assets)
	}
	icons := 0
	for _, sym := range symbols.FindAll(page.body, -1) {
		icons += len(sym)
	}
	if icons == 0 {
		t.Fatal("the editor holds no icon symbols; the test no longer finds them")
	}
	t.Logf("editor: %d bytes of JS and CSS in %d files, %d bytes of icons: %d of %d", total, assets, icons, total+icons, editorBudget)
	if total+icons > editorBudget {
		t.Errorf("the editor loads %d bytes of JS, CSS and icons; the budget is %d", total+icons, editorBudget)
	}
}

// The styles of the labs are linked only by designs started from a lab:
// every other design's editor does without them.
func TestEditorOfADesignFromNoLabLinksNoLabStyles(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	page := s.do(t, "GET", "/d/"+c.EditKey, "", nil)
	if strings.Contains(string(page.body), "css/labs.") {
		t.Fatal("the editor of a design from no lab links the labs' styles")
	}
}
