package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The CI integrations at the repository's root (action.yml,
// .pre-commit-hooks.yaml) and the README's CI examples name archlab lint's
// real command line, and do what they say.

const repoRoot = "../.."

// ciTemplate has an error finding (the visibility timeout) and nothing to
// read beside it.
const ciTemplate = `Transform: AWS::Serverless-2016-10-31
Resources:
  OrderQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 10
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Timeout: 30
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt OrderQueue.Arn
`

func mustYAML(tb testing.TB, path string, v any) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, path))
	if err != nil {
		tb.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
}

type preCommitHook struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Language string   `yaml:"language"`
	Entry    string   `yaml:"entry"`
	Args     []string `yaml:"args"`
	Files    string   `yaml:"files"`
	Types    []string `yaml:"types"`
}

// The pre-commit hook: pre-commit builds the repository with go install
// (language golang) and runs entry, args and the changed files that match
// files. The test runs the same command line through archlab's own main.
func TestPreCommitHook(t *testing.T) {
	var hooks []preCommitHook
	mustYAML(t, ".pre-commit-hooks.yaml", &hooks)
	i := slices.IndexFunc(hooks, func(h preCommitHook) bool { return h.ID == "archlab-lint" })
	if i < 0 {
		t.Fatalf("no archlab-lint hook in %+v", hooks)
	}
	h := hooks[i]
	if h.Language != "golang" || h.Name == "" {
		t.Fatalf("hook = %+v, want language golang and a name", h)
	}
	entry := strings.Fields(h.Entry)
	if len(entry) < 2 || entry[0] != "archlab" || entry[1] != "lint" {
		t.Fatalf("entry %q does not run archlab lint", h.Entry)
	}
	// pre-commit's files is a Python regular expression searched in each
	// path; this one is also Go syntax.
	files := regexp.MustCompile(h.Files)
	for path, want := range map[string]bool{
		"template.yaml": true, "svc/orders/template.yml": true, "template.json": true,
		"designs/orders.archlab.json": true, "orders.archlab.json": true,
		"template.yaml.bak": false, "other.yaml": false, "mytemplate.yaml": false, "package.json": false,
		"designs/.archlab.json": false,
	} {
		if files.MatchString(path) != want {
			t.Errorf("files %q matches %s: %v, want %v", h.Files, path, !want, want)
		}
	}
	if _, ok := parseLintArgs(append(entry[2:], append(h.Args, "template.yaml")...), io.Discard, env(nil)); !ok {
		t.Fatalf("archlab lint refuses the hook's arguments %v", h.Args)
	}
	dir := writeFiles(t, map[string]string{"svc/template.yaml": ciTemplate, "quiet.archlab.json": cleanDesign})
	hookRun := func(paths ...string) (int, string) {
		var out, errOut bytes.Buffer
		args := append(append(slices.Clone(entry[1:]), h.Args...), paths...)
		code := run(context.Background(), args, nil, &out, &errOut, env(nil))
		return code, out.String() + errOut.String()
	}
	if code, out := hookRun(filepath.Join(dir, "svc/template.yaml"), filepath.Join(dir, "quiet.archlab.json")); code != 1 || !strings.Contains(out, "sqs-visibility-below-timeout") {
		t.Fatalf("the hook on a template with an error: exit %d\n%s", code, out)
	}
	if code, out := hookRun(filepath.Join(dir, "quiet.archlab.json")); code != 0 {
		t.Fatalf("the hook on a clean design: exit %d\n%s", code, out)
	}
}

