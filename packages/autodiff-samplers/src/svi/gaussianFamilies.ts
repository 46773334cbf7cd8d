/**
 * Gaussian and point-mass families over the flat unconstrained latent u ∈ ℝᴰ.
 *
 * - `diagonalFamily`: u = μ + σ ⊙ ε, log q = −½‖ε‖² − Σ log σ − (D/2) log 2π. The loc and
 *   scale vectors are read from named parameters by `blocks` (one block per site for
 *   AutoNormal, one [D] block for AutoDiagonalNormal).
 * - `mvnFamily`: u = μ + L ε (L lower Cholesky factor, positive diagonal),
 *   log q = −½‖ε‖² − Σ log Lᵢᵢ − (D/2) log 2π; it also has the hand-written affine path of
 *   lowerCholeskyAffine.ts, which `compileElbo` uses (the traced form of the D×D factor does
 *   not fit in memory for models with thousands of latent dimensions).
 * - `lowRankFamily`: u = μ + W ε₁ + σ ⊙ ε₂ (W: D×r), covariance Σ = WWᵀ + diag(σ²); log q is
 *   evaluated with the Woodbury identity through the r×r capacitance K = I + Wᵀ diag(σ⁻²) W:
 *   log det Σ = log det K + Σ log σ², rᵀΣ⁻¹r = ‖r/σ‖² − ‖C⁻¹ Wᵀ(r/σ²)‖² with K = CCᵀ.
 * - `deltaFamily`: a point mass at μ (u = μ for every draw, log q = 0, no Jacobian: MAP in
 *   constrained space, as NumPyro's AutoDelta).
 */
import { bijectTo, type Constraint } from "@sidereal/distributions";
import {
  add,
  cholesky,
  concat,
  div,
  eye,
  log,
  matmul,
  matrixTranspose,
  mul,
  reshape,
  type Shape,
  sizeOf,
  slice,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  triangularSolve,
  zeros,
} from "@sidereal/tensor";
import { type FamilyDraw, type LatentFamily, LOG_2PI } from "./family.js";
import { type ParamSpec, packedTrilSize } from "./guideParams.js";
import { lowerCholeskyAffine } from "./lowerCholeskyAffine.js";

type Params = Readonly<Record<string, Tensor>>;

/** One block of the latent vector with its parameter names. */
export interface DiagonalBlock {
  readonly loc: string;
  readonly scale: string;
  /** Shape of the block in unconstrained space. */
  readonly shape: Shape;
  /** Point masses only: the loc parameter lives in this support (constrained value). */
  readonly support?: Constraint;
}

const flatOf = (p: Params, names: readonly string[]): Tensor =>
  concat(names.map((n) => reshape(p[n], [p[n].size])));

const diagOf = (l: Tensor): Tensor => sum(mul(l, eye(l.shape[l.shape.length - 1])), -1);

function stdNormalLogDensity(eps: Tensor): Tensor {
  const d = eps.shape[eps.shape.length - 1];
  return sub(mul(-0.5, sum(square(eps), -1)), 0.5 * d * LOG_2PI);
}

/** Mean-field Gaussian with loc/scale taken from `blocks` (see the module doc). */
export function diagonalFamily(
  blocks: readonly DiagonalBlock[],
  initLoc: Float64Array,
  initScale: number,
): LatentFamily {
  const dim = initLoc.length;
  const params: ParamSpec[] = [];
  let off = 0;
  for (const b of blocks) {
    const n = sizeOf(b.shape);
    params.push({
      name: b.loc,
      shape: b.shape,
      constraint: "real",
      init: initLoc.slice(off, off + n),
    });
    off += n;
  }
  for (const b of blocks)
    params.push({
      name: b.scale,
      shape: b.shape,
      constraint: "positive",
      init: new Float64Array(sizeOf(b.shape)).fill(initScale),
    });
  const locs = blocks.map((b) => b.loc);
  const scales = blocks.map((b) => b.scale);
  return {
    dim,
    epsDim: dim,
    params,
    jacobian: true,
    sample(p, eps): FamilyDraw {
      const mu = flatOf(p, locs);
      const s = flatOf(p, scales);
      return {
        u: add(mu, mul(s, eps)),
        logq: sub(stdNormalLogDensity(eps), sum(log(s))),
      };
    },
    entropy: (p) => add(sum(log(flatOf(p, scales))), 0.5 * dim * (1 + LOG_2PI)),
    logDensity(p, u) {
      const s = flatOf(p, scales);
      const z = div(sub(u, flatOf(p, locs)), s);
      return sub(stdNormalLogDensity(z), sum(log(s)));
    },
    loc: (p) => flatOf(p, locs).toArray(),
    marginalStd: (p) => flatOf(p, scales).toArray(),
  };
}

/** Full-rank Gaussian with parameters `auto_loc` [D] and `auto_scale_tril` [D, D]. */
export function mvnFamily(
  initLoc: Float64Array,
  initScale: number,
  names: { readonly loc: string; readonly scaleTril: string } = {
    loc: "auto_loc",
    scaleTril: "auto_scale_tril",
  },
): LatentFamily {
  const dim = initLoc.length;
  const l0 = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) l0[i * dim + i] = initScale;
  return {
    dim,
    epsDim: dim,
    params: [
      { name: names.loc, shape: [dim], constraint: "real", init: initLoc.slice() },
      {
        name: names.scaleTril,
        shape: [dim, dim],
        rawShape: [packedTrilSize(dim)],
        constraint: "lowerCholesky",
        init: l0,
      },
    ],
    jacobian: true,
    affine: lowerCholeskyAffine(dim),
    sample(p, eps) {
      const l = p[names.scaleTril];
      return {
        u: add(p[names.loc], matmul(eps, matrixTranspose(l))),
        logq: sub(stdNormalLogDensity(eps), sum(log(diagOf(l)))),
      };
    },
    entropy: (p) => add(sum(log(diagOf(p[names.scaleTril]))), 0.5 * dim * (1 + LOG_2PI)),
    logDensity(p, u) {
      const l = p[names.scaleTril];
      const z = triangularSolve(l, matrixTranspose(sub(u, p[names.loc])), { lower: true });
      return sub(stdNormalLogDensity(matrixTranspose(z)), sum(log(diagOf(l))));
    },
    loc: (p) => p[names.loc].toArray(),
    marginalStd(p) {
      const l = p[names.scaleTril].toArray();
      const out = new Float64Array(dim);
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += l[i * dim + j] ** 2;
        out[i] = Math.sqrt(s);
      }
      return out;
    },
  };
}

