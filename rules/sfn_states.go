package rules

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/archlab/archlab/design"
)

// The rules about state machine definitions (sfn-definition-invalid,
// sfn-choice-no-choices, sfn-wait-no-duration, sfn-retry-catch-unsupported)
// share what is below: each definition is read once per check, and one walk
// visits every state, nested ones included, and says where it is.

// sfnMachine is a state machine of the design that has a definition.
type sfnMachine struct {
	sm *design.Block
	// def is the definition, nil when it is not a JSON object.
	def map[string]any
}

// sfnMachines returns the state machines of the design that have a
// definition, read once per check: a definition given as a JSON string is
// parsed once for all the rules about definitions.
func sfnMachines(c *Context) []sfnMachine {
	return memo(c, "sfn-definitions", func() []sfnMachine {
		var out []sfnMachine
		for _, sm := range c.Kind("stepfunctions") {
			if def, ok := sfnDefinition(sm); ok {
				out = append(out, sfnMachine{sm: sm, def: def})
			}
		}
		return out
	})
}

// sfnLevel is a state machine, or one nested in a state: a Parallel
// branch, or a Map's ItemProcessor (Iterator, in older definitions).
type sfnLevel struct {
	// where prefixes what is said about the level in messages: "" at the
	// top, `in state "Fan" branch 2, ` in a nested machine.
	where string
	def   map[string]any
	// states is the level's States object, nil when it has none.
	states map[string]any
	// top is the whole definition, whose QueryLanguage states inherit.
	top map[string]any
}

// sfnWalk walks a definition depth first. It calls level for each machine
// before its states, and state for each of its states in name order (st is
// nil for a state that is not an object), the machines nested in a state
// right after it. Either callback may be nil.
func sfnWalk(def map[string]any, level func(l *sfnLevel), state func(l *sfnLevel, name string, st map[string]any)) {
	sfnWalkLevel(&sfnLevel{def: def, top: def}, level, state)
}

func sfnWalkLevel(l *sfnLevel, level func(l *sfnLevel), state func(l *sfnLevel, name string, st map[string]any)) {
	l.states, _ = l.def["States"].(map[string]any)
	if level != nil {
		level(l)
	}
	for _, name := range sfnSortedKeys(l.states) {
		st, _ := l.states[name].(map[string]any)
		if state != nil {
			state(l, name, st)
		}
		for _, sub := range sfnSubMachines(st) {
			sfnWalkLevel(&sfnLevel{where: l.where + "in state " + sfnQuote(name) + " " + sub.where + ", ", def: sub.def, top: l.top}, level, state)
		}
	}
}

// jsonata reports whether a state of the level uses JSONata: its own
// QueryLanguage says, or else the definition's; JSONPath is the default.
func (l *sfnLevel) jsonata(st map[string]any) bool {
	if q, ok := st["QueryLanguage"].(string); ok {
		return q == "JSONata"
	}
	return l.top["QueryLanguage"] == "JSONata"
}

// isPlaceholderString reports whether a definition value is a string with a
// ${name} placeholder, whose value is known only once deployed.
func isPlaceholderString(v any) bool {
	s, ok := v.(string)
	return ok && isPlaceholder(s)
}

// sfnType returns a state's Type, and false when it is not known: missing,
// not a string, or a placeholder.
func sfnType(st map[string]any) (string, bool) {
	typ, ok := st["Type"].(string)
	return typ, ok && !isPlaceholder(typ)
}

// sfnProblems is the list of problems one finding about a definition
// names: the first sfnMaxProblems, and how many more there are.
func sfnProblems(problems []string) string {
	s := strings.Join(problems[:min(len(problems), sfnMaxProblems)], "; ")
	if extra := len(problems) - sfnMaxProblems; extra > 0 {
		s += "; and " + plural(extra, "more problem")
	}
	return s
}

// sfnRewrite returns the operations that set a state machine's definition
// to a copy of def changed by edit, in the form the design holds it (an
// object, or a JSON string). The definition in the design is never changed.
func sfnRewrite(sm *design.Block, def map[string]any, edit func(def map[string]any)) design.Ops {
	data, err := json.Marshal(def)
	if err != nil {
		return nil
	}
	var cp map[string]any
	if json.Unmarshal(data, &cp) != nil {
		return nil
	}
	edit(cp)
	var v any = cp
	if _, isString := sm.Props["Definition"].(string); isString {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if enc.Encode(cp) != nil {
			return nil
		}
		v = strings.TrimSuffix(b.String(), "\n")
	}
	return ops(setProps(sm.ID, map[string]any{"Definition": v}))
}
