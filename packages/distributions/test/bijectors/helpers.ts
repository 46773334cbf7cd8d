/**
 * Test helpers: a tiny normal `Distribution` (the real `Normal` is written elsewhere),
 * numerical Jacobians by central differences, and free-coordinate projections.
 */
import {
  add,
  broadcastShapes,
  div,
  log,
  mul,
  type Shape,
  slogdet,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import type { Constraint } from "../../src/constraints/constraint.js";
import { real } from "../../src/constraints/index.js";
import { Distribution } from "../../src/distribution.js";
import { normal, type PRNGKey } from "../../src/random/index.js";

/** Normal(loc, scale) with batch shape broadcast(loc, scale): test-only. */
export class TestNormal extends Distribution {
  readonly name = "TestNormal";
  readonly batchShape: Shape;
  readonly eventShape: Shape = [];
  readonly support: Constraint = real;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly scale: Tensor;
  constructor(loc: TensorLike = 0, scale: TensorLike = 1) {
    super();
    this.loc = toTensor(loc);
    this.scale = toTensor(scale);
    this.batchShape = broadcastShapes("TestNormal", this.loc.shape, this.scale.shape);
  }
  logProb(value: TensorLike): Tensor {
    const z = div(sub(value, this.loc), this.scale);
    return sub(mul(-0.5, square(z)), add(log(this.scale), 0.5 * Math.log(2 * Math.PI)));
  }
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = [...sampleShape, ...this.batchShape];
    return add(this.loc, mul(this.scale, tensor(normal(key, shape), shape)));
  }
  override get mean(): Tensor {
    return this.loc;
  }
}

/** J[i][j] = ∂f_i/∂x_j by central differences with step h; returns log|det J| (square J). */
export function numericalLogAbsDet(
  f: (x: Float64Array) => Float64Array,
  x: Float64Array,
  h = 1e-5,
): number {
  const n = x.length;
  const m = f(x).length;
  if (m !== n) throw new Error(`Jacobian is ${m}×${n}, not square`);
  const jac = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const xp = x.slice();
    const xm = x.slice();
    xp[j] += h;
    xm[j] -= h;
    const fp = f(xp);
    const fm = f(xm);
    for (let i = 0; i < n; i++) jac[i * n + j] = (fp[i] - fm[i]) / (2 * h);
  }
  return slogdet(tensor(jac, [n, n])).logAbsDet.item();
}

/** Flat positions (i*K + j) of the lower triangle with diagonal, row by row. */
export function lowerPositions(k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) out.push(i * k + j);
  return out;
}
/** Flat positions of the strictly-lower triangle, row by row. */
export function strictLowerPositionsOf(k: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < k; i++) for (let j = 0; j < i; j++) out.push(i * k + j);
  return out;
}
/** Picks entries of a flat array. */
export const pick = (y: Float64Array, idx: readonly number[]): Float64Array =>
  Float64Array.from(idx, (i) => y[i]);

/** Largest absolute difference of two arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
