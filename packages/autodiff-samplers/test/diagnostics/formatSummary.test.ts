import { describe, expect, it } from "vitest";
import { formatSummary, summary, summaryToJson } from "../../src/diagnostics/index.js";
import { flatDraws, referenceFile } from "./fixture.js";

const { ar_rho0, ar_rho095 } = referenceFile.cases;
const theta = new Float64Array(4 * 500 * 2);
flatDraws(ar_rho0).forEach((v, i) => {
  theta[2 * i] = v;
});
flatDraws(ar_rho095).forEach((v, i) => {
  theta[2 * i + 1] = v;
});
const table = summary({
  mu: { draws: flatDraws(referenceFile.cases.ar_rho05), shape: [4, 500] },
  theta: { draws: theta, shape: [4, 500, 2] },
  flat: { draws: new Float64Array(40).fill(3), shape: [2, 20] },
});

describe("formatSummary", () => {
  const text = formatSummary(table);
  const lines = text.split("\n");

  it("has a header with every column name and one line per component", () => {
    expect(lines).toHaveLength(1 + 4);
    for (const column of Object.keys(table.mu)) expect(lines[0]).toContain(column);
    expect(lines[0].trim().split(/\s+/)).toEqual(Object.keys(table.mu));
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([
      "mu",
      "theta[0]",
      "theta[1]",
      "flat",
    ]);
  });

  it("right-aligns columns so every line has the same width", () => {
    const width = lines[0].length;
    for (const line of lines) expect(line.length).toBe(width);
    // the header's column names end where the values end (right alignment)
    const rHatEnd = lines[0].indexOf("r_hat") + "r_hat".length;
    expect(rHatEnd).toBe(width);
  });

  it("uses 3 decimals for stats/mcse, integers for ess, 2 decimals for r_hat, NaN", () => {
    const cells = lines[1].trim().split(/\s+/).slice(1);
    const [mean, sd, lo, hi, mcseMean, mcseSd, essBulk, essTail, rHat] = cells;
    for (const c of [mean, sd, lo, hi, mcseMean, mcseSd]) expect(c).toMatch(/^-?\d+\.\d{3}$/);
    expect(essBulk).toMatch(/^\d+$/);
    expect(essTail).toMatch(/^\d+$/);
    expect(rHat).toMatch(/^\d+\.\d{2}$/);
    expect(Number(essBulk)).toBe(Math.round(table.mu.ess_bulk));
    const flat = lines[4].trim().split(/\s+/);
    expect(flat.slice(1, 3)).toEqual(["3.000", "0.000"]);
    expect(flat.at(-1)).toBe("NaN");
  });

  it("formats an empty table as the empty string", () => {
    expect(formatSummary({})).toBe("");
  });
});

describe("summaryToJson", () => {
  it("is pandas orient='split' with null for NaN and survives JSON round-trips", () => {
    const json = summaryToJson(table);
    expect(json.columns).toEqual(Object.keys(table.mu));
    expect(json.index).toEqual(["mu", "theta[0]", "theta[1]", "flat"]);
    expect(json.data).toHaveLength(4);
    expect(json.data[0][0]).toBe(table.mu.mean);
    expect(json.data[3].at(-1)).toBeNull();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
