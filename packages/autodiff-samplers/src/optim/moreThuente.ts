/**
 * Moré–Thuente line search (J. J. Moré and D. J. Thuente, "Line search
 * algorithms with guaranteed sufficient decrease", ACM TOMS 20(3), 1994),
 * written from the paper's description as a reverse-communication state
 * machine: the caller evaluates φ(stp) and φ'(stp) and feeds them back.
 *
 * It looks for a step satisfying the strong Wolfe conditions
 *   φ(stp) ≤ φ(0) + ftol·stp·φ'(0)   and   |φ'(stp)| ≤ gtol·|φ'(0)|.
 */

/** Outcome of one line-search call. */
export type LineSearchTask =
  | "FG"
  | "CONVERGENCE"
  | "WARNING: ROUNDING ERRORS PREVENT PROGRESS"
  | "WARNING: XTOL TEST SATISFIED"
  | "WARNING: STP = STPMAX"
  | "WARNING: STP = STPMIN"
  | "ERROR: STP < STPMIN"
  | "ERROR: STP > STPMAX"
  | "ERROR: INITIAL G >= 0";

/** Tolerances and step limits of a Moré–Thuente search. */
export interface MoreThuenteParams {
  /** Sufficient-decrease constant (L-BFGS-B uses 1e-3). */
  readonly ftol: number;
  /** Curvature constant (L-BFGS-B uses 0.9). */
  readonly gtol: number;
  /** Relative width tolerance of the uncertainty interval (L-BFGS-B uses 0.1). */
  readonly xtol: number;
  /** Smallest admissible step. */
  readonly stpmin: number;
  /** Largest admissible step. */
  readonly stpmax: number;
}

const XTRAPL = 1.1;
const XTRAPU = 4.0;

/** Mutable interval state passed to {@link safeguardedStep}. */
interface StepState {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  brackt: boolean;
}

/**
 * One safeguarded trial-step update (the four cases of Moré & Thuente §4):
 * updates the interval of uncertainty in `st` and returns the next trial step.
 */
function safeguardedStep(
  st: StepState,
  stp: number,
  fp: number,
  dp: number,
  stpmin: number,
  stpmax: number,
): number {
  const { stx, fx, dx, sty, fy, dy } = st;
  const sgnd = dp * (dx / Math.abs(dx));
  let stpf: number;
  if (fp > fx) {
    // Case 1: higher function value — the minimum is bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const stpc = stx + (p / q) * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    st.brackt = true;
  } else if (sgnd < 0) {
    // Case 2: lower value, derivatives of opposite sign — bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const stpc = stp + (p / q) * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    st.brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: lower value, same-sign derivative whose magnitude decreases.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (st.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      if (stp > stx) stpf = Math.min(stp + 0.66 * (sty - stp), stpf);
      else stpf = Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else if (st.brackt) {
    // Case 4: lower value, derivative magnitude not decreasing, bracketed.
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dy / s) * (dp / s));
    if (stp > sty) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dy;
    stpf = stp + (p / q) * (sty - stp);
  } else {
    stpf = stp > stx ? stpmax : stpmin;
  }
  // Update the interval of uncertainty.
  if (fp > fx) {
    st.sty = stp;
    st.fy = fp;
    st.dy = dp;
  } else {
    if (sgnd < 0) {
      st.sty = stx;
      st.fy = fx;
      st.dy = dx;
    }
    st.stx = stp;
    st.fx = fp;
    st.dx = dp;
  }
  return stpf;
}

/**
 * Reverse-communication Moré–Thuente search. Call {@link MoreThuenteSearch.start}
 * with φ(0), φ'(0) and the initial step; while the returned task is `"FG"`,
 * evaluate at `stp` and call {@link MoreThuenteSearch.next}.
 */
export class MoreThuenteSearch {
  private readonly p: MoreThuenteParams;
  private readonly st: StepState = {
    stx: 0,
    fx: 0,
    dx: 0,
    sty: 0,
    fy: 0,
    dy: 0,
    brackt: false,
  };
  private stage = 1;
  private finit = 0;
  private ginit = 0;
  private gtest = 0;
  private width = 0;
  private width1 = 0;
  private stmin = 0;
  private stmax = 0;
  /** Current trial step. */
  stp = 0;

