/**
 * Turning chains of unconstrained vectors into named, constrained posterior arrays
 * with dims (chain, draw[, star]) — the layout of ArviZ, the plots and the summary.
 */
import type { SampleChainResult } from "@sidereal/autodiff-samplers";
import type { Dataset } from "@sidereal/io";
import type { M67Catalogue } from "./data.js";

export interface Draws {
  readonly draws: Float64Array;
  readonly shape: readonly number[];
}

/** Population sites and deterministics, each [chain, draw]. */
export const SCALARS = ["log_L", "log_D", "log_sigma", "Q", "L", "D", "approx_size"] as const;

export function assemblePosterior(
  chains: readonly SampleChainResult[],
  nStars: number,
): Record<string, Draws> {
  const nChains = chains.length;
  const nDraws = chains[0].stats.lp.length;
  const out: Record<string, Float64Array> = {};
  for (const name of SCALARS) out[name] = new Float64Array(nChains * nDraws);
  const r = new Float64Array(nChains * nDraws * nStars);
  chains.forEach((chain, c) => {
    const d = chain.dim;
    for (let k = 0; k < nDraws; k++) {
      const row = chain.draws.subarray(k * d, (k + 1) * d);
      const i = c * nDraws + k;
      const [logL, logD, logSigma, u] = row;
      out.log_L[i] = logL;
      out.log_D[i] = logD;
      out.log_sigma[i] = logSigma;
      out.Q[i] = 1 / (1 + Math.exp(-u));
      out.L[i] = Math.exp(logL);
      out.D[i] = Math.exp(logD);
      out.approx_size[i] = Math.exp(logSigma + logD);
      const base = i * nStars;
      for (let s = 0; s < nStars; s++) r[base + s] = Math.exp(row[4 + s]);
    }
  });
  const result: Record<string, Draws> = {};
  for (const name of SCALARS) result[name] = { draws: out[name], shape: [nChains, nDraws] };
  result.r = { draws: r, shape: [nChains, nDraws, nStars] };
  return result;
}

/**
 * Posterior mean membership probability of each star: p_n = Q·fg / (Q·fg + (1-Q)·bg)
 * evaluated at each draw's distance r_n (the seed's deterministic "p"), averaged.
 */
export function membershipProbability(post: Record<string, Draws>, nStars: number): Float64Array {
  const [nChains, nDraws] = post.Q.shape;
  const p = new Float64Array(nStars);
  const total = nChains * nDraws;
  const LOG16 = Math.log(16);
  for (let i = 0; i < total; i++) {
    const logQ = Math.log(post.Q.draws[i]);
    const log1mQ = Math.log1p(-post.Q.draws[i]);
    const logD = post.log_D.draws[i];
    const logSigma = post.log_sigma.draws[i];
    const logHalfL = post.log_L.draws[i] - Math.LN2;
    const sigma = Math.exp(logSigma);
    for (let s = 0; s < nStars; s++) {
      const z = Math.log(post.r.draws[i * nStars + s]);
      const fg = -0.5 * ((z - logD) / sigma) ** 2 - logSigma - 0.5 * Math.log(2 * Math.PI) - z;
      const u = z - logHalfL;
      const bg = 2 * u - 0.5 * Math.exp(u) - LOG16 - logHalfL;
      const a = logQ + fg;
      const b = log1mQ + bg;
      p[s] += 1 / (1 + Math.exp(b - a));
    }
  }
  for (let s = 0; s < nStars; s++) p[s] /= total;
  return p;
}

export function toDataset(post: Record<string, Draws>): Dataset {
  const variables: Dataset["variables"] = {};
  for (const [name, v] of Object.entries(post))
    variables[name] = {
      dims: v.shape.length === 2 ? ["chain", "draw"] : ["chain", "draw", "star"],
      shape: v.shape,
      data: v.draws,
    };
  return { variables };
}

export function sampleStatsDataset(chains: readonly SampleChainResult[]): Dataset {
  const nChains = chains.length;
  const nDraws = chains[0].stats.lp.length;
  const shape = [nChains, nDraws];
  const dims = ["chain", "draw"];
  const cat = <T extends Float64Array | Int32Array | Uint8Array>(
    make: (n: number) => T,
    pick: (c: SampleChainResult) => T,
  ): T => {
    const out = make(nChains * nDraws);
    chains.forEach((c, k) => {
      out.set(pick(c), k * nDraws);
    });
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  return {
    variables: {
      lp: { dims, shape, data: cat(f64, (c) => c.stats.lp) },
      energy: { dims, shape, data: cat(f64, (c) => c.stats.energy) },
      acceptance_rate: { dims, shape, data: cat(f64, (c) => c.stats.acceptanceRate) },
      step_size: { dims, shape, data: cat(f64, (c) => c.stats.stepSize) },
      tree_depth: {
        dims,
        shape,
        data: cat(
          (n) => new Int32Array(n),
          (c) => c.stats.treeDepth,
        ),
      },
      n_steps: {
        dims,
        shape,
        data: cat(
          (n) => new Int32Array(n),
          (c) => c.stats.numSteps,
        ),
      },
      diverging: {
        dims,
        shape,
        data: cat(
          (n) => new Uint8Array(n),
          (c) => c.stats.diverging,
        ),
      },
    },
  };
}

export function observedDataset(cat: M67Catalogue): Dataset {
  const n = cat.parallax.length;
  return {
    variables: {
      plx_obs: { dims: ["star"], shape: [n], data: cat.parallax, attrs: { units: "mas" } },
    },
  };
}
