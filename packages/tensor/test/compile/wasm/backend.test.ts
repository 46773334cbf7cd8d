import * as T from "@sidereal/tensor";
import { loadWasmBackend, scalar, type Tensor, tensor } from "@sidereal/tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { m67LogDensity, syntheticM67 } from "../../../bench/m67-model.ts";

/**
 * (Imports the built package, as the M67 model module does: tensors of one module
 * instance only.)
 *
 * Every model compiled both ways, "js" (the reference) and "wasm": value and gradient
 * agree to 1e-12 relative (gradients relative to max(|g|, 1e-3·‖g‖∞), since a summed
 * gradient component that cancels to near 0 carries the absolute rounding of its terms).
 */
beforeAll(() => loadWasmBackend(), 30_000);

interface Model {
  readonly name: string;
  readonly f: (...args: Tensor[]) => Tensor;
  readonly args: readonly Tensor[];
  /** Fused loops expected to run in wasm in the value-and-gradient program. */
  readonly wasmLoops: number;
  /** Whether a fused loop is expected to stay JavaScript (an op or a read without lowering). */
  readonly jsLoop?: boolean;
}

function m67Model(n: number): Model {
  const data = syntheticM67(n);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = Math.log(1000 / Math.max(data.plx[i], 0.3));
  return {
    name: `M67 cluster (${n} stars)`,
    f: m67LogDensity(data),
    args: [scalar(Math.log(400)), scalar(Math.log(900)), scalar(-3), scalar(0.2), tensor(q)],
    wasmLoops: 1,
  };
}

const grid = (n: number, lo: number, hi: number) =>
  tensor(Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * (i + 0.37)) / n));

/** Every lowered primitive at least once, on 37 elements (odd: the tail path runs). */
const allOps: Model = {
  name: "every lowered op (37 elements)",
  f: (x, y, s) => {
    const u = T.sigmoid(x);
    const terms = [
      T.exp(T.mul(x, s)),
      T.expm1(x),
      T.log(T.add(T.abs(y), 0.1)),
      T.log1p(T.square(x)),
      T.logit(T.mul(u, 0.9)),
      T.softplus(T.mul(y, 3)),
      T.logSigmoid(x),
      T.sqrt(T.add(T.square(y), 1)),
      T.reciprocal(T.add(T.square(x), 2)),
      T.div(x, T.add(T.abs(y), 1)),
      T.div(y, s),
      T.maximum(x, y),
      T.minimum(x, T.neg(y)),
      T.logaddexp(x, T.mul(y, 2)),
      T.where(T.gt(x, y), T.mul(x, y), T.sub(x, y)),
      T.mul(T.add(T.lt(x, 0), T.le(y, 0)), x),
      T.mul(T.add(T.ge(x, y), T.eq(x, 0)), y),
      T.mul(T.ne(x, y), T.sign(y)),
      T.mul(T.isfinite(x), T.add(T.floor(y), T.ceil(x))),
      T.mul(T.isnan(x), y),
    ];
    return T.sum(terms.reduce((a, b) => T.add(a, b)));
  },
  args: [grid(37, -3, 3), grid(37, 2.5, -2.2), scalar(0.7)],
  wasmLoops: 1,
};

/** compile.test.ts's model-like function, on 41 elements: slices, cumsum, logsumexp stay JS. */
const mixed: Model = {
  name: "mixed kernels and fused loops (41 elements)",
  f: (a, x, m) => {
    const z = T.div(T.sub(x, a), T.exp(T.slice(m, [[0, 1]])));
    const lp = T.sub(T.mul(T.square(z), -0.5), T.slice(m, [[0, 1]]));
    const mix = T.logaddexp(
      T.add(lp, T.logSigmoid(a)),
      T.add(T.log1p(T.square(x)), T.logSigmoid(T.neg(a))),
    );
    const rows = T.reshape(T.concat([mix, T.cumsum(x), T.tanh(x)]), [3, -1]);
    return T.add(T.sum(T.logsumexp(rows, 0)), T.sum(T.mul(T.sum(T.square(m)), T.tanh(a))));
  },
  args: [scalar(0.3), grid(41, -2, 3), tensor([0.2, -0.4])],
  wasmLoops: 2,
  jsLoop: true,
};

/** A 1000-dimensional standard normal (the sampler benchmark's target). */
const normal1000: Model = {
  name: "1000-D normal",
  f: (x) => T.mul(T.sum(T.square(x)), -0.5),
  args: [grid(1000, -3, 3)],
  wasmLoops: 1,
};

/** A broadcast that is not scalar-or-elementwise keeps its loop in JS (fallback per loop). */
const broadcast: Model = {
  name: "outer-product broadcast (JS fallback loop)",
  f: (row, col) => T.sum(T.exp(T.mul(T.reshape(row, [1, 20]), T.reshape(col, [20, 1])))),
  args: [grid(20, -1, 1), grid(20, 0.5, -0.5)],
  wasmLoops: 1,
  jsLoop: true,
};

const MODELS = [m67Model(4300), m67Model(4301), allOps, mixed, normal1000, broadcast];

function expectClose(a: number, b: number, scale: number) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(b), scale));
}

describe("compile backend: wasm agrees with js", () => {
  for (const model of MODELS)
    it(model.name, () => {
      const js = T.compile(model.f, model.args, { backend: "js" });
      const wasm = T.compile(model.f, model.args, { backend: "wasm" });
      expect(js.backend).toBe("js");
      expect(wasm.stats.wasmLoops).toBe(model.wasmLoops);
      expect(wasm.source.valueAndGrad.includes("for (let i")).toBe(model.jsLoop ?? false);
      const gj = new Float64Array(js.flatSize);
      const gw = new Float64Array(wasm.flatSize);
      const q = new Float64Array(js.flatSize);
      let off = 0;
      for (const a of model.args) {
        q.set(a.toArray(), off);
        off += a.size;
      }
      // twice, and at a moved point: buffers and accumulators are reset between calls
      for (const shift of [0, 0, 0.01]) {
        const qs = q.map((v, i) => v + shift * Math.sin(i));
        const vj = js.flat(qs, gj);
        const vw = wasm.flat(qs, gw);
        expectClose(vw, vj, 0);
        expectClose(wasm.flatValue(qs), js.flatValue(qs), 0);
        const gScale = 1e-3 * gj.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
        for (let i = 0; i < gj.length; i++) expectClose(gw[i], gj[i], gScale);
      }
    });

  it('"auto" uses wasm for loops with transcendentals and long arithmetic loops', () => {
    const c = T.compile((x: Tensor) => T.sum(T.exp(x)), [grid(64, 0, 1)]);
    expect(c.backend).toBe("wasm");
    expect(c.stats.wasmBuildMs).toBeGreaterThan(0);
    expect(T.compile(normal1000.f, normal1000.args).stats.wasmLoops).toBe(1);
    const short = T.compile(normal1000.f, [grid(100, -1, 1)]);
    expect(short.backend).toBe("js");
    expect(short.stats.wasmLoops).toBe(0);
  });
});
