import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Exit } from "effect";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULTS, decodeFileConfig, resolveConfig } from "../src/config.js";
import type { ConfigError } from "../src/errors.js";

const dir = mkdtempSync(join(tmpdir(), "gaia-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const resolve = (argv: string[]) => Effect.runPromiseExit(resolveConfig(argv));
async function configError(argv: string[]): Promise<ConfigError> {
  const exit = await resolve(argv);
  if (Exit.isSuccess(exit)) throw new Error(`accepted ${argv.join(" ")}`);
  const r = exit.cause.reasons.find((x) => x._tag === "Fail");
  return (r as unknown as { error: ConfigError }).error;
}

describe("configuration", () => {
  it("uses the seed's defaults per command, m67 without a command", async () => {
    const m67 = await Effect.runPromise(resolveConfig([]));
    expect(m67).toMatchObject({ command: "m67", chains: 2, warmup: 2000, draws: 4000 });
    expect(m67.out).toBe("out/gaia-distances");
    const out = await Effect.runPromise(resolveConfig(["outliers"]));
    expect(out).toMatchObject({ command: "outliers", chains: 2, warmup: 2000, draws: 2000 });
    const single = await Effect.runPromise(resolveConfig(["single", "--draws", "10"]));
    expect(single).toMatchObject({ command: "single", warmup: 2000, draws: 10 });
    expect(single.cuts).toEqual(DEFAULTS.m67.cuts);
  });

  it("merges defaults ← --config file ← flags", async () => {
    const file = join(dir, "cfg.json");
    writeFileSync(
      file,
      JSON.stringify({ chains: 3, warmup: 10, seed: 9, cuts: { parallaxMin: 0.5 } }),
    );
    const c = await Effect.runPromise(resolveConfig(["m67", "--config", file, "--warmup", "20"]));
    expect(c).toMatchObject({ chains: 3, warmup: 20, seed: 9, draws: 4000 });
    expect(c.cuts).toEqual({ parallaxMin: 0.5, parallaxMax: 3 });
  });

  it("reads a YAML config file (.yaml/.yml) like the JSON one", async () => {
    const file = join(dir, "cfg.yaml");
    writeFileSync(file, "chains: 3\nwarmup: 10\nseed: 9\ncuts:\n  parallaxMin: 0.5\n");
    const c = await Effect.runPromise(resolveConfig(["m67", "--config", file]));
    expect(c).toMatchObject({ chains: 3, warmup: 10, seed: 9, draws: 4000 });
    expect(c.cuts).toEqual({ parallaxMin: 0.5, parallaxMax: 3 });
    // a YAML syntax error and a wrong type both name the problem
    const broken = join(dir, "broken.yml");
    writeFileSync(broken, "chains: [3\n");
    expect((await configError(["--config", broken])).field).toBe("--config");
    const wrong = join(dir, "wrong.yml");
    writeFileSync(wrong, "chains: three\n");
    expect((await configError(["--config", wrong])).field).toMatch(/^chains \(in .*wrong\.yml\)$/);
  });

  it("names the flag of a bad command-line value", async () => {
    expect((await configError(["--chains", "0"])).field).toBe("--chains");
    expect((await configError(["--warmup", "-3"])).field).toBe("--warmup");
    expect((await configError(["--draws", "ten"])).field).toBe("--draws");
    expect((await configError(["--max-stars", "1.5"])).field).toBe("--max-stars");
    expect((await configError(["--bogus", "1"])).field).toBe("--bogus");
    expect((await configError(["fit"])).field).toBe("command");
    expect((await configError(["--data", "/nonexistent/m67.fits"])).field).toBe("--data");
  });

  it("property: invalid configuration files are rejected naming the field", async () => {
    const counts = ["chains", "warmup", "draws", "seed", "maxStars", "rank", "workers"];
    const bad = fc.oneof(
      // negative counts
      fc.record({
        key: fc.constantFrom(...counts),
        value: fc.integer({ min: -1_000_000, max: -1 }),
      }),
      // wrong types
      fc.record({
        key: fc.constantFrom(...counts),
        value: fc.oneof(
          fc.string(),
          fc.boolean(),
          fc.constant(null),
          fc.double({ min: 0.1, max: 0.9 }),
        ),
      }),
      fc.record({
        key: fc.constantFrom("data", "out"),
        value: fc.oneof(fc.integer(), fc.constant("")),
      }),
      // unknown keys
      fc.record({
        key: fc
          .string({ minLength: 1, maxLength: 12 })
          .filter(
            (k) =>
              /^[a-z_]+$/i.test(k) && ![...counts, "command", "data", "out", "cuts"].includes(k),
          ),
        value: fc.integer(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(bad, async ({ key, value }) => {
        const exit = await Effect.runPromiseExit(decodeFileConfig({ [key]: value }, "cfg.json"));
        expect(Exit.isFailure(exit)).toBe(true);
        const msg = String(exit);
        expect(msg).toContain("ConfigError");
        expect(msg).toContain(`${key} (in cfg.json)`);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it("rejects unknown nested keys and inverted cuts naming them", async () => {
    const e1 = await Effect.runPromiseExit(
      decodeFileConfig({ cuts: { parallaxMn: 0.1 } }, "c.json"),
    );
    expect(String(e1)).toContain("cuts.parallaxMn (in c.json)");
    const file = join(dir, "cuts.json");
    writeFileSync(file, JSON.stringify({ cuts: { parallaxMin: 3, parallaxMax: 1 } }));
    expect((await configError(["--config", file])).field).toBe("cuts");
    const missing = await configError(["--config", join(dir, "nope.json")]);
    expect(missing.field).toBe("--config");
  });
});
