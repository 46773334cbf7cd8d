/**
 * bayes_spec's `Optimize` (spec §3.9): one model per cloud count n = 1…maxNClouds, fitted in
 * turn until the BIC stops improving, and the smallest adequate n.
 *
 * - `bics`: {0: null BIC, n: BIC of model n} — +∞ without a trace; a one-chain (ADVI) trace
 *   uses `bic({ chain: [0] })`; an MCMC trace the minimum over its solutions (+∞ with none).
 * - `checkStop(n, threshold = 10)`: model n has no trace, or MCMC with no solution, or
 *   BIC_n + threshold ≥ the last finite BIC among 0…n−1.
 * - `optimize({ bicThreshold = 10, approx = true, … })`: for n = 1, 2, …: `fit` (approx) or
 *   `sample` + `solve`; an error is reported and the loop continues; it stops when
 *   `checkStop` holds for two consecutive n. The best n is the first (in 0…max) whose BIC is
 *   below min(BIC) + threshold; with `approx` the best model is then sampled with NUTS and
 *   solved. `startSpread` {name: [a, b]} starts `name` at linspace(a, b, n) for each n.
 */
import type { BaseHiModel, HiModelOptions } from "./base-model.js";
import type { FitOptions } from "./fit.js";
import type { HiDataInput, HiModel, HiModelClass } from "./models.js";
import type { SampleOptions } from "./sample.js";
import { linspace } from "./seed-settings.js";
import type { SolveOptions } from "./solve.js";

/** Options of {@link Optimize.optimize}. */
export interface OptimizeOptions {
  readonly bicThreshold?: number;
  readonly fitOptions?: FitOptions;
  readonly sampleOptions?: SampleOptions;
  readonly solveOptions?: SolveOptions;
  /** Per variable [a, b]: start values linspace(a, b, n) (e.g. `{ velocity_norm: [0.1, 0.9] }`). */
  readonly startSpread?: Readonly<Record<string, readonly [number, number]>>;
  /** Fit with ADVI while searching (default true), then sample the best model with NUTS. */
  readonly approx?: boolean;
  /** Called after each cloud count with its BIC (e.g. for progress). */
  readonly onModel?: (nClouds: number, bic: number, error?: unknown) => void;
}

export class Optimize<P extends object = object> {
  /** Models by cloud count 1…maxNClouds. */
  readonly models: ReadonlyMap<number, HiModel>;
  readonly maxNClouds: number;
  /** The chosen cloud count after `optimize()` (0: no cloud beats the baseline-only model). */
  bestNClouds: number | null = null;

  constructor(
    modelClass: HiModelClass,
    data: HiDataInput,
    options: Omit<HiModelOptions, "nClouds"> & { readonly maxNClouds?: number },
  ) {
    this.maxNClouds = options.maxNClouds ?? 5;
    const models = new Map<number, HiModel>();
    for (let n = 1; n <= this.maxNClouds; n++)
      models.set(n, new modelClass(data, { ...options, nClouds: n }));
    this.models = models;
  }

  /** `addPriors` on every model. */
  addPriors(priors: P = {} as P): this {
    for (const m of this.models.values()) (m as BaseHiModel<P>).addPriors(priors);
    return this;
  }

  /** `addLikelihood` on every model. */
  addLikelihood(): this {
    for (const m of this.models.values()) m.addLikelihood();
    return this;
  }

  /** The BIC of the baseline-only model. */
  nullBic(): number {
    return (this.models.get(1) as HiModel).nullBic();
  }

  /** BIC by cloud count (see the module doc). */
  get bics(): Record<number, number> {
    const out: Record<number, number> = { 0: this.nullBic() };
    for (const [n, m] of this.models) out[n] = modelBic(m);
    return out;
  }

  /** The stop criterion at cloud count n (see the module doc). */
  checkStop(n: number, bicThreshold = 10): boolean {
    const m = this.models.get(n) as HiModel;
    if (m.trace === null) return true;
    if (m.trace.method === "nuts" && m.solutions.length === 0) return true;
    const bics = this.bics;
    let last = Number.POSITIVE_INFINITY;
    for (let k = n - 1; k >= 0; k--)
      if (Number.isFinite(bics[k])) {
        last = bics[k];
        break;
      }
    return bics[n] + bicThreshold >= last;
  }

  /** Runs the search (see the module doc); returns the best model (null when n = 0 is best). */
  async optimize(options: OptimizeOptions = {}): Promise<HiModel | null> {
    const threshold = options.bicThreshold ?? 10;
    const approx = options.approx ?? true;
    let previousStop = false;
    for (let n = 1; n <= this.maxNClouds; n++) {
      const m = this.models.get(n) as HiModel;
      const start = startFor(options.startSpread, n);
      try {
        if (approx)
          m.fit({
            ...options.fitOptions,
            ...(start ? { start: { ...options.fitOptions?.start, ...start } } : {}),
          });
        else await this.sampleAndSolve(m, options, start);
        options.onModel?.(n, modelBic(m));
      } catch (e) {
        options.onModel?.(n, Number.POSITIVE_INFINITY, e);
        m.say(`n_clouds = ${n}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const stop = this.checkStop(n, threshold);
      if (stop && previousStop) break;
      previousStop = stop;
    }
    const best = bestNClouds(this.bics, threshold);
    this.bestNClouds = best;
    if (best === 0) return null;
    const model = this.models.get(best) as HiModel;
    if (approx) await this.sampleAndSolve(model, options, startFor(options.startSpread, best));
    return model;
  }

  private async sampleAndSolve(
    m: HiModel,
    o: OptimizeOptions,
    start: Record<string, Float64Array> | undefined,
  ) {
    const s = o.sampleOptions ?? {};
    await m.sample({
      ...s,
      ...(start
        ? { initKwargs: { ...s.initKwargs, start: { ...s.initKwargs?.start, ...start } } }
        : {}),
    });
    m.solve(o.solveOptions);
  }
}

/** The first cloud count (0, 1, …) whose BIC is below min(BIC) + threshold. */
export function bestNClouds(bics: Readonly<Record<number, number>>, threshold = 10): number {
  const counts = Object.keys(bics)
    .map(Number)
    .sort((a, b) => a - b);
  const min = Math.min(...counts.map((n) => bics[n]));
  return counts.find((n) => bics[n] < min + threshold) ?? 0;
}

function startFor(
  spread: OptimizeOptions["startSpread"],
  n: number,
): Record<string, Float64Array> | undefined {
  if (!spread) return undefined;
  const out: Record<string, Float64Array> = {};
  for (const [name, [a, b]] of Object.entries(spread)) out[name] = linspace(a, b, n);
  return out;
}

/** BIC of one model for `Optimize` (see the module doc). */
export function modelBic(m: BaseHiModel<object>): number {
  if (m.trace === null) return Number.POSITIVE_INFINITY;
  if (m.trace.method === "advi") return m.bic({ chain: [0] });
  if (m.solutions.length === 0) return Number.POSITIVE_INFINITY;
  return Math.min(...m.solutions.map((_, k) => m.bic({ solution: k })));
}
