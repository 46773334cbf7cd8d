/**
 * Code generation: one JavaScript function per compiled entry point, working on
 * buffers allocated once at compile time. Fused groups become single loops with
 * the primitives' scalar expressions inlined; other nodes call their kernel with
 * preallocated output buffers.
 */
import { hoistScalarFns } from "../core/elementwise-kernels.js";
import { scalarEnv } from "../core/scalar-env.js";
import { broadcastIndexMap, type Shape, sizeOf } from "../core/shape.js";
import type { Graph, GraphNode } from "./graph.js";
import { divisorUseCounts, type GroupStep, type OpNode, type Step } from "./schedule.js";
import type { Binaryen } from "./wasm/binaryen.js";
import type { WasmLoopPolicy } from "./wasm/group.js";
import { buildWasmLoops } from "./wasm/program.js";

export interface Program {
  /** Runs the steps; afterwards `buffers[id]` holds every node's value. */
  readonly run: () => void;
  readonly buffers: Float64Array[];
  readonly source: string;
  /**
   * True when the buffers live in a wasm memory: they must be filled, never replaced
   * (the wasm loops address the memory, not the array objects).
   */
  readonly fixedBuffers: boolean;
  /** Fused loops that run as WebAssembly, and the module's build time. */
  readonly wasmLoops: number;
  readonly wasmBuildMs: number;
}

/** Allocates (or aliases) one buffer per live node; inputs get their own buffers. */
function allocate(
  graph: Graph,
  live: Set<number>,
  steps: readonly Step[],
  bufs: Float64Array[],
): void {
  for (const n of graph.nodes) {
    if (!live.has(n.id)) continue;
    if (n.kind === "const") bufs[n.id] = n.value;
    else if (n.kind === "input") bufs[n.id] = new Float64Array(sizeOf(n.shape));
  }
  for (const s of steps) {
    if (s.kind === "alias") continue;
    const ids = s.kind === "group" ? s.members : [s.id];
    for (const id of ids) bufs[id] = new Float64Array(sizeOf(graph.nodes[id].shape));
  }
  for (const s of steps)
    if (s.kind === "alias") bufs[s.id] = bufs[(graph.nodes[s.id] as OpNode).inputs[0]];
}

