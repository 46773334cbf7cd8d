import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseFileError, HITRAN_CO_MASSES, MdbExomol, MdbHitran } from "../src/index.js";
import { CO_SAMPLE, HITEMP_CO } from "./paths.js";

describe("MdbHitran (HITEMP CO sample)", () => {
  it("reads all 12992 records with the isotope counts of data/README.md", () => {
    const db = new MdbHitran(HITEMP_CO, { nurange: [4000, 4500] });
    expect(db.nLines).toBe(12992);
    const counts = [1, 2, 3, 4, 5, 6].map((k) => db.columns.isotope.filter((v) => v === k).length);
    expect(counts).toEqual([2367, 2170, 2147, 2234, 1988, 2086]);
    expect(db.columns.nu[0]).toBe(4100.008733);
    expect(HITRAN_CO_MASSES[1]).toBe(27.994915);
  });
  it("crops by range and isotope; S(296 K) with any partition function is the file value", () => {
    const db = new MdbHitran(HITEMP_CO, { nurange: [4329, 4363], isotope: 1 });
    expect(db.nLines).toBeGreaterThan(0);
    expect(Math.min(...db.columns.isotope)).toBe(1);
    const pf = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], cacheDir: false }).pf;
    const s = db.lineStrength(296, pf);
    for (let i = 0; i < s.length; i++) expect(s[i] / db.columns.sij0[i]).toBeCloseTo(1, 12);
    // hotter: high-E'' lines strengthen relative to low-E'' ones
    const hot = db.lineStrength(1500, pf);
    const iLow = db.columns.elower.indexOf(Math.min(...db.columns.elower));
    const iHigh = db.columns.elower.indexOf(Math.max(...db.columns.elower));
    expect(hot[iHigh] / s[iHigh]).toBeGreaterThan(hot[iLow] / s[iLow]);
  });
  it("a short or malformed record is a DatabaseFileError naming the line", () => {
    const dir = mkdtempSync(join(tmpdir(), "exo-par-"));
    const lines = readFileSync(HITEMP_CO, "latin1").split("\n");
    const short = join(dir, "short.par");
    writeFileSync(short, [lines[0], lines[1].slice(0, 100), lines[2]].join("\n"));
    expect(() => new MdbHitran(short, { nurange: [4000, 4500] })).toThrow(DatabaseFileError);
    try {
      new MdbHitran(short, { nurange: [4000, 4500] });
    } catch (e) {
      expect((e as DatabaseFileError).line).toBe(2);
    }
    const bad = join(dir, "bad.par");
    writeFileSync(
      bad,
      [lines[0], `${lines[1].slice(0, 3)} 4100.00X733${lines[1].slice(15)}`].join("\n"),
    );
    try {
      new MdbHitran(bad, { nurange: [4000, 4500] });
      throw new Error("expected failure");
    } catch (e) {
      expect((e as DatabaseFileError).reason).toContain("nu");
      expect((e as DatabaseFileError).line).toBe(2);
    }
  });
});
