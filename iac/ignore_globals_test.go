package iac

import (
	"encoding/json"
	"testing"
)

// A resource's IgnoreGlobals keeps the Globals it names off it, or all of
// them with "*", as SAM does: image functions use it to keep the .zip
// functions' Runtime, Handler and Layers.
func TestIgnoreGlobals(t *testing.T) {
	imp := mustImport(t, `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.13
    Handler: app.handler
    Layers: [arn:aws:lambda:eu-west-1:123456789012:layer:shared:3]
    MemorySize: 256
Resources:
  Zip:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: src/}
  ImageAll:
    Type: AWS::Serverless::Function
    IgnoreGlobals: '*'
    Properties: {PackageType: Image, ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1}
  ImageSome:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Runtime, Handler, Layers]
    Properties: {PackageType: Image, ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1}
`)
	for id, want := range map[string]string{
		"Zip":       `{"Handler":"app.handler","Layers":["arn:aws:lambda:eu-west-1:123456789012:layer:shared:3"],"MemorySize":256,"Runtime":"python3.13"}`,
		"ImageAll":  `{"PackageType":"Image"}`,
		"ImageSome": `{"MemorySize":256,"PackageType":"Image"}`,
	} {
		got, _ := json.Marshal(imp.Design.Block(id).Props)
		if string(got) != want {
			t.Errorf("%s props = %s\nwant %s", id, got, want)
		}
	}
}

// A WebSocket API takes the WebSocketApi Globals like any other SAM
// resource, IgnoreGlobals included.
func TestWebSocketAPIGlobals(t *testing.T) {
	imp := mustImport(t, `Transform: AWS::Serverless-2016-10-31
Globals:
  WebSocketApi:
    RouteSelectionExpression: $request.body.type
    Auth: {AuthType: AWS_IAM}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: app.handler}
  Global:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      Routes: {$connect: {FunctionArn: !GetAtt Fn.Arn}}
  Own:
    Type: AWS::Serverless::WebSocketApi
    IgnoreGlobals: [Auth]
    Properties:
      RouteSelectionExpression: $request.body.action
      Routes: {$connect: {FunctionArn: !GetAtt Fn.Arn}}
`)
	for id, want := range map[string]string{
		"Global": `{"AuthorizationType":"AWS_IAM","RouteSelectionExpression":"$request.body.type"}`,
		"Own":    `{"RouteSelectionExpression":"$request.body.action"}`,
	} {
		got, _ := json.Marshal(imp.Design.Block(id).Props)
		if string(got) != want {
			t.Errorf("%s props = %s\nwant %s", id, got, want)
		}
	}
}
