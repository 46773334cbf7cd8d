import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import {
  agnfinderForwardModel,
  buildForwardModel,
  type ConfigError,
  decodeForwardModelParams,
  FILTER_SETS,
  loadModelData,
  luminosityDistanceMpc,
  SEED_GALAXY_MODEL,
  THETA_COLUMNS,
  ThetaError,
} from "../src/index.js";

const data = Effect.runSync(loadModelData());
const agn = Effect.runSync(agnfinderForwardModel({ data }));
const agnOnly = Effect.runSync(agnfinderForwardModel({ data, agnOnly: true }));
const galaxy = Effect.runSync(
  decodeForwardModelParams(SEED_GALAXY_MODEL).pipe(
    Effect.flatMap((c) => buildForwardModel(c, { data })),
  ),
);
const THETA = [0.5, 1e10, 0.3, 5, 1, 1, 0.1, 0.1, 60];

const allPositive = (x: Float64Array) => x.every((v) => Number.isFinite(v) && v > 0);

describe("forward model", () => {
  it("agnfinder's 9-D galaxy + AGN model: θ in the pinned order, Euclid bands, positive maggies", () => {
    expect(agn.thetaColumns).toEqual([...THETA_COLUMNS]);
    expect(agn.bands.length).toBe(8);
    expect(agn.photWave[0]).toBeCloseTo(3545.97, 1);
    expect(allPositive(agn.forward(THETA))).toBe(true);
  });
  it("the seed's 6-parameter galaxy-only model on DES runs", () => {
    expect(galaxy.thetaColumns).toEqual(["zred", "mass", "logzsol", "dust2", "tage", "tau"]);
    expect(galaxy.bands).toEqual(FILTER_SETS.DES);
    const y = galaxy.forward([0.1, 1e8, -0.5, 0.05, 13, 1]);
    expect(allPositive(y)).toBe(true);
    // Metal-poor is bluer: g − H colour grows with logzsol.
    const colour = (z: number) => {
      const m = galaxy.forward([0.1, 1e8, z, 0, 10, 1]);
      return Math.log10(m[3] / m[0]);
    };
    expect(colour(0.19)).toBeGreaterThan(colour(-2));
  });
  it("scale check (spec §3.8): an old 1e10 M☉ population has r ≈ 19 AB at z = 0.1", () => {
    const euclid = agn.bands.indexOf("r_sloan");
    const y = agn.forward([0.1, 1e10, 0, 12, 0.1, 0, 0, 0, 0]);
    const r = -2.5 * Math.log10(y[euclid]);
    expect(r).toBeGreaterThan(18);
    expect(r).toBeLessThan(20.5);
  });
  it("maggies scale linearly with mass (the AGN terms too) and as 1/D_L²", () => {
    const a = agn.forward(THETA);
    const b = agn.forward([THETA[0], 2 * THETA[1], ...THETA.slice(2)]);
    for (let j = 0; j < a.length; j++) expect(b[j] / a[j]).toBeCloseTo(2, 12);
  });
  it("the 10 pc rule at z = 0 (absolute maggies) joins the WMAP9 distances as z → 0", () => {
    const z0 = agn.forward([0, ...THETA.slice(1)]);
    const zTiny = agn.forward([1e-8, ...THETA.slice(1)]);
    const factor = (luminosityDistanceMpc(1e-8) * 1e5) ** 2;
    for (let j = 0; j < z0.length; j++)
      expect(Math.abs((zTiny[j] * factor) / z0[j] - 1)).toBeLessThan(1e-6);
    expect(allPositive(zTiny)).toBe(true);
  });
  it("tolerates the whole hypercube: tage beyond the age of the Universe, agn_mass 1e-7, corners", () => {
    const corners = [
      [6, 1e12, 2, 13.8, 30, 15, 0.5, 15, 90],
      [6, 1e8, 0, 0.001, 0.1, 1e-7, 0, 1e-7, 0],
      [0, 1e8, 2, 13.8, 0.1, 1e-7, 0.5, 1e-7, 90],
      [1e-6, 1e12, 0, 0.001, 30, 15, 0, 15, 45],
    ];
    for (const t of corners) expect(allPositive(agn.forward(t))).toBe(true);
  });
  it("accepts θ outside the hypercube (the validation rows: agn_eb_v 30, mass 0.01)", () => {
    expect(allPositive(agn.forward([0.3, 0.01, 26, 0.001, 6, 7e11, 30, 1.5, 13]))).toBe(true);
  });
  it("non-finite or unphysical values are ThetaErrors naming the column and row", () => {
    const bad = (theta: number[], field: string) => {
      try {
        agn.forward(theta);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ThetaError);
        expect((e as ThetaError).field).toBe(field);
      }
    };
    bad([0.5, -1, ...THETA.slice(2)], "mass");
    bad([0.5, 1e10, -0.1, ...THETA.slice(3)], "dust2");
    bad([Number.NaN, ...THETA.slice(1)], "zred");
    bad([...THETA.slice(0, 5), Number.POSITIVE_INFINITY, ...THETA.slice(6)], "agn_mass");
    bad([0.5, 1e10, 0.3, 0, ...THETA.slice(4)], "tage");
    bad(THETA.slice(0, 8), "theta");
    const thetas = Float64Array.from([...THETA, ...THETA.slice(0, 1), -5, ...THETA.slice(2)]);
    try {
      agn.forwardBatch(thetas);
      expect.unreachable();
    } catch (e) {
      expect((e as ThetaError).row).toBe(1);
    }
  });
  it("forwardBatch equals forward row by row; AGN-only is below the full model", () => {
    const thetas = Float64Array.from([...THETA, 2, 1e11, 1, 1, 3, 0.01, 0.3, 2, 20]);
    const batch = agn.forwardBatch(thetas);
    const rows = [agn.forward(thetas.subarray(0, 9)), agn.forward(thetas.subarray(9))];
    expect(Array.from(batch)).toEqual([...rows[0], ...rows[1]]);
    const only = agnOnly.forward(THETA);
    const full = agn.forward(THETA);
    for (let j = 0; j < only.length; j++) expect(only[j]).toBeLessThan(full[j]);
  });
  it("a configuration can name user .par filter files beside bundled ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "user-filter-"));
    const box = join(dir, "my_box.par");
    writeFileSync(box, "# a 5000-6000 Å box\n4990 0\n5000 1\n6000 1\n6010 0\n");
    const model = Effect.runSync(
      decodeForwardModelParams({ ...SEED_GALAXY_MODEL, filters: ["DES_r", box] }).pipe(
        Effect.flatMap((c) => buildForwardModel(c, { data })),
      ),
    );
    expect(model.bands).toEqual(["DES_r", "my_box"]);
    expect(model.photWave[1]).toBeGreaterThan(5000);
    expect(allPositive(model.forward([0.1, 1e8, -0.5, 0.05, 13, 1]))).toBe(true);
  });
  it("an unknown or unsupported parameter in a config is a ConfigError naming it", () => {
    const err = (input: unknown) =>
      Effect.runSync(
        Effect.flip(
          decodeForwardModelParams(input).pipe(
            Effect.flatMap((c) => buildForwardModel(c, { data })),
          ),
        ),
      ) as ConfigError;
    expect(
      err({ modelParams: [{ name: "gas_logu", rangeMin: -4, init: -2, rangeMax: -1 }] }).field,
    ).toBe("modelParams.gas_logu");
    expect(
      err({ modelParams: [{ name: "sfh", rangeMin: 1, init: 1, rangeMax: 1, modelThis: false }] })
        .field,
    ).toBe("modelParams.sfh");
  });
});
