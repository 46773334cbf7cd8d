/**
 * Test helpers shared by the multivariate, discrete and mixture tests: relative-error
 * assertions, central finite differences, and a tiny Normal distribution (the real one is
 * written concurrently in src/continuous).
 */
import {
  add,
  div,
  eq,
  log,
  mul,
  type Shape,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import { expect } from "vitest";
import { real } from "../../src/constraints/index.js";
import { Distribution } from "../../src/distribution.js";
import { normal, type PRNGKey } from "../../src/random/index.js";

/** max |a - b| / max(|b|, floor) over the elements. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  }
  return m;
}

export function expectRel(
  a: Tensor | ArrayLike<number>,
  b: ArrayLike<number>,
  tol: number,
): number {
  const av =
    a instanceof Object && "toArray" in a ? (a as Tensor).toArray() : (a as ArrayLike<number>);
  const e = maxRelErr(av, b);
  expect(e).toBeLessThanOrEqual(tol);
  return e;
}

/** Central finite-difference gradient of a scalar function of a flat parameter vector. */
export function finiteDiff(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  h = 1e-6,
): Float64Array {
  const g = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i++) {
    const xp = Float64Array.from(x0);
    const xm = Float64Array.from(x0);
    xp[i] += h;
    xm[i] -= h;
    g[i] = (f(xp) - f(xm)) / (2 * h);
  }
  return g;
}

/** Flat array from nested numbers. */
export const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);

/** Sample mean/variance of the rows `[n, ...rest]` of a flat array. */
export function moments(
  data: Float64Array,
  n: number,
): { mean: Float64Array; variance: Float64Array } {
  const d = data.length / n;
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) variance[j] += (data[i * d + j] - mean[j]) ** 2 / (n - 1);
  return { mean, variance };
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Minimal Normal(loc, scale) for tests: log p = -½((x-μ)/σ)² - log σ - ½ log 2π. */
export class TestNormal extends Distribution {
  readonly name = "TestNormal";
  readonly batchShape: Shape;
  readonly eventShape: Shape = [];
  readonly support = real;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly scale: Tensor;
  constructor(loc: TensorLike, scale: TensorLike) {
    super();
    const l = toTensor(loc);
    const s = toTensor(scale);
    this.loc = add(l, mul(s, 0));
    this.scale = add(s, mul(l, 0));
    this.batchShape = this.loc.shape;
  }
  logProb(value: TensorLike): Tensor {
    const z = div(sub(value, this.loc), this.scale);
    return sub(sub(mul(square(z), -0.5), log(this.scale)), HALF_LOG_2PI);
  }
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    return add(this.loc, mul(this.scale, tensor(normal(key, shape), shape)));
  }
  override get mean(): Tensor {
    return this.loc;
  }
  override get variance(): Tensor {
    return square(this.scale);
  }
}

/** A Normal restricted to x > 0 (support "positive"), for support-mismatch tests. */
export class TestHalfNormal extends TestNormal {
  override readonly support = {
    name: "positive",
    eventDim: 0,
    check: (v: TensorLike) => toTensor(v),
  };
  override logProb(value: TensorLike): Tensor {
    return where(eq(value, value), super.logProb(value), 0);
  }
}
