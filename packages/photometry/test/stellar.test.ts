import { Effect } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AGE_CENTRES,
  AGE_EDGES,
  calzettiK,
  delayedTauCumulative,
  delayedTauWeights,
  imfMoment,
  loadModelData,
  makeStellarModel,
  msLifetime,
  msLuminosity,
  sspBolometric,
  sspTable,
  turnoffMass,
} from "../src/index.js";
import { frequencyWeights } from "../src/stellar/planck.js";

describe("stellar substitute pieces", () => {
  it("Kroupa IMF is normalised to 1 M☉ formed and continuous at 0.5 M☉", () => {
    expect(imfMoment(0.08, 100, 1)).toBeCloseTo(1, 14);
    expect(imfMoment(0.08, 0.5, 1) + imfMoment(0.5, 100, 1)).toBeCloseTo(1, 14);
    // Number fraction below 0.5 M☉ is about 0.78 for Kroupa on 0.08–100 (closed form).
    const nLow = imfMoment(0.08, 0.5, 0);
    const nAll = imfMoment(0.08, 100, 0);
    expect(nLow / nAll).toBeGreaterThan(0.7);
    expect(nLow / nAll).toBeLessThan(0.85);
  });
  it("delayed-τ cumulative: series and closed form agree at the switch; weights sum to 1", () => {
    const x = 1e-3;
    expect(
      Math.abs(delayedTauCumulative(x * (1 - 1e-12)) / (-Math.expm1(-x) - x * Math.exp(-x)) - 1),
    ).toBeLessThan(1e-9);
    const w = new Float64Array(AGE_EDGES.length - 1);
    for (const [tage, tau] of [
      [0.001, 0.1],
      [13.8, 0.1],
      [13.8, 30],
      [7.2e-6, 6.7e-6],
      [1, 1],
      [25, 2],
    ]) {
      delayedTauWeights(tage, tau, AGE_EDGES, w);
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
    }
    // τ ≫ tage: ψ ∝ t, so half the mass is younger than tage·(1 − 1/√2).
    delayedTauWeights(1, 1e6, [0, 1 - Math.SQRT1_2, 2], w.subarray(0, 2));
    expect(w[0]).toBeCloseTo(0.5, 5);
  });
  it("main-sequence relations: continuous at 10 M☉, turnoffMass inverts msLifetime, massive stars as observed", () => {
    expect(msLuminosity(10 * (1 + 1e-12)) / msLuminosity(10)).toBeCloseTo(1, 9);
    expect(msLifetime(10 * (1 + 1e-12)) / msLifetime(10)).toBeCloseTo(1, 9);
    fc.assert(
      fc.property(fc.double({ min: 0.08, max: 100, noNaN: true }), (m) => {
        expect(Math.abs(turnoffMass(msLifetime(m)) / m - 1)).toBeLessThan(1e-12);
      }),
    );
    expect(msLuminosity(1)).toBe(1);
    expect(msLifetime(1)).toBe(10);
    // A 100 M☉ star: ~1e6 L☉ for ~3 Myr (not 1e7 L☉ for 0.1 Myr).
    expect(msLuminosity(100)).toBeCloseTo(1e6, -4);
    expect(msLifetime(100)).toBeCloseTo(0.00316, 4);
  });
  it("SSP light fades with age; giants carry a large share of an old population's light", () => {
    const young = sspBolometric(0.01);
    const old = sspBolometric(10);
    expect(young.mainSequence + young.giants).toBeGreaterThan(
      100 * (old.mainSequence + old.giants),
    );
    const share = old.giants / (old.giants + old.mainSequence);
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.8);
  });
  it("Calzetti k(λ): R_V = 4.05 near V, continuous at 0.63 µm and 2.2 µm, rising to the UV", () => {
    expect(calzettiK(5500)).toBeGreaterThan(4);
    expect(calzettiK(5500)).toBeLessThan(4.2);
    // The two published branches meet only to 0.7 % at 0.63 µm (Calzetti et al. 2000, eq. 4).
    expect(Math.abs(calzettiK(6299.999) / calzettiK(6300.001) - 1)).toBeLessThan(0.01);
    expect(calzettiK(21999.99) / calzettiK(22000.01)).toBeCloseTo(1, 5);
    expect(calzettiK(1500)).toBeGreaterThan(calzettiK(3000));
    expect(calzettiK(1e6)).toBeGreaterThan(0);
  });
  it("tables on knots (0.3 % spacing) + linear interpolation match the full-grid sum to 5e-4", () => {
    const data = Effect.runSync(loadModelData());
    const lam = data.wavelength;
    const model = makeStellarModel(lam, { attenuation: "calzetti", dustEmission: false });
    const w = new Float64Array(AGE_EDGES.length - 1);
    const ages = AGE_CENTRES;
    const full = sspTable(lam, ages, 0);
    for (const [tage, tau] of [
      [12, 0.5],
      [0.05, 1],
    ]) {
      const out = new Float64Array(lam.length);
      model.addSpectrum({ tage, tau, dust2: 0, logzsol: 0 }, 0, lam.length - 1, out);
      delayedTauWeights(tage, tau, AGE_EDGES, w);
      for (let i = 0; i < lam.length; i += 7) {
        if (lam[i] < 1000 || lam[i] > 1e6) continue;
        let ref = 0;
        for (let k = 0; k < w.length; k++) ref += w[k] * full[k * lam.length + i];
        // Measured at most 1.6e-4 (Wien tails on 1000 Å–1e6 Å).
        expect(Math.abs(out[i] / ref - 1)).toBeLessThan(5e-4);
      }
    }
  });
  it("energy balance: the dust re-emits what it absorbs (bolometric luminosity kept within 3 %)", () => {
    const data = Effect.runSync(loadModelData());
    const lam = data.wavelength;
    const nu = frequencyWeights(lam);
    const model = makeStellarModel(lam, { attenuation: "calzetti", dustEmission: true });
    const bolometric = (dust2: number) => {
      const out = new Float64Array(lam.length);
      model.addSpectrum({ tage: 3, tau: 1, dust2, logzsol: 0 }, 0, lam.length - 1, out);
      let s = 0;
      for (let i = 0; i < lam.length; i++) s += nu[i] * out[i];
      return s;
    };
    const free = bolometric(0);
    // The absorbed light is integrated on a coarse 400-point grid: a few % of slack.
    for (const d2 of [0.3, 1, 2]) expect(Math.abs(bolometric(d2) / free - 1)).toBeLessThan(0.03);
    const noEmission = makeStellarModel(lam, { attenuation: "calzetti", dustEmission: false });
    const out = new Float64Array(lam.length);
    noEmission.addSpectrum({ tage: 3, tau: 1, dust2: 1, logzsol: 0 }, 0, lam.length - 1, out);
    let s = 0;
    for (let i = 0; i < lam.length; i++) s += nu[i] * out[i];
    expect(s / free).toBeLessThan(0.8);
  });
});
