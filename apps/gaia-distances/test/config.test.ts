import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeConfig } from "@sidereal/runtime";
import { Effect, Exit } from "effect";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { DEFAULTS, RunConfig } from "../src/config.js";

const dir = mkdtempSync(join(tmpdir(), "gaia-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sink = () => {
  let text = "";
  return {
    write: (s: string) => {
      text += s;
      return true;
    },
    text: () => text,
  };
};
/** Runs the CLI; returns exit code and stderr (nothing is sampled: every case fails early). */
async function cli(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(argv, { stdout, stderr });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe("configuration", () => {
  it("has the seed's defaults per command", () => {
    expect(DEFAULTS.m67).toMatchObject({ chains: 2, warmup: 2000, draws: 4000, seed: 7 });
    expect(DEFAULTS.outliers).toMatchObject({ chains: 2, warmup: 2000, draws: 2000, seed: 3 });
    expect(DEFAULTS.single).toMatchObject({ warmup: 2000, draws: 4000, seed: 5 });
    expect(DEFAULTS.single.cuts).toEqual({ parallaxMin: 0.2, parallaxMax: 3 });
  });

  it("wasm: on by default for m67 only; --wasm is a known flag; a non-boolean is refused", async () => {
    expect([DEFAULTS.m67.wasm, DEFAULTS.outliers.wasm, DEFAULTS.single.wasm]).toEqual([
      true,
      false,
      false,
    ]);
    // a known flag: the run fails on --chains, not on --wasm
    const r = await cli(["single", "--wasm", "--chains", "0"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--chains");
    expect(r.err).not.toContain("unknown flag");
    const ok = await Effect.runPromise(decodeConfig(RunConfig, { ...DEFAULTS.m67, wasm: false }));
    expect(ok.wasm).toBe(false);
    const exit = await Effect.runPromiseExit(
      decodeConfig(RunConfig, { ...DEFAULTS.m67, wasm: "yes" }, {}, "cfg.json"),
    );
    expect(String(exit)).toContain("wasm (in cfg.json)");
  });

  it("a bare command prints the help (instead of starting the 16-minute run)", async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("m67");
    expect(r.out).toContain("outliers");
  });

  it("names the flag of a bad command-line value (exit 2, one line)", async () => {
    const cases: [string[], string][] = [
      [["m67", "--chains", "0"], "--chains: Expected a value greater than 0, got 0"],
      [["m67", "--warmup", "-3"], "--warmup"],
      [["m67", "--draws", "ten"], "invalid value for --draws"],
      [["m67", "--max-stars", "1.5"], "--max-stars"],
      [["m67", "--bogus", "1"], "unknown flag --bogus"],
      [["fit"], 'unknown command "fit"'],
      [["m67", "extra"], "unexpected argument extra"],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });

  it("property: invalid configuration files are rejected naming the field and the file", async () => {
    const counts = ["chains", "warmup", "draws", "seed", "maxStars", "rank", "workers"];
    const bad = fc.oneof(
      fc.record({
        key: fc.constantFrom(...counts),
        value: fc.integer({ min: -1_000_000, max: -1 }),
      }),
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
      fc.record({
        key: fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((k) => /^[a-z_]+$/i.test(k) && ![...counts, "data", "out", "cuts"].includes(k)),
        value: fc.integer(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(bad, async ({ key, value }) => {
        const exit = await Effect.runPromiseExit(
          decodeConfig(RunConfig, { ...DEFAULTS.m67, [key]: value }, {}, "cfg.json"),
        );
        expect(Exit.isFailure(exit)).toBe(true);
        expect(String(exit)).toContain(`${key} (in cfg.json)`);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it("config files: nested unknown keys, inverted cuts, YAML errors, a missing file", async () => {
    const nested = join(dir, "nested.json");
    writeFileSync(nested, JSON.stringify({ cuts: { parallaxMn: 0.1 } }));
    expect((await cli(["m67", "--config", nested])).err).toContain(
      `cuts.parallaxMn (in ${nested}): unknown key`,
    );
    const inverted = join(dir, "cuts.json");
    writeFileSync(inverted, JSON.stringify({ cuts: { parallaxMin: 3, parallaxMax: 1 } }));
    const r = await cli(["m67", "--config", inverted, "--out", join(dir, "never")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("cuts: parallaxMin (3) must be below parallaxMax (1)");
    const broken = join(dir, "broken.yml");
    writeFileSync(broken, "chains: [3\n");
    expect((await cli(["m67", "--config", broken])).err).toContain("--config: cannot read");
    const wrong = join(dir, "wrong.yml");
    writeFileSync(wrong, "chains: three\n");
    expect((await cli(["m67", "--config", wrong])).err).toContain(`chains (in ${wrong})`);
    expect((await cli(["m67", "--config", join(dir, "nope.json")])).err).toContain(
      "--config: cannot read",
    );
  });
});
