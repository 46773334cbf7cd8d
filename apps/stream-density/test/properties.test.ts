/**
 * Pipeline properties (fast-check):
 * - reproducible: a seed determines draws.csv byte for byte, whether the chains run in
 *   the main thread or in 1 or 2 worker threads; another seed gives other draws;
 * - robust configuration: generated invalid configurations (negative counts, unknown
 *   keys, wrong types, a missing input file, a FITS file without a needed column) are
 *   rejected with an error naming the field, file or column, and the output folder is
 *   left exactly as it was.
 *
 * The worker threads run the built `dist/chain-worker.js` (build the app first).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppLayer, folderState } from "@sidereal/runtime";
import { Effect, Exit } from "effect";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeConfig } from "../src/config.js";
import { BUNDLED_GAUSSIAN_1D, BUNDLED_GD1, loadGd1 } from "../src/data.js";
import { runPipeline } from "../src/pipeline.js";
import { writeFitsTable } from "./helpers/fits.js";

const dir = mkdtempSync(join(tmpdir(), "stream-density-props-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  command: "spline",
  out: join(dir, "run"),
  gaussianData: BUNDLED_GAUSSIAN_1D,
  gd1Data: BUNDLED_GD1,
  maxPoints: 2000,
  maxStars: 300,
  numWarmup: 30,
  numSamples: 10,
  numChains: 2,
  gd1Warmup: 0,
  gd1Samples: 0,
  gd1Chains: 1,
  gd1MaxIter: 15,
  maxTreeDepth: 4,
  workers: 0,
  targetAccept: 0.8,
  seed: 3,
};

let runId = 0;
/** Runs the pipeline into a fresh folder and returns draws.csv. */
async function drawsCsv(overrides: Partial<typeof base>): Promise<string> {
  const out = join(dir, `run-${runId++}`);
  await Effect.runPromise(
    decodeConfig({ ...base, ...overrides, out }).pipe(
      Effect.flatMap(runPipeline),
      Effect.provide(AppLayer),
    ),
  );
  return readFileSync(join(out, "draws.csv"), "utf8");
}

describe("reproducibility", () => {
  it("the same seed gives byte-identical draws.csv with 0, 1 or 2 workers; another seed differs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
        const main = await drawsCsv({ seed, workers: 0 });
        expect(await drawsCsv({ seed, workers: 1 })).toBe(main);
        expect(await drawsCsv({ seed, workers: 2 })).toBe(main);
        expect(await drawsCsv({ seed: seed + 1, workers: 0 })).not.toBe(main);
      }),
      { numRuns: 2, seed: 11 },
    );
  }, 120_000);
});

const COUNT_FIELDS = [
  "maxPoints",
  "maxStars",
  "numWarmup",
  "numSamples",
  "numChains",
  "gd1Warmup",
  "gd1Samples",
  "gd1Chains",
  "gd1MaxIter",
  "maxTreeDepth",
  "workers",
  "seed",
] as const;
const STRING_FIELDS = ["command", "out", "gaussianData", "gd1Data"] as const;
const KNOWN = new Set(Object.keys(base));

/** An invalid configuration and what its error must name. */
interface BadCase {
  readonly overrides: Record<string, unknown>;
  readonly tag: "ConfigError" | "DataError";
  readonly names: string;
}

const negativeCount: fc.Arbitrary<BadCase> = fc
  .record({ field: fc.constantFrom(...COUNT_FIELDS), value: fc.integer({ max: -1 }) })
  .map(({ field, value }) => ({ overrides: { [field]: value }, tag: "ConfigError", names: field }));

const unknownKey: fc.Arbitrary<BadCase> = fc
  .record({
    field: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => /^[A-Za-z_][\w-]*$/.test(k)),
    value: fc.jsonValue(),
  })
  .filter(({ field }) => !KNOWN.has(field) && field !== "__proto__")
  .map(({ field, value }) => ({ overrides: { [field]: value }, tag: "ConfigError", names: field }));

const wrongType: fc.Arbitrary<BadCase> = fc.oneof(
  fc
    .record({
      field: fc.constantFrom(...COUNT_FIELDS, "targetAccept"),
      value: fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer())),
    })
    .map(({ field, value }) => ({
      overrides: { [field]: value },
      tag: "ConfigError" as const,
      names: field,
    })),
  fc
    .record({
      field: fc.constantFrom(...STRING_FIELDS),
      value: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
    })
    .map(({ field, value }) => ({
      overrides: { [field]: value },
      tag: "ConfigError" as const,
      names: field,
    })),
);

