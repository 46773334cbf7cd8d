import { describe, expect, it } from "vitest";
import {
  componentLabels,
  type Posterior,
  summary,
  summaryColumns,
} from "../../src/diagnostics/index.js";
import { flatDraws, referenceFile, relClose } from "./fixture.js";

const ALL_COLUMNS = [
  "mean",
  "sd",
  "hdi_3%",
  "hdi_97%",
  "mcse_mean",
  "mcse_sd",
  "ess_bulk",
  "ess_tail",
  "r_hat",
];

/** Interleaves equally shaped chain-major scalars into one [chain, draw, k] variable. */
function stackComponents(components: Float64Array[]): Float64Array {
  const k = components.length;
  const out = new Float64Array(components[0].length * k);
  components.forEach((comp, c) => {
    for (let i = 0; i < comp.length; i++) out[i * k + c] = comp[i];
  });
  return out;
}

const { ar_rho0, ar_rho05, ar_rho095, shifted_chain } = referenceFile.cases;
const posterior: Posterior = {
  mu: { draws: flatDraws(ar_rho05), shape: [4, 500] },
  theta: {
    draws: stackComponents([flatDraws(ar_rho0), flatDraws(ar_rho095), flatDraws(shifted_chain)]),
    shape: [4, 500, 3],
  },
};

describe("summary", () => {
  const table = summary(posterior, { hdiProb: 0.94 });

  it("has ArviZ's row labels and exactly ArviZ's columns, in order", () => {
    expect(Object.keys(table)).toEqual(["mu", "theta[0]", "theta[1]", "theta[2]"]);
    for (const row of Object.values(table)) expect(Object.keys(row)).toEqual(ALL_COLUMNS);
  });

  it("agrees with the reference for every component (1e-8 relative)", () => {
    const expected = {
      mu: ar_rho05,
      "theta[0]": ar_rho0,
      "theta[1]": ar_rho095,
      "theta[2]": shifted_chain,
    };
    for (const [label, c] of Object.entries(expected)) {
      const ref = c.reference;
      const row = table[label];
      const pairs: [string, number][] = [
        ["mean", ref.mean],
        ["sd", ref.sd],
        ["hdi_3%", ref.hdi_94[0]],
        ["hdi_97%", ref.hdi_94[1]],
        ["mcse_mean", ref.mcse_mean],
        ["mcse_sd", ref.mcse_sd],
        ["ess_bulk", ref.ess_bulk],
        ["ess_tail", ref.ess_tail],
        ["r_hat", ref.rhat],
      ];
      for (const [column, want] of pairs) {
        expect(relClose(row[column], want), `${label} ${column}: ${row[column]} vs ${want}`).toBe(
          true,
        );
      }
    }
  });

  it("names the HDI columns after the probability", () => {
    expect(summaryColumns(0.9, "stats")).toEqual(["mean", "sd", "hdi_5%", "hdi_95%"]);
    expect(summaryColumns(0.89, "stats").slice(2)).toEqual(["hdi_5.5%", "hdi_94.5%"]);
    expect(summaryColumns(0.5, "stats").slice(2)).toEqual(["hdi_25%", "hdi_75%"]);
    const t = summary({ mu: posterior.mu }, { hdiProb: 0.9 });
    expect(Object.keys(t.mu)).toContain("hdi_5%");
    expect(Object.keys(t.mu)).toContain("hdi_95%");
  });

  it("kind selects the stats or diagnostics column group", () => {
    const stats = summary(posterior, { hdiProb: 0.94, kind: "stats" });
    expect(Object.keys(stats["theta[1]"])).toEqual(ALL_COLUMNS.slice(0, 4));
    const diag = summary(posterior, { hdiProb: 0.94, kind: "diagnostics" });
    expect(Object.keys(diag["theta[1]"])).toEqual(ALL_COLUMNS.slice(4));
    expect(diag["theta[1]"].ess_bulk).toBe(table["theta[1]"].ess_bulk);
  });

  it("roundTo rounds every value like numpy.round", () => {
    const rounded = summary(posterior, { roundTo: 2 });
    for (const [label, row] of Object.entries(rounded)) {
      for (const [column, v] of Object.entries(row)) {
        expect(v).toBeCloseTo(table[label][column], 2);
        expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-9);
      }
    }
  });

  it("names multi-dimensional components row-major like ArviZ", () => {
    const draws = Float64Array.from({ length: 2 * 10 * 2 * 3 }, (_, i) => Math.sin(i * 1.7));
    const t = summary({ L: { draws, shape: [2, 10, 2, 3] } });
    expect(Object.keys(t)).toEqual([
      "L[0, 0]",
      "L[0, 1]",
      "L[0, 2]",
      "L[1, 0]",
      "L[1, 1]",
      "L[1, 2]",
    ]);
    // component L[1, 2] has flat component index 5: element (chain * 10 + draw) * 6 + 5
    const stats = summary({ L: { draws, shape: [2, 10, 2, 3] } }, { kind: "stats" });
    const comp = Float64Array.from({ length: 20 }, (_, i) => draws[i * 6 + 5]);
    expect(stats["L[1, 2]"].mean).toBeCloseTo(comp.reduce((a, b) => a + b, 0) / 20, 14);
    expect(componentLabels("x", [])).toEqual(["x"]);
    expect(componentLabels("x", [0])).toEqual([]);
  });
});
