package rules

import (
	"slices"
	"strings"
	"time"
)

// lambdaRuntime is one runtime's life cycle. After Deprecated it gets no
// more security patches; from BlockCreate Lambda refuses to create functions
// with it, and from BlockUpdate to update them. A zero date is one AWS has
// not announced.
type lambdaRuntime struct {
	ID                                   string
	Deprecated, BlockCreate, BlockUpdate runtimeDate
	// Successor is the runtime to move to, and successorFix the patch that
	// moves a function there, shared by every finding (see fix.go).
	Successor    string
	successorFix map[string]any
}

// runtimeDate is a life-cycle date; Unsure marks one AWS has moved and the
// facts could not pin down.
type runtimeDate struct {
	time.Time
	Unsure bool
	day    string
}

// Known reports whether the date is announced.
func (d runtimeDate) Known() bool { return !d.IsZero() }

// Passed reports whether the date is on or before now.
func (d runtimeDate) Passed(now time.Time) bool { return d.Known() && !d.After(now) }

// Day prints the date.
func (d runtimeDate) Day() string { return d.day }

// unsureNote is the sentence that hedges the uncertain ones among the dates
// a message gives, once for all of them, or "" when every date is sure.
func unsureNote(ds ...runtimeDate) string {
	var days []string
	for _, d := range ds {
		if d.Known() && d.Unsure && !slices.Contains(days, d.Day()) {
			days = append(days, d.Day())
		}
	}
	switch len(days) {
	case 0:
		return ""
	case 1:
		return " The date " + days[0] + " is uncertain: AWS has moved it before, so check the current one."
	}
	return " The dates " + joinIDs(days) + " are uncertain: AWS has moved them before, so check the current ones."
}

