import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  FitsError,
  type FitsErrorCode,
  isFitsError,
  readFits,
  readFitsTable,
} from "../../src/fits/index.js";
import { binTableHdu, card, concat, emptyPrimary, tableFile } from "./helpers/fitsWriter.js";

/** Runs `fn`, asserts it throws a FitsError with `code`, and returns the error. */
function fitsError(fn: () => unknown, code: FitsErrorCode): FitsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FitsError);
    expect(isFitsError(e)).toBe(true);
    const err = e as FitsError;
    expect(err._tag).toBe("FitsError");
    expect(err.code).toBe(code);
    return err;
  }
  throw new Error(`expected a FitsError with code ${code}`);
}

const valid = tableFile({
  extname: "CAT",
  columns: [
    { name: "id", tform: "K", values: [1n, 2n, 3n] },
    { name: "ra", tform: "D", values: [10, 20, 30] },
  ],
});

describe("FitsError", () => {
  it("carries file, hdu, column and reason, and names them in the message", () => {
    const err = new FitsError({
      code: "missing-column",
      file: "a.fits",
      hdu: 2,
      column: "x",
      reason: "r",
    });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("FitsError");
    expect(err.message).toBe('FITS file "a.fits", HDU 2, column "x": r');
    expect(new FitsError({ code: "io", file: "b", hdu: "SCI", reason: "r" }).message).toBe(
      'FITS file "b", HDU "SCI": r',
    );
    expect(isFitsError(new Error("x"))).toBe(false);
  });
});

describe("not a FITS file (FITS 4.0 §4.4.1.1)", () => {
  it("rejects bytes without a SIMPLE card", () => {
    const err = fitsError(
      () => readFits(new TextEncoder().encode("hello, world\n"), { name: "x.txt" }),
      "not-fits",
    );
    expect(err.file).toBe("x.txt");
    expect(err.message).toMatch(/^FITS file "x\.txt": not a FITS file.*SIMPLE/);
    fitsError(() => readFits(new Uint8Array(0)), "not-fits");
  });

  it("rejects a corrupted SIMPLE card", () => {
    const bad = valid.slice();
    bad.set(new TextEncoder().encode("SIMPLX"), 0);
    fitsError(() => readFitsTable(bad), "not-fits");
    // SIMPLE present but not T.
    const notT = concat(emptyPrimary(), new Uint8Array(0)).slice();
    notT.set(new TextEncoder().encode(card("SIMPLE", false)), 0);
    expect(fitsError(() => readFits(notT), "invalid-header").hdu).toBe(0);
  });
});

describe("truncated files", () => {
  it("reports truncated data with the HDU", () => {
    // Data starts at 5760; three rows of 16 bytes; cut inside the second row.
    const cut = valid.subarray(0, 5760 + 20);
    const err = fitsError(() => readFitsTable(cut, { name: "cut.fits" }), "truncated");
    expect(err.hdu).toBe(1);
    expect(err.message).toMatch(/^FITS file "cut\.fits", HDU 1: truncated data.*48 data bytes/);
    fitsError(() => readFits(cut), "truncated");
  });

  it("reports a truncated header (no END card)", () => {
    const err = fitsError(() => readFitsTable(valid.subarray(0, 2880 + 400)), "truncated");
    expect(err.hdu).toBe(1);
    expect(err.reason).toMatch(/no END card/);
    fitsError(() => readFits(valid.subarray(0, 1000)), "truncated");
  });

  it("reports a truncated gzip stream", () => {
    const gz = gzipSync(valid);
    fitsError(
      () => readFitsTable(gz.subarray(0, gz.length - 30), { name: "t.fits.gz" }),
      "truncated",
    );
  });
});

describe("unsupported TFORM", () => {
  const vla = tableFile({
    columns: [
      { name: "ok", tform: "J", values: [1, 2] },
      { name: "spectrum", tform: "1PE(5)", values: [null, null] },
    ],
  });

  it("names the variable-length (P/Q) column and says why", () => {
    const err = fitsError(() => readFitsTable(vla), "unsupported");
    expect(err.column).toBe("spectrum");
    expect(err.hdu).toBe(1);
    expect(err.message).toMatch(
      /column "spectrum": unsupported TFORM '1PE\(5\)': variable-length array/,
    );
    fitsError(() => readFits(vla), "unsupported");
    const q = tableFile({ columns: [{ name: "big", tform: "QD", values: [null] }] });
    expect(fitsError(() => readFitsTable(q), "unsupported").reason).toMatch(/'QD'.*P\/Q/);
  });

  it("still reads the other columns of that table", () => {
    const t = readFitsTable(vla, { columns: ["ok"] });
    expect(Array.from(t.column("ok").data as Int32Array)).toEqual([1, 2]);
  });

  it("rejects unknown type codes and complex columns", () => {
    const z = tableFile({ columns: [{ name: "z", tform: "J", values: [1] }] }).slice();
    const text = new TextDecoder("latin1").decode(z);
    const at = text.indexOf("'J       '");
    z.set(new TextEncoder().encode("'Z       '"), at);
    expect(fitsError(() => readFitsTable(z), "unsupported").reason).toMatch(/'Z'.*Table 18/);
    const c = tableFile({ columns: [{ name: "cplx", tform: "C", values: [0] }] });
    expect(fitsError(() => readFitsTable(c), "unsupported").reason).toMatch(/complex/);
  });
});

describe("missing columns and HDUs", () => {
  it("lists the available columns", () => {
    const err = fitsError(
      () => readFitsTable(valid, { columns: ["ra", "parallax"], name: "cat.fits" }),
      "missing-column",
    );
    expect(err.column).toBe("parallax");
    expect(err.message).toBe(
      'FITS file "cat.fits", HDU 1, column "parallax": no column named "parallax" in table "CAT"; available columns: id, ra',
    );
    const t = readFitsTable(valid);
    expect(fitsError(() => t.column("dec"), "missing-column").reason).toMatch(
      /available columns: id, ra/,
    );
  });

  it("rejects unknown or non-table HDUs", () => {
    expect(fitsError(() => readFitsTable(valid, { hdu: 5 }), "missing-hdu").reason).toMatch(
      /1 "CAT" \(BINTABLE\)/,
    );
    expect(fitsError(() => readFitsTable(valid, { hdu: "NOPE" }), "missing-hdu").hdu).toBe("NOPE");
    expect(fitsError(() => readFitsTable(valid, { hdu: 0 }), "missing-hdu").reason).toMatch(
      /not a binary table/,
    );
    fitsError(() => readFitsTable(emptyPrimary()), "missing-hdu");
  });

  it("rejects inconsistent table headers", () => {
    const tooWide = concat(
      emptyPrimary(),
      binTableHdu({ columns: [{ name: "a", tform: "D", values: [1] }] }),
    ).slice();
    const text = new TextDecoder("latin1").decode(tooWide);
    const at = text.indexOf("NAXIS1  =");
    tooWide.set(new TextEncoder().encode(card("NAXIS1", 4)), at);
    expect(fitsError(() => readFitsTable(tooWide), "invalid-header").reason).toMatch(/NAXIS1 = 4/);
  });

  it("reports unreadable paths as io errors", () => {
    const err = fitsError(() => readFits("/nonexistent/dir/file.fits"), "io");
    expect(err.file).toBe("/nonexistent/dir/file.fits");
  });
});
