/**
 * Fusion scheduling: partitions the live nodes of a graph into steps. Elementwise ops
 * with the same output shape share one loop ("group"); full sums of a group member
 * are accumulated inside that loop ("reducers"). Other ops are kernel calls, and
 * reshapes alias their input's buffer.
 *
 * Legality: every node carries `req`, the set of steps that must be complete before
 * it can run (transitively). A node may join a group G only if G is not in its `req`:
 * that rules out reading a reducer of G (complete only after G's loop) or a value
 * computed outside G from a member of G. Because `req` is transitive, the step graph
 * has no cycles, and steps are emitted in a topological order of their dependencies.
 */
import type { Shape } from "../core/shape.js";
import { shapesEqual, sizeOf } from "../core/shape.js";
import type { Graph, GraphNode } from "./graph.js";

export type OpNode = Extract<GraphNode, { kind: "op" }>;

export interface GroupStep {
  readonly kind: "group";
  readonly shape: Shape;
  readonly members: number[];
  /** Members that are full-sum reductions accumulated in the loop. */
  readonly reducers: Set<number>;
}
export interface KernelStep {
  readonly kind: "kernel";
  readonly id: number;
}
export interface AliasStep {
  readonly kind: "alias";
  readonly id: number;
}
export type Step = GroupStep | KernelStep | AliasStep;

interface Slot {
  readonly step: Step;
  readonly index: number;
  readonly deps: Set<number>;
}

function isFullSum(n: OpNode, inShape: Shape): boolean {
  return n.prim.name === "sum" && sizeOf(n.shape) === 1 && sizeOf(inShape) > 1;
}

export function schedule(graph: Graph, live: Set<number>): Step[] {
  const slots: Slot[] = [];
  const slotOf = new Map<number, number>(); // node id -> slot index
  const req = new Map<number, Set<number>>(); // node id -> slots that must be complete
  const reducerIds = new Set<number>();

  /** Slots that must be complete before a node in slot `into` can read `id`. */
  const requiredBy = (id: number, into: number): Set<number> => {
    const base = req.get(id) ?? new Set<number>();
    const s = slotOf.get(id);
    if (s === undefined) return base;
    if (s === into && !reducerIds.has(id)) return base;
    // reading from another step waits for that whole step, hence for all its deps —
    // transitively and as of now: a group's deps grow when later nodes join it, so sets
    // recorded earlier (`base`, the deps of `s`) may be stale.
    const out = new Set(base);
    out.add(s);
    const stack = [s, ...base];
    const seen = new Set(stack);
    while (stack.length > 0) {
      const t = stack.pop() as number;
      for (const d of slots[t].deps) {
        out.add(d);
        if (!seen.has(d)) {
          seen.add(d);
          stack.push(d);
        }
      }
    }
    return out;
  };
  const reqFor = (node: OpNode, into: number): Set<number> => {
    const out = new Set<number>();
    for (const i of node.inputs) for (const s of requiredBy(i, into)) out.add(s);
    return out;
  };
  const addSlot = (step: Step): number => {
    const index = slots.length;
    slots.push({ step, index, deps: new Set() });
    return index;
  };
  const place = (node: OpNode, slot: number) => {
    const r = reqFor(node, slot);
    req.set(node.id, r);
    slotOf.set(node.id, slot);
    for (const s of r) if (s !== slot) slots[slot].deps.add(s);
  };

  for (const node of graph.nodes) {
    if (node.kind !== "op" || !live.has(node.id)) continue;
    const prim = node.prim;
    if (prim.elementwise && !prim.alias && sizeOf(node.shape) > 0) {
      // candidate groups: same shape, legal; prefer one holding an input, else the latest
      let chosen = -1;
      for (let k = slots.length - 1; k >= 0; k--) {
        const st = slots[k].step;
        if (st.kind !== "group" || !shapesEqual(st.shape, node.shape)) continue;
        if (reqFor(node, k).has(k)) continue;
        if (chosen < 0) chosen = k;
        if (node.inputs.some((i) => slotOf.get(i) === k)) {
          chosen = k;
          break;
        }
      }
      if (chosen < 0)
        chosen = addSlot({ kind: "group", shape: node.shape, members: [], reducers: new Set() });
      (slots[chosen].step as GroupStep).members.push(node.id);
      place(node, chosen);
      continue;
    }
    const src = node.inputs.length === 1 ? graph.nodes[node.inputs[0]] : undefined;
    if (src && isFullSum(node, src.shape)) {
      const k = slotOf.get(src.id);
      if (k !== undefined && slots[k].step.kind === "group" && !reqFor(node, k).has(k)) {
        const g = slots[k].step as GroupStep;
        if (shapesEqual(g.shape, src.shape)) {
          g.members.push(node.id);
          g.reducers.add(node.id);
          reducerIds.add(node.id);
          place(node, k);
          continue;
        }
      }
    }
    const k = addSlot(
      prim.alias ? { kind: "alias", id: node.id } : { kind: "kernel", id: node.id },
    );
    place(node, k);
  }

  // topological order of slots (Kahn), ties broken by creation order
  const indeg = slots.map((s) => s.deps.size);
  const users: number[][] = slots.map(() => []);
  for (const s of slots) for (const d of s.deps) users[d].push(s.index);
  const ready: number[] = [];
  for (let k = 0; k < slots.length; k++) if (indeg[k] === 0) ready.push(k);
  const order: Step[] = [];
  while (ready.length) {
    ready.sort((a, b) => a - b);
    const k = ready.shift() as number;
    order.push(slots[k].step);
    for (const u of users[k]) if (--indeg[u] === 0) ready.push(u);
  }
  if (order.length !== slots.length) throw new Error("compile: internal error: cyclic schedule");
  return order;
}

/**
 * How often each value is a divisor inside group `g` (both code generators turn a loop
 * value that divides several times into one reciprocal and multiplications).
 */
export function divisorUseCounts(graph: Graph, g: GroupStep): Map<number, number> {
  const uses = new Map<number, number>();
  for (const id of g.members) {
    const node = graph.nodes[id] as OpNode;
    if (node.prim.name === "div" && !g.reducers.has(id))
      uses.set(node.inputs[1], (uses.get(node.inputs[1]) ?? 0) + 1);
  }
  return uses;
}
