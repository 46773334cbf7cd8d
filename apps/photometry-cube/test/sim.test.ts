/**
 * `photometry-cube sim` through the spawned bin: an uninterrupted run, a run killed (SIGKILL)
 * once a worker's partial file is complete and then started again with the same arguments
 * (it keeps that partial, recomputes the others — a damaged one too — and ends with the same
 * cube), the documented
 * HDF5 layout read back by h5py when it is installed, a Latin-hypercube cube (one point per
 * stratum in every column of every worker), and `inspect` on the result.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FILTER_SETS,
  FREE_PARAM_COLUMNS,
  partialFileName,
  redshiftSlices,
  THETA_COLUMNS,
} from "@sidereal/photometry";
import { afterAll, describe, expect, it } from "vitest";
import { cubeIn, pythonWithH5py, readWholeCube, runBin, startBin } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "photometry-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 1200;
const P = 3;
const args = (out: string) => [
  "sim",
  "--n",
  String(N),
  "--workers",
  String(P),
  "--seed",
  "5",
  "--out",
  out,
  "--quiet",
];
const ref = join(dir, "ref");
const refRun = runBin(args(ref));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const completePartials = (work: string) =>
  existsSync(work) ? readdirSync(work).filter((f) => /_w_\d+\.hdf5$/.test(f)) : [];

describe("sim", () => {
  it("writes one cube of N rows, the summary and the manifest", async () => {
    expect(refRun.err).toBe("");
    expect(refRun.code).toBe(0);
    expect(readdirSync(ref).sort()).toEqual([
      "manifest.json",
      "photometry_simulation_1200n_z_0p0000_to_6p0000.hdf5",
      "summary.json",
    ]);
    const { info, rows } = await readWholeCube(cubeIn(ref));
    expect(info.rows).toBe(N);
    expect(info.layout.parameterNames).toEqual([...THETA_COLUMNS]);
    expect(info.layout.bands).toHaveLength(7); // DES by default
    expect(rows.simulatedY.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    // the normalised redshift covers [0, 1] once: each worker's third holds its N/P rows
    const z = info.layout.columns.indexOf("redshift");
    const perSlice = [0, 0, 0];
    for (let r = 0; r < N; r++)
      perSlice[Math.min(2, Math.floor(rows.normalisedTheta[r * 9 + z] * 3))]++;
    expect(perSlice).toEqual([400, 400, 400]);
    const summary = JSON.parse(readFileSync(join(ref, "summary.json"), "utf8"));
    expect(summary).toMatchObject({ samples: N, workers: P, bytesPerSample: 200, shardsReused: 0 });
    expect(existsSync(join(dir, ".ref.partials"))).toBe(false);
  });

  it("resumes a killed run: complete partials are kept, the cube equals the uninterrupted one", async () => {
    const out = join(dir, "killed");
    const work = join(dir, ".killed.partials");
    const child = startBin(args(out));
    const t0 = Date.now();
    while (completePartials(work).length === 0 && Date.now() - t0 < 200_000) await sleep(25);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const kept = completePartials(work);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(existsSync(out)).toBe(false); // killed before the combine finished
    // a damaged file under a missing partial's final name (a disk error, not a kill: partials
    // are renamed into place when complete) is recomputed, without HDF5's error stack on stderr
    const names = redshiftSlices(0, 6, P).map((z, i) => partialFileName(N / P, z.zLo, z.zHi, i));
    const missing = names.filter((f) => !kept.includes(f));
    if (missing.length > 0)
      writeFileSync(join(work, missing[0]), readFileSync(join(work, kept[0])).subarray(0, 3000));
    const reused = kept.length;
    const again = runBin(args(out).filter((a) => a !== "--quiet"));
    expect(again.code).toBe(0);
    expect(again.err).not.toContain("HDF5-DIAG");
    expect(again.err.match(/keeping its complete partial/g)?.length ?? 0).toBe(reused);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.shardsReused).toBe(reused);
    expect(summary.samplesSimulated).toBe(N - reused * (N / P));
    // byte for byte (HDF5's header times are written under a fixed clock), then by content
    expect(readFileSync(cubeIn(out)).equals(readFileSync(cubeIn(ref)))).toBe(true);
    const a = await readWholeCube(cubeIn(ref));
    const b = await readWholeCube(cubeIn(out));
    expect(b.info.layout).toEqual(a.info.layout);
    expect(b.rows.theta).toEqual(a.rows.theta);
    expect(b.rows.normalisedTheta).toEqual(a.rows.normalisedTheta);
    expect(b.rows.simulatedY).toEqual(a.rows.simulatedY);
    expect(existsSync(work)).toBe(false);
  });

  const py = pythonWithH5py();
  it.skipIf(py === undefined)("opens with h5py with the documented layout (§2.6)", () => {
    const script = `
import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
s = f["samples"]
out = {
  "keys": sorted(s.keys()),
  "shapes": {k: list(s[k].shape) for k in s.keys()},
  "dtypes": sorted({str(s[k].dtype) for k in s.keys()}),
  "columns": [str(c) for c in s["theta"].attrs["columns"]],
  "parameter_names": [str(c) for c in s["theta"].attrs["parameter_names"]],
  "ranges": s["theta"].attrs["ranges"].tolist(),
  "y_columns": [str(c) for c in s["simulated_y"].attrs["columns"]],
  "y_units": str(s["simulated_y"].attrs["units"]),
  "filter_set": str(s.attrs["filter_set"]),
  "descriptions": [str(s[k].attrs["description"]) for k in ["theta", "normalised_theta", "simulated_y", "wavelengths"]],
  "wave_units": str(s["wavelengths"].attrs["units"]),
}
print(json.dumps(out))
`;
    const r = spawnSync(py as string, ["-c", script, cubeIn(ref)], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const got = JSON.parse(r.stdout);
    expect(got.keys).toEqual(["normalised_theta", "simulated_y", "theta", "wavelengths"]);
    expect(got.shapes).toEqual({
      normalised_theta: [N, 9],
      simulated_y: [N, 7],
      theta: [N, 9],
      wavelengths: [7],
    });
    expect(got.dtypes).toEqual(["float64"]);
    expect(got.parameter_names).toEqual([...THETA_COLUMNS]);
    expect(got.columns).toEqual([...FREE_PARAM_COLUMNS]);
    expect(got.ranges[0]).toEqual([0, 6]);
    expect(got.y_columns).toEqual([...FILTER_SETS.DES]);
    expect(got.y_units).toBe("AB maggies");
    expect(got.filter_set).toBe("DES");
    expect(got.descriptions).toEqual([
      "Parameters used by simulator",
      "Normalised parameters used by simulator",
      "Response of simulator",
      "Observer wavelengths to visualise simulator photometry",
    ]);
    expect(got.wave_units).toBe("Angstrom");
  });

  it("draws a Latin hypercube per worker with --design lhs", async () => {
    const out = join(dir, "lhs");
    const n = 200;
    const r = runBin([
      "sim",
      "--n",
      String(n),
      "--workers",
      "2",
      "--design",
      "lhs",
      "--filters",
      "Euclid",
      "--seed",
      "9",
      "--out",
      out,
      "--quiet",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { info, rows } = await readWholeCube(cubeIn(out));
    expect(info.layout.bands).toHaveLength(8);
    const z = info.layout.columns.indexOf("redshift");
    for (const w of [0, 1]) {
      const mine: number[] = [];
      for (let i = 0; i < n; i++)
        if (Math.min(1, Math.floor(rows.normalisedTheta[i * 9 + z] * 2)) === w) mine.push(i);
      expect(mine).toHaveLength(n / 2);
      for (let j = 0; j < 9; j++) {
        // redshift is stratified inside the worker's half, the others over [0, 1]
        const strata = mine.map((i) => {
          const u = rows.normalisedTheta[i * 9 + j];
          return Math.floor((j === z ? u * 2 - w : u) * mine.length);
        });
        expect(new Set(strata).size).toBe(mine.length);
      }
    }
  });

  it("inspect writes counts, ranges, a corner plot and a colour-colour plot", () => {
    const out = join(dir, "inspect");
    const r = runBin(["inspect", cubeIn(ref), "--out", out, "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "colour-colour.svg",
      "index.html",
      "manifest.json",
      "summary.json",
      "theta-corner.svg",
    ]);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(s.rows).toBe(N);
    expect(s.theta.zred[0]).toBeGreaterThanOrEqual(0);
    expect(s.theta.zred[1]).toBeLessThanOrEqual(6);
    expect(s.theta.mass[0]).toBeGreaterThanOrEqual(1e8);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain("theta-corner.svg");
    expect(html).toContain("colour-colour.svg");
    expect(readFileSync(join(out, "theta-corner.svg"), "utf8")).toContain("<svg");
  });
});
