/**
 * One fused loop (a schedule "group") as a WebAssembly function over f64x2: two
 * elements per iteration, then a one-element tail when the length is odd (the same
 * code on splatted lanes, stored from lane 0). Inputs of the loop's length are read
 * from memory each iteration, scalars are splatted once before the loop, full sums
 * accumulate in a two-lane register added up at the end. The same strength reductions
 * as the JS loop are applied (division by a loop-invariant scalar, by a constant
 * array or by a loop value used as a divisor several times becomes a multiplication
 * by its reciprocal), so both paths round alike.
 */
import { sizeOf } from "../../core/shape.js";
import type { Graph } from "../graph.js";
import { divisorUseCounts, type GroupStep, type OpNode } from "../schedule.js";
import type { Binaryen } from "./binaryen.js";
import { LOWERINGS } from "./lower.js";
import { type Expr, FnBuilder, type Module } from "./simd.js";

/** Loops shorter than this stay in JS: a wasm call costs more than it saves. */
export const MIN_WASM_LOOP = 16;
/** Pairs of elements per iteration of the main loop. */
const UNROLL = 4;

export interface GroupContext {
  readonly b: Binaryen;
  readonly m: Module;
  readonly graph: Graph;
  /** Node ids read by a node outside their group, or returned. */
  readonly materialised: (id: number) => boolean;
}

/** Ops whose vectorised form is what makes a wasm loop faster than V8's scalar code. */
const TRANSCENDENTAL = new Set([
  "exp",
  "expm1",
  "log",
  "log1p",
  "logit",
  "sigmoid",
  "softplus",
  "logaddexpE",
  "logaddexp",
]);

/**
 * Which loops go to wasm: "all" that lower (backend "wasm"), or "auto": those with a
 * transcendental op from 16 elements on, arithmetic-only ones from 512 on. Measured
 * (minimum times, same run): a 100-element sum of squares with gradient is as fast in
 * JS (0.15 µs both), 1,000 elements 1.4× faster in wasm; loops with exp/log1p 2.5–3×.
 */
export type WasmLoopPolicy = "all" | "auto";

/** Arithmetic-only loops shorter than this stay in JS under "auto". */
export const MIN_WASM_ARITHMETIC_LOOP = 512;

/**
 * Whether every member of `g` has a lowering and every input is elementwise or scalar,
 * and the loop qualifies under `policy`.
 */
export function canLower(graph: Graph, g: GroupStep, policy: WasmLoopPolicy = "all"): boolean {
  const n = sizeOf(g.shape);
  if (n < MIN_WASM_LOOP) return false;
  if (
    policy === "auto" &&
    n < MIN_WASM_ARITHMETIC_LOOP &&
    !g.members.some((id) => TRANSCENDENTAL.has((graph.nodes[id] as OpNode).prim.name))
  )
    return false;
  const members = new Set(g.members);
  return g.members.every((id) => {
    const node = graph.nodes[id] as OpNode;
    if (!g.reducers.has(id) && LOWERINGS[node.prim.name] === undefined) return false;
    return node.inputs.every((i) => {
      if (members.has(i)) return true;
      const size = sizeOf(graph.nodes[i].shape);
      return size === n || size === 1;
    });
  });
}

/** Constant full-length divisors in `g`, whose reciprocals the loop reads from memory. */
export function constantDivisors(graph: Graph, g: GroupStep): number[] {
  const n = sizeOf(g.shape);
  const out: number[] = [];
  for (const id of g.members) {
    const node = graph.nodes[id] as OpNode;
    if (node.prim.name !== "div" || g.reducers.has(id)) continue;
    const d = graph.nodes[node.inputs[1]];
    if (d.kind === "const" && sizeOf(d.shape) === n && !out.includes(d.id)) out.push(d.id);
  }
  return out;
}

/**
 * Adds the function `name` computing group `g` to the module. `offset(id)` is the byte
 * offset of a node's buffer; `reciprocal(id)` the buffer index holding 1/x of a
 * constant divisor.
 */