// action is the part of action.yml the test reads.
type action struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	Run   string            `yaml:"run"`
	With  map[string]string `yaml:"with"`
}

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// TestGitHubActionShape checks action.yml as GitHub reads it: a composite
// action whose expressions name declared inputs and earlier steps, whose
// scripts take inputs only from the environment, and which uploads SARIF.
func TestGitHubActionShape(t *testing.T) {
	var a action
	mustYAML(t, "action.yml", &a)
	if a.Name == "" || a.Runs.Using != "composite" {
		t.Fatalf("action.yml: name %q, runs.using %q; want a named composite action", a.Name, a.Runs.Using)
	}
	var uses []string
	ids := map[string]bool{}
	for i, s := range a.Runs.Steps {
		if s.Uses != "" {
			uses = append(uses, s.Uses)
		} else if s.Shell != "bash" || s.Run == "" {
			t.Errorf("step %d runs no bash script: %+v", i, s)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %s pastes an expression into its script; pass it through env: %s", s.ID, s.Run)
		}
		var exprs []string
		for _, v := range s.Env {
			exprs = append(exprs, v)
		}
		for _, v := range s.With {
			exprs = append(exprs, v)
		}
		exprs = append(exprs, s.If)
		for _, e := range exprs {
			for _, m := range expression.FindAllStringSubmatch(e, -1) {
				for _, ref := range regexp.MustCompile(`(inputs|steps)\.([a-z-]+)`).FindAllStringSubmatch(m[1], -1) {
					if ref[1] == "inputs" {
						if _, ok := a.Inputs[ref[2]]; !ok {
							t.Errorf("step %d names undeclared input %s", i, ref[2])
						}
					} else if !ids[ref[2]] {
						t.Errorf("step %d names step %s before it runs", i, ref[2])
					}
				}
			}
		}
		if s.ID != "" {
			ids[s.ID] = true
		}
	}
	for _, want := range []string{"actions/setup-go@v5", "github/codeql-action/upload-sarif@v3"} {
		if !slices.Contains(uses, want) {
			t.Errorf("action.yml does not use %s (uses %v)", want, uses)
		}
	}
	for name, o := range a.Outputs {
		if !strings.Contains(o.Value, "steps.lint.outputs."+name) {
			t.Errorf("output %s = %q", name, o.Value)
		}
	}
	if _, ok := parseLintArgs([]string{"--fail-on", a.Inputs["fail-on"].Default, a.Inputs["paths"].Default}, io.Discard, env(nil)); !ok {
		t.Fatal("archlab lint refuses the action's defaults")
	}
}

