package rules

import (
	"github.com/archlab/archlab/design"
)

// firehoseSourceMismatch: a Firehose stream either takes records put by
// producers (DeliveryStreamType DirectPut) or reads one Kinesis data stream
// (KinesisStreamAsSource). With a Kinesis source, Firehose disables
// PutRecord and PutRecordBatch, so producers that put directly are refused;
// and the type must match what is connected.
type firehoseSourceMismatch struct{}

func newFirehoseSourceMismatch() Rule { return firehoseSourceMismatch{} }

// The fixes' patches, shared by every finding (see fix.go): read from the
// stream, or take records put directly (the default type).
var (
	firehoseFromKinesisFix = map[string]any{"DeliveryStreamType": "KinesisStreamAsSource"}
	firehoseDirectPutFix   = map[string]any{"DeliveryStreamType": nil}
)

func (firehoseSourceMismatch) Meta() Meta {
	return Meta{
		ID:       "firehose-source-mismatch",
		Title:    "Firehose stream whose source type does not match its inputs",
		Severity: Error,
		Scope:    "block:firehose",
	}
}

func (firehoseSourceMismatch) Check(c *Context, report *Report) {
	for _, fh := range c.Kind("firehose") {
		var streams, direct []*design.Connection
		for _, cn := range c.In(fh) {
			switch {
			case c.From(cn).Kind == "kinesis" && cn.Integration == design.IntSource:
				streams = append(streams, cn)
			case writes(c, cn):
				direct = append(direct, cn)
			}
		}
		typ := c.Prop(fh, "DeliveryStreamType")
		name := c.Label(fh)
		f := Finding{Subjects: []string{fh.ID}}
		switch {
		case len(streams) > 0 && len(direct) > 0:
			f.Subjects = append(f.Subjects, connIDs(direct)...)
			f.Message = name + " reads the Kinesis stream " + c.joinLabels(connFroms(streams)) + " and is also written to directly by " +
				c.joinLabels(connFroms(direct)) + ": a Firehose stream with a Kinesis source disables PutRecord and " +
				"PutRecordBatch, so those writes are refused. Have the producers write to the Kinesis stream instead, or " +
				"give them a DirectPut Firehose stream of their own."
		case len(streams) > 1:
			f.Subjects = append(f.Subjects, connIDs(streams)...)
			f.Message = name + " reads " + plural(len(streams), "Kinesis stream") + " (" + c.joinLabels(connFroms(streams)) +
				"), but a Firehose stream has exactly one source. Use one Firehose stream per Kinesis stream."
		case len(streams) == 1 && typ.Str() != "KinesisStreamAsSource":
			f.Message = name + " reads the Kinesis stream " + c.joinLabels(connFroms(streams[:1])) + " but has DeliveryStreamType " + typ.Text() +
				": only a KinesisStreamAsSource stream can read a Kinesis data stream. Set " +
				"DeliveryStreamType to KinesisStreamAsSource."
			f.Fix = ops(setProps(fh.ID, firehoseFromKinesisFix))
		case len(streams) == 0 && typ.Str() == "KinesisStreamAsSource":
			f.Message = name + " has DeliveryStreamType KinesisStreamAsSource but reads no Kinesis stream: it needs one " +
				"to exist, and it accepts no direct writes."
			if len(direct) > 0 {
				f.Message = name + " has DeliveryStreamType KinesisStreamAsSource but reads no Kinesis stream, and is " +
					"written to directly by " + c.joinLabels(connFroms(direct)) + ": with a Kinesis source, Firehose refuses " +
					"PutRecord and PutRecordBatch."
			}
			f.Message += " Set DeliveryStreamType to DirectPut, or connect the Kinesis stream it should read."
			f.Fix = ops(setProps(fh.ID, firehoseDirectPutFix))
		default:
			continue
		}
		if len(streams) > 0 && len(direct) > 0 && allInferred(direct...) {
			f.Inferred = true
			f.Message += " The direct writes are inferred: " + inferredWhy(c, direct...) + "."
		}
		report.Add(f)
	}
}
