import { describe, expect, it } from "vitest";
import {
  autocorrelation,
  essBulk,
  essMean,
  essSd,
  essTail,
  hdi,
  mcseMean,
  mcseSd,
  rhat,
  rhatParts,
} from "../../src/diagnostics/index.js";
import { caseNames, chainArrays, flatDraws, referenceFile, relClose } from "./fixture.js";

const REL = 1e-8;

function expectRel(actual: number, expected: number, what: string, absFloor = 0): void {
  expect(
    relClose(actual, expected, REL, absFloor),
    `${what}: got ${actual}, expected ${expected}`,
  ).toBe(true);
}

describe("diagnostics match the NumPy reference (1e-8 relative)", () => {
  it("has the expected fixture cases", () => {
    expect(caseNames).toEqual(
      expect.arrayContaining(["ar_rho0", "ar_rho05", "ar_rho095", "shifted_chain"]),
    );
  });

  describe.each(caseNames)("%s", (name) => {
    const c = referenceFile.cases[name];
    const ref = c.reference;
    const x = flatDraws(c);
    const m = c.n_chains;

    it("rhat and its bulk/tail parts", () => {
      expectRel(rhat(x, m), ref.rhat, "rhat");
      const parts = rhatParts(x, m);
      expectRel(parts.bulk, ref.rhat_bulk, "rhat bulk");
      expectRel(parts.tail, ref.rhat_tail, "rhat tail");
    });

    it("essBulk / essTail / essMean / essSd", () => {
      expectRel(essBulk(x, m), ref.ess_bulk, "ess_bulk");
      expectRel(essTail(x, m), ref.ess_tail, "ess_tail");
      expectRel(essMean(x, m), ref.ess_mean, "ess_mean");
      expectRel(essSd(x, m), ref.ess_sd, "ess_sd");
    });

    it("mcseMean / mcseSd", () => {
      expectRel(mcseMean(x, m), ref.mcse_mean, "mcse_mean");
      expectRel(mcseSd(x, m), ref.mcse_sd, "mcse_sd");
    });

    it("hdi at 0.94 (default), 0.5 and 0.89", () => {
      const cases = [
        [hdi(x), ref.hdi_94],
        [hdi(x, 0.5), ref.hdi_50],
        [hdi(x, 0.89), ref.hdi_89],
      ] as const;
      for (const [got, want] of cases) {
        expectRel(got[0], want[0], "hdi lo");
        expectRel(got[1], want[1], "hdi hi");
      }
    });

    it("autocorrelation of chain 0", () => {
      const acf = autocorrelation(x.subarray(0, c.n_draws));
      expect(acf.length).toBe(c.n_draws);
      ref.autocorr_chain0.forEach((want, lag) => {
        // relative to the lag-0 scale (= 1) for values that are ~0
        expectRel(acf[lag], want, `acf lag ${lag}`, 1e-4);
      });
    });

    it("per-chain array input gives the same results as the flat form", () => {
      const chains = chainArrays(c);
      expect(rhat(chains)).toBe(rhat(x, m));
      expect(essBulk(chains)).toBe(essBulk(x, m));
      expect(essTail(chains)).toBe(essTail(x, m));
      expect(essMean(chains)).toBe(essMean(x, m));
      expect(essSd(chains)).toBe(essSd(x, m));
      expect(mcseMean(chains)).toBe(mcseMean(x, m));
      expect(mcseSd(chains)).toBe(mcseSd(x, m));
      expect(hdi(chains)).toEqual(hdi(x));
    });
  });
});
