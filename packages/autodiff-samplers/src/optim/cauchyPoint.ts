import type { Box } from "./bounds.js";
import type { CompactLbfgsMatrix } from "./compactBfgs.js";
import { dot } from "./denseLinalg.js";

const EPS = 2.220446049250313e-16;

/**
 * Variable status codes used across the L-BFGS-B pieces (`iwhere`):
 * -1 never bounded, 0 free with bounds, -3 free with zero gradient,
 * 1 fixed at its lower bound, 2 fixed at its upper bound, 3 lower = upper.
 */
export type VariableStatus = Int8Array;

/** Initial variable status for a box: -1 unbounded, 3 fixed (l = u), else 0. */
export function initialStatus(box: Box): VariableStatus {
  const n = box.kind.length;
  const st = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    if (box.kind[i] === 0) st[i] = -1;
    else if (box.kind[i] === 2 && box.upper[i] - box.lower[i] <= 0) st[i] = 3;
  }
  return st;
}

/** The generalized Cauchy point and the quantity c = Wᵀ(xᶜ − x). */
export interface CauchyPoint {
  /** The GCP xᶜ. */
  readonly xcp: Float64Array;
  /** c = Wᵀ(xᶜ − x), length 2·col. */
  readonly c: Float64Array;
  /** Number of segments of the projected path explored. */
  readonly segments: number;
}

/**
 * Generalized Cauchy point (Byrd, Lu, Nocedal & Zhu 1995, §4, Algorithm CP):
 * the first local minimiser of the quadratic model
 *   m(x + d) = f + gᵀd + ½ dᵀBd
 * along the piecewise-linear projected steepest-descent path P(x − t g).
 * Breakpoints are visited in increasing order of t; on each segment the model's
 * first and second directional derivatives f′, f″ are updated in O(m) using
 * B = θI − WMWᵀ. `status` is updated in place: variables that reach a bound
 * become 1/2. Returns null if a product with M failed.
 *
 * @param sbgnrm infinity norm of the projected gradient at x
 */
export function generalizedCauchyPoint(
  x: Float64Array,
  g: Float64Array,
  box: Box,
  status: VariableStatus,
  bfgs: CompactLbfgsMatrix,
  sbgnrm: number,
): CauchyPoint | null {
  const n = x.length;
  const col = bfgs.col;
  const theta = bfgs.theta;
  const xcp = Float64Array.from(x);
  const c = new Float64Array(2 * col);
  if (sbgnrm <= 0) return { xcp, c, segments: 0 };

  const p = new Float64Array(2 * col);
  const d = new Float64Array(n);
  const { lower, upper, kind } = box;
  const breakT: number[] = [];
  const breakI: number[] = [];
  let bounded = true;
  let f1 = 0;

  for (let i = 0; i < n; i++) {
    const neggi = -g[i];
    const k = kind[i];
    let tl = 0;
    let tu = 0;
    if (status[i] !== 3 && status[i] !== -1) {
      if (k <= 2) tl = x[i] - lower[i];
      if (k >= 2) tu = upper[i] - x[i];
      const atLower = k <= 2 && tl <= 0;
      const atUpper = k >= 2 && tu <= 0;
      status[i] = 0;
      if (atLower) {
        if (neggi <= 0) status[i] = 1;
      } else if (atUpper) {
        if (neggi >= 0) status[i] = 2;
      } else if (Math.abs(neggi) <= 0) {
        status[i] = -3;
      }
    }
    if (status[i] !== 0 && status[i] !== -1) {
      d[i] = 0;
      continue;
    }
    d[i] = neggi;
    f1 -= neggi * neggi;
    for (let j = 0; j < col; j++) {
      p[j] += bfgs.y[j][i] * neggi;
      p[col + j] += bfgs.s[j][i] * neggi;
    }
    if (k !== 0 && k <= 2 && neggi < 0) {
      breakT.push(tl / -neggi);
      breakI.push(i);
    } else if (k >= 2 && neggi > 0) {
      breakT.push(tu / neggi);
      breakI.push(i);
    } else if (Math.abs(neggi) > 0) {
      bounded = false;
    }
  }
  for (let j = 0; j < col; j++) p[col + j] *= theta;

  let f2 = -theta * f1;
  const f2Org = f2;
  if (col > 0) {
    const v = bfgs.middleTimes(p);
    if (v === null) return null;
    f2 -= dot(v, p);
  }
  let dtm = -f1 / f2;
  let tsum = 0;
  let segments = 1;
  const nbreak = breakT.length;

  if (nbreak > 0) {
    const order = Array.from({ length: nbreak }, (_, j) => j);
    order.sort((a, b) => breakT[a] - breakT[b] || breakI[a] - breakI[b]);
    const wbp = new Float64Array(2 * col);
    let nleft = nbreak;
    let tj = 0;
    for (let idx = 0; idx < nbreak; idx++) {
      const tj0 = tj;
      tj = breakT[order[idx]];
      const ibp = breakI[order[idx]];
      const dt = tj - tj0;
      if (dtm < dt) break;
      // The minimiser lies beyond this breakpoint: fix variable ibp at its bound.
      tsum += dt;
      nleft--;
      const dibp = d[ibp];
      d[ibp] = 0;
      let zibp: number;
      if (dibp > 0) {
        zibp = upper[ibp] - x[ibp];
        xcp[ibp] = upper[ibp];
        status[ibp] = 2;
      } else {
        zibp = lower[ibp] - x[ibp];
        xcp[ibp] = lower[ibp];
        status[ibp] = 1;
      }
      if (nleft === 0 && nbreak === n) {
        // Every variable is now at a bound: xcp is the GCP.
        for (let j = 0; j < 2 * col; j++) c[j] += dt * p[j];
        return { xcp, c, segments };
      }
      segments++;
      const dibp2 = dibp * dibp;
      f1 = f1 + dt * f2 + dibp2 - theta * dibp * zibp;
      f2 = f2 - theta * dibp2;
      if (col > 0) {
        for (let j = 0; j < 2 * col; j++) c[j] += dt * p[j];
        bfgs.wRow(ibp, wbp);
        const v = bfgs.middleTimes(wbp);
        if (v === null) return null;
        const wmc = dot(v, c);
        const wmp = dot(v, p);
        const wmw = dot(v, wbp);
        for (let j = 0; j < 2 * col; j++) p[j] -= dibp * wbp[j];
        f1 += dibp * wmc;
        f2 += 2 * dibp * wmp - dibp2 * wmw;
      }
      f2 = Math.max(EPS * f2Org, f2);
      if (nleft > 0) {
        dtm = -f1 / f2;
      } else if (bounded) {
        f1 = 0;
        f2 = 0;
        dtm = 0;
      } else {
        dtm = -f1 / f2;
      }
    }
  }
  if (dtm <= 0) dtm = 0;
  tsum += dtm;
  for (let i = 0; i < n; i++) xcp[i] += tsum * d[i];
  for (let j = 0; j < 2 * col; j++) c[j] += dtm * p[j];
  return { xcp, c, segments };
}

/** Indices of the variables that are free at the Cauchy point (status ≤ 0). */
export function freeVariables(status: VariableStatus): Int32Array {
  let count = 0;
  for (let i = 0; i < status.length; i++) if (status[i] <= 0) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < status.length; i++) if (status[i] <= 0) out[k++] = i;
  return out;
}
