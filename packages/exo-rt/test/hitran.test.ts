import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DatabaseFileError,
  exomolLineState,
  HITRAN_CO_MASSES,
  hitranLineState,
  MdbExomol,
  MdbHitran,
} from "../src/index.js";
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

describe("HITEMP line states for LPF/MODIT", () => {
  it("HITEMP 12C-16O strengths at 1200 K match ExoMol Li2015 times the isotopic abundance", () => {
    const nurange = [4340, 4363];
    const pf = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], cacheDir: false }).pf;
    const hit = new MdbHitran(HITEMP_CO, { nurange, isotope: 1 });
    const exo = new MdbExomol(CO_SAMPLE, { nurange, cacheDir: false });
    const sumHit = hitranLineState(hit, pf, 1200, 1, HITRAN_CO_MASSES[1]).strength.reduce(
      (a, b) => a + b,
      0,
    );
    const sumExo = exomolLineState(exo, 1200, 1).strength.reduce((a, b) => a + b, 0);
    // HITRAN strengths carry the 12C-16O abundance 0.986544; the two line lists differ slightly
    expect(sumHit / sumExo / 0.986544).toBeGreaterThan(0.97);
    expect(sumHit / sumExo / 0.986544).toBeLessThan(1.03);
    const st = hitranLineState(hit, pf, 1200, 1, HITRAN_CO_MASSES[1]);
    // air-broadened HWHM of order 0.05 cm-1 at 1 bar, 1200 K; Doppler σ ~ 0.0075 cm-1
    expect(Math.max(...st.gammaL)).toBeLessThan(0.1);
    expect(st.sigmaD[0]).toBeCloseTo(3.0415595e-7 * Math.sqrt(1200 / 27.994915) * st.nu[0], 12);
  });
});
