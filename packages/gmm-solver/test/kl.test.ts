import { describe, expect, it } from "vitest";
import {
  GmmError,
  gaussianMixtureFromParameters,
  klGaussian,
  klMixtureMonteCarlo,
  klMixtureVariational,
} from "../src/index.js";
import { klMixRef, klRef } from "./fixtures/reference.js";

const p = gaussianMixtureFromParameters(klMixRef.p);
const q = gaussianMixtureFromParameters(klMixRef.q);

describe("KL divergences", () => {
  it("closed form matches the NumPy explicit-inverse formula (1e-13)", () => {
    const kl = klGaussian(klRef.mu0, klRef.cov0, klRef.mu1, klRef.cov1);
    expect(Math.abs(kl - klRef.kl) / klRef.kl).toBeLessThan(1e-13);
    expect(klGaussian(klRef.mu0, klRef.cov0, klRef.mu0, klRef.cov0)).toBeCloseTo(0, 14);
  });

  it("closed form agrees with Monte Carlo on single Gaussians (within 4 standard errors)", () => {
    const g0 = gaussianMixtureFromParameters({
      weights: [1],
      means: [klRef.mu0],
      covariances: klRef.cov0,
    });
    const g1 = gaussianMixtureFromParameters({
      weights: [1],
      means: [klRef.mu1],
      covariances: klRef.cov1,
    });
    const mc = klMixtureMonteCarlo(g0, g1, 17, 200_000);
    // SE estimated from a pilot: sd of the log-ratio ≈ 3.5 → SE ≈ 0.008 at N = 2e5.
    expect(Math.abs(mc - klRef.kl)).toBeLessThan(0.035);
    // For single Gaussians the variational approximation is exact.
    expect(klMixtureVariational(g0, g1)).toBeCloseTo(klRef.kl, 12);
  });

  it("Hershey–Olsen variational approximation matches the NumPy transcription", () => {
    expect(klMixtureVariational(p, q)).toBeCloseTo(klMixRef.variational, 12);
    expect(klMixtureVariational(p, p)).toBeCloseTo(0, 12);
  });

  it("mixture Monte Carlo matches a 2e6-sample NumPy estimate within 4 standard errors", () => {
    const N = 100_000;
    const mc = klMixtureMonteCarlo(p, q, 5, N);
    // SE at N = 1e5 is √20 × the reference run's SE; the reference's own SE is negligible.
    const se = klMixRef.monteCarloStdErr * Math.sqrt(2_000_000 / N);
    expect(Math.abs(mc - klMixRef.monteCarlo)).toBeLessThan(4 * se);
    expect(klMixtureMonteCarlo(p, p, 5, 1000)).toBe(0);
  });

  it("rejects mismatched dimensions and non-PD covariances", () => {
    expect(() => klGaussian([0, 0], [1, 0, 0, 1], [0], [1])).toThrow(GmmError);
    expect(() => klGaussian([0, 0], [1, 2, 2, 1], [0, 0], [1, 0, 0, 1])).toThrow(GmmError);
    const r = gaussianMixtureFromParameters({
      weights: [1],
      means: [[0, 0, 0]],
      covariances: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
    expect(() => klMixtureVariational(p, r)).toThrow(GmmError);
    expect(() => klMixtureMonteCarlo(p, q, 1, 0)).toThrow(GmmError);
  });
});
