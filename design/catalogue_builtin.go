package design

import (
	"fmt"
	"sync"
)

// The categories of the palette, in the order it shows them.
const (
	CategoryClients       = "Clients and outside"
	CategoryAPIs          = "APIs and edge"
	CategoryCompute       = "Compute"
	CategoryMessaging     = "Messaging and events"
	CategoryOrchestration = "Orchestration"
	CategoryData          = "Data and storage"
	CategoryIdentity      = "Identity"
)

// Categories lists the palette's categories in order.
var Categories = []string{CategoryClients, CategoryAPIs, CategoryCompute, CategoryMessaging,
	CategoryOrchestration, CategoryData, CategoryIdentity}

var (
	builtinOnce sync.Once
	builtin     *Catalogue
)

// Builtin returns archlab's service catalogue. It is built once and never
// changes; a new service is one more entry in builtinKinds and, for each
// pair it can be wired into, one entry in builtinLinks.
func Builtin() *Catalogue {
	builtinOnce.Do(func() {
		c, err := NewCatalogue(builtinKinds(), builtinLinks(), builtinRefusals())
		if err != nil {
			panic(fmt.Sprintf("design: the built-in catalogue is inconsistent: %v", err))
		}
		builtin = c
	})
	return builtin
}

func builtinKinds() []Kind {
	return []Kind{
		clientKind, httpEndpointKind, externalKind,
		apiRESTKind, apiHTTPKind, apiWebSocketKind, appSyncKind, cloudFrontKind,
		lambdaKind, capacityProviderKind,
		sqsKind, snsKind, eventBusKind, eventRuleKind, customBusKind, subscriberKind, schedulerKind, pipeKind, kinesisKind, firehoseKind, iotCoreKind,
		stepFunctionsKind,
		dynamoDBKind, daxKind, s3Kind, rdsKind, sesKind, athenaKind,
		cognitoKind,
	}
}

func rng(min, max float64) *Range { return &Range{Min: min, Max: max} }

// concat joins property lists into a new slice, so that shared sets are
// never aliased between entries.
func concat(lists ...[]Prop) []Prop {
	var out []Prop
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
