import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DatabaseFileError,
  logaciaMatrix,
  logaciaVector,
  readCia,
  wavenumberGrid,
} from "../src/index.js";
import { CIA_TEST } from "./paths.js";

describe("CIA (H2-H2_TEST.cia)", () => {
  const nu = wavenumberGrid(4310, 4390, 10000, { xsmode: "premodit" }).nu;
  it("reads one 200 K block of 100 rows, tag from the file name", () => {
    const cdb = readCia(CIA_TEST, { nurange: nu });
    expect(cdb.pair).toBe("H2-H2");
    expect(Array.from(cdb.temperatures)).toEqual([200]);
    expect(cdb.nu.length).toBe(100);
  });
  it("reproduces ExoJAX's unit-test sums -891133.44 and -445566.72 (printed precision)", () => {
    const cdb = readCia(CIA_TEST, { nurange: nu });
    const m = logaciaMatrix(cdb, nu, [1000, 2000]);
    const v = logaciaVector(cdb, nu, 2000);
    expect(m.reduce((a, b) => a + b, 0)).toBeCloseTo(-891133.44, 2);
    expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(-445566.72, 2);
  });
  it("looks up the next tabulated wavenumber above ν (step function, no interpolation)", () => {
    const cdb = readCia(CIA_TEST, { nurange: nu });
    const v = logaciaVector(cdb, [4320.2, 4320.9, 4321.0], 200);
    const col = (x: number) => cdb.logac[cdb.nu.indexOf(x)];
    expect(Array.from(v)).toEqual([col(4321), col(4321), col(4322)]);
  });
  it("truncated or malformed files are DatabaseFileErrors naming the line", () => {
    const dir = mkdtempSync(join(tmpdir(), "exo-cia-"));
    const lines = readFileSync(CIA_TEST, "latin1").trimEnd().split("\n");
    const trunc = join(dir, "H2-H2_TRUNC.cia");
    writeFileSync(trunc, lines.slice(0, 50).join("\n"));
    expect(() => readCia(trunc, { nurange: nu })).toThrow(DatabaseFileError);
    const bad = join(dir, "H2-H2_BAD.cia");
    lines[7] = "4306.000 abc";
    writeFileSync(bad, lines.join("\n"));
    try {
      readCia(bad, { nurange: nu });
      throw new Error("expected failure");
    } catch (e) {
      expect((e as DatabaseFileError)._tag).toBe("DatabaseFileError");
      expect((e as DatabaseFileError).line).toBe(8);
    }
  });
});

describe("logaciaRow (one interval search per layer)", () => {
  it("equals logaciaValue and logaciaSlope bitwise below, at, between and above the table temperatures", async () => {
    const { logaciaRow } = await import("../src/opacity/cia.js");
    const { ciaColumns, logaciaSlope, logaciaValue, readCia, wavenumberGrid } = await import(
      "../src/index.js"
    );
    const nu = wavenumberGrid(4310, 4390, 500, { xsmode: "premodit" }).nu;
    const one = readCia(CIA_TEST, { nurange: nu });
    // the test file has one temperature: add two synthetic blocks (offset log10 α) so that
    // the interpolation between table temperatures is exercised too
    const m = one.nu.length;
    const logac = new Float64Array(3 * m);
    for (let c = 0; c < m; c++) {
      logac[c] = one.logac[c];
      logac[m + c] = one.logac[c] + 0.37 + 1e-3 * c;
      logac[2 * m + c] = one.logac[c] + 0.52 - 2e-3 * c;
    }
    const cdb = { ...one, temperatures: Float64Array.from([200, 450.5, 1000]), logac };
    const cols = ciaColumns(cdb, nu);
    const temps = [150, 200, 333.3, 450.5, 777, 1000, 1200];
    const row = new Float64Array(cols.length);
    for (const t of temps) {
      logaciaRow(cdb, cols, t, row, 0);
      for (let k = 0; k < cols.length; k++) expect(row[k]).toBe(logaciaValue(cdb, cols[k], t));
      logaciaRow(cdb, cols, t, row, 0, true);
      for (let k = 0; k < cols.length; k++) expect(row[k]).toBe(logaciaSlope(cdb, cols[k], t));
    }
  });
});
