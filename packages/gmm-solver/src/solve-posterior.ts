import { foldIn, type PRNGKey } from "@sidereal/distributions";
import { GmmError } from "./errors.js";
import { fitGaussianMixture } from "./fit.js";
import { INIT_PARAMS, type InitParams } from "./initialize.js";
import { cloudOrder, isPermutation, labelOrder, mostCommonOrder } from "./label-order.js";
import { GaussianMixtureModel } from "./model.js";
import {
  chainFeatures,
  type PosteriorSamples,
  type PosteriorVariable,
  selectAndRelabel,
  validatePosterior,
} from "./posterior-samples.js";
import type { Seed } from "./seed.js";
import { toKey } from "./seed.js";
import { SolveError } from "./solve-error.js";

/** Options of {@link solvePosterior} (bayes_spec's `cluster_posterior` keyword arguments). */
export interface SolvePosteriorOptions {
  /** Per-cloud variables used as clustering features (caribou_hi: `["velocity", "fwhm2"]`). */
  readonly cloudVars: readonly string[];
  /** Number of clouds = mixture components; every `"cloud"` dim must have this size. */
  readonly nClouds: number;
  /** GMM initialisations per chain, best lower bound kept (default 10). */
  readonly nInit?: number;
  /** Maximum EM iterations per initialisation (default 1000). */
  readonly maxIter?: number;
  /** EM convergence tolerance on the mean log-likelihood (default 1e-3, scikit-learn's). */
  readonly tol?: number;
  /** Covariance regularisation (default 1e-6, scikit-learn's). */
  readonly regCovar?: number;
  /** GMM initialisation strategy (default `"random_from_data"`, as the caribou_hi tutorial). */
  readonly initParams?: InitParams;
  /** Chains c1, c2 may share a solution when the Monte-Carlo KL(p_c1 ‖ p_c2) < this (default 0.1). */
  readonly klDivThreshold?: number;
  /** Draws from each chain's mixture used for the Monte-Carlo KL (default 10 000). */
  readonly numGmmSamples?: number;
  /** Seed or PRNG key (default `key(0)`); every chain's GMM fit uses the same key. */
  readonly seed?: Seed;
}

/** One unique solution: a group of chains that agree, with consistently labelled clouds. */
export interface PosteriorSolution {
  /** Member chains (indices into the input chain axis), ascending. */
  readonly chains: readonly number[];
  /**
   * The posterior of the member chains (chain axis of length `chains.length`, in that order);
   * every per-cloud variable re-indexed so that cloud k is the same physical cloud in every
   * chain; variables without a cloud dim copied.
   */
  readonly samples: Record<string, PosteriorVariable>;
  /**
   * The solution's mixture: the fit of `referenceChain`, with its components re-ordered so that
   * component k describes cloud k (component `labelOrder[k]` of `chainGmms[referenceChain]`).
   */
  readonly gmm: GaussianMixtureModel;
  /**
   * The chain c1 whose mixture defined the solution (the first unassigned chain of the group;
   * normally `chains[0]`, unless its own label order was not a permutation).
   */
  readonly referenceChain: number;
  /** The adopted label order: cloud k ↔ component `labelOrder[k]` of the reference chain's fit. */
  readonly labelOrder: readonly number[];
  /** Per member chain: new cloud k := that chain's old cloud `cloudOrders[i][k]`. */
  readonly cloudOrders: readonly (readonly number[])[];
}

/** Result of {@link solvePosterior}. */
export interface SolvePosteriorResult {
  /** Unique solutions in order of discovery (by their reference chain). */
  readonly solutions: readonly PosteriorSolution[];
  /** Chains that belong to some solution, ascending. */
  readonly convergedChains: readonly number[];
  /** bayes_spec's verbose messages (see {@link solvePosterior}). */
  readonly messages: readonly string[];
  /** Per chain: its fitted mixture (undefined when the fit failed, see messages). */
  readonly chainGmms: readonly (GaussianMixtureModel | undefined)[];
  /** Monte-Carlo `KL(p_c1 ‖ p_c2)` for every pair (`Infinity` involving a failed fit). */
  readonly klDivergences: readonly (readonly number[])[];
}

