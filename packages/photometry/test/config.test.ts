import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
import {
  AGNFINDER_MODEL,
  type ConfigError,
  decodeForwardModelParams,
  decodeFreeParams,
  decodeSamplingParams,
  defaultFreeParams,
  FILTER_SETS,
  FREE_PARAM_COLUMNS,
  loadSimulationConfig,
  resolveParameter,
  SEED_FREE_PARAMS,
  SEED_GALAXY_MODEL,
  THETA_COLUMNS,
} from "../src/index.js";

const run = <A>(e: Effect.Effect<A, ConfigError>): A => Effect.runSync(e);
const failure = <A>(e: Effect.Effect<A, ConfigError>): ConfigError => {
  const exit = Effect.runSyncExit(Effect.flip(e));
  if (Exit.isSuccess(exit)) return exit.value;
  throw new Error("expected a ConfigError");
};

describe("Parameter", () => {
  it("applies the log* units rule to range, init and dispFloor, never to prior kwargs", () => {
    const p = resolveParameter({
      name: "mass",
      rangeMin: 6,
      init: 8,
      rangeMax: 10,
      prior: { kind: "ClippedNormal", mean: 8, sigma: 1 },
      units: "log_mass",
      dispFloor: 6,
    });
    expect([p.rangeMin, p.init, p.rangeMax, p.dispFloor]).toEqual([1e6, 1e8, 1e10, 1e6]);
    expect([p.rawRangeMin, p.rawRangeMax]).toEqual([6, 10]);
    expect(p.prior).toEqual({ kind: "ClippedNormal", mean: 8, sigma: 1 });
    expect(p.logScale).toBe(true);
  });
  it("defaults: Uniform prior, free, linear; LogUniform implies logScale unless overridden", () => {
    const u = resolveParameter({ name: "dust2", rangeMin: 0, init: 0.1, rangeMax: 2 });
    expect(u).toMatchObject({
      prior: { kind: "Uniform" },
      free: true,
      logScale: false,
      units: "",
      dim: 1,
    });
    const lu = resolveParameter({
      name: "tau",
      rangeMin: 0.1,
      init: 1,
      rangeMax: 100,
      prior: "LogUniform",
    });
    expect(lu.logScale).toBe(true);
    const forced = resolveParameter({
      ...{ name: "tau", rangeMin: 0.1, init: 1, rangeMax: 100 },
      logScale: false,
      prior: "LogUniform",
    });
    expect(forced.logScale).toBe(false);
  });
});

describe("ForwardModelParams", () => {
  it("the seed's galaxy-only example: 6 free parameters on DES, mass 1e6–1e10", () => {
    const m = run(decodeForwardModelParams(SEED_GALAXY_MODEL));
    expect(m.freeParams.map((p) => p.name)).toEqual([
      "zred",
      "mass",
      "logzsol",
      "dust2",
      "tage",
      "tau",
    ]);
    expect(m.filters).toEqual(FILTER_SETS.DES);
    expect(m.filters.length).toBe(7);
    const mass = m.freeParams[1];
    expect([mass.rangeMin, mass.init, mass.rangeMax]).toEqual([1e6, 1e8, 1e10]);
    // Fixed template entries stay: sfh 4 (delayed-τ), imf 2 (Kroupa), dust_type 0.
    const fixed = Object.fromEntries(
      m.allParams.filter((p) => !p.free).map((p) => [p.name, p.init]),
    );
    expect(fixed).toEqual({ sfh: 4, imf_type: 2, dust_type: 0 });
  });
  it("agnfinder's model: the free order is the pinned θ order", () => {
    const m = run(decodeForwardModelParams(AGNFINDER_MODEL));
    expect(m.freeParams.map((p) => p.name)).toEqual([...THETA_COLUMNS]);
    expect(m.modelAgn).toBe(true);
    expect(m.filters.length).toBe(8);
  });
  it("an invalid parameter is a ConfigError naming the field and the file", () => {
    const bad = structuredClone(SEED_GALAXY_MODEL) as unknown as {
      modelParams: { rangeMax: number }[];
    };
    bad.modelParams[3].rangeMax = -1;
    const e = failure(decodeForwardModelParams(bad, "model.yaml"));
    expect(e._tag).toBe("ConfigError");
    expect(e.field).toBe("modelParams.3.rangeMax (in model.yaml)");
    const wrongType = failure(
      decodeForwardModelParams({
        modelParams: [{ name: "x", rangeMin: "a", init: 0, rangeMax: 1 }],
      }),
    );
    expect(wrongType.field).toBe("modelParams.0.rangeMin");
    const badPrior = failure(
      decodeForwardModelParams({
        modelParams: [
          {
            name: "x",
            rangeMin: 0,
            init: 0,
            rangeMax: 1,
            prior: { kind: "ClippedNormal", mean: 0, sigma: -1 },
          },
        ],
      }),
    );
    expect(badPrior.field).toMatch(/^modelParams\.0\.prior/);
    const unknownKey = failure(decodeForwardModelParams({ modelParams: [], colour: 1 }));
    expect(unknownKey.field).toBe("colour");
    const template = failure(
      decodeForwardModelParams({ modelParams: [], modelParamTemplates: ["nope"] }),
    );
    expect(template.field).toBe("modelParamTemplates");
  });
});