export function emitGroupFunction(
  cx: GroupContext,
  g: GroupStep,
  name: string,
  offset: (id: number) => number,
  reciprocal: (id: number) => number,
): void {
  const { b, m, graph } = cx;
  const n = sizeOf(g.shape);
  const pairs = Math.floor(n / 2);
  const constants: Expr[] = [];
  const fn = new FnBuilder(b, m, 0, constants);
  const members = new Set(g.members);
  const i = fn.local(b.i32);
  const ptr = () => m.local.get(i, b.i32);
  const pre = fn.stmts;

  // loop-invariant values (scalars splatted, reciprocals of scalar divisors), set once
  // before the loop
  const hoisted = new Map<string, () => Expr>();
  const beforeLoop = (key: string, make: () => Expr) => {
    let v = hoisted.get(key);
    if (!v) {
      const saved = fn.stmts;
      fn.stmts = pre;
      v = fn.let(make());
      fn.stmts = saved;
      hoisted.set(key, v);
    }
    return v;
  };
  const scalar = (id: number) =>
    beforeLoop(`s${id}`, () => m.f64x2.splat(m.f64.load(offset(id), 8, m.i32.const(0))));
  const scalarReciprocal = (id: number) =>
    beforeLoop(`r${id}`, () => m.f64x2.div(fn.f64(1), scalar(id)()));
  const divisorUses = divisorUseCounts(graph, g);
  const accumulators = new Map<number, number>();
  for (const id of g.reducers) accumulators.set(id, fn.local(b.v128));
  const tailSums = new Map<number, number>();

  /**
   * The loop body for `copies` consecutive pairs of elements (16 bytes apart), emitted op
   * by op across the copies so that their independent dependency chains interleave
   * (one pair's exp → log1p chain is long: unrolled, the CPU overlaps two of them).
   * With `tail`, one odd last element in lane 0.
   */
  const body = (copies: number, tail: boolean): Expr[] => {
    const stmts: Expr[] = [];
    fn.stmts = stmts;
    const per = Array.from({ length: copies }, (_, u) => ({
      at: 16 * u,
      values: new Map<number, () => Expr>(),
      loads: new Map<number, () => Expr>(),
      divisorInverse: new Map<number, () => Expr>(),
    }));
    type Copy = (typeof per)[number];
    const load = (c: Copy, id: number) => {
      let l = c.loads.get(id);
      if (!l) {
        const at = offset(id) + c.at;
        l = fn.let(tail ? m.v128.load64_splat(at, 8, ptr()) : m.v128.load(at, 16, ptr()));
        c.loads.set(id, l);
      }
      return l;
    };
    const read = (c: Copy, id: number): (() => Expr) => {
      const v = c.values.get(id);
      if (v) return v;
      return sizeOf(graph.nodes[id].shape) === 1 ? scalar(id) : load(c, id);
    };
    for (const id of g.members) {
      const node = graph.nodes[id] as OpNode;
      if (g.reducers.has(id)) {
        for (const c of per) {
          const x = read(c, node.inputs[0]);
          if (tail) {
            const t = fn.local(b.f64);
            tailSums.set(id, t);
            stmts.push(m.local.set(t, m.f64x2.extract_lane(x(), 0)));
          } else {
            const acc = accumulators.get(id) as number;
            stmts.push(m.local.set(acc, m.f64x2.add(m.local.get(acc, b.v128), x())));
          }
        }
        continue;
      }
      const [num, den] = node.inputs;
      const denNode = den === undefined ? undefined : graph.nodes[den];
      for (const c of per) {
        let value: Expr;
        if (node.prim.name === "div" && denNode && !members.has(den) && sizeOf(denNode.shape) === 1)
          value = m.f64x2.mul(read(c, num)(), scalarReciprocal(den)());
        else if (
          node.prim.name === "div" &&
          denNode?.kind === "const" &&
          sizeOf(denNode.shape) === n
        )
          value = m.f64x2.mul(read(c, num)(), load(c, reciprocal(den))());
        else if (node.prim.name === "div" && members.has(den) && (divisorUses.get(den) ?? 0) > 1) {
          let inv = c.divisorInverse.get(den);
          if (!inv) {
            inv = fn.let(m.f64x2.div(fn.f64(1), read(c, den)()));
            c.divisorInverse.set(den, inv);
          }
          value = m.f64x2.mul(read(c, num)(), inv());
        } else {
          const lower = LOWERINGS[node.prim.name];
          value = lower(
            { b, m, fn },
            node.inputs.map((i) => read(c, i)),
          );
        }
        const v = fn.let(value);
        c.values.set(id, v);
        if (cx.materialised(id)) {
          const at = offset(id) + c.at;
          stmts.push(
            tail ? m.v128.store64_lane(at, 8, 0, ptr(), v()) : m.v128.store(at, 16, ptr(), v()),
          );
        }
      }
    }
    return stmts;
  };
  /** A do-while loop over `copies` pairs per iteration until byte offset `end`. */
  const loop = (label: string, copies: number, end: number): Expr =>
    m.loop(
      label,
      m.block(null, [
        ...body(copies, false),
        m.local.set(i, m.i32.add(ptr(), m.i32.const(16 * copies))),
        m.br(label, m.i32.lt_u(ptr(), m.i32.const(end))),
      ]),
    );

  const blocks = Math.floor(pairs / UNROLL);
  const loops: Expr[] = [];
  if (blocks > 0) loops.push(loop("unrolled", UNROLL, blocks * UNROLL * 16));
  if (pairs % UNROLL > 0) loops.push(loop("pairs", 1, pairs * 16));
  if (n % 2 === 1) loops.push(...body(1, true));
  const stmts: Expr[] = [...constants, ...pre, ...loops];
  for (const [id, acc] of accumulators) {
    const lanes = m.f64.add(
      m.f64x2.extract_lane(m.local.get(acc, b.v128), 0),
      m.f64x2.extract_lane(m.local.get(acc, b.v128), 1),
    );
    const t = tailSums.get(id);
    const total = t === undefined ? lanes : m.f64.add(lanes, m.local.get(t, b.f64));
    stmts.push(m.f64.store(offset(id), 8, m.i32.const(0), total));
  }
  m.addFunction(name, b.none, b.none, fn.vars, m.block(null, stmts));
  m.addFunctionExport(name, name);
}
