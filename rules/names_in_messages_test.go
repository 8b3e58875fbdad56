package rules

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// Findings name blocks the way people see them: by their display names.
// Every trigger fixture is checked again with each block given a name
// unlike its id; a message that still quotes an id (rather than the name)
// speaks of something the reviewer cannot find on the diagram. The ids
// stay in the findings' subjects, which the API and lint output carry.
func TestMessagesNameBlocksByTheirNames(t *testing.T) {
	cat := design.Builtin()
	reg := testRegistry()
	for _, m := range reg.Rules() {
		if IsTemplateCheck(m.ID) {
			continue
		}
		ar := mustFixture(t, m.ID)
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "trigger") || !strings.HasSuffix(f.Name, ".json") {
				continue
			}
			d, err := design.Decode(f.Data, cat)
			if err != nil {
				t.Fatalf("%s %s: %v", m.ID, f.Name, err)
			}
			for i := range d.Blocks {
				d.Blocks[i].Name = fmt.Sprintf("Box number %d", i+1)
			}
			for _, fd := range reg.Check(d) {
				for _, b := range d.Blocks {
					if len(b.ID) < 3 {
						continue // too short to tell from a word
					}
					re := regexp.MustCompile(`(^|[^A-Za-z0-9.:/_-])` + regexp.QuoteMeta(b.ID) + `($|[^A-Za-z0-9_-])`)
					if re.MatchString(fd.Message) {
						t.Errorf("%s %s: %s's message quotes block id %s, named %q: %s", m.ID, f.Name, fd.Rule, b.ID, b.Name, fd.Message)
					}
				}
			}
		}
	}
}

// The rule on FIFO-only queue settings and the inspector, which leaves
// them out of a standard queue's form, read the same list: the
// catalogue's properties that apply when FifoQueue is true.
func TestFifoOnlySettingsMatchTheCatalogue(t *testing.T) {
	var fromCatalogue []string
	for _, p := range design.Builtin().Kind("sqs").Props {
		if a := p.AppliesWhen; a != nil && a.Prop == "FifoQueue" && a.Equals == true {
			fromCatalogue = append(fromCatalogue, p.Name)
		}
	}
	if strings.Join(fromCatalogue, ",") != strings.Join(sqsFifoOnly, ",") {
		t.Fatalf("the catalogue's FIFO-only queue settings are %v, the rule's %v", fromCatalogue, sqsFifoOnly)
	}
}