function checkOptions(o: SolvePosteriorOptions) {
  const nInit = o.nInit ?? 10;
  const maxIter = o.maxIter ?? 1000;
  const tol = o.tol ?? 1e-3;
  const regCovar = o.regCovar ?? 1e-6;
  const initParams = o.initParams ?? "random_from_data";
  const klDivThreshold = o.klDivThreshold ?? 0.1;
  const numGmmSamples = o.numGmmSamples ?? 10_000;
  const bad = (name: string, why: string): never => {
    throw new SolveError("option", `${name} ${why}`, name);
  };
  if (!Number.isInteger(nInit) || nInit < 1) bad("nInit", `must be an integer ≥ 1, got ${nInit}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    bad("maxIter", `must be an integer ≥ 1, got ${maxIter}`);
  }
  if (!(tol >= 0) || !Number.isFinite(tol)) bad("tol", `must be finite and ≥ 0, got ${tol}`);
  if (!(regCovar >= 0) || !Number.isFinite(regCovar)) {
    bad("regCovar", `must be finite and ≥ 0, got ${regCovar}`);
  }
  if (!INIT_PARAMS.includes(initParams)) bad("initParams", `is unknown: "${initParams}"`);
  if (Number.isNaN(klDivThreshold)) bad("klDivThreshold", "is NaN");
  if (!Number.isInteger(numGmmSamples) || numGmmSamples < 1) {
    bad("numGmmSamples", `must be an integer ≥ 1, got ${numGmmSamples}`);
  }
  if (typeof o.seed === "number" && !Number.isSafeInteger(o.seed)) {
    bad("seed", `must be a safe integer, got ${o.seed}`);
  }
  return { nInit, maxIter, tol, regCovar, initParams, klDivThreshold, numGmmSamples };
}

function fmt(v: readonly number[]): string {
  return `[${v.join(", ")}]`;
}

/** The mixture with component k := old component `order[k]` (keeps the fit diagnostics). */
function reorderComponents(
  m: GaussianMixtureModel,
  order: readonly number[],
): GaussianMixtureModel {
  const K = m.nComponents;
  const d = m.nFeatures;
  const dd = d * d;
  const weights = new Float64Array(K);
  const means = new Float64Array(K * d);
  const covariances = new Float64Array(K * dd);
  const precisionsCholesky = new Float64Array(K * dd);
  order.forEach((from, k) => {
    weights[k] = m.weights[from]!;
    means.set(m.means.subarray(from * d, (from + 1) * d), k * d);
    covariances.set(m.covariances.subarray(from * dd, (from + 1) * dd), k * dd);
    precisionsCholesky.set(m.precisionsCholesky.subarray(from * dd, (from + 1) * dd), k * dd);
  });
  return new GaussianMixtureModel(
    {
      covarianceType: "full",
      nComponents: K,
      nFeatures: d,
      weights,
      means,
      covariances,
      precisionsCholesky,
    },
    m,
  );
}

/**
 * Multi-modal posterior solver (bayes_spec's `cluster_posterior`, run by caribou_hi's
 * `model.solve()`): finds the unique solutions among MCMC chains of a model with `nClouds`
 * exchangeable clouds and removes the label-switching degeneracy.
 *
 * 1. Per chain c: the `(nDraws·nClouds) × F` matrix of the cloud features (`cloudVars`, draw-major
 *    rows) is fitted by a full-covariance Gaussian mixture with `nClouds` components
 *    ({@link fitGaussianMixture}, scikit-learn semantics, same seed for every chain), and
 *    `numGmmSamples` points `S_c` are drawn from it.
 * 2. Monte-Carlo KL (Hershey & Olsen 2007): `KL[c1][c2] = mean_{S_c1} log p_c1 − mean_{S_c1} log p_c2`.
 * 3. Grouping, chains in index order, skipping assigned ones: the candidates of c1 are the
 *    unassigned chains c2 (c1 included) with `KL[c1][c2] < klDivThreshold`; with fewer than 2
 *    candidates c1 stays unassigned. Each candidate's label order (per cloud, the modal
 *    component of `p_c1.predict(X_c2)` over draws) must be a permutation to be kept; ≥ 2 kept
 *    chains form a new solution and become assigned.
 * 4. Label switching: the adopted order is the most common label order in the solution
 *    (ties → lexicographically smallest); chain i's clouds are permuted by p with
 *    `order_i[p[k]] = adopted[k]` (new cloud k := old cloud p[k]).
 *
 * Consequences of these rules (as bayes_spec): a single chain never forms a solution (at least
 * two agreeing chains are required), so with one chain the result has no solutions and the
 * message "No solution found!"; `convergedChains` are the chains assigned to some solution;
 * chains in no solution are reported by "A of B chains appear converged."; when several
 * solutions exist all are returned ("GMM found K unique solutions"). Messages, in order: for
 * each solution whose chains' orders differ, "Label order mismatch in solution k", "Chain c
 * order: […]" per chain, "Adopting (first) most common order: […]"; then "GMM converged to
 * unique solution" or "GMM found K unique solutions" + "Solution k: chains […]" per solution,
 * or "No solution found!"; then "A of B chains appear converged." when A < B. A chain whose
 * mixture cannot be fitted (`GmmError`, e.g. ill-defined covariance) is reported ("GMM fit
 * failed for chain c: …") and belongs to no solution.
 *
 * Throws `SolveError` on bad input (reasons: `"cloudVars"`, `"dims"`, `"shape"`, `"nClouds"`,
 * `"nonFinite"`, `"option"`; see {@link SolveErrorReason}).
 */
export function solvePosterior(
  samples: PosteriorSamples,
  options: SolvePosteriorOptions,
): SolvePosteriorResult {
  if (options === null || typeof options !== "object") {
    throw new SolveError("option", "options are required (cloudVars, nClouds)", "options");
  }
  const o = checkOptions(options);
  const { cloudVars, nClouds } = options;
  const layout = validatePosterior(samples, cloudVars, nClouds);
  const { nChains, nDraws } = layout;
  const nf = cloudVars.length;
  const root: PRNGKey = toKey(options.seed);
  const fitKey = foldIn(root, 0);
  const sampleKey = foldIn(root, 1);
  const messages: string[] = [];

  const features: Float64Array[] = [];
  const gmms: (GaussianMixtureModel | undefined)[] = [];
  const draws: (Float64Array | undefined)[] = [];
  for (let c = 0; c < nChains; c++) {
    const X = chainFeatures(samples, cloudVars, c, nDraws, nClouds);
    features.push(X);
    try {
      const gmm = fitGaussianMixture(X, {
        nComponents: nClouds,
        nFeatures: nf,
        covarianceType: "full",
        nInit: o.nInit,
        maxIter: o.maxIter,
        tol: o.tol,
        regCovar: o.regCovar,
        initParams: o.initParams,
        seed: fitKey,
      });
      gmms.push(gmm);
      draws.push(gmm.sample(sampleKey, o.numGmmSamples).X);
    } catch (e) {
      if (!(e instanceof GmmError)) throw e;
      gmms.push(undefined);
      draws.push(undefined);
      messages.push(`GMM fit failed for chain ${c}: ${e.message}`);
    }
  }

  // KL[c1][c2] = mean over S_c1 of log p_c1 − log p_c2.
  const kl: number[][] = [];
  for (let c1 = 0; c1 < nChains; c1++) {
    const row: number[] = [];
    const S = draws[c1];
    const p1 = gmms[c1];
    const base = S && p1 ? mean(p1.scoreSamples(S)) : Number.NaN;
    for (let c2 = 0; c2 < nChains; c2++) {
      const p2 = gmms[c2];
      if (!S || !p1 || !p2) row.push(Number.POSITIVE_INFINITY);
      else if (c1 === c2) row.push(0);
      else row.push(base - mean(p2.scoreSamples(S)));
    }
    kl.push(row);
  }

  const assigned = new Array<boolean>(nChains).fill(false);
  const groups: { ref: number; chains: number[]; orders: number[][] }[] = [];
  for (let c1 = 0; c1 < nChains; c1++) {
    const ref = gmms[c1];
    if (assigned[c1] || ref === undefined) continue;
    const candidates: number[] = [];
    for (let c2 = 0; c2 < nChains; c2++) {
      if (!assigned[c2] && kl[c1]![c2]! < o.klDivThreshold) candidates.push(c2);
    }
    if (candidates.length < 2) continue;
    const chains: number[] = [];
    const orders: number[][] = [];
    for (const c2 of candidates) {
      const order = labelOrder(ref.predict(features[c2]!), nDraws, nClouds, nClouds);
      if (isPermutation(order)) {
        chains.push(c2);
        orders.push(order);
      }
    }
    if (chains.length < 2) continue;
    for (const c of chains) assigned[c] = true;
    groups.push({ ref: c1, chains, orders });
  }

  const solutions: PosteriorSolution[] = groups.map((g, s) => {
    const adopted = mostCommonOrder(g.orders);
    if (g.orders.some((ord) => ord.some((v, k) => v !== adopted[k]))) {
      messages.push(`Label order mismatch in solution ${s}`);
      g.chains.forEach((c, i) => {
        messages.push(`Chain ${c} order: ${fmt(g.orders[i]!)}`);
      });
      messages.push(`Adopting (first) most common order: ${fmt(adopted)}`);
    }
    const cloudOrders = g.orders.map((ord) => cloudOrder(ord, adopted));
    return {
      chains: g.chains,
      samples: selectAndRelabel(samples, layout, g.chains, cloudOrders),
      gmm: reorderComponents(gmms[g.ref]!, adopted),
      referenceChain: g.ref,
      labelOrder: adopted,
      cloudOrders,
    };
  });

  if (solutions.length === 1) messages.push("GMM converged to unique solution");
  else if (solutions.length > 1) {
    messages.push(`GMM found ${solutions.length} unique solutions`);
    solutions.forEach((sol, s) => {
      messages.push(`Solution ${s}: chains ${fmt(sol.chains)}`);
    });
  } else messages.push("No solution found!");
  const convergedChains: number[] = [];
  for (let c = 0; c < nChains; c++) if (assigned[c]) convergedChains.push(c);
  if (convergedChains.length < nChains) {
    messages.push(`${convergedChains.length} of ${nChains} chains appear converged.`);
  }
  return { solutions, convergedChains, messages, chainGmms: gmms, klDivergences: kl };
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / v.length;
}
