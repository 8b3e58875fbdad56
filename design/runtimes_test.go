package design

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

func TestLambdaRuntimesLoad(t *testing.T) {
	rts := LambdaRuntimes()
	if len(rts) < 40 {
		t.Fatalf("%d runtimes; the table holds more than 40", len(rts))
	}
	for _, rt := range rts {
		if !rt.Deprecated.Known() {
			t.Errorf("%s has no deprecation day", rt.ID)
		}
		if rt.Successor != "" {
			if _, ok := LambdaRuntimeOf(rt.Successor); !ok {
				t.Errorf("%s: successor %s is unknown", rt.ID, rt.Successor)
			}
		}
	}
	src := LambdaRuntimeSource()
	if src.Commit == "" || src.Date == "" || src.Copied == "" || !strings.HasPrefix(src.URL(), "https://github.com/aws-cloudformation/cfn-lint/blob/") {
		t.Errorf("source = %+v", src)
	}
}

// The facts of issue 12, read from the table on the day they were checked.
func TestLambdaRuntimeFacts(t *testing.T) {
	for _, tc := range []struct {
		id, deprecated, create, update string
	}{
		{"dotnet6", "2024-12-20", "2027-02-01", "2027-03-03"},
		{"nodejs16.x", "2024-06-12", "2027-02-01", "2027-03-03"},
		{"go1.x", "2024-01-08", "2024-02-08", "2027-03-03"},
		{"java8", "2024-01-08", "2024-02-08", "2027-03-03"},
		{"provided", "2024-01-08", "2024-02-08", "2027-03-03"},
		{"provided.al2", "2026-07-31", "2027-02-01", "2027-03-03"},
		{"dotnet8", "2026-11-10", "2027-02-01", "2027-03-03"},
		{"ruby3.2", "2026-03-31", "2027-02-01", "2027-03-03"},
		{"dotnet9", "2026-11-10", "", ""},
	} {
		rt, ok := LambdaRuntimeOf(tc.id)
		if !ok {
			t.Errorf("%s is not in the table", tc.id)
			continue
		}
		if got := [3]string{rt.Deprecated.String(), rt.BlockCreate.String(), rt.BlockUpdate.String()}; got != [3]string{tc.deprecated, tc.create, tc.update} {
			t.Errorf("%s: days %v, want %v", tc.id, got, [3]string{tc.deprecated, tc.create, tc.update})
		}
	}
	if _, ok := LambdaRuntimeOf("nodejs99.x"); ok {
		t.Error("nodejs99.x is known")
	}
}

func TestLambdaRuntimeStages(t *testing.T) {
	for _, tc := range []struct {
		id, on string
		want   RuntimeStage
	}{
		{"dotnet6", "2024-12-19", RuntimeSupported},
		{"dotnet6", "2024-12-20", RuntimeDeprecated}, // the day itself counts
		{"dotnet6", "2026-11-24", RuntimeDeprecated},
		{"dotnet6", "2027-02-01", RuntimeCreateBlocked},
		{"dotnet6", "2027-03-02", RuntimeCreateBlocked},
		{"dotnet6", "2027-03-03", RuntimeUpdateBlocked},
		{"go1.x", "2026-11-24", RuntimeCreateBlocked},
		{"nodejs12.x", "2026-11-24", RuntimeUpdateBlocked},
		{"provided.al2", "2026-07-30", RuntimeSupported},
		{"provided.al2", "2026-07-31", RuntimeDeprecated},
		{"dotnet9", "2030-01-01", RuntimeDeprecated}, // no block announced
		{"nodejs24.x", "2026-11-24", RuntimeSupported},
		// nodejs4.3 was blocked for creation before it was deprecated.
		{"nodejs4.3", "2020-02-10", RuntimeCreateBlocked},
	} {
		rt, _ := LambdaRuntimeOf(tc.id)
		if got := rt.Stage(day(tc.on)); got != tc.want {
			t.Errorf("%s on %s: %s, want %s", tc.id, tc.on, got, tc.want)
		}
	}
}

// The catalogue offers every runtime of the table, and those still
// deployable on any day come before the blocked ones (a runtime whose
// blocks are not announced sits at its deprecation day).
func TestCatalogueOffersEveryRuntime(t *testing.T) {
	p := Builtin().Kind("lambda").Prop("Runtime")
	if !slices.Equal(p.Values, LambdaRuntimeIDs()) {
		t.Fatalf("Runtime values %v, want the table's %v", p.Values, LambdaRuntimeIDs())
	}
	for _, on := range []string{"2026-11-24", "2027-02-15", "2028-01-01"} {
		blocked := false
		for _, id := range p.Values {
			rt, _ := LambdaRuntimeOf(id)
			if !rt.BlockUpdate.Known() {
				continue
			}
			if rt.Stage(day(on)) == RuntimeUpdateBlocked {
				blocked = true
			} else if blocked {
				t.Errorf("on %s, %s comes after a blocked runtime", on, id)
			}
		}
	}
	if got := slices.Index(p.Values, "python3.14"); got > slices.Index(p.Values, "python3.9") {
		t.Errorf("python3.14 comes after python3.9: %v", p.Values)
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"python3.9", "python3.14", -1},
		{"nodejs24.x", "nodejs8.10", 1},
		{"java8", "java8.al2", -1},
		{"dotnet10", "dotnet10", 0},
	} {
		if got := compareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("compareVersions(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
