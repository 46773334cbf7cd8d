/**
 * PyMC's plain-text `model.str_repr()` of a caribou_hi model (spec §2.3.1, tutorial cell [17]):
 * free RVs, then deterministics, then observed RVs, names right-aligned on " ~ ". A function of
 * other variables prints as `f(a, b, …)` listing its free-RV ancestors (PyMC's order is a
 * Python set's; here they are listed in creation order).
 *
 * The ancestors come from the immediate parents declared below for each family (the same
 * dependencies the model code has; the tests compare the result with the tutorial's sets).
 */
import type { HiModelKind } from "./model-data.js";
import type { ResolvedPriors } from "./priors.js";

type Parents = Readonly<Record<string, readonly string[]>>;

const COMMON: Parents = {
  fwhm2: ["fwhm2_norm"],
  log10_nHI: ["log10_nHI_norm"],
  velocity: ["velocity_norm"],
  log10_n_alpha: ["log10_n_alpha_norm"],
  fwhm_L: ["fwhm_L_norm"],
  log10_Pth: ["tkin", "log10_nHI"],
  log10_NHI: ["tau_total", "tspin"],
  log10_depth: ["log10_NHI", "log10_nHI"],
};

const EMISSION: Parents = {
  ...COMMON,
  TB_fwhm: ["TB_fwhm_norm"],
  tkin: ["tkin_factor_norm", "fwhm2", "TB_fwhm"],
  tspin: ["tkin", "log10_nHI", "log10_n_alpha"],
  tau_total: ["TB_fwhm", "fwhm2", "filling_factor", "tspin"],
  wt_ff_tspin: ["tspin"],
  absorption_weight: ["wt_ff_tspin", "tspin", "filling_factor"],
};

const ABSORPTION: Parents = {
  ...COMMON,
  tau_total: ["tau_total_norm"],
  tkin: ["tkin_factor", "fwhm2"],
  tspin: ["tkin", "log10_nHI", "log10_n_alpha"],
};

const PHYSICAL: Parents = {
  fwhm2: ["fwhm2_norm"],
  velocity: ["velocity_norm"],
  n_alpha: ["n_alpha_norm"],
  fwhm_L: ["fwhm_L_norm"],
  fwhm2_thermal: ["fwhm2", "fwhm2_thermal_fraction"],
  tkin: ["fwhm2_thermal"],
  fwhm2_nonthermal: ["fwhm2", "fwhm2_thermal"],
  depth: ["fwhm2_nonthermal", "nth_fwhm_1pc"],
  log10_NHI: ["ff_NHI_norm", "filling_factor", "NHI_fwhm2_thermal_norm", "fwhm2_thermal"],
  log10_nHI: ["log10_NHI", "depth"],
  tspin: ["tkin", "log10_nHI", "n_alpha"],
  tau_total: ["log10_NHI", "tspin"],
  wt_ff_fwhm2_thermal: ["fwhm2_thermal"],
  absorption_weight: ["wt_ff_fwhm2_thermal", "fwhm2_thermal", "filling_factor"],
  log10_Pth: ["tkin", "log10_nHI"],
  log10_Pnth: ["log10_nHI", "fwhm2_nonthermal"],
  log10_Ptot: ["log10_Pth", "log10_Pnth"],
};

/** Immediate parents of every derived node of a family (observed sites included). */
export function familyParents(kind: HiModelKind): Parents {
  const base = kind.endsWith("-physical")
    ? PHYSICAL
    : kind === "absorption"
      ? ABSORPTION
      : EMISSION;
  const line = ["tau_total", "velocity", "fwhm2", "fwhm_L"];
  return {
    ...base,
    absorption: ["baseline_absorption_norm", ...line, "absorption_weight"],
    emission: ["baseline_emission_norm", ...line, "tspin", "filling_factor"],
  };
}

/** Free-RV ancestors of `name`, in the order of `freeRVs`. */
export function freeAncestors(
  kind: HiModelKind,
  name: string,
  freeRVs: readonly string[],
): string[] {
  const parents = familyParents(kind);
  const free = new Set(freeRVs);
  const seen = new Set<string>();
  const stack = [...(parents[name] ?? [])];
  while (stack.length > 0) {
    const p = stack.pop() as string;
    if (seen.has(p)) continue;
    seen.add(p);
    if (!free.has(p)) stack.push(...(parents[p] ?? []));
  }
  return freeRVs.filter((f) => seen.has(f));
}

/** Python-like number: 2.0 → "2", 0.5 → "0.5". */
function num(x: number): string {
  return String(x);
}

/** The printed distribution of a free RV. */
function freeLabel(
  kind: HiModelKind,
  name: string,
  p: ResolvedPriors,
  freeRVs: readonly string[],
): string {
  if (name.startsWith("baseline_")) {
    const key = name.slice("baseline_".length, -"_norm".length);
    const w = p.baselineCoeffs[key] ?? [1];
    return `Normal(0, ${w.every((x) => x === w[0]) ? num(w[0]) : "<constant>"})`;
  }
  const anc = () => `f(${freeAncestors(kind, name, freeRVs).join(", ")})`;
  switch (name) {
    case "fwhm2_norm":
      return "Gamma(0.5, f())";
    case "velocity_norm":
      return "Beta(2, 2)";
    case "tkin_factor_norm":
    case "tkin_factor":
      return `Beta(${num(p.tkinFactor[0])}, ${num(p.tkinFactor[1])})`;
    case "filling_factor":
      return kind.endsWith("-physical")
        ? "Uniform(0, 1)"
        : `Beta(${num(p.fillingFactor[0])}, ${num(p.fillingFactor[1])})`;
    case "fwhm2_thermal_fraction":
      return `Beta(${num(p.fwhm2ThermalFraction[0])}, ${num(p.fwhm2ThermalFraction[1])})`;
    case "nth_fwhm_1pc":
      return `TruncatedNormal(${num(p.nthFwhm1pc[0])}, ${num(p.nthFwhm1pc[1])}, 0, inf)`;
    case "wt_ff_tspin":
    case "wt_ff_fwhm2_thermal":
      return `LogNormal(${anc()}, ${num(Math.LN10 * (p.sigmaLog10NHI ?? 0.5))})`;
    default:
      return name.endsWith("_norm") && name.startsWith("log10_")
        ? "Normal(0, 1)"
        : "HalfNormal(0, 1)";
  }
}

/** A site as the model string needs it. */
export interface GraphSite {
  readonly name: string;
  readonly type: "free" | "deterministic" | "observed";
}

/** The model string (see the module doc). */
export function modelString(
  kind: HiModelKind,
  priors: ResolvedPriors,
  sites: readonly GraphSite[],
): string {
  const free = sites.filter((s) => s.type === "free").map((s) => s.name);
  const ordered = [
    ...sites.filter((s) => s.type === "free"),
    ...sites.filter((s) => s.type === "deterministic"),
    ...sites.filter((s) => s.type === "observed"),
  ];
  const width = Math.max(...ordered.map((s) => s.name.length));
  return ordered
    .map((s) => {
      const rhs =
        s.type === "free"
          ? freeLabel(kind, s.name, priors, free)
          : s.type === "deterministic"
            ? `Deterministic(f(${freeAncestors(kind, s.name, free).join(", ")}))`
            : `Normal(f(${freeAncestors(kind, s.name, free).join(", ")}), <constant>)`;
      return `${s.name.padStart(width)} ~ ${rhs}`;
    })
    .join("\n");
}
