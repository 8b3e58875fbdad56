package design

// ETOOLARGE marks a design that would grow past the byte limit of a stored
// design; handlers answer 413 for it.
const ETOOLARGE = "too_large"

// Limits bound a stored design as a whole. Every path that writes one
// (documents through the API, operations from the API, the editor and its
// forms, imports, restores) goes through NewDesign or NextRevision, which
// check them, so a design cannot grow past them a request at a time.
type Limits struct {
	// MaxDesignBytes bounds the design's content as stored (its JSON
	// encoding, the template it keeps included).
	MaxDesignBytes int
	// MaxBlocks and MaxConnections bound what the canvas holds.
	MaxBlocks      int
	MaxConnections int
}

// DefaultLimits fit any real architecture: 5,000 blocks with realistic
// properties and 10,000 connections encode to about 3 MiB (see
// BenchmarkCheckLimits), and the template a design keeps can add about
// 1 MiB, as large as CloudFormation takes one.
var DefaultLimits = Limits{MaxDesignBytes: 8 << 20, MaxBlocks: 5000, MaxConnections: 10000}

// WithLimits returns a copy of the catalogue whose designs are bounded by
// l; a zero field keeps the default.
func (cat *Catalogue) WithLimits(l Limits) *Catalogue {
	c := *cat
	c.limits = l.orDefault()
	return &c
}

// Limits returns the limits the catalogue's designs are held to.
func (cat *Catalogue) Limits() Limits { return cat.limits.orDefault() }

func (l Limits) orDefault() Limits {
	if l.MaxDesignBytes <= 0 {
		l.MaxDesignBytes = DefaultLimits.MaxDesignBytes
	}
	if l.MaxBlocks <= 0 {
		l.MaxBlocks = DefaultLimits.MaxBlocks
	}
	if l.MaxConnections <= 0 {
		l.MaxConnections = DefaultLimits.MaxConnections
	}
	return l
}

// checkCounts refuses more blocks or connections than the limits allow.
func (l Limits) checkCounts(blocks, connections int) error {
	if blocks > l.MaxBlocks {
		return Invalid("blocks", "a design holds at most %s blocks; this one would have %s", FormatNumber(float64(l.MaxBlocks)), FormatNumber(float64(blocks)))
	}
	if connections > l.MaxConnections {
		return Invalid("connections", "a design holds at most %s connections; this one would have %s", FormatNumber(float64(l.MaxConnections)), FormatNumber(float64(connections)))
	}
	return nil
}

// CheckLimits checks a design against the catalogue's limits and returns
// its content encoded for storage (MarshalContent), so that the size
// checked is the size stored.
func (cat *Catalogue) CheckLimits(d *Design) ([]byte, error) {
	l := cat.Limits()
	if err := l.checkCounts(len(d.Blocks), len(d.Connections)); err != nil {
		return nil, err
	}
	b, err := MarshalContent(d)
	if err != nil {
		return nil, err
	}
	if len(b) > l.MaxDesignBytes {
		return nil, &Error{Code: ETOOLARGE, Message: "the design would be " + FormatNumber(float64(len(b))) +
			" bytes as stored; a design holds at most " + FormatNumber(float64(l.MaxDesignBytes)) + " bytes"}
	}
	return b, nil
}
