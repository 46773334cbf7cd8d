/**
 * Prior arguments of the caribou_hi model classes (spec §2.2–2.6), under caribou_hi's names in
 * camelCase (`prior_TB_fwhm` → `priorTBFwhm`; {@link PRIOR_ARGUMENT_NAMES} maps both ways), with
 * their defaults, and the check that turns an impossible prior into a `HiModelError`.
 *
 * Defaults: the tutorial-era (caribou_hi 4.1.0+3) values where the spec pins them, else the
 * v4.0 code's; `priorLog10NAlpha` [−6, 1] and `priorFillingFactor` [2, 1] are the values the
 * tutorial passes (their 4.1 defaults are unverified, spec §6). `priorSigmaLog10NHI: null`
 * (the default) is the constant-column-density assumption: absorption weight fixed to 1.
 */
import { HiModelError } from "./errors.js";

/** Priors shared by every HIModel (spec §2.2). */
export interface HiPriorOptions {
  /** FWHM² prior scale: fwhm2 = priorFwhm2 · χ²₁ draw (km² s⁻²). Default 200. */
  readonly priorFwhm2?: number;
  /** [mean, sd] of log10 n_HI (cm⁻³). Default [0, 1.5]. */
  readonly priorLog10NHI?: readonly [number, number];
  /** [lower, upper] of the velocity: velocity = lo + (hi − lo)·Beta(2, 2) (km s⁻¹). Default [−10, 10]. */
  readonly priorVelocity?: readonly [number, number];
  /** [mean, sd] of log10 n_α (cm⁻³). Default [−6, 1]. */
  readonly priorLog10NAlpha?: readonly [number, number];
  /** Lorentzian FWHM scale (HalfNormal), or null for pure Gaussian lines (default). */
  readonly priorFwhmL?: number | null;
  /** Baseline coefficient widths per dataset key (each of length degree + 1); default all 1. */
  readonly priorBaselineCoeffs?: Readonly<Record<string, readonly number[]>> | null;
}

/** EmissionModel / EmissionAbsorptionModel priors (spec §2.3–2.4). */
export interface EmissionPriorOptions extends HiPriorOptions {
  /** Beta shape of the filling factor. Default [2, 1]. */
  readonly priorFillingFactor?: readonly [number, number];
  /** Scale of TB_fwhm = peak T_B × FWHM (HalfNormal, K km s⁻¹). Default 50. */
  readonly priorTBFwhm?: number;
  /** Beta shape of the kinetic-temperature factor between T_B and the thermal limit. Default [2, 2]. */
  readonly priorTkinFactor?: readonly [number, number];
}

/** EmissionAbsorptionModel priors. */
export interface EmissionAbsorptionPriorOptions extends EmissionPriorOptions {
  /**
   * Width (dex) of the log-normal ratio of absorption to emission column density; null (the
   * default) assumes both probe the same column (absorption weight 1).
   */
  readonly priorSigmaLog10NHI?: number | null;
}

/** AbsorptionModel priors (spec §2.5). */
export interface AbsorptionPriorOptions extends HiPriorOptions {
  /** Scale of tau_total (HalfNormal, km s⁻¹). Default 1. */
  readonly priorTauTotal?: number;
  /** Beta shape of tkin_factor = T_k / T_k,max. Default [2, 2]. */
  readonly priorTkinFactor?: readonly [number, number];
}

/** Priors shared by the physical models (spec §2.6). */
export interface PhysicalPriorOptions {
  /** Default 200. */
  readonly priorFwhm2?: number;
  /** Default [−10, 10]. */
  readonly priorVelocity?: readonly [number, number];
  /** Scale of n_α (HalfNormal, cm⁻³). Default 1e-6. */
  readonly priorNAlpha?: number;
  /** [mean, sd] of the non-thermal FWHM at 1 pc (normal truncated at 0). Default [1.75, 0.25]. */
  readonly priorNthFwhm1pc?: readonly [number, number];
  /** Scale of the shared Lorentzian FWHM (a hyper-parameter), or null (default). */
  readonly priorFwhmL?: number | null;
  readonly priorBaselineCoeffs?: Readonly<Record<string, readonly number[]>> | null;
  /** Beta shape of fwhm2_thermal / fwhm2. Default [2, 2]. */
  readonly priorFwhm2ThermalFraction?: readonly [number, number];
}

/** EmissionPhysicalModel / EmissionAbsorptionPhysicalModel priors. */
export interface EmissionPhysicalPriorOptions extends PhysicalPriorOptions {
  /** Scale of f·N_HI (HalfNormal, cm⁻²). Default 1e21. */
  readonly priorFfNHI?: number;
}

