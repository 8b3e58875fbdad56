package iac

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// pruneRefs removes from a template what still names resources the edits
// removed, which CloudFormation would refuse: DependsOn entries, outputs,
// and each piece of a resource that names one: a SAM event or route whole,
// an OpenAPI operation whole, a list item (a rule's target, a policy)
// whole, otherwise the property that holds the reference. It returns what
// it removed, for people.
func pruneRefs(root *yaml.Node, removed []string) []string {
	if len(removed) == 0 {
		return nil
	}
	gone := &removed
	out := dropDependents(root, gone)
	names := func(n *yaml.Node) string {
		c := canonical(n)
		for _, id := range *gone {
			if refersTo(c, id) {
				return id
			}
		}
		return ""
	}
	if res := ymapGet(root, "Resources"); plainMap(res) {
		for i := 0; i+1 < len(res.Content); i += 2 {
			id, r := res.Content[i].Value, res.Content[i+1]
			if !plainMap(r) {
				continue
			}
			switch dep := ymapGet(r, "DependsOn"); {
			case dep == nil:
			case dep.Kind == yaml.ScalarNode && slices.Contains(*gone, dep.Value):
				ymapDel(r, "DependsOn")
				out = append(out, id+" no longer depends on "+dep.Value+", which was removed")
			case plainSeq(dep):
				dep.Content = slices.DeleteFunc(dep.Content, func(n *yaml.Node) bool {
					if slices.Contains(*gone, n.Value) {
						out = append(out, id+" no longer depends on "+n.Value+", which was removed")
						return true
					}
					return false
				})
				if len(dep.Content) == 0 {
					ymapDel(r, "DependsOn")
				}
			}
			if props := ymapGet(r, "Properties"); props != nil {
				pruneNode(props, []string{id, "Properties"}, names, &out)
			}
			// SAM's embedded connectors go whole with an end they name.
			if conns := ymapGet(r, "Connectors"); plainMap(conns) {
				for j := 0; j+1 < len(conns.Content); {
					name, c := conns.Content[j].Value, conns.Content[j+1]
					if g := connectorNames(c, *gone); g != "" {
						conns.Content = slices.Delete(conns.Content, j, j+2)
						out = append(out, id+".Connectors."+name+" was removed: it named "+g+", which was removed")
						continue
					}
					j += 2
				}
				if len(conns.Content) == 0 {
					ymapDel(r, "Connectors")
				}
			}
		}
	}
	if outputs := ymapGet(root, "Outputs"); plainMap(outputs) {
		for i := 0; i+1 < len(outputs.Content); {
			name := outputs.Content[i].Value
			if id := names(outputs.Content[i+1]); id != "" {
				outputs.Content = slices.Delete(outputs.Content, i, i+2)
				out = append(out, "the output "+name+" was removed with "+id)
				continue
			}
			i += 2
		}
		if len(outputs.Content) == 0 {
			ymapDel(root, "Outputs")
		}
	}
	return out
}

// dependents lists, for resources that only serve others, the properties
// that name what they serve: when that is removed, they go too (a
// permission to call a removed function, a subscription to a removed
// topic, a connector from a removed source).
var dependents = map[string][]string{
	"AWS::Serverless::Connector":          {"Source", "Destination"},
	"AWS::Lambda::Permission":             {"FunctionName"},
	"AWS::Lambda::EventSourceMapping":     {"FunctionName", "EventSourceArn"},
	"AWS::Lambda::EventInvokeConfig":      {"FunctionName"},
	"AWS::Lambda::Url":                    {"TargetFunctionArn"},
	"AWS::Lambda::Alias":                  {"FunctionName"},
	"AWS::Lambda::Version":                {"FunctionName"},
	"AWS::SNS::Subscription":              {"TopicArn", "Endpoint"},
	"AWS::SNS::TopicPolicy":               {"Topics"},
	"AWS::SQS::QueuePolicy":               {"Queues"},
	"AWS::S3::BucketPolicy":               {"Bucket"},
	"AWS::Logs::SubscriptionFilter":       {"LogGroupName", "DestinationArn"},
	"AWS::ApiGateway::Resource":           {"RestApiId"},
	"AWS::ApiGateway::Method":             {"RestApiId"},
	"AWS::ApiGateway::Deployment":         {"RestApiId"},
	"AWS::ApiGateway::Stage":              {"RestApiId"},
	"AWS::ApiGateway::Authorizer":         {"RestApiId"},
	"AWS::ApiGatewayV2::Route":            {"ApiId"},
	"AWS::ApiGatewayV2::Integration":      {"ApiId"},
	"AWS::ApiGatewayV2::Stage":            {"ApiId"},
	"AWS::ApiGatewayV2::Authorizer":       {"ApiId"},
	"AWS::ApiGatewayV2::Deployment":       {"ApiId"},
	"AWS::AppSync::DataSource":            {"ApiId"},
	"AWS::AppSync::Resolver":              {"ApiId"},
	"AWS::AppSync::GraphQLSchema":         {"ApiId"},
	"AWS::AppSync::ApiKey":                {"ApiId"},
	"AWS::AppSync::FunctionConfiguration": {"ApiId"},
	"AWS::EventsV2::Subscriber":           {"EventBusArn"},
}