/** Low-rank plus diagonal Gaussian: `auto_loc` [D], `auto_cov_factor` [D, r], `auto_scale` [D]. */
export function lowRankFamily(
  initLoc: Float64Array,
  initScale: number,
  rank: number,
): LatentFamily {
  const dim = initLoc.length;
  // log N(loc + r; loc, WWᵀ + diag σ²) from the residual r [P, D].
  // Parameter-only pieces first (capacitance K = I + Wᵀ diag(σ⁻²) W = CCᵀ, log det Σ); the
  // order of graph nodes matters to the compiler's fusion (see the package notes).
  const prepare = (p: Params) => {
    const w = p.auto_cov_factor;
    const s = p.auto_scale;
    const winv = div(w, reshape(square(s), [dim, 1])); // D⁻¹ W  [D, r]
    const c = cholesky(add(eye(rank), matmul(matrixTranspose(w), winv))); // [r, r]
    const logdet = add(mul(2, sum(log(diagOf(c)))), mul(2, sum(log(s))));
    return { s, winv, c, logdet };
  };
  // log N(loc + r; loc, WWᵀ + diag σ²) from the residual r [P, D].
  const logDensityOfResidual = (pre: ReturnType<typeof prepare>, r: Tensor): Tensor => {
    const proj = triangularSolve(pre.c, matmul(matrixTranspose(pre.winv), matrixTranspose(r)), {
      lower: true,
    }); // [r, P]
    const quad = sub(sum(square(div(r, pre.s)), -1), sum(square(proj), 0));
    return mul(-0.5, add(add(quad, pre.logdet), dim * LOG_2PI));
  };
  const logDensity = (p: Params, u: Tensor): Tensor =>
    logDensityOfResidual(prepare(p), sub(u, p.auto_loc));
  return {
    dim,
    epsDim: dim + rank,
    params: [
      { name: "auto_loc", shape: [dim], constraint: "real", init: initLoc.slice() },
      {
        name: "auto_cov_factor",
        shape: [dim, rank],
        constraint: "real",
        init: new Float64Array(dim * rank),
      },
      {
        name: "auto_scale",
        shape: [dim],
        constraint: "positive",
        init: new Float64Array(dim).fill(initScale),
      },
    ],
    jacobian: true,
    sample(p, eps) {
      const e1 = slice(eps, [null, [0, rank]]);
      const e2 = slice(eps, [null, [rank, rank + dim]]);
      const pre = prepare(p);
      const r = add(matmul(e1, matrixTranspose(p.auto_cov_factor)), mul(p.auto_scale, e2));
      return { u: add(p.auto_loc, r), logq: logDensityOfResidual(pre, r) };
    },
    logDensity,
    loc: (p) => p.auto_loc.toArray(),
    marginalStd(p) {
      const w = p.auto_cov_factor.toArray();
      const s = p.auto_scale.toArray();
      const out = new Float64Array(dim);
      for (let i = 0; i < dim; i++) {
        let v = s[i] * s[i];
        for (let j = 0; j < rank; j++) v += w[i * rank + j] ** 2;
        out[i] = Math.sqrt(v);
      }
      return out;
    },
  };
}

/**
 * Point mass at the loc blocks (see the module doc); `jacobian = true` makes it a point mass
 * in unconstrained space (the MAP of the potential, used by AutoLaplaceApproximation).
 */
export function deltaFamily(
  locNames: readonly DiagonalBlock[],
  initLoc: Float64Array,
  jacobian = false,
): LatentFamily {
  const dim = initLoc.length;
  const params: ParamSpec[] = [];
  let off = 0;
  for (const b of locNames) {
    const n = sizeOf(b.shape);
    const u0 = initLoc.slice(off, off + n);
    if (b.support) {
      const x0 = bijectTo(b.support).forward(tensor(u0, b.shape));
      params.push({
        name: b.loc,
        shape: x0.shape,
        rawShape: b.shape,
        constraint: { support: b.support },
        init: x0.toArray(),
      });
    } else {
      params.push({ name: b.loc, shape: b.shape, constraint: "real", init: u0 });
    }
    off += n;
  }
  // Unconstrained location: the loc itself, or its image under bijectTo(support)⁻¹.
  const unconstrainedLoc = (p: Params): Tensor =>
    concat(
      locNames.map((b) => {
        const v = b.support ? bijectTo(b.support).inverse(p[b.loc]) : p[b.loc];
        return reshape(v, [sizeOf(b.shape)]);
      }),
    );
  return {
    dim,
    epsDim: 1,
    params,
    jacobian,
    deterministic: true,
    sample(p, eps) {
      const n = eps.shape[0];
      return { u: add(zeros([n, dim]), unconstrainedLoc(p)), logq: zeros([n]) };
    },
    entropy: () => zeros([]),
    loc: (p) => unconstrainedLoc(p).toArray(),
    marginalStd: () => new Float64Array(dim),
  };
}