/** EmissionAbsorptionPhysicalModel priors (σ default 0.5 here, as caribou_hi). */
export interface EmissionAbsorptionPhysicalPriorOptions extends EmissionPhysicalPriorOptions {
  readonly priorSigmaLog10NHI?: number;
}

/** AbsorptionPhysicalModel priors. */
export interface AbsorptionPhysicalPriorOptions extends PhysicalPriorOptions {
  /** Scale of N_HI / fwhm2_thermal (HalfNormal). Default 1e20. */
  readonly priorNHIFwhm2Thermal?: number;
}

/** Every prior, resolved (plain data: crosses worker threads). */
export interface ResolvedPriors {
  readonly fwhm2: number;
  readonly log10NHI: readonly [number, number];
  readonly velocity: readonly [number, number];
  readonly log10NAlpha: readonly [number, number];
  readonly fwhmL: number | null;
  readonly baselineCoeffs: Readonly<Record<string, readonly number[]>>;
  readonly fillingFactor: readonly [number, number];
  readonly TBFwhm: number;
  readonly tkinFactor: readonly [number, number];
  readonly sigmaLog10NHI: number | null;
  readonly tauTotal: number;
  readonly nAlpha: number;
  readonly nthFwhm1pc: readonly [number, number];
  readonly fwhm2ThermalFraction: readonly [number, number];
  readonly ffNHI: number;
  readonly NHIFwhm2Thermal: number;
}

/** All prior options of every family (what `addPriors` accepts, per class a subset). */
export type AnyPriorOptions = HiPriorOptions &
  EmissionAbsorptionPriorOptions &
  AbsorptionPriorOptions &
  Omit<EmissionAbsorptionPhysicalPriorOptions, "priorSigmaLog10NHI"> &
  AbsorptionPhysicalPriorOptions;

/** caribou_hi's argument name → ours. */
export const PRIOR_ARGUMENT_NAMES: Readonly<Record<string, keyof AnyPriorOptions>> = {
  prior_fwhm2: "priorFwhm2",
  prior_log10_nHI: "priorLog10NHI",
  prior_velocity: "priorVelocity",
  prior_log10_n_alpha: "priorLog10NAlpha",
  prior_fwhm_L: "priorFwhmL",
  prior_baseline_coeffs: "priorBaselineCoeffs",
  prior_filling_factor: "priorFillingFactor",
  prior_TB_fwhm: "priorTBFwhm",
  prior_tkin_factor: "priorTkinFactor",
  prior_sigma_log10_NHI: "priorSigmaLog10NHI",
  prior_tau_total: "priorTauTotal",
  prior_n_alpha: "priorNAlpha",
  prior_nth_fwhm_1pc: "priorNthFwhm1pc",
  prior_fwhm2_thermal_fraction: "priorFwhm2ThermalFraction",
  prior_ff_NHI: "priorFfNHI",
  prior_NHI_fwhm2_thermal: "priorNHIFwhm2Thermal",
};

/** Options keyed by caribou_hi's names (`prior_TB_fwhm`, …) → ours; unknown names are an error. */
export function priorsFromCaribouNames(args: Readonly<Record<string, unknown>>): AnyPriorOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    const name =
      PRIOR_ARGUMENT_NAMES[k] ??
      (Object.values(PRIOR_ARGUMENT_NAMES).includes(k as never) ? k : undefined);
    if (name === undefined)
      throw new HiModelError({
        method: "addPriors",
        argument: k,
        message: `unknown prior argument "${k}"`,
      });
    out[name] = v;
  }
  return out as AnyPriorOptions;
}

/** The inverse of {@link priorsFromCaribouNames}: camelCase options in caribou_hi's names. */
export function priorsToCaribouNames(
  options: Readonly<Partial<Record<keyof AnyPriorOptions, unknown>>>,
): Record<string, unknown> {
  const caribou = new Map(Object.entries(PRIOR_ARGUMENT_NAMES).map(([c, camel]) => [camel, c]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options))
    out[caribou.get(k as keyof AnyPriorOptions) ?? k] = v;
  return out;
}

/** Which optional defaults differ between families. */
export interface PriorDefaultsOverride {
  readonly fwhm2?: number;
  readonly velocity?: readonly [number, number];
  readonly sigmaLog10NHI?: number | null;
}

const BASE_DEFAULTS: Omit<ResolvedPriors, "baselineCoeffs"> = {
  fwhm2: 200,
  log10NHI: [0, 1.5],
  velocity: [-10, 10],
  log10NAlpha: [-6, 1],
  fwhmL: null,
  fillingFactor: [2, 1],
  TBFwhm: 50,
  tkinFactor: [2, 2],
  sigmaLog10NHI: null,
  tauTotal: 1,
  nAlpha: 1e-6,
  nthFwhm1pc: [1.75, 0.25],
  fwhm2ThermalFraction: [2, 2],
  ffNHI: 1e21,
  NHIFwhm2Thermal: 1e20,
};

