import type { Box } from "./bounds.js";
import type { CompactLbfgsMatrix } from "./compactBfgs.js";
import { luSolve } from "./denseLinalg.js";

/**
 * Subspace minimisation by the direct primal method (Byrd, Lu, Nocedal & Zhu
 * 1995, §5.1) with the projection modification of Morales & Nocedal ("Remark
 * on Algorithm 778", ACM TOMS 38(1), 2011).
 *
 * With the variables that are active at the Cauchy point xᶜ held fixed, the
 * quadratic model is minimised over the free variables Z:
 *   rᶜ = −Zᵀ(g + B(xᶜ − x)),  dᵘ = B̂⁻¹rᶜ,  B̂ = ZᵀBZ = θI − Z ᵀW M WᵀZ.
 * By Sherman–Morrison–Woodbury,
 *   B̂⁻¹ = I/θ + (1/θ²) ZᵀW K⁻¹ WᵀZ,   K = M⁻¹ − (1/θ) WᵀZZᵀW,
 * a 2col×2col symmetric indefinite system solved by pivoted LU.
 *
 * The unconstrained step xᶜ + dᵘ is projected onto the box; if the projected
 * point gives a descent direction from x (Morales–Nocedal) it is returned,
 * otherwise the original backtracking to the first bound hit along dᵘ is used.
 *
 * Returns the new target point z (a copy of xᶜ modified on Z), or null when the
 * K system is singular (the caller then resets the limited memory).
 *
 * @param c Wᵀ(xᶜ − x) from the Cauchy step (ignored when `box.constrained` is false)
 */
export function subspaceMinimization(
  x: Float64Array,
  g: Float64Array,
  xcp: Float64Array,
  c: Float64Array,
  free: Int32Array,
  box: Box,
  bfgs: CompactLbfgsMatrix,
): Float64Array | null {
  const z = Float64Array.from(xcp);
  const nsub = free.length;
  const col = bfgs.col;
  if (nsub === 0 || col === 0) return z;
  const theta = bfgs.theta;
  const { s: S, y: Y } = bfgs;

  // Reduced gradient r = −Zᵀ(g + θ(xᶜ − x) − W M c).
  const r = new Float64Array(nsub);
  if (!box.constrained) {
    for (let k = 0; k < nsub; k++) r[k] = -g[free[k]];
  } else {
    const mc = bfgs.middleTimes(c);
    if (mc === null) return null;
    for (let k = 0; k < nsub; k++) {
      const i = free[k];
      let acc = -theta * (xcp[i] - x[i]) - g[i];
      for (let j = 0; j < col; j++) acc += Y[j][i] * mc[j] + theta * S[j][i] * mc[col + j];
      r[k] = acc;
    }
  }

  // wv = WᵀZ r, with W = [Y θS].
  const c2 = 2 * col;
  const wv = new Float64Array(c2);
  for (let j = 0; j < col; j++) {
    let ay = 0;
    let as = 0;
    const yj = Y[j];
    const sj = S[j];
    for (let k = 0; k < nsub; k++) {
      const i = free[k];
      ay += yj[i] * r[k];
      as += sj[i] * r[k];
    }
    wv[j] = ay;
    wv[col + j] = theta * as;
  }

  // K = [[−D − YzᵀYz/θ, Lᵀ − YzᵀSz], [L − SzᵀYz, θ(SᵀS − SzᵀSz)]].
  // With every variable free (Z = I) the inner products are the stored YᵀY, SᵀY and SᵀS
  // (the same sums in the same order, so the same bits), saving O(col²·n) per iteration.
  const allFree = nsub === x.length;
  const kmat = new Float64Array(c2 * c2);
  for (let a = 0; a < col; a++) {
    for (let b = 0; b < col; b++) {
      let yy = 0;
      let ys = 0;
      let ss = 0;
      if (allFree) {
        yy = bfgs.yTy(a, b);
        ys = bfgs.sTy(b, a);
        ss = bfgs.sTs(a, b);
      } else {
        const ya = Y[a];
        const yb = Y[b];
        const sa = S[a];
        const sb = S[b];
        for (let k = 0; k < nsub; k++) {
          const i = free[k];
          yy += ya[i] * yb[i];
          ys += ya[i] * sb[i];
          ss += sa[i] * sb[i];
        }
      }
      kmat[a * c2 + b] = (a === b ? -bfgs.sTy(a, a) : 0) - yy / theta;
      // (Lᵀ)ₐᵦ = Lᵦₐ = sᵦᵀyₐ for b > a
      kmat[a * c2 + col + b] = (b > a ? bfgs.sTy(b, a) : 0) - ys;
      kmat[(col + b) * c2 + a] = kmat[a * c2 + col + b];
      kmat[(col + a) * c2 + col + b] = theta * (bfgs.sTs(a, b) - ss);
    }
  }
  const v = luSolve(kmat, c2, wv);
  if (v === null) return null;

  // dᵘ = (1/θ) r + (1/θ²) ZᵀW v
  const du = new Float64Array(nsub);
  for (let k = 0; k < nsub; k++) {
    const i = free[k];
    let acc = r[k];
    for (let j = 0; j < col; j++) acc += (Y[j][i] * v[j]) / theta + S[j][i] * v[col + j];
    du[k] = acc / theta;
  }

  // Morales–Nocedal: project xᶜ + dᵘ onto the box and keep it if it is a
  // descent direction from x.
  const { lower, upper, kind } = box;
  for (let k = 0; k < nsub; k++) {
    const i = free[k];
    const t = xcp[i] + du[k];
    const kk = kind[i];
    z[i] =
      kk === 0
        ? t
        : kk === 1
          ? Math.max(lower[i], t)
          : kk === 3
            ? Math.min(upper[i], t)
            : Math.min(upper[i], Math.max(lower[i], t));
  }
  let ddp = 0;
  for (let i = 0; i < x.length; i++) ddp += (z[i] - x[i]) * g[i];
  if (ddp <= 0) return z;

  // Fallback: truncate the step at the first bound encountered along dᵘ.
  z.set(xcp);
  let alpha = 1;
  let ibd = -1;
  for (let k = 0; k < nsub; k++) {
    const i = free[k];
    const dk = du[k];
    const kk = kind[i];
    if (kk === 0) continue;
    let temp = alpha;
    if (dk < 0 && kk <= 2) {
      const t2 = lower[i] - xcp[i];
      if (t2 >= 0) temp = 0;
      else if (dk * alpha < t2) temp = t2 / dk;
    } else if (dk > 0 && kk >= 2) {
      const t2 = upper[i] - xcp[i];
      if (t2 <= 0) temp = 0;
      else if (dk * alpha > t2) temp = t2 / dk;
    }
    if (temp < alpha) {
      alpha = temp;
      ibd = k;
    }
  }
  if (alpha < 1 && ibd >= 0) {
    const i = free[ibd];
    const dk = du[ibd];
    if (dk > 0) z[i] = upper[i];
    else if (dk < 0) z[i] = lower[i];
    du[ibd] = 0;
  }
  for (let k = 0; k < nsub; k++) z[free[k]] += alpha * du[k];
  return z;
}
