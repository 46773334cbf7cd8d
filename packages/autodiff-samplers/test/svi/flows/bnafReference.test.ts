/**
 * BNAF against NumPyro's definitions (numpyro/nn/block_neural_arn.py, `AutoBNAFNormal` in
 * numpyro/infer/autoguide.py), written here as a plain dense loop over the whole
 * (d·p) × (d·q) weight matrix, with none of the blocked shortcuts of `bnaf.ts`:
 *
 *   BlockMaskedDense: w = exp(W) ⊙ M_d + W ⊙ M_o (M_d: diagonal blocks, M_o: input block <
 *     output block), ‖w_·k‖ over the whole column, ŵ = exp(ws_k) w_·k / ‖w_·k‖,
 *     out = x ŵ + b, log-Jacobian blocks ws_k + W_jk − log‖w_·k‖ on the diagonal blocks,
 *     chained with logmatmulexp;
 *   Tanh: log-derivative −2(x + softplus(−2x) − log 2) added to every column;
 *   init: W in output block i, rows < (i+1)p, glorot_uniform of the ((i+1)p, q) block, i.e.
 *     U(±√(6/((i+1)p + q))), 0 elsewhere; ws = log U(0, 1); b = (U(0, 1) − 0.5)·2/√(dq).
 *
 * and the guide: base N(0, I_D) (not moved by the init location), u = T(ε),
 * log q(u) = log N(ε) − log|det ∂T/∂ε|.
 */
import { Exponential, key, normal, Uniform, uniform } from "@sidereal/distributions";
import { tensor } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { defineModel } from "../../../src/ppl/index.js";
import { AutoBNAFNormal } from "../../../src/svi/flowGuides.js";
import { type BnafParams, bnafForward, initBnafParams } from "../../../src/svi/flows/bnaf.js";

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** One point z (length d) through NumPyro's BNAF stage, dense loops: y and Σ log-det. */
function referenceStage(
  params: BnafParams,
  z: readonly number[],
  factors: readonly number[],
): { y: number[]; logDet: number } {
  const d = z.length;
  let x = [...z];
  // per dimension i: log of the accumulated diagonal-block product, [1, q] (rows: p = 1)
  let acc: number[][] | null = null;
  for (let l = 0; l + 1 < factors.length; l++) {
    const p = factors[l];
    const q = factors[l + 1];
    const inDim = d * p;
    const outDim = d * q;
    const W = params[`bnaf0_w${l}`].toArray();
    const ws = params[`bnaf0_logScale${l}`].toArray();
    const b = params[`bnaf0_b${l}`].toArray();
    const w = new Float64Array(inDim * outDim);
    for (let r = 0; r < inDim; r++)
      for (let c = 0; c < outDim; c++) {
        const bi = Math.floor(r / p);
        const bo = Math.floor(c / q);
        const v = W[r * outDim + c];
        w[r * outDim + c] = bi === bo ? Math.exp(v) : bi < bo ? v : 0;
      }
    const norm = new Float64Array(outDim);
    for (let c = 0; c < outDim; c++) {
      let s = 0;
      for (let r = 0; r < inDim; r++) s += w[r * outDim + c] ** 2;
      norm[c] = Math.sqrt(s);
    }
    const out = new Array<number>(outDim).fill(0);
    for (let c = 0; c < outDim; c++) {
      let s = b[c];
      for (let r = 0; r < inDim; r++) s += x[r] * ((Math.exp(ws[c]) * w[r * outDim + c]) / norm[c]);
      out[c] = s;
    }
    // log-Jacobian diagonal blocks [d][p][q] and logmatmulexp with the accumulator
    const next: number[][] = [];
    for (let i = 0; i < d; i++) {
      const blk = (a: number, c: number) =>
        ws[i * q + c] + W[(i * p + a) * outDim + i * q + c] - Math.log(norm[i * q + c]);
      const row: number[] = [];
      for (let c = 0; c < q; c++) {
        if (acc === null) row.push(blk(0, c));
        else {
          const prev = acc[i];
          const terms = Array.from({ length: p }, (_, a) => prev[a] + blk(a, c));
          const m = Math.max(...terms);
          row.push(m + Math.log(terms.reduce((s, t) => s + Math.exp(t - m), 0)));
        }
      }
      next.push(row);
    }
    if (l + 2 < factors.length) {
      for (let i = 0; i < d; i++)
        for (let c = 0; c < q; c++) {
          const v = out[i * q + c];
          next[i][c] += -2 * (v + softplus(-2 * v) - Math.log(2));
        }
      x = out.map(Math.tanh);
    } else {
      x = out;
    }
    acc = next;
  }
  return { y: x, logDet: (acc as number[][]).reduce((s, r) => s + r[0], 0) };
}

/** Parameters with every entry random, including those the masks must ignore. */
function randomParams(seed: number, d: number, factors: readonly number[]): BnafParams {
  const out: Record<string, ReturnType<typeof tensor>> = {};
  for (let l = 0; l + 1 < factors.length; l++) {
    const inDim = d * factors[l];
    const outDim = d * factors[l + 1];
    out[`bnaf0_w${l}`] = tensor(uniform(key(seed + 10 * l), [inDim, outDim], -1, 1), [
      inDim,
      outDim,
    ]);
    out[`bnaf0_logScale${l}`] = tensor(uniform(key(seed + 10 * l + 1), [outDim], -1, 0.5), [
      outDim,
    ]);
    out[`bnaf0_b${l}`] = tensor(uniform(key(seed + 10 * l + 2), [outDim], -0.5, 0.5), [outDim]);
  }
  return out;
}

