package design

// Check converts v to the property's canonical JSON type, or says why it
// cannot be one, the way decoding a document does. Importers of other
// formats (SAM and CloudFormation templates) use it to build designs that
// decode. It does not check ranges: see Allowed.
func (p *Prop) Check(v any) (any, error) { return p.check(v) }
