/**
 * Spec §3.6: the AGN part alone (quasar + SMC + torus, no starlight) reproduces agnfinder's
 * testcube (1,000 real Prospector + FSPS outputs, Euclid filters, relabelled with the
 * parameters that drove them) within 0.01 dex in all 8 bands on at least 991 rows. The 9
 * flagged rows are where FSPS starlight matters; there the stellar substitute is compared.
 */
import { readFileSync } from "node:fs";
import { simulationFiles } from "@sidereal/photometry-data";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { loadFilterSet, loadModelData, makeForwardModel, THETA_COLUMNS } from "../src/index.js";

const lines = readFileSync(simulationFiles.testcubeEffectiveParams, "utf8").trim().split("\n");
const header = lines[0].split(",");
const rows = lines.slice(1).map((l) => l.split(",").map(Number));
const col = (name: string) => header.indexOf(name);
const thetaCols = THETA_COLUMNS.map(col);
const bandCols = header.map((h, j) => [h, j] as const).filter(([h]) => h.startsWith("maggies_"));
const flagCol = col("agn_only_reproduces_within_0p01dex");

const data = Effect.runSync(loadModelData());
const filters = Effect.runSync(loadFilterSet("Euclid"));

const agnOnlySpec = { thetaColumns: THETA_COLUMNS, filters, agn: true, stellar: false } as const;
const agnOnly = makeForwardModel(data, agnOnlySpec);

/** Max over bands of |log10(ours / theirs)| for each row. */
function maxDex(model: ReturnType<typeof makeForwardModel>, subset: number[][]): number[] {
  return subset.map((r) => {
    const got = model.forward(thetaCols.map((j) => r[j]));
    return Math.max(...bandCols.map(([, j], b) => Math.abs(Math.log10(got[b] / r[j]))));
  });
}

describe("testcube validation (spec §3.6)", () => {
  it("the bands of the file are the Euclid set, in order", () => {
    expect(bandCols.map(([h]) => h.slice(8))).toEqual(filters.map((f) => f.name));
  });
  it("AGN only: ≥ 991 of 1,000 rows within 0.01 dex in all 8 bands", () => {
    const dex = maxDex(agnOnly, rows);
    const within = dex.filter((d) => d <= 0.01).length;
    const sorted = [...dex].sort((a, b) => a - b);
    console.log(
      `AGN-only: ${within}/1000 rows within 0.01 dex; median max-band |Δ| = ${sorted[500].toExponential(2)} dex`,
    );
    expect(within).toBeGreaterThanOrEqual(991);
    // The rows that pass are exactly the ones the data file flags as AGN-dominated.
    rows.forEach((r, i) => {
      expect(dex[i] <= 0.01 ? 1 : 0).toBe(r[flagCol]);
    });
    expect(sorted[500]).toBeLessThan(1e-4);
  });
  it("the 9 flagged rows: the stellar substitute brings them within 0.2 dex", () => {
    const full = makeForwardModel(data, {
      ...agnOnlySpec,
      fixed: { logzsol: 0 },
      stellar: { attenuation: "calzetti", dustEmission: true },
    });
    const flagged = rows.filter((r) => r[flagCol] === 0);
    expect(flagged.length).toBe(9);
    const withStars = maxDex(full, flagged);
    const without = maxDex(agnOnly, flagged);
    console.log(
      `flagged rows (index: AGN-only → with substitute, max-band dex): ${flagged
        .map((r, i) => `${r[0]}: ${without[i].toFixed(3)} → ${withStars[i].toFixed(3)}`)
        .join("; ")}`,
    );
    // Measured at most 0.16 dex (rows 779, 876: ~1 Myr populations, u band); the AGN terms
    // alone miss by up to 2.6 dex there. FSPS's isochrones and spectra are not reproducible
    // (spec §6), so the bound is the substitute's accuracy, not agnfinder's 0.01 dex.
    for (const [i, d] of withStars.entries()) {
      expect(d).toBeLessThan(0.2);
      expect(d).toBeLessThanOrEqual(Math.max(without[i], 0.06));
    }
  });
});