/** Kolmogorov–Smirnov distance of a sample from U(−1, 1). */
function ksUniform(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  let dMax = 0;
  s.forEach((v, i) => {
    const cdf = (v + 1) / 2;
    dMax = Math.max(dMax, Math.abs((i + 1) / s.length - cdf), Math.abs(cdf - i / s.length));
  });
  return dMax;
}

describe("bnaf against NumPyro's definitions", () => {
  // The two computations differ only in summation order (dense vs blocked, logsumexp over
  // different groupings): rounding ~1e-15 relative on O(1)–O(10) values, so 1e-11 is loose.
  for (const [d, hidden] of [
    [3, [8, 8]],
    [7, [8, 8]],
    [4, [3]],
  ] as const) {
    test(`forward and log-det equal the dense reference (d ${d}, hidden ${hidden})`, () => {
      const factors = [1, ...hidden, 1];
      const params = randomParams(d, d, factors);
      const n = 5;
      const z = normal(key(40 + d), [n, d]);
      const { y, logDetJacobian } = bnafForward(params, tensor(z, [n, d]), {
        hiddenFactors: hidden,
      });
      const ys = y.toArray();
      const lds = logDetJacobian.toArray();
      for (let k = 0; k < n; k++) {
        const ref = referenceStage(params, Array.from(z.subarray(k * d, (k + 1) * d)), factors);
        for (let i = 0; i < d; i++) expect(Math.abs(ys[k * d + i] - ref.y[i])).toBeLessThan(1e-11);
        expect(Math.abs(lds[k] - ref.logDet)).toBeLessThan(1e-11);
      }
    });
  }

  test("initial parameters follow NumPyro's distributions (glorot_uniform W, log U ws, U bias)", () => {
    const d = 7;
    const factors = [1, 8, 8, 1];
    const wScaled: number[] = [];
    const expWs: number[] = [];
    const bScaled: number[] = [];
    let outsideNonZero = 0;
    for (let seed = 0; seed < 20; seed++) {
      const p = initBnafParams(key(seed), d);
      for (let l = 0; l < 3; l++) {
        const pf = factors[l];
        const q = factors[l + 1];
        const outDim = d * q;
        const W = p[`bnaf0_w${l}`].toArray();
        for (let r = 0; r < d * pf; r++)
          for (let c = 0; c < outDim; c++) {
            const i = Math.floor(c / q); // output block
            if (r < (i + 1) * pf)
              wScaled.push(W[r * outDim + c] / Math.sqrt(6 / ((i + 1) * pf + q)));
            else if (W[r * outDim + c] !== 0) outsideNonZero++;
          }
        for (const s of p[`bnaf0_logScale${l}`].toArray()) expWs.push(Math.exp(s));
        for (const b of p[`bnaf0_b${l}`].toArray()) bScaled.push(b * Math.sqrt(outDim));
      }
    }
    expect(outsideNonZero).toBe(0);
    // KS critical values at α = 0.001: 1.95/√n (n = 44,800 W entries; 2,380 ws and b entries).
    // A wrong Glorot fan (e.g. √(6/(dp+q)) for every block) or a bias bound of 1/√q instead of
    // 1/√(dq) moves D far above these.
    expect(ksUniform(wScaled)).toBeLessThan(1.95 / Math.sqrt(wScaled.length));
    expect(ksUniform(expWs.map((u) => 2 * u - 1))).toBeLessThan(1.95 / Math.sqrt(expWs.length));
    expect(ksUniform(bScaled)).toBeLessThan(1.95 / Math.sqrt(bScaled.length));
    // admissible W entries per draw: Σ_i (i+1)·p·q = 28·p·q, i.e. 224 + 1,792 + 224;
    // 56 + 56 + 7 scales and biases
    expect(wScaled.length).toBe(20 * (224 + 1792 + 224));
    expect(expWs.length).toBe(20 * 119);
  });

  test("parameter count equals NumPyro's (every W entry is a parameter, masked or not)", () => {
    const d = 7;
    const p = initBnafParams(key(0), d);
    const count = Object.values(p).reduce((s, t) => s + t.size, 0);
    // (7·56 + 56 + 56) + (56·56 + 56 + 56) + (56·7 + 7 + 7)
    expect(count).toBe(4158);
  });

  test("AutoBNAFNormal: u = T(ε) with ε ~ N(0, I), not moved by the init location", () => {
    // The setup's init location (init_to_uniform) is some u₀ ≠ 0; the draws must be the
    // flow's pushforward of N(0, I) alone, as NumPyro's `get_base_dist`.
    const model = defineModel((m, _: null) => {
      m.sample("a", Uniform(0, 1));
      m.sample("s", Exponential(1e-3));
    });
    const guide = AutoBNAFNormal(model);
    const setup = guide.setup(key(3), null);
    const params = setup.initParams;
    const n = 6;
    const drawKey = key(11);
    const u = guide.sampleUnconstrained(drawKey, params, n);
    const eps = normal(drawKey, [n, 2]);
    const ref = bnafForward(params, tensor(eps, [n, 2]));
    const yr = ref.y.toArray();
    for (let k = 0; k < 2 * n; k++) expect(u[k]).toBe(yr[k]);
    // log q(u) = log N(ε; 0, I) − log|det J|
    const { logq } = setup.family.sample(params, tensor(eps, [n, 2]));
    const lq = logq.toArray();
    const ld = ref.logDetJacobian.toArray();
    for (let k = 0; k < n; k++) {
      const e0 = eps[2 * k];
      const e1 = eps[2 * k + 1];
      const base = -0.5 * (e0 * e0 + e1 * e1) - Math.log(2 * Math.PI);
      expect(Math.abs(lq[k] - (base - ld[k]))).toBeLessThan(1e-12);
    }
  });
});
