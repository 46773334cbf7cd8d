/**
 * The model builders against the tutorial (cells [17], [19], [42]) and caribou_hi's own model
 * tests (every class validates on random data), plus parameter counting and error handling.
 */
import { seed, substitute, trace } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import type { Tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  AbsorptionModel,
  AbsorptionPhysicalModel,
  EmissionAbsorptionModel,
  EmissionAbsorptionPhysicalModel,
  EmissionModel,
  EmissionPhysicalModel,
  HiModelError,
  hiModel,
  MODEL_CLASSES,
  priorsFromCaribouNames,
  SEED_FIT_PRIORS,
  seedDummyData,
  simulateSeed,
} from "../src/index.js";

function seedFitModel(sigma: number | null = null, fwhmL: number | null = null) {
  const sim = simulateSeed({ noise: true });
  return new EmissionAbsorptionModel(
    { emission: sim.emission, absorption: sim.absorption },
    { nClouds: 3, baselineDegree: 0, bgTemp: 3.77, seed: 1234 },
  )
    .addPriors({ ...SEED_FIT_PRIORS, priorSigmaLog10NHI: sigma, priorFwhmL: fwhmL })
    .addLikelihood();
}

/** tspin of the model at the given free-RV values. */
function likelihoodFreeTspin(
  model: EmissionAbsorptionModel,
  values: Record<string, Tensor>,
): Float64Array {
  const tr = trace(seed(substitute(hiModel, values), key(0))).getTrace(model.modelData(true));
  const v = tr.get("tspin")?.value as Tensor;
  return v.toArray();
}

/** Deterministic N(0, 1)-like data (Box–Muller on a fixed LCG). */
function randomSpectrum(n: number, lo: number, hi: number, seed: number) {
  let s = seed;
  const u = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 0.5) / 2147483648;
  };
  const brightness = Float64Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()),
  );
  const spectral = Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return { spectral, brightness, noise: 1.0 };
}