  /** @param params tolerances and step limits. */
  constructor(params: MoreThuenteParams) {
    this.p = params;
  }

  /** Best step found so far (the endpoint with the lowest function value). */
  get bestStep(): number {
    return this.st.stx;
  }

  /** Starts a search from φ(0) = f, φ'(0) = g with initial trial step `stp`. */
  start(f: number, g: number, stp: number): LineSearchTask {
    const { stpmin, stpmax, ftol } = this.p;
    this.stp = stp;
    if (stp < stpmin) return "ERROR: STP < STPMIN";
    if (stp > stpmax) return "ERROR: STP > STPMAX";
    if (g >= 0) return "ERROR: INITIAL G >= 0";
    this.st.brackt = false;
    this.stage = 1;
    this.finit = f;
    this.ginit = g;
    this.gtest = ftol * g;
    this.width = stpmax - stpmin;
    this.width1 = this.width / 0.5;
    Object.assign(this.st, { stx: 0, fx: f, dx: g, sty: 0, fy: f, dy: g });
    this.stmin = 0;
    this.stmax = stp + XTRAPU * stp;
    return "FG";
  }

  /** Feeds φ(stp) = f and φ'(stp) = g; returns the next task (new step in `stp`). */
  next(f: number, g: number): LineSearchTask {
    const { gtol, xtol, stpmin, stpmax } = this.p;
    const st = this.st;
    const stp = this.stp;
    const ftest = this.finit + stp * this.gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;

    let task: LineSearchTask | null = null;
    if (st.brackt && (stp <= this.stmin || stp >= this.stmax)) {
      task = "WARNING: ROUNDING ERRORS PREVENT PROGRESS";
    }
    if (st.brackt && this.stmax - this.stmin <= xtol * this.stmax) {
      task = "WARNING: XTOL TEST SATISFIED";
    }
    if (stp === stpmax && f <= ftest && g <= this.gtest) task = "WARNING: STP = STPMAX";
    if (stp === stpmin && (f > ftest || g >= this.gtest)) task = "WARNING: STP = STPMIN";
    if (f <= ftest && Math.abs(g) <= gtol * -this.ginit) task = "CONVERGENCE";
    if (task !== null) return task;

    let next: number;
    if (this.stage === 1 && f <= st.fx && f > ftest) {
      // Use the modified function ψ(α) = φ(α) - φ(0) - ftol·α·φ'(0) in stage 1.
      const gt = this.gtest;
      const mod: StepState = {
        stx: st.stx,
        fx: st.fx - st.stx * gt,
        dx: st.dx - gt,
        sty: st.sty,
        fy: st.fy - st.sty * gt,
        dy: st.dy - gt,
        brackt: st.brackt,
      };
      next = safeguardedStep(mod, stp, f - stp * gt, g - gt, this.stmin, this.stmax);
      st.stx = mod.stx;
      st.sty = mod.sty;
      st.brackt = mod.brackt;
      st.fx = mod.fx + mod.stx * gt;
      st.fy = mod.fy + mod.sty * gt;
      st.dx = mod.dx + gt;
      st.dy = mod.dy + gt;
    } else {
      next = safeguardedStep(st, stp, f, g, this.stmin, this.stmax);
    }

    if (st.brackt) {
      if (Math.abs(st.sty - st.stx) >= 0.66 * this.width1) next = st.stx + 0.5 * (st.sty - st.stx);
      this.width1 = this.width;
      this.width = Math.abs(st.sty - st.stx);
    }
    if (st.brackt) {
      this.stmin = Math.min(st.stx, st.sty);
      this.stmax = Math.max(st.stx, st.sty);
    } else {
      this.stmin = next + XTRAPL * (next - st.stx);
      this.stmax = next + XTRAPU * (next - st.stx);
    }
    next = Math.min(Math.max(next, stpmin), stpmax);
    if (
      (st.brackt && (next <= this.stmin || next >= this.stmax)) ||
      (st.brackt && this.stmax - this.stmin <= xtol * this.stmax)
    ) {
      next = st.stx;
    }
    this.stp = next;
    return "FG";
  }

  /**
   * Replaces the pending trial step (used by the caller to back off from a
   * point where the objective was not finite).
   */
  setTrialStep(stp: number): void {
    this.stp = stp;
  }
}
