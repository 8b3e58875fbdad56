package design

import (
	"cmp"
	"math"
	"slices"
)

// Geometry of the diagram, shared by the layout and the renderer.
const (
	BlockWidth  = 168
	BlockHeight = 72
	LayerGap    = 96 // horizontal space between layers
	RowGap      = 48 // vertical space between blocks of a layer
	LayoutLeft  = 40 // margin of the first layer
	LayoutTop   = 40 // margin of the first row
	GridSize    = 8  // positions snap to this grid
	layerStride = BlockWidth + LayerGap
	rowStride   = BlockHeight + RowGap
)

// Snap rounds a coordinate to the grid.
func Snap(v float64) float64 { return math.Round(v/GridSize) * GridSize }

// Placed reports whether a block has a position of its own; blocks at the
// origin were never placed (imports, API-built designs).
func (b *Block) Placed() bool { return b.X != 0 || b.Y != 0 }

// Layout arranges a design left to right in layers, the way requests flow:
// callers before the services they call, stores last. With all set it moves
// every block; otherwise it only places blocks that were never placed, in
// their layer's column below what the user put there. It returns the moves
// as operations, so that a layout is one undoable edit.
func Layout(d *Design, all bool) Ops {
	n := len(d.Blocks)
	if n == 0 {
		return nil
	}
	index := make(map[string]int, n)
	for i, b := range d.Blocks {
		index[b.ID] = i
	}
	succ := make([][]int, n)
	pred := make([][]int, n)
	for _, c := range d.Connections {
		f, okF := index[c.From]
		t, okT := index[c.To]
		if !okF || !okT || f == t {
			continue
		}
		succ[f] = append(succ[f], t)
		pred[t] = append(pred[t], f)
	}
	reverseBackEdges(succ, pred)

	// Longest path from the sources gives each block its layer.
	layer := make([]int, n)
	order := topoOrder(succ, pred)
	for _, v := range order {
		for _, p := range pred[v] {
			layer[v] = max(layer[v], layer[p]+1)
		}
	}
	// Clients and outside callers stay in the first layer.
	for i, b := range d.Blocks {
		if b.Kind == "client" && len(pred[i]) == 0 {
			layer[i] = 0
		}
	}
	layers := 0
	for _, l := range layer {
		layers = max(layers, l+1)
	}
	rows := make([][]int, layers)
	for _, v := range order {
		rows[layer[v]] = append(rows[layer[v]], v)
	}
	// A few barycentre sweeps to cut crossings.
	pos := make([]float64, n)
	setPos := func() {
		for _, r := range rows {
			for i, v := range r {
				pos[v] = float64(i)
			}
		}
	}
	setPos()
	for sweep := 0; sweep < 4; sweep++ {
		for l := 1; l < layers; l++ {
			sortByBarycentre(rows[l], pred, pos)
			setPos()
		}
		for l := layers - 2; l >= 0; l-- {
			sortByBarycentre(rows[l], succ, pos)
			setPos()
		}
	}

	// Groups are drawn as boxes around their members, so the members of
	// each are kept together; a layout that keeps what the user placed
	// leaves the groups as the user drew them.
	if d.hasDrawnGroups() && (all || !anyPlaced(d)) {
		return layoutGrouped(d, layer, rows)
	}

	// Centre each layer on the tallest one.
	tallest := 0
	for _, r := range rows {
		tallest = max(tallest, len(r))
	}
	var ops Ops
	bottom := map[int]float64{} // lowest edge of kept blocks per layer column
	if !all {
		for i, b := range d.Blocks {
			if b.Placed() {
				col := layer[i]
				bottom[col] = math.Max(bottom[col], b.Y+BlockHeight)
			}
		}
	}
	for l, r := range rows {
		offset := float64(tallest-len(r)) * rowStride / 2
		next := 0.0
		for i, v := range r {
			b := &d.Blocks[v]
			if !all && b.Placed() {
				continue
			}
			x := float64(LayoutLeft + l*layerStride)
			y := float64(LayoutTop) + offset + float64(i)*rowStride
			if !all {
				// Below whatever the user placed in this column.
				if base, ok := bottom[l]; ok {
					y = base + RowGap + next*rowStride
					next++
				}
			}
			x, y = Snap(x), Snap(y)
			if x == b.X && y == b.Y {
				continue
			}
			ops = append(ops, Op{Op: OpMoveBlock, ID: b.ID, X: ptr(x), Y: ptr(y)})
		}
	}
	return ops
}

func ptr(f float64) *float64 { return &f }

func anyPlaced(d *Design) bool {
	return slices.ContainsFunc(d.Blocks, func(b Block) bool { return b.Placed() })
}

// reverseBackEdges turns the graph into a DAG by reversing the edges that
// close cycles, found by depth-first search.
func reverseBackEdges(succ, pred [][]int) {
	n := len(succ)
	state := make([]byte, n) // 0 new, 1 on stack, 2 done
	type frame struct{ v, i int }
	for s := range n {
		if state[s] != 0 {
			continue
		}
		stack := []frame{{s, 0}}
		state[s] = 1
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.i == len(succ[top.v]) {
				state[top.v] = 2
				stack = stack[:len(stack)-1]
				continue
			}
			w := succ[top.v][top.i]
			top.i++
			switch state[w] {
			case 0:
				state[w] = 1
				stack = append(stack, frame{w, 0})
			case 1: // back edge top.v → w: reverse it
				v := top.v
				top.i--
				succ[v] = slices.Delete(succ[v], top.i, top.i+1)
				pred[w] = slices.DeleteFunc(pred[w], func(x int) bool { return x == v })
				succ[w] = append(succ[w], v)
				pred[v] = append(pred[v], w)
			}
		}
	}
}

// topoOrder returns the vertices of a DAG in topological order, keeping the
// design's order among equals so that layouts are stable.
func topoOrder(succ, pred [][]int) []int {
	n := len(succ)
	indeg := make([]int, n)
	for v := range n {
		indeg[v] = len(pred[v])
	}
	var queue, out []int
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		out = append(out, v)
		for _, w := range succ[v] {
			indeg[w]--
			if indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	return out
}

func sortByBarycentre(row []int, neighbours [][]int, pos []float64) {
	bary := make(map[int]float64, len(row))
	for _, v := range row {
		if len(neighbours[v]) == 0 {
			bary[v] = pos[v]
			continue
		}
		sum := 0.0
		for _, u := range neighbours[v] {
			sum += pos[u]
		}
		bary[v] = sum / float64(len(neighbours[v]))
	}
	slices.SortStableFunc(row, func(a, b int) int { return cmp.Compare(bary[a], bary[b]) })
}
