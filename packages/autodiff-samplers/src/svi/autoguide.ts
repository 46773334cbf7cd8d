/**
 * The autoguide protocol (NumPyro's `numpyro.infer.autoguide`). An autoguide is built from a
 * model (`AutoNormal(model)`, …) and set up on data by `svi(...).init` (or `guide.setup`):
 * the model is traced with `initializeModel` to find its latent sites, their supports and
 * the flat unconstrained layout; the initial location of the family is that init point. The
 * default init strategy is NumPyro's: `initToMedian()` for AutoDelta, `initToUniform()` for
 * the others (numpyro/infer/autoguide.py). The guide keeps the last
 * setup (like NumPyro's prototype trace), which `samplePosterior`, `median` and `quantiles`
 * use.
 *
 * - `samplePosterior(key, params, n)`: `n` draws u ~ q in unconstrained space mapped to the
 *   constrained values of the latent sites: `{ site: Tensor [n, ...siteShape] }`.
 * - `median(params)`: constrained values at the unconstrained coordinate-wise median (the loc
 *   for Gaussian and point guides; a Monte-Carlo estimate from 4096 draws with a fixed key for
 *   flows).
 * - `quantiles(params, qs)`: `{ site: Tensor [qs.length, ...siteShape] }`, the constrained
 *   images of the unconstrained marginal quantiles loc + σ Φ⁻¹(q) (Gaussian guides; Monte-Carlo
 *   for flows). Each q must lie in (0, 1).
 *
 * Calling them before setup is an `SviError` ("not-initialized"). Values are constrained by
 * re-running the model on the data given to `setup`.
 */
import { key, normal, type PRNGKey } from "@sidereal/distributions";
import { scalarSpecial, type Tensor, tensor } from "@sidereal/tensor";
import { type InitStrategy, initToMedian, initToUniform } from "../ppl/initStrategies.js";
import type { Model } from "../ppl/model.js";
import { type InitializedModel, initializeModel } from "../ppl/potential.js";
import { SviError } from "./errors.js";
import type { LatentFamily } from "./family.js";
import { constrainedParams, initialFlat, type ParamLayout, paramLayout } from "./guideParams.js";

/** Names of the autoguides. */
export type AutoGuideKind =
  | "AutoDelta"
  | "AutoNormal"
  | "AutoDiagonalNormal"
  | "AutoMultivariateNormal"
  | "AutoLowRankMultivariateNormal"
  | "AutoLaplaceApproximation"
  | "AutoIAFNormal"
  | "AutoBNAFNormal";

/** Options shared by the autoguides. */
export interface AutoGuideOptions {
  /** Init strategy of the initial location (default: see the module doc). */
  readonly initLocFn?: InitStrategy;
  /** Initial scale of Gaussian guides (default 0.1, as NumPyro). */
  readonly initScale?: number;
}

/** What a guide knows after setup on data. */
export interface GuideSetup {
  readonly potential: InitializedModel;
  readonly family: LatentFamily;
  readonly layout: ParamLayout;
  /** Constrained initial parameters by name. */
  readonly initParams: Record<string, Tensor>;
}

/** A family and parameters to draw posterior samples from (Laplace replaces the training family). */
export interface PosteriorFamily {
  readonly family: LatentFamily;
  readonly params: Readonly<Record<string, Tensor>>;
}

/** An autoguide (see the module doc). */
export interface AutoGuide<D> {
  readonly _tag: "AutoGuide";
  readonly kind: AutoGuideKind;
  readonly model: Model<D>;
  /** Traces the model on `data` and builds the family (called by `svi(...).init`). */
  setup(rngKey: PRNGKey, data: D): GuideSetup;
  /** The last setup (undefined before the first). */
  readonly current: GuideSetup | undefined;
  /** The family and parameters posterior draws come from (the trained guide unless Laplace). */
  posterior(params: Readonly<Record<string, Tensor>>): PosteriorFamily;
  /** `n` unconstrained draws, row-major [n, D]. */
  sampleUnconstrained(
    rngKey: PRNGKey,
    params: Readonly<Record<string, Tensor>>,
    n: number,
  ): Float64Array;
  samplePosterior(
    rngKey: PRNGKey,
    params: Readonly<Record<string, Tensor>>,
    n: number,
  ): Record<string, Tensor>;
  median(params: Readonly<Record<string, Tensor>>): Record<string, Tensor>;
  quantiles(
    params: Readonly<Record<string, Tensor>>,
    qs: readonly number[],
  ): Record<string, Tensor>;
}

const MC_DRAWS = 4096;

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new SviError("bad-argument", "n", `number of draws must be an integer ≥ 1, got ${n}`);
}