describe("EmissionAbsorptionModel of the tutorial (cell [16] priors)", () => {
  const model = seedFitModel();
  it("parameter lists of cells [19] and [42]", () => {
    expect(model.cloudFreeRVs).toEqual([
      "fwhm2_norm",
      "log10_nHI_norm",
      "velocity_norm",
      "log10_n_alpha_norm",
      "TB_fwhm_norm",
      "tkin_factor_norm",
      "filling_factor",
    ]);
    expect(model.cloudDeterministics).toEqual([
      "fwhm2",
      "log10_nHI",
      "velocity",
      "log10_n_alpha",
      "TB_fwhm",
      "tkin",
      "tspin",
      "tau_total",
      "log10_Pth",
      "log10_NHI",
      "log10_depth",
    ]);
    expect(model.baselineFreeRVs).toEqual(["baseline_emission_norm", "baseline_absorption_norm"]);
    expect(model.baselineDeterministics).toEqual([]);
    expect(model.hyperFreeRVs).toEqual([]);
    expect(model.hyperDeterministics).toEqual([]);
  });
  it("BIC's k = 23 free parameters and n = 300 channels", () => {
    expect(model.nParams).toBe(23);
    expect(model.nData).toBe(300);
  });
  it("model string of cell [17]: lines, order, alignment and the same ancestor sets", () => {
    const lines = model.strRepr().split("\n");
    const printed: Record<string, string> = {
      baseline_emission_norm: "Normal(0, 1)",
      baseline_absorption_norm: "Normal(0, 1)",
      fwhm2_norm: "Gamma(0.5, f())",
      log10_nHI_norm: "Normal(0, 1)",
      velocity_norm: "Beta(2, 2)",
      log10_n_alpha_norm: "Normal(0, 1)",
      TB_fwhm_norm: "HalfNormal(0, 1)",
      tkin_factor_norm: "Beta(2, 2)",
      filling_factor: "Beta(2, 1)",
      fwhm2: "Deterministic(f(fwhm2_norm))",
      log10_nHI: "Deterministic(f(log10_nHI_norm))",
      velocity: "Deterministic(f(velocity_norm))",
      log10_n_alpha: "Deterministic(f(log10_n_alpha_norm))",
      TB_fwhm: "Deterministic(f(TB_fwhm_norm))",
      tkin: "Deterministic(f(tkin_factor_norm, fwhm2_norm, TB_fwhm_norm))",
      tspin:
        "Deterministic(f(tkin_factor_norm, log10_n_alpha_norm, fwhm2_norm, TB_fwhm_norm, log10_nHI_norm))",
      tau_total:
        "Deterministic(f(fwhm2_norm, filling_factor, TB_fwhm_norm, tkin_factor_norm, log10_n_alpha_norm, log10_nHI_norm))",
      log10_Pth: "Deterministic(f(log10_nHI_norm, tkin_factor_norm, fwhm2_norm, TB_fwhm_norm))",
      log10_NHI:
        "Deterministic(f(fwhm2_norm, filling_factor, tkin_factor_norm, log10_n_alpha_norm, TB_fwhm_norm, log10_nHI_norm))",
      log10_depth:
        "Deterministic(f(log10_nHI_norm, fwhm2_norm, filling_factor, tkin_factor_norm, log10_n_alpha_norm, TB_fwhm_norm))",
      absorption:
        "Normal(f(baseline_absorption_norm, fwhm2_norm, velocity_norm, filling_factor, TB_fwhm_norm, tkin_factor_norm, log10_n_alpha_norm, log10_nHI_norm), <constant>)",
      emission:
        "Normal(f(filling_factor, baseline_emission_norm, tkin_factor_norm, fwhm2_norm, log10_n_alpha_norm, TB_fwhm_norm, log10_nHI_norm, velocity_norm), <constant>)",
    };
    expect(lines.map((l) => l.split(" ~ ")[0].trim())).toEqual(Object.keys(printed));
    const at = lines[0].indexOf(" ~ ");
    for (const l of lines) expect(l.indexOf(" ~ ")).toBe(at);
    const argSet = (s: string) =>
      new Set((/f\(([^)]*)\)/.exec(s)?.[1] ?? "").split(", ").filter(Boolean));
    for (const l of lines) {
      const [name, rhs] = l.split(" ~ ").map((x) => x.trim());
      const expected = printed[name];
      expect(rhs.replace(/f\([^)]*\)/, "f()")).toBe(expected.replace(/f\([^)]*\)/, "f()"));
      expect(argSet(rhs)).toEqual(argSet(expected));
    }
  });
  it("initial point: PyMC's support points (Normal μ, Beta/Gamma mean, HalfNormal σ)", () => {
    const p = model.initialPoint();
    expect(Array.from(p.fwhm2_norm.data)).toEqual([1, 1, 1]);
    expect(Array.from(p.velocity_norm.data)).toEqual([0.5, 0.5, 0.5]);
    expect(Array.from(p.TB_fwhm_norm.data)).toEqual([1, 1, 1]);
    expect(Array.from(p.log10_nHI_norm.data)).toEqual([0, 0, 0]);
    expect(p.filling_factor.data[0]).toBeCloseTo(2 / 3, 15);
    expect(Array.from(p.baseline_emission_norm.data)).toEqual([0]);
    // E[wt_ff_tspin] = exp(−½σ² − ln T_s + ½σ²) = 1/T_s at the initial point's T_s
    const withSigma = seedFitModel(0.5);
    const q = withSigma.initialPoint();
    const tspin = likelihoodFreeTspin(withSigma, q);
    for (let k = 0; k < 3; k++) expect(q.wt_ff_tspin.data[k] * tspin[k]).toBeCloseTo(1, 12);
  });
  it("validates; the TeX labels include the baselines", () => {
    expect(model.validate()).toBe(true);
    expect(model.varNameMap.tspin).toBe("$T_S$ (K)");
    expect(model.varNameMap.baseline_emission_norm).toBe("$\\beta_{\\rm emission}$");
  });
  it("with prior_sigma_log10_NHI and prior_fwhm_L: wt_ff_tspin, absorption_weight, fwhm_L in place", () => {
    const m = seedFitModel(0.5, 1.0);
    expect(m.cloudFreeRVs).toEqual([
      "fwhm2_norm",
      "log10_nHI_norm",
      "velocity_norm",
      "log10_n_alpha_norm",
      "fwhm_L_norm",
      "TB_fwhm_norm",
      "tkin_factor_norm",
      "filling_factor",
      "wt_ff_tspin",
    ]);
    expect(m.cloudDeterministics).toEqual([
      "fwhm2",
      "log10_nHI",
      "velocity",
      "log10_n_alpha",
      "fwhm_L",
      "TB_fwhm",
      "tkin",
      "tspin",
      "tau_total",
      "absorption_weight",
      "log10_Pth",
      "log10_NHI",
      "log10_depth",
    ]);
    expect(m.nParams).toBe(2 + 9 * 3);
    expect(m.validate()).toBe(true);
  });
});