// TestGitHubActionRuns runs the action's own scripts as the runner would:
// it builds archlab from this source, lints a repository, writes SARIF, and
// fails on an error; with a baseline that holds the error, it passes.
func TestGitHubActionRuns(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	var a action
	mustYAML(t, "action.yml", &a)
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	temp := t.TempDir()
	workspace := writeFiles(t, map[string]string{"infra/template.yaml": ciTemplate, "designs/quiet.archlab.json": cleanDesign})

	runAction := func(inputs map[string]string) (map[string]string, int, string) {
		outputs := map[string]string{} // "step.name" → value
		resolve := func(expr string) string {
			return expression.ReplaceAllStringFunc(expr, func(m string) string {
				e := expression.FindStringSubmatch(m)[1]
				switch {
				case e == "github.action_path":
					return root
				case e == "runner.temp":
					return temp
				case strings.HasPrefix(e, "inputs."):
					name := strings.TrimPrefix(e, "inputs.")
					if v, ok := inputs[name]; ok {
						return v
					}
					return a.Inputs[name].Default
				case strings.HasPrefix(e, "steps."):
					parts := strings.Split(e, ".")
					return outputs[parts[1]+"."+parts[3]]
				}
				t.Fatalf("the test does not know the expression %q", e)
				return ""
			})
		}
		var log strings.Builder
		for _, s := range a.Runs.Steps {
			if s.Uses != "" {
				continue // setup-go and the upload run on GitHub only
			}
			outFile := filepath.Join(temp, "output-"+s.ID)
			os.WriteFile(outFile, nil, 0o644)
			cmd := exec.Command(bash, "-e", "-c", s.Run)
			cmd.Dir = workspace
			cmd.Env = append(os.Environ(), "GITHUB_OUTPUT="+outFile)
			for k, v := range s.Env {
				cmd.Env = append(cmd.Env, k+"="+resolve(v))
			}
			out, err := cmd.CombinedOutput()
			log.Write(out)
			data, _ := os.ReadFile(outFile)
			for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					outputs[s.ID+"."+k] = v
				}
			}
			if err != nil {
				code := -1
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				}
				return outputs, code, log.String() + "\nfailed at step " + s.ID
			}
		}
		return outputs, 0, log.String()
	}

	outputs, code, log := runAction(nil)
	if code != 1 || outputs["lint.exit-code"] != "1" || !strings.Contains(log, "sqs-visibility-below-timeout") || !strings.Contains(log, "failed at step verdict") {
		t.Fatalf("with an error finding: exit %d, outputs %v\n%s", code, outputs, log)
	}
	if outputs["lint.sarif-written"] != "true" {
		t.Fatalf("no SARIF written: %v", outputs)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(filepath.Join(workspace, outputs["lint.sarif-file"]))
	if err != nil || json.Unmarshal(data, &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs[0].Results) == 0 {
		t.Fatalf("SARIF %s: %v\n%.300s", outputs["lint.sarif-file"], err, data)
	}

	// The team records today's findings; the action then passes.
	if code, _, errOut := runLint(t, "--write-baseline", filepath.Join(workspace, ".archlab-baseline.json"), workspace); code != 0 {
		t.Fatalf("--write-baseline: exit %d: %s", code, errOut)
	}
	outputs, code, log = runAction(map[string]string{"baseline": ".archlab-baseline.json", "paths": "infra\ndesigns"})
	if code != 0 || outputs["lint.exit-code"] != "0" {
		t.Fatalf("with the baseline: exit %d, outputs %v\n%s", code, outputs, log)
	}
	// A path that does not exist is unreadable input, and fails as such.
	if _, code, log := runAction(map[string]string{"paths": "missing"}); code != 2 || !strings.Contains(log, "could not check its input") {
		t.Fatalf("a missing path: exit %d\n%s", code, log)
	}
}

// TestREADMECommandsExist reads every archlab lint command line in the
// README's examples (shell, YAML and Dockerfile-like blocks) and checks
// that archlab lint accepts its flags.
func TestREADMECommandsExist(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```[a-z]*\n(.*?)```")
	command := regexp.MustCompile(`archlab lint\b([^\n#|>&;]*)`)
	seen := map[string]bool{}
	n := 0
	for _, b := range block.FindAllStringSubmatch(string(data), -1) {
		for _, m := range command.FindAllStringSubmatch(b[1], -1) {
			args := strings.Fields(strings.Trim(m[1], `"' `))
			for i, a := range args {
				args[i] = strings.Trim(a, `"'`)
			}
			if len(args) == 0 {
				continue
			}
			n++
			var errOut bytes.Buffer
			if _, ok := parseLintArgs(args, &errOut, env(nil)); !ok {
				t.Errorf("the README's `archlab lint%s` is refused: %s", m[1], errOut.String())
			}
			for _, a := range args {
				if strings.HasPrefix(a, "--") {
					seen[strings.SplitN(a, "=", 2)[0]] = true
				}
			}
		}
	}
	for _, flag := range []string{"--format", "--fail-on", "--baseline", "--write-baseline"} {
		if !seen[flag] {
			t.Errorf("the README shows no example of %s", flag)
		}
	}
	if n < 5 {
		t.Fatalf("found %d archlab lint commands in the README", n)
	}
	// `docker run ... archlab lint` runs the image's entry point with lint.
	dockerfile, err := os.ReadFile(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^ENTRYPOINT \["/usr/local/bin/archlab"\]$`).Match(dockerfile) ||
		!regexp.MustCompile(`docker run [^\n]* archlab lint `).Match(data) {
		t.Fatal("the README's docker run line does not run the image's archlab entry point with lint")
	}
}
