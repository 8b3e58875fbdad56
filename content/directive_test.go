package content

import (
	"bytes"
	"io/fs"
	"regexp"
	"testing"
)

// wholePageDirective is how directives were found before markDirectives:
// one multi-line regexp over the whole page.
var wholePageDirective = regexp.MustCompile(`(?m)^:::([a-z]+) ([a-z0-9-]+)[ \t]*$`)

func markDirectivesWholePage(src []byte) []byte {
	return wholePageDirective.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := wholePageDirective.FindSubmatch(m)
		return []byte("ARCHLAB-DIRECTIVE " + string(sub[1]) + " " + string(sub[2]))
	})
}

// markDirectives, line by line, marks exactly what the whole-page regexp
// marked: on every page of the knowledge base and on the edges of a line.
func TestMarkDirectivesLineByLine(t *testing.T) {
	pages, err := fs.Glob(files, "*/*.md")
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, name := range pages {
		src, _ := files.ReadFile(name)
		got, want := markDirectives(src), markDirectivesWholePage(src)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: directives marked differently", name)
		}
		marked += bytes.Count(got, []byte("ARCHLAB-DIRECTIVE"))
	}
	if marked == 0 {
		t.Fatal("no page has a directive: the comparison proves nothing")
	}
	for _, src := range []string{"", ":::", ":::facts sqs", ":::facts sqs \t\n", "x\n:::catalogue sqs\ny", " :::facts sqs", ":::facts sqs\r\n",
		":::Facts sqs", ":::facts  sqs", "a:::facts sqs", ":::facts sqs\n:::catalogue lambda\n", "\n\n:::facts a-b\n"} {
		if got, want := markDirectives([]byte(src)), markDirectivesWholePage([]byte(src)); !bytes.Equal(got, want) {
			t.Errorf("%q: marked %q, the whole-page regexp %q", src, got, want)
		}
	}
}

func FuzzMarkDirectives(f *testing.F) {
	f.Add(":::facts sqs\nx")
	f.Add("a\n:::catalogue lambda \n")
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := markDirectives([]byte(src)), markDirectivesWholePage([]byte(src)); !bytes.Equal(got, want) {
			t.Errorf("%q: marked %q, the whole-page regexp %q", src, got, want)
		}
	})
}