/** Constrained latent values at each row of `u` [n, D], stacked per site. */
export function constrainDraws(
  pot: InitializedModel,
  u: Float64Array,
  n: number,
  includeDeterministic = false,
): Record<string, Tensor> {
  const dim = pot.flatSize;
  const sites = includeDeterministic ? [...pot.latent, ...pot.deterministic] : pot.latent;
  const bufs = new Map<string, Float64Array>();
  for (let i = 0; i < n; i++) {
    const c = pot.constrain(u.subarray(i * dim, (i + 1) * dim));
    for (const s of sites) {
      const v = c[s.name];
      if (v === undefined) continue;
      let b = bufs.get(s.name);
      if (b === undefined) {
        b = new Float64Array(n * v.size);
        bufs.set(s.name, b);
      }
      b.set(v.data.subarray(0, v.size), i * v.size);
    }
  }
  const out: Record<string, Tensor> = {};
  for (const s of sites) {
    const b = bufs.get(s.name);
    if (b !== undefined) out[s.name] = tensor(b, [n, ...s.shape]);
  }
  return out;
}

function empiricalQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Builds an autoguide from `buildFamily(potential, initLoc)` (the shared machinery of all
 * autoguides); `posterior` optionally replaces the family used for posterior draws.
 */
export function makeAutoGuide<D>(
  kind: AutoGuideKind,
  model: Model<D>,
  options: AutoGuideOptions,
  buildFamily: (pot: InitializedModel, initLoc: Float64Array, rngKey: PRNGKey) => LatentFamily,
  posterior?: (setup: GuideSetup, params: Readonly<Record<string, Tensor>>) => PosteriorFamily,
): AutoGuide<D> {
  const initScale = options.initScale ?? 0.1;
  if (!(initScale > 0 && Number.isFinite(initScale)))
    throw new SviError(
      "bad-argument",
      "initScale",
      `${kind}: initScale must be > 0, got ${initScale}`,
    );
  let current: GuideSetup | undefined;
  const need = (): GuideSetup => {
    if (current === undefined)
      throw new SviError(
        "not-initialized",
        "",
        `${kind}: the guide has not been set up yet; run svi(...).init(key, data) or guide.setup(key, data) first`,
      );
    return current;
  };
  const guide: AutoGuide<D> = {
    _tag: "AutoGuide",
    kind,
    model,
    get current() {
      return current;
    },
    setup(rngKey, data) {
      const pot = initializeModel(model, data, {
        key: rngKey,
        initStrategy:
          options.initLocFn ?? (kind === "AutoDelta" ? initToMedian() : initToUniform()),
      });
      const family = buildFamily(pot, pot.initialPosition.slice(), rngKey);
      const layout = paramLayout(family.params);
      const initParams = constrainedParams(layout, initialFlat(layout));
      current = { potential: pot, family, layout, initParams };
      return current;
    },
    posterior(params) {
      const s = need();
      return posterior ? posterior(s, params) : { family: s.family, params };
    },
    sampleUnconstrained(rngKey, params, n) {
      checkCount(n);
      const { family, params: p } = guide.posterior(params);
      const eps = tensor(normal(rngKey, [n, family.epsDim]), [n, family.epsDim]);
      return family.sample(p, eps).u.toArray();
    },
    samplePosterior(rngKey, params, n) {
      const s = need();
      return constrainDraws(s.potential, guide.sampleUnconstrained(rngKey, params, n), n);
    },
    median(params) {
      const s = need();
      const { family, params: p } = guide.posterior(params);
      const loc = family.loc ? family.loc(p) : mcQuantiles(guide, params, s, [0.5])[0];
      return squeezeFirst(constrainDraws(s.potential, loc, 1));
    },
    quantiles(params, qs) {
      const s = need();
      for (const q of qs)
        if (!(q > 0 && q < 1))
          throw new SviError(
            "bad-argument",
            "quantiles",
            `${kind}: quantiles must lie in (0, 1), got ${q}`,
          );
      const { family, params: p } = guide.posterior(params);
      const dim = s.potential.flatSize;
      let rows: Float64Array[];
      if (family.loc && family.marginalStd) {
        const loc = family.loc(p);
        const sd = family.marginalStd(p);
        rows = qs.map((q) => {
          const z = scalarSpecial.ndtri(q);
          const r = new Float64Array(dim);
          for (let j = 0; j < dim; j++) r[j] = loc[j] + sd[j] * z;
          return r;
        });
      } else {
        rows = mcQuantiles(guide, params, s, qs);
      }
      const u = new Float64Array(qs.length * dim);
      rows.forEach((r, i) => {
        u.set(r, i * dim);
      });
      return constrainDraws(s.potential, u, qs.length);
    },
  };
  return guide;
}

/** Median values with the leading draw dim dropped. */
export function squeezeFirst(values: Record<string, Tensor>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(values)) out[k] = tensor(v.toArray(), v.shape.slice(1));
  return out;
}

function mcQuantiles<D>(
  guide: AutoGuide<D>,
  params: Readonly<Record<string, Tensor>>,
  s: GuideSetup,
  qs: readonly number[],
): Float64Array[] {
  const dim = s.potential.flatSize;
  const u = guide.sampleUnconstrained(key(0), params, MC_DRAWS);
  const rows = qs.map(() => new Float64Array(dim));
  const col = new Float64Array(MC_DRAWS);
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i < MC_DRAWS; i++) col[i] = u[i * dim + j];
    col.sort();
    qs.forEach((q, k) => {
      rows[k][j] = empiricalQuantile(col, q);
    });
  }
  return rows;
}
