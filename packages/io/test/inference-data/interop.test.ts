import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INFERENCE_DATA_GROUPS,
  readInferenceData,
  type VariableData,
  writeInferenceData,
} from "../../src/inference-data/index.js";
import { workflowIdata } from "./fixtures/realistic-idata.js";
import { tempDir } from "./helpers.js";

/**
 * Interoperability with the Python stack ArviZ sits on: files we write are
 * opened with `xarray.open_dataset(path, group=...)` and `netCDF4.Dataset`
 * (netCDF-C), and files written by xarray/netCDF-C are read by us.
 */
const PYTHON = "/usr/bin/python3";
const CHECK_SCRIPT = fileURLToPath(new URL("./fixtures/check_idata.py", import.meta.url));
const WRITE_SCRIPT = fileURLToPath(new URL("./fixtures/write_arviz_style.py", import.meta.url));

const probe = spawnSync(PYTHON, ["-c", "import xarray, netCDF4"], { encoding: "utf8" });
const pythonReady = probe.status === 0;
if (!pythonReady) {
  console.warn(
    `interop tests skipped: ${PYTHON} cannot import xarray and netCDF4 ` +
      `(install python3-xarray python3-netcdf4). ${probe.error?.message ?? probe.stderr ?? ""}`,
  );
}

type VarReport = { dims: string[]; shape: number[]; dtype: string; head: unknown[] };
type GroupReport = {
  xarray: {
    dims: Record<string, number>;
    coords: Record<string, unknown[]>;
    coord_dtypes: Record<string, string>;
    vars: Record<string, VarReport & { attrs: Record<string, unknown> }>;
    attrs: Record<string, unknown>;
  };
  netcdf4: {
    data_model: string;
    dims: Record<string, number>;
    vars: Record<string, VarReport>;
    attrs: Record<string, unknown>;
  };
};

function runPython(args: string[]): string {
  const result = spawnSync(PYTHON, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return result.stdout;
}

/** First five values as the check script prints them (bool → true/false, non-finite → strings). */
function head(data: VariableData, asBool: boolean): unknown[] {
  return Array.from(data.subarray(0, 5) as ArrayLike<number | bigint>, (x) => {
    if (typeof x === "bigint") return Number(x);
    if (asBool) return x !== 0;
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    return x;
  });
}

describe.skipIf(!pythonReady)("Python interop (xarray + netCDF4 via /usr/bin/python3)", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir("idata-interop"));
  });
  afterAll(() => cleanup());

  it("xarray and netCDF4 read every group we write with the same dims, data and attrs", async () => {
    // every group of ArviZ's workflow, log_likelihood and the predictive groups included
    const idata = workflowIdata();
    const path = join(dir, "ours.nc");
    await writeInferenceData(path, idata, { inferenceLibraryVersion: "0.1.0" });
    const groups = INFERENCE_DATA_GROUPS.filter((g) => idata[g] !== undefined);
    expect(groups).toHaveLength(7); // all but constant_data and the warmup groups
    const report = JSON.parse(runPython([CHECK_SCRIPT, path, ...groups])) as Record<
      string,
      GroupReport
    >;
    for (const group of groups) {
      const dataset = idata[group]!;
      const { xarray, netcdf4 } = report[group];
      expect(netcdf4.data_model).toBe("NETCDF4");
      const dimLengths: Record<string, number> = {};
      for (const v of Object.values(dataset.variables)) {
        v.dims.forEach((d, i) => {
          dimLengths[d] = v.shape[i];
        });
      }
      expect(xarray.dims, group).toEqual(dimLengths);
      expect(netcdf4.dims, group).toEqual(dimLengths);
      expect(xarray.attrs).toMatchObject({
        inference_library: "sidereal",
        inference_library_version: "0.1.0",
        ...dataset.attrs,
      });
      expect(xarray.attrs).not.toHaveProperty("arviz_version");
      expect(String(xarray.attrs.created_at)).toMatch(/Z$/);
      for (const [name, v] of Object.entries(dataset.variables)) {
        const isBool = v.data instanceof Uint8Array;
        const x = xarray.vars[name];
        const n = netcdf4.vars[name];
        expect(x.dims, `${group}/${name}`).toEqual(v.dims);
        expect(n.dims, `${group}/${name}`).toEqual(v.dims);
        expect(x.shape).toEqual(v.shape);
        expect(n.shape).toEqual(v.shape);
        expect(x.head, `${group}/${name} xarray values`).toEqual(head(v.data, isBool));
        expect(n.head, `${group}/${name} netCDF4 values`).toEqual(head(v.data, false));
        const { _FillValue: _fill, ...visibleAttrs } = v.attrs ?? {};
        expect(x.attrs).toEqual(visibleAttrs); // xarray decodes _FillValue into masking
      }
    }
    const post = report.posterior.xarray;
    expect(post.vars.mu.dtype).toBe("float64");
    expect(post.vars.count.dtype).toBe("int64");
    expect(post.coords.cloud).toEqual(["Orion A", "Taurus", "Ophiuchus ρ"]);
    expect(post.coord_dtypes).toMatchObject({ chain: "int64", draw: "int64", L_dim_0: "int64" });
    expect(post.coords.chain).toEqual([0, 1, 2, 3]);
    const stats = report.sample_stats;
    expect(stats.xarray.vars.diverging.dtype).toBe("bool"); // xarray decodes int8 + dtype="bool"
    expect(stats.netcdf4.vars.diverging.dtype).toBe("int8"); // plain netCDF sees int8
    expect(stats.xarray.vars.tree_depth.dtype).toBe("int32");
    expect(report.observed_data.xarray.vars.n_obs).toMatchObject({
      dims: [],
      shape: [],
      head: [5],
    });
  }, 60_000); // python + xarray start-up is seconds on a busy machine

  it("reads a file freshly written by xarray/netCDF-C the ArviZ way", async () => {
    const path = join(dir, "theirs.nc");
    runPython([WRITE_SCRIPT, path]);
    const idata = await readInferenceData(path);
    expect(idata.sample_stats?.variables.diverging.data).toEqual(Uint8Array.of(0, 1, 0, 0, 0, 1));
    expect(idata.posterior?.variables.theta.dims).toEqual(["chain", "draw", "school"]);
    expect(idata.posterior?.coords?.school).toEqual(["Choate", "Deerfield"]);
    expect(idata.observed_data?.variables.w.dims).toEqual(["nocoord"]);
    expect(idata.posterior?.attrs?.inference_library).toBe("pymc");
  }, 60_000);
});
