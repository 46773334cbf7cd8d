import { foldIn, type PRNGKey, split, uniform } from "@sidereal/distributions";
import { McmcParameterError } from "./errors.js";
import {
  asSamplingAlgorithm,
  type Mutable,
  type SamplingAlgorithm,
  type TunableKernel,
  tunableKernel,
} from "./kernel.js";
import { metricCache } from "./metric.js";
import {
  logAddExp,
  mergeCheck,
  mergeCheckDiagonal,
  TreeWorkspace,
  takeProposal,
} from "./nutsTree.js";
import { checkInteger, checkKernelCall } from "./params.js";
import { initState } from "./state.js";
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
  let ws: TreeWorkspace | undefined;

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
    if (ws === undefined || ws.d !== d)
      ws = new TreeWorkspace(d, potential, threshold, maxTreeDepth);
    const w = ws;
    w.setMetric(metric);
    const a = w.arena;
    const [kMomentum, kTree] = split(key, 2);

    const fwd = w.fwd;
    const bck = w.bck;
    w.own(fwd);
    w.own(bck);
    fwd.pending = false;
    bck.pending = false;
    w.view(fwd.q).set(state.position);
    w.view(fwd.g).set(state.potentialGrad);
    fwd.potentialEnergy = state.potentialEnergy;
    const p0 = w.view(fwd.p);
    metric.sampleMomentum(kMomentum, p0);
    w.copy(bck.q, fwd.q);
    w.copy(bck.g, fwd.g);
    w.copy(bck.p, fwd.p);
    bck.potentialEnergy = fwd.potentialEnergy;

    metric.velocity(p0, w.view(w.vFwd));
    w.copy(w.vBck, w.vFwd);
    w.copy(w.pFwd, fwd.p);
    w.copy(w.pBck, fwd.p);
    w.copy(w.rho, fwd.p);
    let kinetic = 0;
    for (let i = 0; i < d; i++) kinetic += a[fwd.p + i] * a[w.vFwd + i];
    const h0 = state.potentialEnergy + 0.5 * kinetic;
    w.h0 = h0;
    w.sumMetroProb = 0;
    w.numLeapfrog = 0;
    w.divergent = false;
    const sample = w.sample;
    w.view(sample.q).set(state.position);
    w.view(sample.g).set(state.potentialGrad);
    sample.potentialEnergy = state.potentialEnergy;
    sample.energy = h0;

    let logSumWeight = 0;
    let depth = 0;
    while (depth < maxTreeDepth) {
      w.uniforms = uniform(foldIn(kTree, depth), [2 ** depth + 1]);
      const forward = w.uniforms[0] >= 0.5;
      w.uIndex = 2;
      w.stepSize = forward ? params.stepSize : -params.stepSize;
      const z = forward ? fwd : bck;
      const valid = w.build(
        depth,
        z,
        w.proposalNew,
        w.vNewBeg,
        w.vNewEnd,
        w.rhoNew,
        w.pNewBeg,
        w.pNewEnd,
      );
      w.own(z);
      if (!valid) break;
      depth++;
      const lswNew = w.lsw;
      // Biased progressive sampling (Betancourt 2017, A.3.2): favour the new subtree.
      if (lswNew > logSumWeight || w.uniforms[1] < Math.exp(lswNew - logSumWeight)) {
        takeProposal(sample, w.proposalNew);
      }
      logSumWeight = logAddExp(logSumWeight, lswNew);
      // Merge old (A) and new (B) trajectories in integration order: A's far end is `vOldBeg`,
      // its end adjoining B is (`pOldEnd`, `vOldEnd`). The true boundary momenta of the old
      // trajectory are used for the junction checks.
      const vOldBeg = forward ? w.vBck : w.vFwd;
      const vOldEnd = forward ? w.vFwd : w.vBck;
      const pOldBeg = forward ? w.pBck : w.pFwd;
      const pOldEnd = forward ? w.pFwd : w.pBck;
      // a diagonal metric keeps no velocities (see TreeWorkspace.diagonal)
      const persist = w.diagonal
        ? mergeCheckDiagonal(
            a,
            d,
            w.diag,
            pOldBeg,
            w.pNewEnd,
            w.rho,
            w.rho,
            w.rhoNew,
            pOldEnd,
            w.pNewBeg,
          )
        : mergeCheck(
            a,
            d,
            vOldBeg,
            w.vNewEnd,
            w.rho,
            w.rho,
            w.rhoNew,
            pOldEnd,
            vOldEnd,
            w.pNewBeg,
            w.vNewBeg,
            true,
          );
      w.copy(pOldEnd, w.pNewEnd);
      if (!w.diagonal) w.copy(vOldEnd, w.vNewEnd);
      if (!persist) break;
    }

    out.position.set(w.view(sample.q));
    out.potentialGrad.set(w.view(sample.g));
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