describe("caribou_hi's model tests: every class validates on random data (noise 1)", () => {
  const em = randomSpectrum(1000, -100, 100, 1);
  const ab = randomSpectrum(500, -20, 20, 2);
  const opts = { nClouds: 2, baselineDegree: 1 };
  it("EmissionModel (prior_fwhm_L 1.0), AbsorptionModel, EmissionAbsorptionModel (± σ)", () => {
    expect(
      new EmissionModel({ emission: em }, opts)
        .addPriors({ priorFwhmL: 1.0 })
        .addLikelihood()
        .validate(),
    ).toBe(true);
    expect(
      new AbsorptionModel({ absorption: ab }, opts).addPriors().addLikelihood().validate(),
    ).toBe(true);
    expect(
      new EmissionAbsorptionModel({ emission: em, absorption: ab }, opts)
        .addPriors()
        .addLikelihood()
        .validate(),
    ).toBe(true);
    expect(
      new EmissionAbsorptionModel({ emission: em, absorption: ab }, opts)
        .addPriors({ priorSigmaLog10NHI: 0.5 })
        .addLikelihood()
        .validate(),
    ).toBe(true);
  });
  it("the physical family (fwhm_L a shared hyper-parameter)", () => {
    const e = new EmissionPhysicalModel({ emission: em }, opts)
      .addPriors({ priorFwhmL: 1.0 })
      .addLikelihood();
    expect(e.validate()).toBe(true);
    expect(e.hyperFreeRVs).toEqual(["fwhm_L_norm"]);
    expect(e.hyperDeterministics).toEqual(["fwhm_L"]);
    expect(
      new AbsorptionPhysicalModel({ absorption: ab }, opts).addPriors().addLikelihood().validate(),
    ).toBe(true);
    const ea = new EmissionAbsorptionPhysicalModel({ emission: em, absorption: ab }, opts)
      .addPriors()
      .addLikelihood();
    expect(ea.validate()).toBe(true);
    expect(ea.cloudFreeRVs).toContain("wt_ff_fwhm2_thermal");
    expect(ea.cloudDeterministics).toEqual(
      expect.arrayContaining(["depth", "log10_Pnth", "log10_Ptot", "absorption_weight"]),
    );
  });
});

describe("MODEL_CLASSES", () => {
  it("maps every family to its class", () => {
    const em = randomSpectrum(50, -10, 10, 3);
    for (const [kind, Class] of Object.entries(MODEL_CLASSES))
      expect(new Class({ emission: em, absorption: em }, { nClouds: 1 }).kind).toBe(kind);
  });
});

describe("priorsFromCaribouNames", () => {
  it("maps caribou_hi's argument names; unknown names are a HiModelError", () => {
    expect(
      priorsFromCaribouNames({
        prior_TB_fwhm: 200,
        prior_sigma_log10_NHI: null,
        prior_velocity: [-20, 20],
      }),
    ).toEqual({
      priorTBFwhm: 200,
      priorSigmaLog10NHI: null,
      priorVelocity: [-20, 20],
    });
    expect(() => priorsFromCaribouNames({ prior_bogus: 1 })).toThrow(HiModelError);
  });
});

describe("errors", () => {
  const data = seedDummyData();
  it("missing dataset, bad cloud count, impossible priors, no likelihood", () => {
    expect(() => new EmissionAbsorptionModel({ emission: data.emission }, { nClouds: 3 })).toThrow(
      HiModelError,
    );
    expect(() => new EmissionModel({ emission: data.emission }, { nClouds: 0 })).toThrow(/nClouds/);
    const m = new EmissionModel({ emission: data.emission }, { nClouds: 1 });
    expect(() => m.addPriors({ priorVelocity: [5, -5] })).toThrow(/priorVelocity/);
    expect(() => m.addPriors({ priorFwhm2: -1 })).toThrow(/priorFwhm2/);
    expect(() => m.addPriors({ priorTkinFactor: [0, 2] })).toThrow(/priorTkinFactor/);
    expect(() => m.addPriors({ priorBaselineCoeffs: { emission: [1, 1] } })).toThrow(
      /2 widths|needs 1/,
    );
    expect(() => m.addPriors({ priorBogus: 1 } as never)).toThrow(/unknown prior/);
    expect(() => m.addLikelihood()).toThrow(/addPriors/);
    m.addPriors();
    expect(() => m.validate()).toThrow(/addLikelihood/);
  });
});