function bad(argument: string, message: string): never {
  throw new HiModelError({ method: "addPriors", argument, message: `${argument}: ${message}` });
}

function positive(name: string, v: unknown): number {
  if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v))
    bad(name, `must be a finite number > 0, got ${String(v)}`);
  return v as number;
}

function pair(
  name: string,
  v: unknown,
  check: "meanSd" | "range" | "shape",
): readonly [number, number] {
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    !v.every((x) => typeof x === "number" && Number.isFinite(x))
  )
    bad(name, `must be two finite numbers, got ${JSON.stringify(v)}`);
  const [a, b] = v as [number, number];
  if (check === "meanSd" && !(b > 0)) bad(name, `width must be > 0, got ${b}`);
  if (check === "range" && !(b > a))
    bad(name, `upper limit must exceed the lower limit, got [${a}, ${b}]`);
  if (check === "shape" && !(a > 0 && b > 0))
    bad(name, `Beta shapes must be > 0, got [${a}, ${b}]`);
  return [a, b];
}

/**
 * Resolves and checks prior options against the defaults; `datasetKeys` and `baselineDegree`
 * size the default baseline widths and check given ones (bayes_spec's length check).
 */
export function resolvePriors(
  options: AnyPriorOptions,
  datasetKeys: readonly string[],
  baselineDegree: number,
  override: PriorDefaultsOverride = {},
): ResolvedPriors {
  const known = new Set(Object.values(PRIOR_ARGUMENT_NAMES) as string[]);
  for (const k of Object.keys(options))
    if (!known.has(k)) bad(k, `unknown prior argument (known: ${[...known].join(", ")})`);
  const d = { ...BASE_DEFAULTS, ...override };
  const o = options;
  const baselineCoeffs: Record<string, readonly number[]> = {};
  for (const key of datasetKeys) {
    const given = o.priorBaselineCoeffs?.[key];
    const widths = given ?? new Array(baselineDegree + 1).fill(1);
    if (widths.length !== baselineDegree + 1)
      bad(
        "priorBaselineCoeffs",
        `"${key}" needs ${baselineDegree + 1} widths (baseline degree ${baselineDegree}), got ${widths.length}`,
      );
    for (const [i, w] of widths.entries()) positive(`priorBaselineCoeffs.${key}[${i}]`, w);
    baselineCoeffs[key] = [...widths];
  }
  if (o.priorBaselineCoeffs)
    for (const k of Object.keys(o.priorBaselineCoeffs))
      if (!datasetKeys.includes(k)) bad("priorBaselineCoeffs", `no dataset named "${k}"`);
  const nullable = (name: string, v: number | null | undefined, dflt: number | null) =>
    v === undefined ? dflt : v === null ? null : positive(name, v);
  return {
    fwhm2: positive("priorFwhm2", o.priorFwhm2 ?? d.fwhm2),
    log10NHI: pair("priorLog10NHI", o.priorLog10NHI ?? d.log10NHI, "meanSd"),
    velocity: pair("priorVelocity", o.priorVelocity ?? d.velocity, "range"),
    log10NAlpha: pair("priorLog10NAlpha", o.priorLog10NAlpha ?? d.log10NAlpha, "meanSd"),
    fwhmL: nullable("priorFwhmL", o.priorFwhmL, d.fwhmL),
    baselineCoeffs,
    fillingFactor: pair("priorFillingFactor", o.priorFillingFactor ?? d.fillingFactor, "shape"),
    TBFwhm: positive("priorTBFwhm", o.priorTBFwhm ?? d.TBFwhm),
    tkinFactor: pair("priorTkinFactor", o.priorTkinFactor ?? d.tkinFactor, "shape"),
    sigmaLog10NHI: nullable("priorSigmaLog10NHI", o.priorSigmaLog10NHI, d.sigmaLog10NHI),
    tauTotal: positive("priorTauTotal", o.priorTauTotal ?? d.tauTotal),
    nAlpha: positive("priorNAlpha", o.priorNAlpha ?? d.nAlpha),
    nthFwhm1pc: pair("priorNthFwhm1pc", o.priorNthFwhm1pc ?? d.nthFwhm1pc, "meanSd"),
    fwhm2ThermalFraction: pair(
      "priorFwhm2ThermalFraction",
      o.priorFwhm2ThermalFraction ?? d.fwhm2ThermalFraction,
      "shape",
    ),
    ffNHI: positive("priorFfNHI", o.priorFfNHI ?? d.ffNHI),
    NHIFwhm2Thermal: positive("priorNHIFwhm2Thermal", o.priorNHIFwhm2Thermal ?? d.NHIFwhm2Thermal),
  };
}
