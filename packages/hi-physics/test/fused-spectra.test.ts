/**
 * The fused spectrum kernels (`src/fused-*.ts`) against the tensor graph they replace:
 * - the seed's compiled potential (value and gradient, the function NUTS calls) with the fused
 *   kernels and with the graph (`hiModelUnfused`) at random points, to 1e-12 relative;
 * - the same for the variants that take the other branches: per-cloud absorption weights
 *   (prior_sigma_log10_NHI 0.5), an emission-only and an absorption-only model;
 * - eager values and gradients of the kernels against `cloudOpticalDepth` +
 *   `radiativeTransferTensor` / `absorptionSpectrumTensor`;
 * - reverse-mode gradients of the kernels against central finite differences.
 *
 * Why 1e-12: the kernels do the forward arithmetic in the graph's order (the values agree to
 * the last bit or nearly), and the gradients differ only by the association of products and by
 * the summation over 100–200 channels: a few ulps of the largest term. Gradient components are
 * compared relative to the gradient's largest component (a component that cancels to near zero
 * has no meaningful relative error; the sampler sees the vector).
 */
import { initializeModel, initToMedian } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { grad, mul, sum, type Tensor, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { absorptionSpectrumFused } from "../src/fused-absorption.js";
import { emissionSpectrumFused } from "../src/fused-emission.js";
import { gaussianTauCoefficients } from "../src/fused-tau.js";
import { hiModel, hiModelUnfused } from "../src/hi-model.js";
import {
  AbsorptionModel,
  EmissionAbsorptionModel,
  EmissionAbsorptionPhysicalModel,
  EmissionModel,
  SEED_FIT_PRIORS,
  simulateSeed,
} from "../src/index.js";
import { cloudOpticalDepth } from "../src/optical-depth.js";
import { absorptionSpectrumTensor, radiativeTransferTensor } from "../src/radiative-transfer.js";
import { checkGradient } from "./helpers/gradcheck.js";

/** Deterministic standard normals (mulberry32 + Box–Muller). */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const sim = simulateSeed({ noise: true, seed: 1234 });
const seedData = { emission: sim.emission, absorption: sim.absorption };

/** Max relative differences of value and gradient, fused vs graph, at `points` random points. */
function comparePotentials(
  data: ReturnType<EmissionAbsorptionModel["modelData"]>,
  points: number,
  spread: number,
): { value: number; gradient: number; finite: number } {
  const init = { key: key(0), initStrategy: initToMedian() };
  const fused = initializeModel(hiModel, data, init);
  const graph = initializeModel(hiModelUnfused, data, init);
  expect(fused.flatSize).toBe(graph.flatSize);
  // the fused path was taken (it replaces several compiled steps), so this compares two paths
  expect(fused.compiled.stats.steps).toBeLessThan(graph.compiled.stats.steps);
  const d = fused.flatSize;
  const rand = normals(20261207);
  const gf = new Float64Array(d);
  const gg = new Float64Array(d);
  let value = 0;
  let gradient = 0;
  let finite = 0;
  for (let p = 0; p < points; p++) {
    const q = Float64Array.from(fused.initialPosition, (x) => x + spread * rand());
    const uf = fused.potential(q, gf);
    const ug = graph.potential(q, gg);
    if (!Number.isFinite(ug)) {
      expect(uf).toBe(ug);
      continue;
    }
    finite++;
    value = Math.max(value, Math.abs(uf - ug) / Math.abs(ug));
    const scale = Math.max(...Array.from(gg, Math.abs));
    for (let i = 0; i < d; i++) gradient = Math.max(gradient, Math.abs(gf[i] - gg[i]) / scale);
  }
  return { value, gradient, finite };
}

describe("fused spectrum kernels in the model", () => {
  it("the seed's fit model (cell [16]): potential and gradient equal the graph's to 1e-12", () => {
    const model = new EmissionAbsorptionModel(seedData, { nClouds: 3, seed: 1234 })
      .addPriors(SEED_FIT_PRIORS)
      .addLikelihood();
    const r = comparePotentials(model.modelData(true), 200, 1);
    expect(r.finite).toBeGreaterThan(150);
    expect(r.value).toBeLessThanOrEqual(1e-12);
    expect(r.gradient).toBeLessThanOrEqual(1e-12);
  });

  it("per-cloud absorption weights (prior_sigma_log10_NHI 0.5)", () => {
    const model = new EmissionAbsorptionModel(seedData, { nClouds: 3, seed: 1234 })
      .addPriors({ ...SEED_FIT_PRIORS, priorSigmaLog10NHI: 0.5 })
      .addLikelihood();
    const r = comparePotentials(model.modelData(true), 100, 1);
    expect(r.finite).toBeGreaterThan(50);
    expect(r.value).toBeLessThanOrEqual(1e-12);
    expect(r.gradient).toBeLessThanOrEqual(1e-12);
  });

  it("the physical emission-absorption model (its own cloud block)", () => {
    const model = new EmissionAbsorptionPhysicalModel(seedData, { nClouds: 2 })
      .addPriors()
      .addLikelihood();
    const r = comparePotentials(model.modelData(true), 100, 0.5);
    expect(r.finite).toBeGreaterThan(50);
    expect(r.value).toBeLessThanOrEqual(1e-12);
    expect(r.gradient).toBeLessThanOrEqual(1e-12);
  });

  it("emission-only and absorption-only models, 2 clouds, baseline degree 1", () => {
    const em = new EmissionModel({ emission: sim.emission }, { nClouds: 2, baselineDegree: 1 })
      .addPriors({ priorTBFwhm: 200, priorVelocity: [-20, 20] })
      .addLikelihood();
    const ab = new AbsorptionModel(
      { absorption: sim.absorption },
      { nClouds: 2, baselineDegree: 1 },
    )
      .addPriors({ priorVelocity: [-20, 20] })
      .addLikelihood();
    for (const m of [em, ab]) {
      const r = comparePotentials(m.modelData(true), 100, 0.5);
      expect(r.finite).toBeGreaterThan(50);
      expect(r.value).toBeLessThanOrEqual(1e-12);
      expect(r.gradient).toBeLessThanOrEqual(1e-12);
    }
  });
});

const axis = Float64Array.from({ length: 40 }, (_, s) => -20 + s);
const clouds = {
  velocity: Float64Array.from([-4.2, 1.3, 6.8]),
  fwhm2: Float64Array.from([9, 30, 4.5]),
  tauTotal: Float64Array.from([12, 3, 25]),
  tspin: Float64Array.from([40, 120, 900]),
  fillingFactor: Float64Array.from([0.3, 0.9, 1]),
  weight: Float64Array.from([0.9, 1.2, 0.7]),
};

function emissionFused(v: Tensor, fwhm2: Tensor, tau: Tensor, ts: Tensor, f: Tensor): Tensor {
  const k = gaussianTauCoefficients(tensor(axis), fwhm2, tau);
  return emissionSpectrumFused(axis, v, k.rate, k.logAmplitude, ts, f, 3.77);
}
function emissionGraph(v: Tensor, fwhm2: Tensor, tau: Tensor, ts: Tensor, f: Tensor): Tensor {
  return radiativeTransferTensor(cloudOpticalDepth(axis, v, fwhm2, 0, tau), ts, f, 3.77);
}
function absorptionFused(v: Tensor, fwhm2: Tensor, tau: Tensor, w: Tensor): Tensor {
  const k = gaussianTauCoefficients(tensor(axis), fwhm2, tau);
  return absorptionSpectrumFused(axis, v, k.rate, k.logAmplitude, w);
}
function absorptionGraph(v: Tensor, fwhm2: Tensor, tau: Tensor, w: Tensor): Tensor {
  return absorptionSpectrumTensor(cloudOpticalDepth(axis, v, fwhm2, 0, tau), w);
}

/** Values and gradients of Σ w⊙f of two implementations agree to `tol` relative. */
function expectSameFunction(
  f: (...t: Tensor[]) => Tensor,
  g: (...t: Tensor[]) => Tensor,
  args: readonly Float64Array[],
  tol: number,
) {
  const a = f(...args.map((x) => tensor(x))).toArray();
  const b = g(...args.map((x) => tensor(x))).toArray();
  for (let s = 0; s < a.length; s++)
    expect(Math.abs(a[s] - b[s])).toBeLessThanOrEqual(tol * Math.abs(b[s]));
  const w = tensor(Float64Array.from({ length: a.length }, (_, s) => 0.5 + ((s * 0.618) % 1)));
  const ga = grad((...t: Tensor[]) => sum(mul(w, f(...t))))(...args.map((x) => tensor(x)));
  const gb = grad((...t: Tensor[]) => sum(mul(w, g(...t))))(...args.map((x) => tensor(x)));
  ga.forEach((t, k) => {
    const ref = gb[k].toArray();
    const scale = Math.max(...Array.from(ref, Math.abs));
    t.toArray().forEach((x, i) => {
      expect(Math.abs(x - ref[i])).toBeLessThanOrEqual(tol * scale);
    });
  });
}

describe("fused spectrum kernels (eager)", () => {
  const { velocity, fwhm2, tauTotal, tspin, fillingFactor, weight } = clouds;

  it("emission: values and gradients equal cloudOpticalDepth + radiativeTransferTensor", () => {
    expectSameFunction(
      emissionFused,
      emissionGraph,
      [velocity, fwhm2, tauTotal, tspin, fillingFactor],
      1e-12,
    );
  });

  it("absorption: values and gradients equal cloudOpticalDepth + absorptionSpectrumTensor", () => {
    expectSameFunction(
      absorptionFused,
      absorptionGraph,
      [velocity, fwhm2, tauTotal, weight],
      1e-12,
    );
    // a constant weight
    const k = gaussianTauCoefficients(tensor(axis), tensor(fwhm2), tensor(tauTotal));
    const fused = absorptionSpectrumFused(
      axis,
      tensor(velocity),
      k.rate,
      k.logAmplitude,
      0.8,
    ).toArray();
    const graph = absorptionSpectrumTensor(
      cloudOpticalDepth(axis, tensor(velocity), tensor(fwhm2), 0, tensor(tauTotal)),
      0.8,
    ).toArray();
    fused.forEach((x, s) => {
      expect(Math.abs(x - graph[s])).toBeLessThanOrEqual(1e-12 * graph[s]);
    });
  });

  it("emission gradient against finite differences (opaque and thin clouds, f = 1)", () => {
    checkGradient(emissionFused, [velocity, fwhm2, tauTotal, tspin, fillingFactor], 1e-6);
    checkGradient(
      emissionFused,
      [velocity, fwhm2, Float64Array.from([0.05, 0.4, 2]), tspin, fillingFactor],
      1e-6,
    );
  });

  it("absorption gradient against finite differences", () => {
    checkGradient(
      absorptionFused,
      [velocity, fwhm2, Float64Array.from([0.05, 0.4, 2]), weight],
      1e-6,
    );
    checkGradient(absorptionFused, [velocity, fwhm2, tauTotal, weight], 1e-6);
  });

  it("the τ cache is refreshed when the inputs change (value after value, then the gradient)", () => {
    const k = gaussianTauCoefficients(tensor(axis), tensor(fwhm2), tensor(tauTotal));
    const a = absorptionSpectrumFused(axis, tensor(velocity), k.rate, k.logAmplitude, 1).toArray();
    const shifted = tensor(velocity.map((v) => v + 1));
    const b = absorptionSpectrumFused(axis, shifted, k.rate, k.logAmplitude, 1).toArray();
    const ref = absorptionGraph(
      shifted,
      tensor(fwhm2),
      tensor(tauTotal),
      tensor([1, 1, 1]),
    ).toArray();
    expect(Array.from(b)).not.toEqual(Array.from(a));
    b.forEach((x, s) => {
      expect(Math.abs(x - ref[s])).toBeLessThanOrEqual(1e-12 * ref[s]);
    });
  });

  it("rejects per-cloud inputs of different lengths", () => {
    const k = gaussianTauCoefficients(tensor(axis), tensor(fwhm2), tensor(tauTotal));
    expect(() =>
      emissionSpectrumFused(
        axis,
        tensor(velocity),
        k.rate,
        k.logAmplitude,
        tensor([1, 2]),
        tensor(fillingFactor),
        3.77,
      ),
    ).toThrow(/same length/);
  });
});
