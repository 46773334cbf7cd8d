import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type InferenceData,
  readInferenceData,
  type Variable,
  writeInferenceData,
} from "../../src/inference-data/index.js";
import { realisticIdata } from "./fixtures/realistic-idata.js";
import { tempDir, tempFiles } from "./helpers.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir("idata-atomic"));
});
afterEach(() => cleanup());

/**
 * InferenceData whose `posterior.theta.data` is valid when validation reads it
 * but throws when the writer reads it again, i.e. in the middle of writing.
 */
function failingMidWrite(): InferenceData {
  const idata = realisticIdata();
  const theta = idata.posterior!.variables.theta;
  let reads = 0;
  const failing: Variable = {
    dims: theta.dims,
    shape: theta.shape,
    get data() {
      reads += 1;
      if (reads > 1) throw new Error("disk on fire");
      return theta.data;
    },
  };
  idata.posterior!.variables.theta = failing;
  return idata;
}

describe("atomic writing", () => {
  it("leaves only the target after a successful write", async () => {
    await writeInferenceData(join(dir, "ok.nc"), realisticIdata());
    expect(readdirSync(dir)).toEqual(["ok.nc"]);
  });

  it("removes the temp file and does not create the target when writing fails midway", async () => {
    const path = join(dir, "fit.nc");
    await expect(writeInferenceData(path, failingMidWrite())).rejects.toThrow("disk on fire");
    expect(existsSync(path)).toBe(false);
    expect(tempFiles(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves an existing target byte-for-byte untouched when writing fails", async () => {
    const path = join(dir, "fit.nc");
    await writeInferenceData(path, realisticIdata());
    const before = readFileSync(path);
    await expect(writeInferenceData(path, failingMidWrite())).rejects.toThrow("disk on fire");
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
    expect((await readInferenceData(path)).posterior?.variables.theta.shape).toEqual([4, 25, 3]);
  });

  it("fails with ENOENT for a path in a non-existent directory, creating nothing", async () => {
    const path = join(dir, "missing", "fit.nc");
    await expect(writeInferenceData(path, realisticIdata())).rejects.toMatchObject({
      code: "ENOENT",
    });
    expect(existsSync(join(dir, "missing"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("does not clobber a foreign file when the target is replaced", async () => {
    const path = join(dir, "fit.nc");
    writeFileSync(path, "not hdf5");
    await writeInferenceData(path, realisticIdata());
    expect(readFileSync(path).subarray(0, 8)).toEqual(Buffer.from("\x89HDF\r\n\x1a\n", "latin1"));
  });
});
