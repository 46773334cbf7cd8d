/**
 * `photometry-cube forward` through the spawned bin, on agnfinder's validation set (spec
 * §3.6): the AGN part alone (`--agn-only`) must reproduce `testcube_effective_params.csv`
 * (1,000 Prospector + FSPS outputs, Euclid filters) within 0.01 dex in all 8 bands on at
 * least 991 rows — the 9 other rows are the ones the file flags, where starlight matters.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulationFiles } from "@sidereal/photometry-data";
import { afterAll, describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "photometry-forward-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (file: string) => {
  const [head, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  const header = head.split(",");
  return { header, rows: lines.map((l) => l.split(",")) };
};

describe("forward --agn-only on testcube_effective_params.csv", () => {
  const out = join(dir, "agn.csv");
  const r = runBin([
    "forward",
    "--theta",
    simulationFiles.testcubeEffectiveParams,
    "--filters",
    "Euclid",
    "--agn-only",
    "--out",
    out,
    "--quiet",
  ]);

  it("exits 0 and repeats every row with maggies_<band> in filter-set order", () => {
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const input = parse(simulationFiles.testcubeEffectiveParams);
    const output = parse(out);
    expect(output.rows.length).toBe(1000);
    const bands = [
      "u_sloan",
      "g_sloan",
      "r_sloan",
      "i_sloan",
      "z_sloan",
      "VISTA_H",
      "VISTA_J",
      "VISTA_Y",
    ];
    // input columns other than the maggies kept in order, then one column per band
    const kept = input.header.filter((h) => !h.startsWith("maggies_"));
    expect(output.header).toEqual([...kept, ...bands.map((b) => `maggies_${b}`)]);
    for (const [i, row] of output.rows.entries())
      expect(row.slice(0, kept.length)).toEqual(
        kept.map((h) => input.rows[i][input.header.indexOf(h)]),
      );
  });

  it("reproduces agnfinder within 0.01 dex in all 8 bands on >= 991 rows, the misses all flagged", () => {
    const input = parse(simulationFiles.testcubeEffectiveParams);
    const output = parse(out);
    const flag = input.header.indexOf("agn_only_reproduces_within_0p01dex");
    let good = 0;
    const misses: number[] = [];
    for (const [i, row] of output.rows.entries()) {
      let worst = 0;
      for (const [j, h] of output.header.entries()) {
        if (!h.startsWith("maggies_")) continue;
        const ref = Number(input.rows[i][input.header.indexOf(h)]);
        worst = Math.max(worst, Math.abs(Math.log10(Number(row[j]) / ref)));
      }
      if (worst < 0.01) good++;
      else misses.push(i);
    }
    expect(good).toBeGreaterThanOrEqual(991);
    for (const i of misses) expect(input.rows[i][flag]).toBe("0");
  });
});
