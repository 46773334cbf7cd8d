import { foldIn, type PRNGKey, split, uniform } from "@sidereal/distributions";
import { McmcParameterError } from "./errors.js";
import { leapfrogInPlace, type MutableIntegratorState } from "./integrators.js";
import { type Metric, metricCache } from "./metric.js";
import { checkInteger, checkKernelCall } from "./params.js";
import { initState } from "./state.js";
import {
  asSamplingAlgorithm,
  type Mutable,
  type SamplingAlgorithm,
  type TunableKernel,
  tunableKernel,
} from "./kernel.js";
import type { HMCState, KernelParams, MutableHMCState, Potential } from "./types.js";

/** Diagnostics of one NUTS transition (Stan's sampler parameters). */
export interface NUTSInfo {
  /**
   * Mean Metropolis acceptance probability `min(1, exp(H₀ − H))` over every leapfrog point of
   * the trajectory, including those of a rejected last subtree (Stan's `accept_stat__`).
   */
  readonly acceptanceRate: number;
  /** Whether any leaf had energy error `H − H₀` above the threshold (or non-finite energy). */
  readonly isDivergent: boolean;
  /** Hamiltonian `U + K` of the selected point (Stan's `energy__`). */
  readonly energy: number;
  /** Leapfrog steps (= gradient evaluations) taken (Stan's `n_leapfrog__`). */
  readonly numSteps: number;
  /** Number of completed doublings (Stan's `treedepth__`). */
  readonly treeDepth: number;
}

/** Writable {@link NUTSInfo} for {@link NUTSKernel.stepInto}. */
export type MutableNUTSInfo = Mutable<NUTSInfo>;

/** Options of {@link buildNUTSKernel}. */
export interface NUTSKernelOptions {
  /** Potential energy `U = −log p` with gradient. */
  readonly potential: Potential;
  /** Maximum number of trajectory doublings (default 10: at most 2¹⁰ − 1 leapfrog steps). */
  readonly maxTreeDepth?: number;
  /** Energy error `H − H₀` above which a leaf is divergent (default 1000, as Stan). */
  readonly divergenceThreshold?: number;
}

/**
 * A No-U-Turn sampler kernel: `step` returns a fresh state; `stepInto` allocates nothing per
 * leaf (per transition only the keys, the momentum draw and one batch of uniforms per
 * doubling).
 */
export type NUTSKernel = TunableKernel<NUTSInfo>;

interface Proposal {
  position: Float64Array;
  grad: Float64Array;
  potentialEnergy: number;
  energy: number;
}

interface Level {
  rhoInit: Float64Array;
  rhoFinal: Float64Array;
  pInitEnd: Float64Array;
  pSharpInitEnd: Float64Array;
  pFinalBeg: Float64Array;
  pSharpFinalBeg: Float64Array;
  proposalFinal: Proposal;
}

function newProposal(d: number): Proposal {
  return {
    position: new Float64Array(d),
    grad: new Float64Array(d),
    potentialEnergy: 0,
    energy: 0,
  };
}

function newPhasePoint(d: number): MutableIntegratorState {
  return {
    position: new Float64Array(d),
    momentum: new Float64Array(d),
    potentialEnergy: 0,
    potentialGrad: new Float64Array(d),
  };
}

