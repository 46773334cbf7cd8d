/**
 * Properties of every case in the table: normalisation, sample moments and a KS test
 * (fixed keys), gradients against finite differences, out-of-support behaviour.
 */
import { grad, type Tensor, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { key, split } from "../../src/random/index.js";
import { build, CASES, type Case, caseLabel } from "./cases.js";
import {
  centralDiff,
  deNodes,
  integrate,
  kolmogorovPValue,
  moments,
  numericCdf,
} from "./helpers.js";

const N = 20000;

/** Parameters of a case as one list (TruncatedNormal bounds appended). */
function allParams(c: Case): number[] {
  return [
    ...c.args,
    ...(c.bounds?.low !== undefined ? [c.bounds.low] : []),
    ...(c.bounds?.high !== undefined ? [c.bounds.high] : []),
  ];
}
function buildFrom(c: Case, ps: readonly (Tensor | number)[]) {
  const k = c.args.length;
  const bounds: { low?: Tensor | number; high?: Tensor | number } = {};
  let j = k;
  if (c.bounds?.low !== undefined) bounds.low = ps[j++];
  if (c.bounds?.high !== undefined) bounds.high = ps[j++];
  return build(c.name, ps.slice(0, k), bounds);
}

function totalMass(c: Case): number {
  const d = buildFrom(c, allParams(c));
  const dom = c.domain;
  const mass = (nodes: ReturnType<typeof deNodes>) =>
    integrate(nodes, d.logProb(nodes.x).toArray());
  if (dom.kind === "interval") return mass(deNodes("interval", dom.low, dom.high));
  if (dom.kind === "positive") return mass(deNodes("half", dom.from ?? 0));
  const c0 = dom.split ?? 0;
  const right = deNodes("half", c0);
  const left = deNodes("half", 0);
  left.x = left.x.map((x) => c0 - x);
  return mass(right) + mass(left);
}

describe.each(CASES.map((c) => [caseLabel(c), c] as const))("%s", (_label, c) => {
  const d = buildFrom(c, allParams(c));

  it("integrates to 1 (double-exponential quadrature, 1e-10)", () => {
    expect(Math.abs(totalMass(c) - 1)).toBeLessThan(1e-10);
  });

  it("sample moments within 5 standard errors and a KS test (n = 20000, fixed key)", () => {
    const [k1] = split(key(20240611), 2);
    const x = d.sample(k1, [N]);
    expect(x.shape).toEqual([N]);
    const xs = x.toArray();
    if (c.moments) {
      const m = moments(xs);
      const mean = d.mean.item();
      const variance = d.variance.item();
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * m.seMean);
      expect(Math.abs(m.variance - variance)).toBeLessThan(5 * m.seVariance);
    }
    const sorted = Float64Array.from(xs).sort();
    let cdfValues: Float64Array;
    if (c.cdf) {
      cdfValues = d.cdf(sorted).toArray();
    } else {
      const dom = c.domain;
      const [lo, hi] = dom.kind === "interval" ? [dom.low, dom.high] : [-80, 80];
      const n = 200001;
      const grid = new Float64Array(n).map((_, i) => lo + ((hi - lo) * i) / (n - 1));
      const f = numericCdf(grid, d.logProb(grid).toArray());
      cdfValues = sorted.map(f);
    }
    let dStat = 0;
    for (let i = 0; i < N; i++)
      dStat = Math.max(dStat, (i + 1) / N - cdfValues[i], cdfValues[i] - i / N);
    expect(kolmogorovPValue(dStat, N)).toBeGreaterThan(1e-3);
  });

  it("gradients of logProb (value and parameters) match central differences (1e-6)", () => {
    const ps = allParams(c);
    const f = (x: Tensor, ...p: Tensor[]) => buildFrom(c, p).logProb(x);
    for (const v of c.points) {
      const g = grad(f)(v, ...ps).map((t) => t.item());
      const fx = (x: number) => buildFrom(c, ps).logProb(x).item();
      const want = [centralDiff(fx, v)];
      for (let j = 0; j < ps.length; j++) {
        want.push(
          centralDiff(
            (pj) =>
              buildFrom(
                c,
                ps.map((p, i) => (i === j ? pj : p)),
              )
                .logProb(v)
                .item(),
            ps[j],
          ),
        );
      }
      want.forEach((w, j) => {
        expect(Math.abs(g[j] - w), `d/d#${j} at x = ${v}: ${g[j]} vs ${w}`).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(w)),
        );
      });
    }
  });

  it("is -Infinity with zero gradients outside the support, and NaN for NaN", () => {
    expect(Number.isNaN(d.logProb(Number.NaN).item())).toBe(true);
    if (c.outside === undefined) return;
    expect(d.logProb(c.outside).item()).toBe(Number.NEGATIVE_INFINITY);
    const g = grad((x: Tensor, ...p: Tensor[]) => buildFrom(c, p).logProb(x))(
      c.outside,
      ...allParams(c),
    );
    for (const t of g) expect(t.item() === 0, `gradient ${t.item()}`).toBe(true);
  });
});

describe("shapes", () => {
  it("parameters broadcast to batchShape; samples and logProb have sampleShape + batchShape", () => {
    const d = build("Normal", [tensor([0, 1, 2]), tensor([[1], [2]])]);
    expect(d.batchShape).toEqual([2, 3]);
    expect(d.eventShape).toEqual([]);
    expect(d.sample(key(1), [4]).shape).toEqual([4, 2, 3]);
    expect(d.logProb(0).shape).toEqual([2, 3]);
    expect(d.mean.shape).toEqual([2, 3]);
    const g = build("Gamma", [tensor([1, 2, 3]), 2]);
    expect(g.sample(key(2), [5]).shape).toEqual([5, 3]);
    expect(g.variance.shape).toEqual([3]);
  });
});
