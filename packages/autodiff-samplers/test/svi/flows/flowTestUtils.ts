/** Finite-difference helpers shared by the flow tests. */
import { slogdet, type Tensor, tensor } from "@sidereal/tensor";

/** A flow map on a batch `[n, d]` returning y `[n, d]`. */
export type FlowMap = (z: Tensor) => Tensor;

/**
 * Central-difference Jacobian J[i][j] = ∂y_i/∂z_j at point z (length d), step h; all 2d
 * perturbed points go through the flow in one batch.
 */
export function numericJacobian(f: FlowMap, z: readonly number[], h = 1e-5): number[][] {
  const d = z.length;
  const pts = new Float64Array(2 * d * d);
  for (let j = 0; j < d; j++)
    for (let k = 0; k < d; k++) {
      pts[2 * j * d + k] = z[k] + (k === j ? h : 0);
      pts[(2 * j + 1) * d + k] = z[k] - (k === j ? h : 0);
    }
  const y = f(tensor(pts, [2 * d, d])).toArray();
  const J: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++)
    for (let i = 0; i < d; i++) J[i][j] = (y[2 * j * d + i] - y[(2 * j + 1) * d + i]) / (2 * h);
  return J;
}

/** log|det J| of a dense Jacobian (LU via the tensor library's slogdet). */
export function logAbsDet(J: readonly (readonly number[])[]): number {
  const d = J.length;
  return slogdet(tensor(J.flat(), [d, d])).logAbsDet.item();
}

/** Named parameters of a flow. */
export type ParamRecord = { readonly [name: string]: Tensor };

/**
 * Checks d/dθ of `loss(params)` from the tensor autodiff against central differences
 * (step h) on up to `perTensor` entries of every parameter tensor (spread over the tensor);
 * returns the largest |autodiff − FD| / (1 + |FD|).
 */
export function maxGradError(
  params: ParamRecord,
  loss: (p: ParamRecord) => Tensor,
  gradOf: (p: ParamRecord) => ParamRecord,
  perTensor = 6,
  h = 1e-5,
): number {
  const grads = gradOf(params);
  let worst = 0;
  for (const [name, t] of Object.entries(params)) {
    const base = t.toArray();
    const g = grads[name].toArray();
    const count = Math.min(perTensor, base.length);
    for (let c = 0; c < count; c++) {
      const k = Math.floor((c * base.length) / count + (base.length > count ? 1 : 0)) % base.length;
      const at = (delta: number) => {
        const b = Float64Array.from(base);
        b[k] += delta;
        return loss({ ...params, [name]: tensor(b, t.shape) }).item();
      };
      const fd = (at(h) - at(-h)) / (2 * h);
      worst = Math.max(worst, Math.abs(g[k] - fd) / (1 + Math.abs(fd)));
    }
  }
  return worst;
}