describe("FreeParams and the pinned θ column order", () => {
  it("the seed declares FreeParams in another order; decoding pins the model's order", () => {
    expect(Object.keys(SEED_FREE_PARAMS)).not.toEqual([...FREE_PARAM_COLUMNS]);
    const fp = run(decodeFreeParams(SEED_FREE_PARAMS));
    expect(fp.columns).toEqual([...FREE_PARAM_COLUMNS]);
    expect(fp.thetaColumns).toEqual([
      "zred",
      "mass",
      "dust2",
      "tage",
      "tau",
      "agn_mass",
      "agn_eb_v",
      "agn_torus_mass",
      "inclination",
    ]);
    expect(fp.log).toEqual([false, true, false, false, true, true, false, true, false]);
    expect(Array.from(fp.limits.slice(0, 4))).toEqual([0, 6, 8, 12]);
    expect(fp.limits[9]).toBeCloseTo(Math.log10(30), 15);
    // Each sampling name maps to the model name in the same position.
    for (let j = 0; j < 9; j++)
      expect(FREE_PARAM_COLUMNS[j].replace(/^log_/, "").replace("redshift", "zred")).toBe(
        THETA_COLUMNS[j],
      );
    expect(defaultFreeParams().limits).toEqual(fp.limits);
  });
  it("a reversed range or a missing column is a ConfigError naming the column", () => {
    expect(failure(decodeFreeParams({ ...SEED_FREE_PARAMS, tage: [5, 1] })).field).toBe(
      "freeParams.tage",
    );
    const { inclination: _, ...missing } = SEED_FREE_PARAMS;
    expect(failure(decodeFreeParams(missing)).field).toBe("freeParams.inclination");
  });
});

describe("SamplingParams", () => {
  it("the seed's defaults", () => {
    const s = run(decodeSamplingParams({}));
    expect(s).toMatchObject({
      nSamples: 40_000_000,
      saveDir: "./data/cubes/my_simulation_results",
      filters: "DES",
      shuffle: true,
      noise: false,
    });
    expect(s.concurrency).toBeGreaterThan(0);
  });
  it("rejects a bad filter set, naming the field", () => {
    expect(failure(decodeSamplingParams({ filters: "Hubble" })).field).toBe(
      "samplingParams.filters",
    );
    expect(failure(decodeSamplingParams({ nSamples: 0 })).field).toBe("samplingParams.nSamples");
  });
});

describe("config files", () => {
  const dir = mkdtempSync(join(tmpdir(), "photometry-config-"));
  it("reads YAML and JSON with the same schema", () => {
    const yamlFile = join(dir, "sim.yaml");
    writeFileSync(
      yamlFile,
      "samplingParams:\n  nSamples: 1000\n  filters: Euclid\nfreeParams:\n  redshift: [0, 4]\n  log_mass: [8, 12]\n  log_agn_mass: [-7, 1.17609]\n  log_agn_torus_mass: [-7, 1.17609]\n  dust2: [0, 2]\n  tage: [0.001, 13.8]\n  log_tau: [-1, 1.477]\n  agn_eb_v: [0, 0.5]\n  inclination: [0, 90]\n",
    );
    const c = run(loadSimulationConfig(yamlFile));
    expect(c.samplingParams.nSamples).toBe(1000);
    expect(c.samplingParams.filters).toBe("Euclid");
    expect(c.freeParams.limits[1]).toBe(4);
    expect(c.forwardModel).toBeUndefined();
    const jsonFile = join(dir, "model.json");
    writeFileSync(jsonFile, JSON.stringify({ forwardModel: SEED_GALAXY_MODEL }));
    expect(run(loadSimulationConfig(jsonFile)).forwardModel?.freeParams.length).toBe(6);
  });
  it("a bad field in a file names the section, field and file", () => {
    const f = join(dir, "bad.yaml");
    writeFileSync(f, "samplingParams:\n  shuffle: maybe\n");
    const e = failure(loadSimulationConfig(f));
    expect(e.field).toBe(`samplingParams.shuffle (in ${f})`);
    expect(failure(loadSimulationConfig(join(dir, "missing.yaml"))).reason).toMatch(/cannot read/);
  });
});