// dropDependents removes the resources that serve a removed one, and those
// that serve them in turn, adding them to gone.
func dropDependents(root *yaml.Node, gone *[]string) []string {
	var out []string
	res := ymapGet(root, "Resources")
	if !plainMap(res) {
		return nil
	}
	for changed := true; changed; {
		changed = false
		for i := 0; i+1 < len(res.Content); i += 2 {
			id, r := res.Content[i].Value, res.Content[i+1]
			typ := ymapGet(r, "Type")
			if typ == nil {
				continue
			}
			props := ymapGet(r, "Properties")
			if typ.Value == "AWS::Serverless::Connector" {
				if g := connectorNames(r, *gone); g != "" {
					out = append(out, id+" was removed: it connected "+g+", which was removed")
					*gone = append(*gone, id)
					res.Content = slices.Delete(res.Content, i, i+2)
					changed = true
					break
				}
			}
			for _, key := range dependents[typ.Value] {
				v := ymapGet(props, key)
				if v == nil {
					continue
				}
				c := canonical(v)
				if by := slices.IndexFunc(*gone, func(g string) bool { return refersTo(c, g) }); by >= 0 {
					out = append(out, id+" was removed: it served "+(*gone)[by]+", which was removed")
					*gone = append(*gone, id)
					res.Content = slices.Delete(res.Content, i, i+2)
					changed = true
					break
				}
			}
			if changed {
				break
			}
		}
	}
	return out
}

// connectorNames returns which removed resource a SAM connector (a
// resource or an embedded one) has as an end, by Id or by reference, or "".
func connectorNames(c *yaml.Node, gone []string) string {
	props := ymapGet(c, "Properties")
	for _, end := range []string{"Source", "Destination"} {
		e := ymapGet(props, end)
		ends := []*yaml.Node{e}
		if plainSeq(e) {
			ends = e.Content // a connector may have several destinations
		}
		for _, e := range ends {
			if idn := ymapGet(e, "Id"); idn != nil && slices.Contains(gone, idn.Value) {
				return idn.Value
			}
			if e != nil {
				cv := canonical(e)
				for _, g := range gone {
					if refersTo(cv, g) {
						return g
					}
				}
			}
		}
	}
	return ""
}

// wholeEntries are the mappings whose entries stand or fall whole: a SAM
// event, a WebSocket route, an OpenAPI path's operation.
func wholeEntry(path []string) bool {
	if len(path) == 0 {
		return false
	}
	switch path[len(path)-1] {
	case "Events", "Routes":
		return true
	}
	return len(path) >= 2 && path[len(path)-2] == "paths"
}

// pruneNode removes the pieces of n that name a removed resource.
func pruneNode(n *yaml.Node, at []string, names func(*yaml.Node) string, out *[]string) {
	where := strings.Join(at, ".")
	switch {
	case plainMap(n):
		whole := wholeEntry(at)
		for i := 0; i+1 < len(n.Content); {
			k, v := n.Content[i].Value, n.Content[i+1]
			id := ""
			if whole || (!plainMap(v) && !plainSeq(v)) {
				id = names(v)
			}
			if id != "" {
				n.Content = slices.Delete(n.Content, i, i+2)
				*out = append(*out, where+"."+k+" was removed: it named "+id+", which was removed")
				continue
			}
			if plainMap(v) || plainSeq(v) {
				pruneNode(v, append(slices.Clone(at), k), names, out)
			}
			i += 2
		}
	case plainSeq(n):
		n.Content = slices.DeleteFunc(n.Content, func(v *yaml.Node) bool {
			if id := names(v); id != "" {
				*out = append(*out, "an item of "+where+" was removed: it named "+id+", which was removed")
				return true
			}
			return false
		})
	}
}

// refersTo reports whether a template value (in canonical form) names a
// resource by Ref, GetAtt or in a Sub.
func refersTo(v any, id string) bool {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 1 {
			if r, ok := v["Ref"].(string); ok {
				// SAM's Fn.Alias, Fn.Version, Fn.DestinationTopic name
				// resources it makes for Fn.
				return r == id || strings.HasPrefix(r, id+".")
			}
			if g, ok := v["Fn::GetAtt"].([]any); ok && len(g) > 0 {
				return g[0] == id
			}
			if s, ok := v["Fn::Sub"]; ok {
				text, vars := s, map[string]any(nil)
				if l, ok := s.([]any); ok && len(l) > 0 {
					text = l[0]
					if len(l) > 1 {
						vars, _ = l[1].(map[string]any)
						if refersTo(l[1], id) {
							return true
						}
					}
				}
				if t, ok := text.(string); ok {
					for _, m := range subVar.FindAllStringSubmatch(t, -1) {
						name, _, _ := strings.Cut(m[1], ".")
						if _, local := vars[name]; name == id && !local {
							return true
						}
					}
				}
				return false
			}
		}
		for _, x := range v {
			if refersTo(x, id) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if refersTo(x, id) {
				return true
			}
		}
	}
	return false
}
