import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseFileError, MdbExomol, readExomolDef, wavenumberGrid } from "../src/index.js";
import { CO_SAMPLE, H2O_SAMPLE } from "./paths.js";

const noCache = { cacheDir: false as const };

// Reference numbers: research/exojax.md §2 and data/README.md.
describe("MdbExomol (CO SAMPLE)", () => {
  it("reads the .def entries ExoJAX uses", () => {
    const def = readExomolDef(join(CO_SAMPLE, "12C-16O__SAMPLE.def"));
    expect(def).toMatchObject({
      molmass: 28.0101,
      alphaRefDefault: 0.07,
      nTexpDefault: 0.5,
      nTransitionFiles: 1,
      maxNu: 22000,
    });
  });
  it("keeps the 259 lines inside a wide range and the 125 on the tutorial grid", () => {
    const all = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], ...noCache });
    expect(all.nLines).toBe(259);
    expect(all.nuLines[0]).toBe(4329.240176);
    const grid = wavenumberGrid(22920, 23000, 3500, { unit: "AA" }).nu;
    const mdb = new MdbExomol(CO_SAMPLE, { nurange: grid, ...noCache });
    expect(mdb.nLines).toBe(125);
    expect(Math.min(...mdb.elower)).toBe(2149.3796);
    expect(Math.max(...mdb.elower)).toBe(84250.8853);
    expect(Math.max(...mdb.jlower)).toBe(151);
    expect(mdb.molmass).toBe(28.0101);
    expect(mdb.molecule).toBe("CO");
  });
  it("interpolates the partition function linearly", () => {
    const mdb = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], ...noCache });
    expect(mdb.qr(296, 1)).toBeCloseTo(107.4198 / 1.0119, 10);
    expect(mdb.qr(500) * mdb.qr(296, 1) * 1.0119).toBeCloseTo(181.6863, 8);
    expect(mdb.qr(1500.5, 1500)).toBeGreaterThan(1);
  });
  it("assigns a0 broadening by J'' and the .def defaults beyond the file (J'' > 80)", () => {
    const mdb = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], ...noCache });
    expect(mdb.broadeningCode).toBe("a0");
    expect(mdb.warnings[0]).toContain("J'' > 80 up to J'' = 152");
    for (let i = 0; i < mdb.nLines; i++) {
      if (mdb.jlower[i] === 0) expect([mdb.alphaRef[i], mdb.nTexp[i]]).toEqual([0.0772, 0.671]);
      if (mdb.jlower[i] === 2) expect([mdb.alphaRef[i], mdb.nTexp[i]]).toEqual([0.0716, 0.655]);
      if (mdb.jlower[i] > 80) expect([mdb.alphaRef[i], mdb.nTexp[i]]).toEqual([0.07, 0.5]);
    }
    const none = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], broadf: false, ...noCache });
    expect(none.broadeningCode).toBe("default");
    expect(new Set(none.alphaRef)).toEqual(new Set([0.07]));
  });
  it("uses He broadening when asked", () => {
    const mdb = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], bkgdatm: "He", ...noCache });
    expect(mdb.broadeningCode).toBe("a0");
    expect(mdb.warnings[0]).toContain("J'' > 69");
  });
  it("builds S(296 K) from Einstein A with the RADIS h c/k (positive, finite)", () => {
    const mdb = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], ...noCache });
    for (const s of mdb.lineStrengthRef) expect(s > 0 && Number.isFinite(s)).toBe(true);
    // S(296) from the numpy form at T = 296 is S0 itself
    const s296 = mdb.lineStrength(296);
    expect(s296[10] / mdb.lineStrengthRef[10]).toBeCloseTo(1, 14);
  });
});

describe("MdbExomol (H2O SAMPLE: split transition files, a1 broadening)", () => {
  it("selects the 04300-04400 transition file and applies a1 codes", () => {
    const mdb = new MdbExomol(H2O_SAMPLE, { nurange: [4329, 4363], ...noCache });
    expect(mdb.def.nTransitionFiles).toBe(412);
    expect(mdb.nLines).toBe(197);
    expect(mdb.broadeningCode).toBe("a1");
    expect(mdb.molmass).toBe(18.010565);
    expect(mdb.molecule).toBe("H2O");
  });
});

describe("binary cache", () => {
  it("a second load comes from the cache, well under a second, with identical columns", () => {
    const dir = mkdtempSync(join(tmpdir(), "exo-cache-"));
    const first = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], cacheDir: dir });
    expect(first.fromCache).toBe(false);
    const t0 = performance.now();
    const second = new MdbExomol(CO_SAMPLE, { nurange: [4000, 5000], cacheDir: dir });
    const ms = performance.now() - t0;
    expect(second.fromCache).toBe(true);
    expect(ms).toBeLessThan(1000);
    expect(second.nuLines).toEqual(first.nuLines);
    expect(second.lineStrengthRef).toEqual(first.lineStrengthRef);
  });
});

describe("database errors name the file and line", () => {
  const copy = () => {
    const root = mkdtempSync(join(tmpdir(), "exo-bad-"));
    const dir = join(root, "CO", "12C-16O", "SAMPLE");
    mkdirSync(dir, { recursive: true });
    for (const f of [
      "12C-16O__SAMPLE.def",
      "12C-16O__SAMPLE.pf",
      "12C-16O__SAMPLE.states.bz2",
      "12C-16O__SAMPLE.trans.bz2",
      "12C-16O__H2.broad",
    ])
      copyFileSync(join(CO_SAMPLE, f), join(dir, f));
    return dir;
  };
  const fail = (dir: string): DatabaseFileError => {
    try {
      new MdbExomol(dir, { nurange: [4000, 5000], ...noCache });
    } catch (e) {
      expect(e).toBeInstanceOf(DatabaseFileError);
      return e as DatabaseFileError;
    }
    throw new Error("expected a DatabaseFileError");
  };
  it("missing file", () => {
    const e = fail(join(tmpdir(), "no-such-db", "12C-16O", "SAMPLE"));
    expect(e._tag).toBe("DatabaseFileError");
    expect(e.file).toContain("12C-16O__SAMPLE.def");
    expect(e.reason).toContain("ENOENT");
  });
  it("truncated bz2", () => {
    const dir = copy();
    const f = join(dir, "12C-16O__SAMPLE.trans.bz2");
    writeFileSync(f, readFileSync(f).subarray(0, 1500));
    const e = fail(dir);
    expect(e.file).toBe(f);
    expect(e.reason).toContain("truncated or corrupt");
  });
  it("malformed partition-function row", () => {
    const dir = copy();
    const f = join(dir, "12C-16O__SAMPLE.pf");
    const lines = readFileSync(f, "latin1").split("\n");
    lines[41] = "    42.0   abc";
    writeFileSync(f, lines.join("\n"));
    const e = fail(dir);
    expect(e.file).toBe(f);
    expect(e.line).toBe(42);
    expect(e.message).toContain(":42:");
  });
  it("malformed broadening row", () => {
    const dir = copy();
    const f = join(dir, "12C-16O__H2.broad");
    const lines = readFileSync(f, "latin1").split("\n");
    lines[2] = "a0 0.0716 x.655       2";
    writeFileSync(f, lines.join("\n"));
    const e = fail(dir);
    expect(e.file).toBe(f);
    expect(e.line).toBe(3);
  });
});
