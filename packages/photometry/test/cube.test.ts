import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulationFiles } from "@sidereal/photometry-data";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import {
  agnfinderForwardModel,
  bytesPerSample,
  type CubeRows,
  combineCubes,
  cubeFileName,
  cubeLayout,
  defaultFreeParams,
  FREE_PARAM_COLUMNS,
  loadModelData,
  partialFileName,
  readCubeInfo,
  readCubeRows,
  redshiftSlices,
  simulateRows,
  THETA_COLUMNS,
  workerSampleCounts,
  workerUnitRows,
  writeCube,
} from "../src/index.js";

const run = <A, E>(e: Effect.Effect<A, E>): A => Effect.runSync(e as Effect.Effect<A, never>);
const runP = <A, E>(e: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(e as Effect.Effect<A, never>);

const fp = defaultFreeParams();
const data = run(loadModelData());
const model = run(agnfinderForwardModel({ data, agnOnly: true }));
const layout = cubeLayout(fp, model.bands, model.photWave, "Euclid");
const dir = mkdtempSync(join(tmpdir(), "cube-"));

/** One worker's rows: draws in its redshift slice, θ, forward model. */
function simulate(worker: number, n: number, P: number): CubeRows {
  const slice = redshiftSlices(0, 6, P)[worker];
  return simulateRows(model, fp, workerUnitRows(fp, 7, slice, "uniform", n));
}

const rowStrings = (r: CubeRows, D: number, F: number) =>
  Array.from({ length: r.theta.length / D }, (_, i) =>
    [
      ...r.theta.subarray(i * D, (i + 1) * D),
      ...r.normalisedTheta.subarray(i * D, (i + 1) * D),
      ...r.simulatedY.subarray(i * F, (i + 1) * F),
    ].join(","),
  );

describe("cube files (spec §2.4–2.6)", () => {
  const P = 2;
  const counts = workerSampleCounts(61, P);
  const slices = redshiftSlices(0, 6, P);
  const partials = slices.map((s) =>
    join(dir, partialFileName(counts[s.worker], s.zLo, s.zHi, s.worker)),
  );
  const blocks = slices.map((s) => simulate(s.worker, counts[s.worker], P));

  it("simulateRows: θ = denormalised rows, photometry = forwardBatch(θ); a model in another order is refused", () => {
    const unit = workerUnitRows(fp, 1, redshiftSlices(0, 6, 1)[0], "lhs", 5);
    const rows = simulateRows(model, fp, unit);
    expect(Array.from(rows.simulatedY)).toEqual(Array.from(model.forwardBatch(rows.theta)));
    const galaxyLike = { ...model, thetaColumns: [...model.thetaColumns].reverse() };
    expect(() => simulateRows(galaxyLike, fp, unit)).toThrow(/reads θ as/);
  });
  it("names as agnfinder; bytes per sample 8·(9 + 9 + F)", () => {
    expect(cubeFileName(40_000_000, 0, 6)).toBe(
      "photometry_simulation_40000000n_z_0p0000_to_6p0000.hdf5",
    );
    expect(partialFileName(1000, 0, 4, 0)).toBe(
      "photometry_simulation_1000n_z_0p0000_to_4p0000_w_0.hdf5",
    );
    expect(bytesPerSample(layout)).toBe(208);
    expect(bytesPerSample({ columns: FREE_PARAM_COLUMNS, bands: Array(7).fill("") })).toBe(200);
  });
  it("a partial file reopens with the layout, the pinned column order and the same rows", async () => {
    for (const [i, p] of partials.entries()) await runP(writeCube(p, layout, blocks[i]));
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
    const info = await runP(readCubeInfo(partials[0]));
    expect(info.rows).toBe(counts[0]);
    expect(info.layout.columns).toEqual([...FREE_PARAM_COLUMNS]);
    expect(info.layout.parameterNames).toEqual([...THETA_COLUMNS]);
    expect(info.layout.bands).toEqual(model.bands);
    expect(info.layout.filterSet).toBe("Euclid");
    expect(info.layout.log).toEqual(fp.log);
    expect(Array.from(info.layout.ranges)).toEqual(Array.from(fp.limits));
    expect(Array.from(info.layout.wavelengths)).toEqual(Array.from(model.photWave));
    const back = await runP(readCubeRows(partials[0], 0, counts[0]));
    expect(rowStrings(back, 9, 8)).toEqual(rowStrings(blocks[0], 9, 8));
    const mid = await runP(readCubeRows(partials[1], 5, 3));
    expect(Array.from(mid.theta)).toEqual(Array.from(blocks[1].theta.subarray(45, 72)));
  });
  it("combine + shuffle is a permutation of the partial rows, seeded and reproducible", async () => {
    const out = join(dir, cubeFileName(61, 0, 6));
    expect(await runP(combineCubes(partials, out, { seed: 3, bucketRows: 8 }))).toBe(61);
    const all = await runP(readCubeRows(out, 0, 61));
    const expected = [...rowStrings(blocks[0], 9, 8), ...rowStrings(blocks[1], 9, 8)];
    const got = rowStrings(all, 9, 8);
    expect([...got].sort()).toEqual([...expected].sort());
    expect(got).not.toEqual(expected);
    const again = join(dir, "again.hdf5");
    await runP(combineCubes(partials, again, { seed: 3, bucketRows: 8 }));
    expect(rowStrings(await runP(readCubeRows(again, 0, 61)), 9, 8)).toEqual(got);
    const other = join(dir, "other.hdf5");
    await runP(combineCubes(partials, other, { seed: 4, bucketRows: 8 }));
    expect(rowStrings(await runP(readCubeRows(other, 0, 61)), 9, 8)).not.toEqual(got);
    // The normalised redshift covers both slices once: [0, 0.5) from worker 0, [0.5, 1] from 1.
    const z = Array.from({ length: 61 }, (_, i) => all.normalisedTheta[i * 9]);
    expect(z.filter((v) => v < 0.5).length).toBe(counts[0]);
    expect(
      readdirSync(dir).filter((f) => f.startsWith(".combine-") || f.includes(".tmp-")),
    ).toEqual([]);
  });
  it("without shuffle, rows are concatenated in partial order", async () => {
    const out = join(dir, "ordered.hdf5");
    await runP(combineCubes(partials, out, { shuffle: false, bucketRows: 10 }));
    const all = await runP(readCubeRows(out, 0, 61));
    expect(rowStrings(all, 9, 8)).toEqual([
      ...rowStrings(blocks[0], 9, 8),
      ...rowStrings(blocks[1], 9, 8),
    ]);
  });
  it("mismatched partials or none are CubeFileErrors; nothing is left behind", async () => {
    const des = cubeLayout(fp, ["a", "b"], Float64Array.from([1, 2]), "custom");
    const odd = join(dir, "odd.hdf5");
    await runP(
      writeCube(odd, des, {
        theta: new Float64Array(9),
        normalisedTheta: new Float64Array(9),
        simulatedY: new Float64Array(2),
      }),
    );
    const out = join(dir, "bad.hdf5");
    const e = await Effect.runPromise(Effect.flip(combineCubes([partials[0], odd], out)));
    expect(e._tag).toBe("CubeFileError");
    expect(e.file).toBe(odd);
    expect((await Effect.runPromise(Effect.flip(combineCubes([], out)))).reason).toMatch(
      /no partial/,
    );
    expect(existsSync(out)).toBe(false);
    const missing = await Effect.runPromise(Effect.flip(readCubeInfo(join(dir, "nope.hdf5"))));
    expect(missing._tag).toBe("CubeFileError");
  });
  it("reads agnfinder's own testcube.hdf5 (its mislabelled alphabetical columns included)", async () => {
    const info = await runP(readCubeInfo(simulationFiles.testcube));
    expect(info.rows).toBe(1000);
    expect(info.layout.columns[0]).toBe("agn_eb_v");
    expect(info.layout.wavelengths.length).toBe(8);
  });
  // Debian's python3-h5py lives under /usr/bin/python3, which a pyenv shim may hide
  const py = ["python3", "/usr/bin/python3"].find(
    (p) => spawnSync(p, ["-c", "import h5py"]).status === 0,
  );
  it.skipIf(py === undefined)(
    "h5py opens the combined cube with the documented layout",
    async () => {
      const out = join(dir, "h5py.hdf5");
      await runP(combineCubes(partials, out, { seed: 1 }));
      const script = [
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r'); s = f['samples']",
        "assert s['theta'].shape == (61, 9) and s['normalised_theta'].shape == (61, 9)",
        "assert s['simulated_y'].shape == (61, 8) and s['wavelengths'].shape == (8,)",
        "cols = [c.decode() if isinstance(c, bytes) else c for c in s['theta'].attrs['columns']]",
        "assert cols[0] == 'redshift' and cols[1] == 'log_mass', cols",
        "assert s['theta'].attrs['description'] == 'Parameters used by simulator'",
        "print('ok')",
      ].join("\n");
      const r = spawnSync(py ?? "python3", ["-c", script, out], { encoding: "utf8" });
      expect(r.stdout.trim()).toBe("ok");
    },
  );
});