/** Moves `from`'s contents into `to` by swapping buffers (both are workspace-owned). */
function takeProposal(to: Proposal, from: Proposal): void {
  const q = to.position;
  const g = to.grad;
  to.position = from.position;
  to.grad = from.grad;
  from.position = q;
  from.grad = g;
  to.potentialEnergy = from.potentialEnergy;
  to.energy = from.energy;
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Merges two adjacent sub-trajectories A (earlier in integration order) and B and applies the
 * generalised no-U-turn criterion (Betancourt 2017, arXiv:1701.02434, appendix A.4.2): with
 * `ρ` a momentum sum and `p♯ = M⁻¹p` at the two ends of a trajectory, it continues while
 * `p♯₋·ρ > 0` and `p♯₊·ρ > 0`. Writes `rho = rhoA + rhoB` and checks (1) the merged trajectory
 * (ends `sharpBeg`, `sharpEnd`), and, when `extra` is set, (2) A extended by B's first point
 * (`rhoA + pBBeg`, ends `sharpBeg`, `sharpBBeg`) and (3) B extended by A's last point
 * (`rhoB + pAEnd`, ends `sharpAEnd`, `sharpEnd`) — Stan's additional checks across the
 * junction. When A and B are single points, (2) and (3) coincide with (1) and are skipped.
 * One fused pass over the coordinates.
 */
function mergeCheck(
  sharpBeg: Float64Array,
  sharpEnd: Float64Array,
  rho: Float64Array,
  rhoA: Float64Array,
  rhoB: Float64Array,
  pAEnd: Float64Array,
  sharpAEnd: Float64Array,
  pBBeg: Float64Array,
  sharpBBeg: Float64Array,
  extra: boolean,
  d: number,
): boolean {
  let a = 0;
  let b = 0;
  if (!extra) {
    for (let i = 0; i < d; i++) {
      const r = rhoA[i] + rhoB[i];
      rho[i] = r;
      a += sharpBeg[i] * r;
      b += sharpEnd[i] * r;
    }
    return a > 0 && b > 0;
  }
  let c = 0;
  let e = 0;
  let f = 0;
  let h = 0;
  for (let i = 0; i < d; i++) {
    const ra = rhoA[i];
    const rb = rhoB[i];
    const r = ra + rb;
    rho[i] = r;
    const sb = sharpBeg[i];
    const se = sharpEnd[i];
    a += sb * r;
    b += se * r;
    const r2 = ra + pBBeg[i];
    c += sb * r2;
    e += sharpBBeg[i] * r2;
    const r3 = rb + pAEnd[i];
    f += sharpAEnd[i] * r3;
    h += se * r3;
  }
  return a > 0 && b > 0 && c > 0 && e > 0 && f > 0 && h > 0;
}

/** Per-dimension buffers and the tree builder; one per kernel, reused across transitions. */
class Workspace {
  readonly d: number;
  readonly fwd: MutableIntegratorState;
  readonly bck: MutableIntegratorState;
  readonly levels: Level[] = [];
  readonly rho: Float64Array;
  readonly pFwd: Float64Array;
  readonly pSharpFwd: Float64Array;
  readonly pBck: Float64Array;
  readonly pSharpBck: Float64Array;
  readonly rhoNew: Float64Array;
  readonly pNewBeg: Float64Array;
  readonly pSharpNewBeg: Float64Array;
  readonly pNewEnd: Float64Array;
  readonly pSharpNewEnd: Float64Array;
  readonly sample: Proposal;
  readonly proposalNew: Proposal;

  potential: Potential;
  metric: Metric | undefined;
  threshold: number;
  stepSize = 0;
  h0 = 0;
  sumMetroProb = 0;
  numLeapfrog = 0;
  divergent = false;
  /** log-sum-weight of the subtree built by the last `build` call. */
  lsw = 0;
  uniforms: Float64Array = new Float64Array(0);
  uIndex = 0;

  constructor(d: number, potential: Potential, threshold: number) {
    this.d = d;
    this.potential = potential;
    this.threshold = threshold;
    this.metric = undefined;
    this.fwd = newPhasePoint(d);
    this.bck = newPhasePoint(d);
    this.rho = new Float64Array(d);
    this.pFwd = new Float64Array(d);
    this.pSharpFwd = new Float64Array(d);
    this.pBck = new Float64Array(d);
    this.pSharpBck = new Float64Array(d);
    this.rhoNew = new Float64Array(d);
    this.pNewBeg = new Float64Array(d);
    this.pSharpNewBeg = new Float64Array(d);
    this.pNewEnd = new Float64Array(d);
    this.pSharpNewEnd = new Float64Array(d);
    this.sample = newProposal(d);
    this.proposalNew = newProposal(d);
  }

  level(depth: number): Level {
    while (this.levels.length <= depth) {
      const d = this.d;
      this.levels.push({
        rhoInit: new Float64Array(d),
        rhoFinal: new Float64Array(d),
        pInitEnd: new Float64Array(d),
        pSharpInitEnd: new Float64Array(d),
        pFinalBeg: new Float64Array(d),
        pSharpFinalBeg: new Float64Array(d),
        proposalFinal: newProposal(d),
      });
    }
    return this.levels[depth];
  }

  /**
   * Builds a subtree of `2^depth` leapfrog steps from `z` in the direction of `this.stepSize`
   * (Hoffman & Gelman 2014, Alg. 3, with multinomial sampling, Betancourt 2017). Writes the
   * selected point into `propose`, the momentum sum into `rho`, the first/last momenta and
   * velocities (in integration order) into `pBeg/pEnd` and `pSharpBeg/pSharpEnd`, and the
   * subtree's log-sum-weight into `this.lsw`. Returns false on divergence or an internal U-turn.
   */
  build(
    depth: number,
    z: MutableIntegratorState,
    propose: Proposal,
    pSharpBeg: Float64Array,
    pSharpEnd: Float64Array,
    rho: Float64Array,
    pBeg: Float64Array,
    pEnd: Float64Array,
  ): boolean {
    const d = this.d;
    const metric = this.metric as Metric;
    if (depth === 0) {
      const kinetic = leapfrogInPlace(this.potential, metric, z, this.stepSize, pSharpBeg);
      this.numLeapfrog++;
      const p = z.momentum;
      let h = z.potentialEnergy + kinetic;
      if (Number.isNaN(h)) h = Number.POSITIVE_INFINITY;
      const logWeight = this.h0 - h;
      if (!(-logWeight <= this.threshold)) this.divergent = true;
      this.lsw = logWeight;
      this.sumMetroProb += logWeight > 0 ? 1 : Math.exp(logWeight);
      propose.position.set(z.position);
      propose.grad.set(z.potentialGrad);
      propose.potentialEnergy = z.potentialEnergy;
      propose.energy = h;
      pSharpEnd.set(pSharpBeg);
      pBeg.set(p);
      pEnd.set(p);
      rho.set(p);
      return !this.divergent;
    }
    const lv = this.level(depth);
    if (
      !this.build(depth - 1, z, propose, pSharpBeg, lv.pSharpInitEnd, lv.rhoInit, pBeg, lv.pInitEnd)
    ) {
      return false;
    }
    const lswInit = this.lsw;
    if (
      !this.build(
        depth - 1,
        z,
        lv.proposalFinal,
        lv.pSharpFinalBeg,
        pSharpEnd,
        lv.rhoFinal,
        lv.pFinalBeg,
        pEnd,
      )
    ) {
      return false;
    }
    const lswFinal = this.lsw;
    const lswSubtree = logAddExp(lswInit, lswFinal);
    this.lsw = lswSubtree;
    // Uniform progressive sampling inside a subtree: take the second half with probability
    // w_final / (w_init + w_final).
    const u = this.uniforms[this.uIndex++];
    if (u < Math.exp(lswFinal - lswSubtree)) takeProposal(propose, lv.proposalFinal);
    return mergeCheck(
      pSharpBeg,
      pSharpEnd,
      rho,
      lv.rhoInit,
      lv.rhoFinal,
      lv.pInitEnd,
      lv.pSharpInitEnd,
      lv.pFinalBeg,
      lv.pSharpFinalBeg,
      depth > 1,
      d,
    );
  }
}

/**
 * Builds a No-U-Turn sampler kernel (Hoffman & Gelman 2014) in its modern form (Betancourt
 * 2017, arXiv:1701.02434, appendix A; as in Stan and NumPyro):
 *
 * - momentum `p ~ N(0, M)`; the trajectory doubles (direction uniform) until a U-turn, a
 *   divergence or `maxTreeDepth` doublings;
 * - multinomial sampling with weights `exp(H₀ − H)`: uniform progressive sampling inside each
 *   new subtree, biased progressive sampling at the top level (the new subtree is taken with
 *   probability `min(1, w_new / w_old)`);
 * - the generalised no-U-turn criterion on momentum sums `ρ`, checked on every merged subtree
 *   and on the whole trajectory, plus the two extra checks across each junction (each half
 *   extended by the adjacent point of the other half). At the top level the old trajectory's
 *   true boundary momenta are used;
 * - a leaf is divergent when `H − H₀ > divergenceThreshold` (or `H` is NaN).
 *
 * Randomness: `split(key)` gives the momentum key and the tree key; doubling `j` draws
 * `uniform(foldIn(treeKey, j), [2^j + 1])` (direction, top-level selection, then one number per
 * subtree merge), so a transition is a deterministic function of the key.
 *
 * Throws `McmcParameterError` for a bad `maxTreeDepth` or step size, `McmcShapeError` for
 * mismatched lengths, `McmcValueError` for a non-positive-definite dense inverse mass matrix.
 */
export function buildNUTSKernel(options: NUTSKernelOptions): NUTSKernel {
  const { potential } = options;
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  const threshold = options.divergenceThreshold ?? 1000;
  checkInteger(maxTreeDepth, 1, "buildNUTSKernel: maxTreeDepth");
  if (maxTreeDepth > 30) {
    throw new McmcParameterError(
      `buildNUTSKernel: maxTreeDepth must be <= 30, got ${maxTreeDepth}`,
    );
  }
  const getMetric = metricCache();
  let ws: Workspace | undefined;

  const stepInto = (
    key: PRNGKey,
    state: HMCState,
    params: KernelParams,
    out: MutableHMCState,
    info: MutableNUTSInfo,
  ): void => {
    checkKernelCall(state, params, "nuts");
    const d = state.position.length;
    const metric = getMetric(params.inverseMassMatrix, d);
    if (ws === undefined || ws.d !== d) ws = new Workspace(d, potential, threshold);
    const w = ws;
    w.metric = metric;
    const [kMomentum, kTree] = split(key, 2);

    const fwd = w.fwd;
    const bck = w.bck;
    fwd.position.set(state.position);
    fwd.potentialGrad.set(state.potentialGrad);
    fwd.potentialEnergy = state.potentialEnergy;
    metric.sampleMomentum(kMomentum, fwd.momentum);
    bck.position.set(fwd.position);
    bck.potentialGrad.set(fwd.potentialGrad);
    bck.momentum.set(fwd.momentum);
    bck.potentialEnergy = fwd.potentialEnergy;

    const p0 = fwd.momentum;
    metric.velocity(p0, w.pSharpFwd);
    w.pSharpBck.set(w.pSharpFwd);
    w.pFwd.set(p0);
    w.pBck.set(p0);
    w.rho.set(p0);
    const h0 = state.potentialEnergy + 0.5 * dot(p0, w.pSharpFwd, d);
    w.h0 = h0;
    w.sumMetroProb = 0;
    w.numLeapfrog = 0;
    w.divergent = false;
    const sample = w.sample;
    sample.position.set(state.position);
    sample.grad.set(state.potentialGrad);
    sample.potentialEnergy = state.potentialEnergy;
    sample.energy = h0;

    let logSumWeight = 0;
    let depth = 0;
    while (depth < maxTreeDepth) {
      w.uniforms = uniform(foldIn(kTree, depth), [2 ** depth + 1]);
      const forward = w.uniforms[0] >= 0.5;
      w.uIndex = 2;
      w.stepSize = forward ? params.stepSize : -params.stepSize;
      const valid = w.build(
        depth,
        forward ? fwd : bck,
        w.proposalNew,
        w.pSharpNewBeg,
        w.pSharpNewEnd,
        w.rhoNew,
        w.pNewBeg,
        w.pNewEnd,
      );
      if (!valid) break;
      depth++;
      const lswNew = w.lsw;
      // Biased progressive sampling (Betancourt 2017, A.3.2): favour the new subtree.
      if (lswNew > logSumWeight || w.uniforms[1] < Math.exp(lswNew - logSumWeight)) {
        takeProposal(sample, w.proposalNew);
      }
      logSumWeight = logAddExp(logSumWeight, lswNew);
      // Merge old (A) and new (B) trajectories in integration order: A's far end is `sharpOldBeg`,
      // its end adjoining B is (`pOldEnd`, `sharpOldEnd`). The true boundary momenta of the old
      // trajectory are used for the junction checks.
      const sharpOldBeg = forward ? w.pSharpBck : w.pSharpFwd;
      const sharpOldEnd = forward ? w.pSharpFwd : w.pSharpBck;
      const pOldEnd = forward ? w.pFwd : w.pBck;
      const persist = mergeCheck(
        sharpOldBeg,
        w.pSharpNewEnd,
        w.rho,
        w.rho,
        w.rhoNew,
        pOldEnd,
        sharpOldEnd,
        w.pNewBeg,
        w.pSharpNewBeg,
        true,
        d,
      );
      pOldEnd.set(w.pNewEnd);
      sharpOldEnd.set(w.pSharpNewEnd);
      if (!persist) break;
    }

    out.position.set(sample.position);
    out.potentialGrad.set(sample.grad);
    out.potentialEnergy = sample.potentialEnergy;
    info.acceptanceRate = w.numLeapfrog > 0 ? w.sumMetroProb / w.numLeapfrog : 0;
    info.isDivergent = w.divergent;
    info.energy = sample.energy;
    info.numSteps = w.numLeapfrog;
    info.treeDepth = depth;
  };

  return tunableKernel(potential, stepInto, newNUTSInfo);
}

function newNUTSInfo(): MutableNUTSInfo {
  return { acceptanceRate: 0, isDivergent: false, energy: 0, numSteps: 0, treeDepth: 0 };
}

/** Options of {@link nuts}: the kernel's options and the tuning parameters it closes over. */
export interface NUTSOptions extends NUTSKernelOptions, KernelParams {}

/**
 * NUTS as a sampling algorithm (BlackJAX's `blackjax.nuts(...)`): closes {@link buildNUTSKernel}
 * over a step size and inverse mass matrix and returns `{ init, step }`. `nuts.init` and
 * `nuts.buildKernel` stay reachable for warmup and custom loops.
 *
 * @example
 * const algorithm = nuts({ potential, stepSize: 0.5, inverseMassMatrix: ones });
 * let state = algorithm.init(position);
 * const [next, info] = algorithm.step(key, state);
 */
export const nuts = Object.assign(
  (options: NUTSOptions): SamplingAlgorithm<NUTSInfo> =>
    asSamplingAlgorithm(buildNUTSKernel(options), options),
  { init: initState, buildKernel: buildNUTSKernel } as const,
);

/** Dot product of the first `d` entries of `a` and `b`. */
function dot(a: Float64Array, b: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += a[i] * b[i];
  return s;
}
