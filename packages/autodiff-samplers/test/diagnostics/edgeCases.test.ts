import { describe, expect, it } from "vitest";
import {
  DiagnosticsError,
  essBulk,
  essMean,
  essSd,
  essTail,
  hdi,
  mcseMean,
  mcseSd,
  rhat,
  rhatParts,
  summary,
} from "../../src/diagnostics/index.js";
import { flatDraws, referenceFile } from "./fixture.js";

const scalarDiagnostics = { rhat, essBulk, essTail, essMean, essSd, mcseMean, mcseSd };

describe("constant draws (sd = 0)", () => {
  const constant = new Float64Array(4 * 50).fill(1.25);

  it.each(Object.entries(scalarDiagnostics))("%s is NaN", (_, fn) => {
    expect(fn(constant, 4)).toBeNaN();
  });

  it("rhatParts are NaN and hdi collapses to the value", () => {
    const parts = rhatParts(constant, 4);
    expect(parts.bulk).toBeNaN();
    expect(parts.tail).toBeNaN();
    expect(hdi(constant)).toEqual([1.25, 1.25]);
  });

  it("summary reports mean/sd and NaN diagnostics", () => {
    const row = summary({ c: { draws: constant, shape: [4, 50] } }).c;
    expect(row.mean).toBe(1.25);
    expect(row.sd).toBe(0);
    expect(row.r_hat).toBeNaN();
    expect(row.ess_bulk).toBeNaN();
    expect(row.mcse_mean).toBeNaN();
  });

  it("one constant chain among moving ones stays finite (fixture case)", () => {
    const c = referenceFile.cases.one_constant_chain;
    const x = flatDraws(c);
    expect(Number.isFinite(rhat(x, c.n_chains))).toBe(true);
    expect(rhat(x, c.n_chains)).toBeGreaterThan(1.1);
    expect(Number.isFinite(essBulk(x, c.n_chains))).toBe(true);
  });
});

describe("NaN draws", () => {
  const x = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 0.7));
  x[17] = Number.NaN;

  it.each(Object.entries(scalarDiagnostics))("%s returns NaN without throwing", (_, fn) => {
    expect(fn(x, 2)).toBeNaN();
  });

  it("hdi returns [NaN, NaN] and summary rows are NaN", () => {
    expect(hdi(x)).toEqual([Number.NaN, Number.NaN]);
    const row = summary({ x: { draws: x, shape: [2, 100] } }).x;
    for (const v of Object.values(row)) expect(v).toBeNaN();
  });
});

describe("single chain", () => {
  const c = referenceFile.cases.single_chain_odd;
  const x = flatDraws(c);

  it("is split into two halves and gives finite diagnostics", () => {
    expect(c.n_chains).toBe(1);
    for (const fn of Object.values(scalarDiagnostics)) {
      expect(Number.isFinite(fn(x, 1))).toBe(true);
    }
    expect(rhat([x])).toBe(rhat(x, 1));
  });
});

describe("invalid input throws DiagnosticsError", () => {
  it("fewer than 4 draws per chain", () => {
    const x = new Float64Array([0.1, 0.5, 0.3, 0.9, 1.2, 0.4]);
    for (const fn of Object.values(scalarDiagnostics)) {
      expect(() => fn(x, 2)).toThrow(DiagnosticsError);
      expect(() => fn(x, 2)).toThrow(/at least 4 draws per chain, got 3/);
    }
    expect(() => summary({ x: { draws: x, shape: [2, 3] } })).toThrow(DiagnosticsError);
    // the stats-only summary needs no diagnostics and therefore works
    expect(summary({ x: { draws: x, shape: [2, 3] } }, { kind: "stats" }).x.mean).toBeCloseTo(
      0.5667,
      4,
    );
  });

  it("exactly 4 draws is accepted", () => {
    expect(Number.isFinite(essBulk(new Float64Array([0.1, 0.5, 0.3, 0.9]), 1))).toBe(true);
  });

  it("layout errors", () => {
    const x = new Float64Array(10);
    expect(() => rhat(x, 3)).toThrow(DiagnosticsError);
    expect(() => rhat(x, 0)).toThrow(DiagnosticsError);
    expect(() => rhat([new Float64Array(5), new Float64Array(6)])).toThrow(/same length/);
    expect(() => rhat([])).toThrow(DiagnosticsError);
    expect(() => hdi(x, 1)).toThrow(DiagnosticsError);
    expect(() => hdi(new Float64Array(0))).toThrow(DiagnosticsError);
    expect(() => summary({ x: { draws: x, shape: [2, 4] } })).toThrow(/needs 8 values, got 10/);
    expect(() => summary({ x: { draws: x, shape: [10] } })).toThrow(DiagnosticsError);
  });

  it("the error is typed and named", () => {
    try {
      essBulk(new Float64Array(2), 1);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DiagnosticsError);
      expect(e).toBeInstanceOf(Error);
      expect((e as DiagnosticsError).name).toBe("DiagnosticsError");
    }
  });
});
