/**
 * Real data: the Gaia DR3 files bundled with the apps (apps/gaia-distances/data/README.md,
 * apps/stream-density/data/README.md: byte copies of the project's shared Gaia files). Expected counts
 * and names come from that README (read with astropy); first/last-row values were
 * decoded independently with numpy (`np.frombuffer` on the big-endian rows).
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  asFloat64,
  type FitsColumn,
  type FitsDtype,
  type FitsTable,
  readFits,
  readFitsTable,
} from "../../src/fits/index.js";

// The repository's own copies, so the tests run (never skip) in a fresh clone.
const m67Path = fileURLToPath(
  new URL("../../../../apps/gaia-distances/data/m67.fits.gz", import.meta.url),
);
const gd1Path = fileURLToPath(
  new URL("../../../../apps/stream-density/data/gd1-gaiadr3-blog.fits", import.meta.url),
);

function col<D extends FitsDtype>(table: FitsTable, name: string, dtype: D) {
  const c = table.column(name);
  expect(c.dtype).toBe(dtype);
  return c as Extract<FitsColumn, { dtype: D }>;
}

describe("M67 Gaia DR3 table", () => {
  // Read in beforeAll, not at collection time: a skipped suite's body is still collected.
  let t: FitsTable;
  beforeAll(() => {
    t = readFitsTable(m67Path);
  });

  it("has 5331 rows × 11 columns in HDU 1 'votable' with the README dtypes", () => {
    expect(t.hdu).toBe(1);
    expect(t.extname).toBe("votable");
    expect(t.nrows).toBe(5331);
    expect(t.names).toEqual([
      "source_id",
      "ra",
      "dec",
      "parallax",
      "parallax_error",
      "phot_g_mean_mag",
      "bp_rp",
      "nu_eff_used_in_astrometry",
      "pseudocolour",
      "ecl_lat",
      "astrometric_params_solved",
    ]);
    expect(t.columns.map((c) => c.dtype)).toEqual([
      "int64",
      "float64",
      "float64",
      "float64",
      "float32",
      "float32",
      "float32",
      "float32",
      "float32",
      "float64",
      "int16",
    ]);
    expect(t.column("ra").unit).toBe("deg");
    expect(t.header.getString("STILVERS")).toBe("4.0-2");
  });

  it("decodes the first and last rows exactly", () => {
    const ids = col(t, "source_id", "int64").data;
    expect(ids[0]).toBe(598694977656708224n);
    expect(ids[1]).toBe(598695007721506432n);
    expect(ids[5330]).toBe(605017268301607424n);
    expect(col(t, "ra", "float64").data[0]).toBe(132.82324495427613);
    expect(col(t, "dec", "float64").data[0]).toBe(11.32104457462136);
    expect(col(t, "parallax", "float64").data[0]).toBe(1.3918408317044155);
    expect(col(t, "parallax_error", "float32").data[0]).toBe(0.8174963593482971);
    expect(col(t, "phot_g_mean_mag", "float32").data[0]).toBe(20.43971824645996);
    expect(col(t, "bp_rp", "float32").data[0]).toBe(1.6622676849365234);
    expect(Number.isNaN(col(t, "nu_eff_used_in_astrometry", "float32").data[0])).toBe(true);
    expect(col(t, "pseudocolour", "float32").data[0]).toBe(1.390057921409607);
    expect(col(t, "ecl_lat", "float64").data[0]).toBe(-6.082875048710753);
    const aps = col(t, "astrometric_params_solved", "int16").data;
    expect(Array.from(aps.subarray(0, 3))).toEqual([95, 31, 31]);
    expect(col(t, "ecl_lat", "float64").data[5330]).toBe(-5.224792988435885);
  });

  it("matches the README's NaN counts and selection cuts", () => {
    const nanCount = (name: string) => asFloat64(t.column(name)).filter(Number.isNaN).length;
    expect(nanCount("phot_g_mean_mag")).toBe(1);
    expect(nanCount("bp_rp")).toBe(45);
    expect(nanCount("nu_eff_used_in_astrometry")).toBe(2016);
    expect(nanCount("pseudocolour")).toBe(3315);
    const plx = col(t, "parallax", "float64").data;
    const err = asFloat64(t.column("parallax_error"));
    const aps = col(t, "astrometric_params_solved", "int16").data;
    const keep: number[] = [];
    for (let i = 0; i < t.nrows; i++) {
      if (Number.isFinite(plx[i]) && Number.isFinite(err[i]) && plx[i]! > 0.2 && plx[i]! < 3.0) {
        keep.push(i);
      }
    }
    expect(keep.length).toBe(4300);
    expect(keep.filter((i) => aps[i] === 31).length).toBe(2797);
    // np.argsort(parallax / parallax_error)[115] of the cut table is row 3229 of the cut.
    const snr = keep.map((i) => plx[i]! / err[i]!);
    const order = snr.map((_, j) => j).sort((a, b) => snr[a]! - snr[b]!);
    const star = keep[order[115]!]!;
    expect(order[115]).toBe(3229);
    expect(col(t, "source_id", "int64").data[star]).toBe(604964010707107840n);
    expect(plx[star]).toBe(0.43385946615600457);
    expect(err[star]).toBe(0.8369098901748657);
  });

  it("refuses to convert source_id (> 2^53) to float64", () => {
    expect(() => asFloat64(t.column("source_id"))).toThrowError(
      expect.objectContaining({ _tag: "FitsError", code: "precision-loss", column: "source_id" }),
    );
  });

  it("reads a column subset and the whole file with readFits", () => {
    const sub = readFitsTable(m67Path, { hdu: "VOTABLE", columns: ["parallax", "source_id"] });
    expect(sub.names).toEqual(["parallax", "source_id"]);
    const { hdus } = readFits(m67Path);
    expect(hdus.map((h) => h.kind)).toEqual(["image", "bintable"]);
    expect(hdus[0]!.header.comments).toEqual(["Dummy header; see following table extension"]);
  });
});

describe("GD-1 Gaia DR3 table", () => {
  let t: FitsTable;
  beforeAll(() => {
    t = readFitsTable(gd1Path);
  });

  it("has 3369 rows × 47 columns, no EXTNAME, README dtypes", () => {
    expect(t.nrows).toBe(3369);
    expect(t.names).toHaveLength(47);
    expect(t.extname).toBeUndefined();
    expect(t.names.slice(0, 9)).toEqual([
      "source_id",
      "ra",
      "dec",
      "parallax",
      "parallax_error",
      "pmra",
      "pmra_error",
      "pmdec",
      "pmdec_error",
    ]);
    expect(t.names).toContain("gd1_phi1");
    expect(t.names).toContain("gd1_phi2");
    expect(t.names.at(-1)).toBe("sep_arcsec");
    const dtype = (name: string) => t.column(name).dtype;
    expect(dtype("source_id")).toBe("int64");
    expect(dtype("objID")).toBe("int64");
    expect(dtype("ruwe")).toBe("float32");
    expect(dtype("gd1_phi1")).toBe("float64");
    expect(["nDetections", "ng", "nr", "ni", "nz", "ny"].map(dtype)).toEqual(
      new Array(6).fill("int16"),
    );
  });

  it("decodes the first row exactly and applies TNULL masks (no nulls present)", () => {
    expect(col(t, "source_id", "int64").data[0]).toBe(576765591902330368n);
    expect(col(t, "source_id", "int64").data[3368]).toBe(5763884907672663040n);
    expect(col(t, "ra", "float64").data[0]).toBe(133.96694418223638);
    expect(col(t, "parallax_error", "float32").data[0]).toBe(1.9435648918151855);
    expect(col(t, "gd1_phi1", "float64").data[0]).toBe(-77.18342753047959);
    expect(col(t, "gd1_phi2", "float64").data[0]).toBe(-7.678605495271809);
    expect(col(t, "objID", "int64").data[0]).toBe(109071339669220051n);
    const nDet = col(t, "nDetections", "int16");
    expect(nDet.data[0]).toBe(32);
    expect(nDet.nulls?.includes(1)).toBe(false);
    expect(col(t, "gMeanPSFMag", "float64").data[0]).toBe(21.25160026550293);
    expect(col(t, "sep_arcsec", "float64").data[0]).toBe(0.03460307236219953);
  });

  it("matches the README ranges and the phi2 > -7 cut", () => {
    const phi1 = asFloat64(t.column("gd1_phi1"));
    const phi2 = asFloat64(t.column("gd1_phi2"));
    expect(Math.min(...phi1)).toBeCloseTo(-99.984, 3);
    expect(Math.max(...phi1)).toBeCloseTo(19.877, 3);
    expect(Math.min(...phi2)).toBeCloseTo(-10.015, 3);
    expect(Math.max(...phi2)).toBeCloseTo(5.017, 3);
    expect(phi2.filter((v) => v > -7).length).toBe(2960);
    for (const c of t.columns) {
      if (c.dtype === "float32" || c.dtype === "float64") {
        expect(c.data.some(Number.isNaN), c.name).toBe(false);
      }
    }
  });
});