export function generate(
  graph: Graph,
  live: Set<number>,
  steps: readonly Step[],
  outputs: readonly number[],
  wasm?: { readonly binaryen: Binaryen; readonly policy: WasmLoopPolicy },
): Program {
  const bufs: Float64Array[] = [];
  allocate(graph, live, steps, bufs);
  const consumers = new Map<number, number[]>();
  for (const n of graph.nodes) {
    if (n.kind !== "op" || !live.has(n.id)) continue;
    for (const i of n.inputs) {
      const list = consumers.get(i);
      if (list) list.push(n.id);
      else consumers.set(i, [n.id]);
    }
  }
  const outSet = new Set(outputs);
  const used = new Set<number>();
  const maps: Int32Array[] = [];
  const prims: OpNode[] = [];
  const body: string[] = [];
  const buf = (id: number) => {
    used.add(id);
    return `b${id}`;
  };
  // reciprocals of constant divisors live in extra buffers after the graph's nodes
  const reciprocals = new Map<number, number>();
  const reciprocalOf = (id: number): number => {
    const known = reciprocals.get(id);
    if (known !== undefined) return known;
    const slot = Math.max(bufs.length, graph.nodes.length);
    bufs[slot] = (bufs[id] as Float64Array).map((v) => 1 / v);
    reciprocals.set(id, slot);
    return slot;
  };
  const materialised = (id: number) =>
    outSet.has(id) ||
    (consumers.get(id) ?? []).some((c) => {
      const step = stepOf.get(c);
      return step === undefined || step !== stepOf.get(id);
    });
  const stepOf = new Map<number, Step>();
  for (const st of steps) {
    if (st.kind === "group") for (const id of st.members) stepOf.set(id, st);
  }
  const loops = wasm
    ? buildWasmLoops(wasm.binaryen, {
        policy: wasm.policy,
        graph,
        groups: steps.filter((st): st is GroupStep => st.kind === "group"),
        bufs,
        materialised,
        reciprocalOf,
      })
    : undefined;

  const emitGroup = (g: GroupStep) => {
    const n = sizeOf(g.shape);
    const members = new Set(g.members);
    const pre: string[] = [];
    const loop: string[] = [];
    const post: string[] = [];
    const readers = new Map<number, string>();
    const read = (id: number): string => {
      if (members.has(id)) return `v${id}`;
      const hit = readers.get(id);
      if (hit) return hit;
      const node = graph.nodes[id] as GraphNode;
      const size = sizeOf(node.shape);
      let expr: string;
      if (size === n) expr = `${buf(id)}[i]`;
      else if (size === 1) {
        pre.push(`const s${id} = ${buf(id)}[0];`);
        expr = `s${id}`;
      } else {
        const k = maps.length;
        maps.push(broadcastIndexMap(node.shape, g.shape));
        pre.push(`const m${k} = M[${k}];`);
        expr = `${buf(id)}[m${k}[i]]`;
      }
      readers.set(id, expr);
      return expr;
    };
    const divisorUses = divisorUseCounts(graph, g);
    const declared = new Set<string>();
    for (const id of g.members) {
      const node = graph.nodes[id] as OpNode;
      if (g.reducers.has(id)) {
        pre.push(`let r${id} = 0;`);
        loop.push(`r${id} += ${read(node.inputs[0])};`);
        post.push(`${buf(id)}[0] = r${id};`);
        continue;
      }
      const args = node.inputs.map(read);
      let expr = node.prim.expr ? node.prim.expr(args, node.attrs) : args[0];
      // strength reduction: division by a loop-invariant scalar becomes a multiplication
      // by its reciprocal, hoisted out of the loop (changes results by at most 1 ulp)
      if (node.prim.name === "div" && n > 1 && /^s\d+$/.test(args[1])) {
        const r = `q${args[1].slice(1)}`;
        if (!pre.includes(`const ${r} = 1 / ${args[1]};`)) pre.push(`const ${r} = 1 / ${args[1]};`);
        expr = `(${args[0]} * ${r})`;
      } else if (node.prim.name === "div" && n > 1) {
        // likewise division by a constant array (e.g. measurement errors): its reciprocal is
        // computed once, here, and the loop multiplies
        const divisor = graph.nodes[node.inputs[1]];
        if (divisor.kind === "const" && sizeOf(divisor.shape) === n)
          expr = `(${args[0]} * ${buf(reciprocalOf(divisor.id))}[i])`;
        else if (/^v\d+$/.test(args[1]) && (divisorUses.get(node.inputs[1]) ?? 0) > 1) {
          // a loop value that divides several times (r in 1000/r and in the chain rule
          // through r): one division for its reciprocal, then multiplications
          const r = `d${args[1].slice(1)}`;
          if (!declared.has(r)) {
            declared.add(r);
            loop.push(`const ${r} = 1 / ${args[1]};`);
          }
          expr = `(${args[0]} * ${r})`;
        }
      }
      loop.push(`const v${id} = ${expr};`);
      // materialise when read outside the loop (reducers of this group read the local)
      const outside = (consumers.get(id) ?? []).some((c) => !members.has(c));
      if (outside || outSet.has(id)) loop.push(`${buf(id)}[i] = v${id};`);
    }
    body.push(`{ // fused ${g.members.map((m) => (graph.nodes[m] as OpNode).prim.name).join(" ")}`);
    body.push(...pre);
    if (n === 1) body.push("{ const i = 0;", ...loop, "}");
    else body.push(`for (let i = 0; i < ${n}; i++) {`, ...loop, "}");
    body.push(...post, "}");
  };

  for (const s of steps) {
    const wasmLoop = s.kind === "group" ? loops?.names.get(s) : undefined;
    if (wasmLoop !== undefined)
      body.push(`W.${wasmLoop}(); // wasm: ${(s as GroupStep).members.length} fused ops`);
    else if (s.kind === "group") emitGroup(s);
    else if (s.kind === "kernel") {
      const node = graph.nodes[s.id] as OpNode;
      const k = prims.length;
      prims.push(node);
      const ins = node.inputs.map(buf).join(", ");
      body.push(
        `P[${k}].prim.run([${ins}], P[${k}].inShapes, ${buf(s.id)}, P[${k}].shape, P[${k}].attrs);`,
      );
    }
  }
  for (const o of outputs) used.add(o);
  const header = [...used].sort((a, b) => a - b).map((id) => `const b${id} = B[${id}];`);
  // buffers are bound as locals of `run` so the optimiser can keep them in registers
  const source = `return function run() {\n${header.join("\n")}\n${body.join("\n")}\n};`;
  const kernelArgs = prims.map((p) => ({
    prim: p.prim,
    attrs: p.attrs,
    shape: p.shape,
    inShapes: p.inputs.map((i) => graph.nodes[i].shape as Shape),
  }));
  const factory = new Function("B", "P", "M", "S", "W", hoistScalarFns(source)) as (
    b: Float64Array[],
    p: typeof kernelArgs,
    m: Int32Array[],
    s: typeof scalarEnv,
    w: Record<string, () => void>,
  ) => () => void;
  return {
    run: factory(bufs, kernelArgs, maps, scalarEnv, loops?.exports ?? {}),
    buffers: bufs,
    source,
    fixedBuffers: loops?.used ?? false,
    wasmLoops: loops?.names.size ?? 0,
    wasmBuildMs: loops?.buildMs ?? 0,
  };
}
