package raster

import (
	"fmt"
	"math"
	"strconv"
)

type point struct{ x, y float64 }

func (p point) add(q point) point            { return point{p.x + q.x, p.y + q.y} }
func (p point) sub(q point) point            { return point{p.x - q.x, p.y - q.y} }
func (p point) scale(f float64) point        { return point{p.x * f, p.y * f} }
func (p point) near(q point) bool            { return math.Abs(p.x-q.x) < 1e-9 && math.Abs(p.y-q.y) < 1e-9 }
func (p point) angle() float64               { return math.Atan2(p.y, p.x) }
func lerp(p, q point, t float64) point       { return p.add(q.sub(p).scale(t)) }
func mid(p, q point) point                   { return lerp(p, q, 0.5) }
func rotate(p point, sin, cos float64) point { return point{p.x*cos - p.y*sin, p.x*sin + p.y*cos} }

type segKind uint8

const (
	moveTo segKind = iota
	lineTo
	quadTo
	cubicTo
	closePath
)

// segment is one piece of a path in absolute coordinates; pts holds the
// control points then the end point (1 for move and line, 2 for a
// quadratic, 3 for a cubic).
type segment struct {
	kind segKind
	pts  [3]point
}

func (s segment) end() point {
	switch s.kind {
	case quadTo:
		return s.pts[1]
	case cubicTo:
		return s.pts[2]
	}
	return s.pts[0]
}

type path []segment

// maxPathNumbers bounds the numbers one path's data may hold.
const maxPathNumbers = 1 << 16

// parsePath reads SVG path data into absolute segments; arcs become
// cubic curves.
func parsePath(d string) (path, error) {
	var p path
	var cur, start, lastCtrl point
	var lastCmd byte
	sc := pathScanner{s: d}
	cmd := byte(0)
	for {
		sc.skipSpace()
		if sc.done() {
			return p, nil
		}
		if c := sc.s[sc.i]; isCommand(c) {
			cmd = c
			sc.i++
		} else if cmd == 0 {
			return nil, fmt.Errorf("path data %.20q: expected a command at %d", d, sc.i)
		} else if cmd == 'M' {
			cmd = 'L' // numbers after a moveto are linetos
		} else if cmd == 'm' {
			cmd = 'l'
		}
		rel := cmd >= 'a'
		base := point{}
		if rel {
			base = cur
		}
		switch cmd | 0x20 {
		case 'z':
			p = append(p, segment{kind: closePath, pts: [3]point{start}})
			cur = start
		case 'm', 'l', 't':
			xy, err := sc.numbers(2)
			if err != nil {
				return nil, err
			}
			to := base.add(point{xy[0], xy[1]})
			switch cmd | 0x20 {
			case 'm':
				p = append(p, segment{kind: moveTo, pts: [3]point{to}})
				start = to
			case 'l':
				p = append(p, segment{kind: lineTo, pts: [3]point{to}})
			case 't':
				ctrl := cur
				if lastCmd|0x20 == 'q' || lastCmd|0x20 == 't' {
					ctrl = cur.add(cur.sub(lastCtrl))
				}
				p = append(p, segment{kind: quadTo, pts: [3]point{ctrl, to}})
				lastCtrl = ctrl
			}
			cur = to
		case 'h', 'v':
			v, err := sc.numbers(1)
			if err != nil {
				return nil, err
			}
			to := cur
			if cmd|0x20 == 'h' {
				to.x = base.x + v[0]
			} else {
				to.y = base.y + v[0]
			}
			p = append(p, segment{kind: lineTo, pts: [3]point{to}})
			cur = to
		case 'c', 's':
			n := 6
			if cmd|0x20 == 's' {
				n = 4
			}
			v, err := sc.numbers(n)
			if err != nil {
				return nil, err
			}
			var c1 point
			if cmd|0x20 == 'c' {
				c1, v = base.add(point{v[0], v[1]}), v[2:]
			} else {
				c1 = cur
				if lastCmd|0x20 == 'c' || lastCmd|0x20 == 's' {
					c1 = cur.add(cur.sub(lastCtrl))
				}
			}
			c2, to := base.add(point{v[0], v[1]}), base.add(point{v[2], v[3]})
			p = append(p, segment{kind: cubicTo, pts: [3]point{c1, c2, to}})
			lastCtrl, cur = c2, to
		case 'q':
			v, err := sc.numbers(4)
			if err != nil {
				return nil, err
			}
			ctrl, to := base.add(point{v[0], v[1]}), base.add(point{v[2], v[3]})
			p = append(p, segment{kind: quadTo, pts: [3]point{ctrl, to}})
			lastCtrl, cur = ctrl, to
		case 'a':
			v, err := sc.arc()
			if err != nil {
				return nil, err
			}
			to := base.add(point{v[5], v[6]})
			p = appendArc(p, cur, to, v[0], v[1], v[2], v[3] != 0, v[4] != 0)
			cur = to
		}
		if len(p) > maxPathNumbers {
			return nil, fmt.Errorf("path data has more than %d segments", maxPathNumbers)
		}
		lastCmd = cmd
	}
}