const missingFile: fc.Arbitrary<BadCase> = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => /^\w+$/.test(s)),
    which: fc.constantFrom("gd1", "spline"),
  })
  .map(({ name, which }) => {
    const file = join(dir, "no-such-folder", `${name}.${which === "gd1" ? "fits" : "f64"}`);
    return {
      overrides:
        which === "gd1"
          ? { command: "gd1", gd1Data: file }
          : { command: "spline", gaussianData: file },
      tag: "DataError",
      names: file,
    };
  });

let fitsId = 0;
const fitsWithoutColumn: fc.Arbitrary<BadCase> = fc
  .record({
    missing: fc.constantFrom("gd1_phi1", "gd1_phi2"),
    extra: fc.uniqueArray(fc.constantFrom("ra", "dec", "pmra", "g_mag"), { maxLength: 3 }),
    rows: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ missing, extra, rows }) => {
    const file = join(dir, `cat-${fitsId++}.fits`);
    const cols: Record<string, Float64Array> = {};
    for (const name of ["gd1_phi1", "gd1_phi2", ...extra])
      if (name !== missing) cols[name] = Float64Array.from({ length: rows }, (_, i) => i * 0.5);
    writeFitsTable(file, cols);
    return { overrides: { command: "gd1", gd1Data: file }, tag: "DataError", names: missing };
  });

describe("robust configuration", () => {
  it("the FITS helper writes a catalogue the pipeline reads", async () => {
    const file = join(dir, "ok.fits");
    const cat = loadGd1(BUNDLED_GD1, 300);
    writeFitsTable(file, {
      g_mag: cat.phi1.map((_, i) => 18 + (i % 3)),
      gd1_phi1: cat.phi1,
      gd1_phi2: cat.phi2,
    });
    const out = join(dir, "fits-ok");
    const exit = await Effect.runPromiseExit(
      decodeConfig({ ...base, command: "gd1", gd1Data: file, gd1MaxIter: 3, out }).pipe(
        Effect.flatMap(runPipeline),
        Effect.provide(AppLayer),
      ),
    );
    expect(Exit.isSuccess(exit), String(exit)).toBe(true);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toContain(
      `"nStars": ${cat.phi1.length}`,
    );
  }, 30_000);

  it("invalid configurations fail naming the field / file / column and leave the output folder untouched", async () => {
    const out = join(dir, "existing-output");
    mkdirSync(join(out, "plots"), { recursive: true });
    writeFileSync(join(out, "summary.json"), '{"previous": true}\n');
    writeFileSync(join(out, "plots", "old.svg"), "<svg/>");
    const before = folderState(out);
    const fresh = join(dir, "never-created");
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(negativeCount, unknownKey, wrongType, missingFile, fitsWithoutColumn),
        fc.boolean(),
        async (bad, existing) => {
          const target = existing ? out : fresh;
          const exit = await Effect.runPromiseExit(
            decodeConfig({ ...base, out: target, ...bad.overrides }).pipe(
              Effect.flatMap(runPipeline),
              Effect.provide(AppLayer),
            ),
          );
          expect(Exit.isFailure(exit)).toBe(true);
          if (Exit.isFailure(exit)) {
            const text = String(exit.cause);
            expect(text).toContain(bad.tag);
            expect(text).toContain(bad.names);
          }
          if (existing) expect(folderState(out)).toEqual(before);
          else expect(existsSync(fresh)).toBe(false);
        },
      ),
      { numRuns: 60, seed: 5 },
    );
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe('{"previous": true}\n');
  }, 30_000);

  it("a ConfigError's field is the offending key", async () => {
    const exit = await Effect.runPromiseExit(decodeConfig({ ...base, numChains: -2 }));
    expect(Exit.isFailure(exit)).toBe(true);
    if (Exit.isFailure(exit)) expect(String(exit.cause)).toMatch(/numChains/);
    const err = await Effect.runPromise(Effect.flip(decodeConfig({ ...base, bogus: 1 })));
    expect(err.field).toBe("bogus");
    const err2 = await Effect.runPromise(Effect.flip(decodeConfig({ ...base, gd1Chains: "2" })));
    expect(err2.field).toBe("gd1Chains");
  });
});
