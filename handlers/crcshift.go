package handlers

import "hash/crc32"

// A gzip answer ends with the CRC-32 of all it holds. A piece's CRC is
// kept with it, so that a spliced answer does not hash the piece's HTML
// again on every request (a 500-block page is 1.6 MB of kept HTML):
// crc(A followed by B) = shift_len(B)(crc(A)) xor crc(B), where shift_n
// advances a CRC over n zero bytes, a linear map over GF(2) kept as a
// 32×32 bit matrix (zlib's crc32_combine, with the matrix for the piece's
// length computed once).

// crcShift is a 32×32 matrix over GF(2): column i is the image of bit i.
type crcShift [32]uint32

// times applies the matrix to a CRC.
func (m *crcShift) times(v uint32) uint32 {
	var sum uint32
	for i := 0; v != 0; i, v = i+1, v>>1 {
		if v&1 != 0 {
			sum ^= m[i]
		}
	}
	return sum
}

// then returns the matrix that applies m, then n.
func (m *crcShift) then(n *crcShift) crcShift {
	var out crcShift
	for i := range out {
		out[i] = n.times(m[i])
	}
	return out
}

// zeroByte advances a CRC over one zero byte.
var zeroByte = func() crcShift {
	// One zero bit: the CRC shifts right, folding in the polynomial when
	// the bit shifted out is set.
	var bit crcShift
	bit[0] = crc32.IEEE
	for i := 1; i < 32; i++ {
		bit[i] = 1 << (i - 1)
	}
	m := bit
	for range 7 {
		m = m.then(&bit)
	}
	return m
}()

// shiftOver returns the matrix that advances a CRC over n zero bytes.
func shiftOver(n int) crcShift {
	var out crcShift
	for i := range out {
		out[i] = 1 << i
	}
	base := zeroByte
	for ; n > 0; n >>= 1 {
		if n&1 != 0 {
			out = out.then(&base)
		}
		base = base.then(&base)
	}
	return out
}
