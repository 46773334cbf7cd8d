import { describe, expect, it } from "vitest";
import {
  defaultCatalogueColumns,
  magErrToMaggieErr,
  magToMaggies,
  parseCatalogue,
  SanInputError,
} from "../src/index.js";

describe("catalogue preparation (spec §1.7)", () => {
  it("AB magnitudes to maggies and uncertainties", () => {
    expect(magToMaggies(0)).toBe(1);
    expect(magToMaggies(22.5)).toBeCloseTo(1e-9, 20);
    expect(magErrToMaggieErr(2, 0.109)).toBeCloseTo(0.2, 12);
  });

  it("spec column names for the Euclid and DES sets", () => {
    const euclid = defaultCatalogueColumns(["u_sloan", "VISTA_H"]);
    expect(euclid.bands).toEqual([
      { band: "u_sloan", mag: "mag_auto_sdss_u_dr12", err: "magerr_auto_sdss_u_dr12" },
      { band: "VISTA_H", mag: "mag_auto_viking_h_dr2", err: "magerr_auto_viking_h_dr2" },
    ]);
    const des = defaultCatalogueColumns(["DES_g", "VISTA_H"]);
    expect(des.bands[1]).toEqual({ band: "VISTA_H", mag: "HAUTOMAG", err: "HAUTOMAGERR" });
  });

  it("every row is kept, with its missing bands and redshift flag", () => {
    const columns = {
      bands: [
        { band: "a", mag: "ma", err: "ea" },
        { band: "b", mag: "mb", err: "eb" },
      ],
      redshift: "z",
      id: "name",
    };
    const text = [
      "name,ma,ea,mb,eb,z",
      "g1,20,0.1,21,0.2,0.5",
      "g2,-99,0.1,21,0.2,0.5",
      "g3,20,0,21,0.2,5",
      '"g,4",20,0.1,,0.2,0.005',
    ].join("\n");
    const c = parseCatalogue("cat.csv", text, columns);
    if (c instanceof SanInputError) throw c;
    expect(c.rows.map((r) => r.id)).toEqual(["g1", "g2", "g3", "g,4"]);
    expect(c.rows.map((r) => r.missingBands)).toEqual([[], ["a"], ["a"], ["b"]]);
    expect(c.rows.map((r) => r.redshiftOutOfRange)).toEqual([false, false, true, true]);
    expect(c.rows[0]!.maggies[1]).toBeCloseTo(10 ** (-0.4 * 21), 18);
  });

  it("absent columns are reported and the band is missing in every row", () => {
    const c = parseCatalogue("cat.csv", "ma,ea\n20,0.1\n", {
      bands: [
        { band: "a", mag: "ma", err: "ea" },
        { band: "b", mag: "mb", err: "eb" },
      ],
    });
    if (c instanceof SanInputError) throw c;
    expect(c.absentColumns).toEqual(["mb", "eb"]);
    expect(c.rows[0]!.missingBands).toEqual(["b"]);
    expect(parseCatalogue("e.csv", "", { bands: [] })).toBeInstanceOf(SanInputError);
  });
});