func isCommand(c byte) bool {
	switch c | 0x20 {
	case 'm', 'l', 'h', 'v', 'c', 's', 'q', 't', 'a', 'z':
		return true
	}
	return false
}

type pathScanner struct {
	s string
	i int
}

func (sc *pathScanner) done() bool { return sc.i >= len(sc.s) }

func (sc *pathScanner) skipSpace() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == ',' || sc.s[sc.i] == '\t' || sc.s[sc.i] == '\n' || sc.s[sc.i] == '\r') {
		sc.i++
	}
}

// number reads one number: "-1.5e3", ".5", and "1.5.5" as 1.5 then .5.
func (sc *pathScanner) number() (float64, error) {
	sc.skipSpace()
	start := sc.i
	if sc.i < len(sc.s) && (sc.s[sc.i] == '+' || sc.s[sc.i] == '-') {
		sc.i++
	}
	dot, digits := false, false
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		if c >= '0' && c <= '9' {
			digits = true
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
		sc.i++
	}
	if digits && sc.i < len(sc.s) && (sc.s[sc.i] == 'e' || sc.s[sc.i] == 'E') {
		j := sc.i + 1
		if j < len(sc.s) && (sc.s[j] == '+' || sc.s[j] == '-') {
			j++
		}
		if j < len(sc.s) && sc.s[j] >= '0' && sc.s[j] <= '9' {
			for j < len(sc.s) && sc.s[j] >= '0' && sc.s[j] <= '9' {
				j++
			}
			sc.i = j
		}
	}
	if !digits {
		return 0, fmt.Errorf("path data %.20q: expected a number at %d", sc.s, start)
	}
	f, err := strconv.ParseFloat(sc.s[start:sc.i], 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("path data %.20q: bad number at %d", sc.s, start)
	}
	return f, nil
}

func (sc *pathScanner) numbers(n int) ([]float64, error) {
	out := make([]float64, n)
	for i := range out {
		v, err := sc.number()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// arc reads rx ry rotation large-arc sweep x y; the two flags may be
// written without separators ("a5 5 0 01 0 7").
func (sc *pathScanner) arc() ([]float64, error) {
	v := make([]float64, 7)
	for i := range v {
		if i == 3 || i == 4 {
			sc.skipSpace()
			if sc.done() || (sc.s[sc.i] != '0' && sc.s[sc.i] != '1') {
				return nil, fmt.Errorf("path data %.20q: expected an arc flag at %d", sc.s, sc.i)
			}
			v[i] = float64(sc.s[sc.i] - '0')
			sc.i++
			continue
		}
		f, err := sc.number()
		if err != nil {
			return nil, err
		}
		v[i] = f
	}
	return v, nil
}

// appendArc adds an elliptical arc as cubic curves (SVG 1.1, appendix
// F.6: from endpoints to centre, then at most 90° per curve).
func appendArc(p path, from, to point, rx, ry, rotation float64, large, sweep bool) path {
	if from.near(to) {
		return p
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		return append(p, segment{kind: lineTo, pts: [3]point{to}})
	}
	phi := rotation * math.Pi / 180
	sin, cos := math.Sincos(phi)
	d := rotate(from.sub(to).scale(0.5), -sin, cos)
	if l := d.x*d.x/(rx*rx) + d.y*d.y/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*d.y*d.y - ry*ry*d.x*d.x
	den := rx*rx*d.y*d.y + ry*ry*d.x*d.x
	f := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		f = -f
	}
	cp := point{f * rx * d.y / ry, -f * ry * d.x / rx}
	center := rotate(cp, sin, cos).add(mid(from, to))
	theta1 := point{(d.x - cp.x) / rx, (d.y - cp.y) / ry}.angle()
	delta := point{(-d.x - cp.x) / rx, (-d.y - cp.y) / ry}.angle() - theta1
	if sweep && delta < 0 {
		delta += 2 * math.Pi
	} else if !sweep && delta > 0 {
		delta -= 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(delta) / (math.Pi / 2)))
	step := delta / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	onEllipse := func(t float64) (point, point) {
		st, ct := math.Sincos(t)
		pos := rotate(point{rx * ct, ry * st}, sin, cos).add(center)
		tan := rotate(point{-rx * st, ry * ct}, sin, cos)
		return pos, tan
	}
	t := theta1
	p0, d0 := onEllipse(t)
	for i := 0; i < n; i++ {
		t += step
		p1, d1 := onEllipse(t)
		end := p1
		if i == n-1 {
			end = to
		}
		p = append(p, segment{kind: cubicTo, pts: [3]point{p0.add(d0.scale(k)), p1.sub(d1.scale(k)), end}})
		p0, d0 = p1, d1
	}
	return p
}