// lambdaRuntimeTable is the one table of Lambda runtime life cycles:
// runtime, deprecation, block create, block update, successor. A date
// ending in "?" is uncertain; an empty one is not announced.
//
// Verified 2026-11-24 against docs/aws-facts.md ("Lambda runtimes, as of
// late 2026"). Notes on the uncertain dates:
//   - In June 2026 AWS pushed many block dates to 2027-02-01 / 2027-03-03
//     (cfn-lint PR #4532). nodejs18.x had the same block dates as nodejs20.x
//     before that (2026-06-01 / 2026-07-01), and python3.8's create block
//     moved to a date after June 2026 that the facts do not give; python3.9
//     was due 2026-08-31 "or later". For these three we take the most
//     conservative reading for an error that says AWS refuses the function:
//     the 2027-02-01 / 2027-03-03 dates, marked uncertain.
//   - go1.x, provided and java8 (Amazon Linux 1): create blocked since
//     2024-02-08 (confirmed); the update block moved several times, the
//     last known date is 2025-11-01.
//   - provided.al2: early data said deprecation 2026-06-30; it probably
//     moved with the other Amazon Linux 2 runtimes to 2027-06-30.
//   - dotnet8: earlier data gave an update block of 2027-01-11; ruby3.2:
//     earlier data gave 2026-05-31, possibly extended, so left out.
//   - Runtimes retired before 2025 come from cfn-lint's
//     LmbdRuntimeLifecycle.json; AWS has refused to create them for years.
//
// Successors: the latest runtime of the family, except for Java on Amazon
// Linux 2 or 1, which moves to the same Java version on Amazon Linux 2023.
var lambdaRuntimeTable = buildLambdaRuntimes([][5]string{
	// Node.js
	{"nodejs24.x", "2028-04-30", "2028-06-01", "2028-07-01", ""},
	{"nodejs22.x", "2027-04-30", "2027-06-01", "2027-07-01", "nodejs24.x"},
	{"nodejs20.x", "2026-04-30", "2027-02-01", "2027-03-03", "nodejs24.x"},
	{"nodejs18.x", "2025-09-01", "2027-02-01?", "2027-03-03?", "nodejs24.x"},
	{"nodejs16.x", "2024-06-12", "2025-02-28", "2025-03-31", "nodejs24.x"},
	{"nodejs14.x", "2023-12-04", "2024-07-09", "2025-02-28", "nodejs24.x"},
	{"nodejs12.x", "2023-03-31", "2023-03-31", "2023-04-30", "nodejs24.x"},
	{"nodejs10.x", "2021-07-30", "2021-07-30", "2022-02-14", "nodejs24.x"},
	// Python
	{"python3.14", "2029-06-30", "", "", ""},
	{"python3.13", "2029-06-30", "", "", "python3.14"},
	{"python3.12", "2028-10-31", "2028-11-30", "2029-01-10", "python3.14"},
	{"python3.11", "2027-06-30", "", "", "python3.14"},
	{"python3.10", "2026-10-31", "2027-02-01", "2027-03-03", "python3.14"},
	{"python3.9", "2025-12-15", "2027-02-01?", "2027-03-03?", "python3.14"},
	{"python3.8", "2024-10-14", "2027-02-01?", "2027-03-03?", "python3.14"},
	{"python3.7", "2023-12-04", "2024-01-09", "2025-02-28", "python3.14"},
	{"python3.6", "2022-07-18", "2022-07-18", "2022-08-29", "python3.14"},
	{"python2.7", "2021-07-15", "2021-07-15", "2022-05-30", "python3.14"},
	// Java
	{"java25", "2029-06-30", "", "", ""},
	{"java21", "2029-06-30", "", "", "java25"},
	{"java17.al2023", "2029-06-30", "", "", "java25"},
	{"java11.al2023", "2029-06-30", "", "", "java25"},
	{"java8.al2023", "2029-06-30", "", "", "java25"},
	{"java17", "2027-06-30", "", "", "java17.al2023"},
	{"java11", "2027-06-30", "", "", "java11.al2023"},
	{"java8.al2", "2027-06-30", "", "", "java8.al2023"},
	{"java8", "2024-01-08", "2024-02-08", "2025-11-01?", "java8.al2023"},
	// .NET
	{"dotnet10", "2028-11-14", "", "", ""},
	{"dotnet9", "2026-11-10", "", "", "dotnet10"},
	{"dotnet8", "2026-11-10", "", "2027-01-11?", "dotnet10"},
	{"dotnet7", "2024-05-14", "2024-05-14", "2024-05-14", "dotnet10"},
	{"dotnet6", "2024-11-12", "2025-02-28", "2025-05-31", "dotnet10"},
	{"dotnetcore3.1", "2023-04-03", "2023-04-03", "2023-05-03", "dotnet10"},
	// Ruby
	{"ruby4.0", "2029-03-31", "", "", ""},
	{"ruby3.4", "2028-03-31", "", "", "ruby4.0"},
	{"ruby3.3", "2027-03-31", "", "", "ruby4.0"},
	{"ruby3.2", "2026-03-31", "", "", "ruby4.0"},
	{"ruby2.7", "2023-12-07", "2024-01-09", "2025-02-28", "ruby4.0"},
	{"ruby2.5", "2021-07-30", "2021-07-30", "2022-03-31", "ruby4.0"},
	// OS-only runtimes
	{"provided.al2023", "2029-06-30", "", "", ""},
	{"provided.al2", "2027-06-30?", "", "", "provided.al2023"},
	{"provided", "2024-01-08", "2024-02-08", "2025-11-01?", "provided.al2023"},
	{"go1.x", "2024-01-08", "2024-02-08", "2025-11-01?", "provided.al2023"},
})

func buildLambdaRuntimes(rows [][5]string) map[string]lambdaRuntime {
	m := make(map[string]lambdaRuntime, len(rows))
	for _, r := range rows {
		rt := lambdaRuntime{ID: r[0], Deprecated: parseRuntimeDate(r[1]),
			BlockCreate: parseRuntimeDate(r[2]), BlockUpdate: parseRuntimeDate(r[3]), Successor: r[4]}
		if rt.Successor != "" {
			rt.successorFix = map[string]any{"Runtime": rt.Successor}
		}
		m[r[0]] = rt
	}
	return m
}

func parseRuntimeDate(s string) runtimeDate {
	if s == "" {
		return runtimeDate{}
	}
	unsure := strings.HasSuffix(s, "?")
	t, err := time.Parse("2006-01-02", strings.TrimSuffix(s, "?"))
	if err != nil {
		panic("rules: bad runtime date " + s)
	}
	return runtimeDate{Time: t, Unsure: unsure, day: t.Format("2006-01-02")}
}