// rectPath is a rect element's outline, with rounded corners when rx or
// ry is given.
func rectPath(x, y, w, h, rx, ry float64) path {
	rx, ry = math.Min(rx, w/2), math.Min(ry, h/2)
	if rx <= 0 || ry <= 0 {
		return path{
			{kind: moveTo, pts: [3]point{{x, y}}}, {kind: lineTo, pts: [3]point{{x + w, y}}},
			{kind: lineTo, pts: [3]point{{x + w, y + h}}}, {kind: lineTo, pts: [3]point{{x, y + h}}},
			{kind: closePath, pts: [3]point{{x, y}}},
		}
	}
	p := path{{kind: moveTo, pts: [3]point{{x + rx, y}}}, {kind: lineTo, pts: [3]point{{x + w - rx, y}}}}
	p = appendArc(p, point{x + w - rx, y}, point{x + w, y + ry}, rx, ry, 0, false, true)
	p = append(p, segment{kind: lineTo, pts: [3]point{{x + w, y + h - ry}}})
	p = appendArc(p, point{x + w, y + h - ry}, point{x + w - rx, y + h}, rx, ry, 0, false, true)
	p = append(p, segment{kind: lineTo, pts: [3]point{{x + rx, y + h}}})
	p = appendArc(p, point{x + rx, y + h}, point{x, y + h - ry}, rx, ry, 0, false, true)
	p = append(p, segment{kind: lineTo, pts: [3]point{{x, y + ry}}})
	p = appendArc(p, point{x, y + ry}, point{x + rx, y}, rx, ry, 0, false, true)
	return append(p, segment{kind: closePath, pts: [3]point{{x + rx, y}}})
}

// ellipsePath is a circle's or an ellipse's outline.
func ellipsePath(cx, cy, rx, ry float64) path {
	if rx <= 0 || ry <= 0 {
		return nil
	}
	top, bottom := point{cx, cy - ry}, point{cx, cy + ry}
	p := path{{kind: moveTo, pts: [3]point{top}}}
	p = appendArc(p, top, bottom, rx, ry, 0, false, true)
	p = appendArc(p, bottom, top, rx, ry, 0, false, true)
	return append(p, segment{kind: closePath, pts: [3]point{top}})
}

// ends gives the first and last points of a path with the direction the
// path leaves the first and arrives at the last, for markers.
func (p path) ends() (first, firstDir, last, lastDir point, ok bool) {
	if len(p) < 2 {
		return
	}
	first = p[0].pts[0]
	// Direction at the start: towards the first point that differs.
	s := p[1]
	switch s.kind {
	case lineTo, closePath:
		firstDir = s.pts[0].sub(first)
	case quadTo:
		firstDir = pick(first, s.pts[0], s.pts[1])
	case cubicTo:
		firstDir = pick(first, s.pts[0], s.pts[1], s.pts[2])
	}
	e := p[len(p)-1]
	var prev point
	if len(p) >= 2 {
		prev = p[len(p)-2].end()
	}
	last = e.end()
	switch e.kind {
	case lineTo, closePath:
		lastDir = last.sub(prev)
	case quadTo:
		lastDir = pick(last, e.pts[0], prev).scale(-1)
	case cubicTo:
		lastDir = pick(last, e.pts[1], e.pts[0], prev).scale(-1)
	}
	return first, firstDir, last, lastDir, true
}

// pick is the direction from p to the first of qs that is not p.
func pick(p point, qs ...point) point {
	for _, q := range qs {
		if !q.near(p) {
			return q.sub(p)
		}
	}
	return point{}
}
