/**
 * Config decoding: defaults < file < flags; unknown keys rejected; errors name the flag or
 * the field path and the file (from Schema's issue tree); paths resolved against the file.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@effect/vitest";
import { Flags, NonEmptyString, PositiveInt, resolveCommandConfig } from "@sidereal/runtime";
import { Effect, Option, Schema } from "effect";
import { tempDir } from "./helpers.js";

const spec = {
  config: Schema.Struct({
    data: NonEmptyString,
    draws: PositiveInt,
    cuts: Schema.Struct({ min: Schema.Finite, max: Schema.Finite }),
  }),
  defaults: { data: "bundled.fits", draws: 100, cuts: { min: 0.2, max: 3 } },
  flags: {
    data: Flags.string("data", "input"),
    draws: Flags.int("draws", "draws"),
    samples: Flags.deprecatedAlias(Flags.int("samples", "old name of --draws"), "draws"),
  },
  pathFields: ["data"],
};
const none = { data: Option.none(), draws: Option.none(), samples: Option.none() };

const file = (content: unknown, name = "c.json") => {
  const dir = tempDir();
  const f = join(dir, name);
  writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
  return { dir, f };
};

describe("resolveCommandConfig", () => {
  it.effect("merges defaults < file (nested fields too) < flags", () =>
    Effect.gen(function* () {
      const { dir, f } = file({ data: "sub/x.fits", draws: 5, cuts: { max: 2 } });
      const r = yield* resolveCommandConfig(spec, { ...none, draws: Option.some(7) }, f);
      expect(r.config).toEqual({
        data: join(dir, "sub/x.fits"),
        draws: 7,
        cuts: { min: 0.2, max: 2 },
      });
    }),
  );

  it.effect("reads YAML", () =>
    Effect.gen(function* () {
      const { f } = file("draws: 9\ncuts:\n  min: 0.5\n", "c.yaml");
      const r = yield* resolveCommandConfig(spec, none, f);
      expect(r.config.draws).toBe(9);
      expect(r.config.cuts.min).toBe(0.5);
    }),
  );

  it.effect("a deprecated alias works, warns, and loses to the new flag", () =>
    Effect.gen(function* () {
      const a = yield* resolveCommandConfig(spec, { ...none, samples: Option.some(3) }, undefined);
      expect(a.config.draws).toBe(3);
      expect(a.warnings).toEqual(["--samples is deprecated; use --draws"]);
      const b = yield* resolveCommandConfig(
        spec,
        { ...none, samples: Option.some(3), draws: Option.some(4) },
        undefined,
      );
      expect(b.config.draws).toBe(4);
    }),
  );

  it.effect.each([
    [{ draws: -1 }, "draws (in FILE): Expected a value greater than 0, got -1"],
    [{ draws: "x" }, 'draws (in FILE): Expected number, got "x"'],
    [{ cuts: { min: "a" } }, 'cuts.min (in FILE): Expected number, got "a"'],
    [{ drawz: 1 }, "drawz (in FILE): unknown key"],
    [{ cuts: { mid: 1 } }, "cuts.mid (in FILE): unknown key"],
    [null, "(root) (in FILE): expected an object of settings"],
  ])("rejects %j naming the field and the file", ([content, message]) =>
    Effect.gen(function* () {
      const { f } = file(content);
      const e = yield* resolveCommandConfig(spec, none, f).pipe(Effect.flip);
      expect(e._tag).toBe("ConfigError");
      expect(e.message).toBe(`invalid configuration: ${(message as string).replace("FILE", f)}`);
    }),
  );

  it.effect("names the flag when the bad value came from a flag", () =>
    Effect.gen(function* () {
      const e = yield* resolveCommandConfig(
        spec,
        { ...none, draws: Option.some(0) },
        undefined,
      ).pipe(Effect.flip);
      expect(e.message).toBe(
        "invalid configuration: --draws: Expected a value greater than 0, got 0",
      );
    }),
  );

  it.effect("an unreadable or truncated config file is a ConfigError naming it", () =>
    Effect.gen(function* () {
      const { f } = file('{"draws": 3');
      const e = yield* resolveCommandConfig(spec, none, f).pipe(Effect.flip);
      expect(e.field).toBe("--config");
      expect(e.reason).toContain(`cannot read ${f}`);
      const missing = yield* resolveCommandConfig(spec, none, "/nonexistent/c.json").pipe(
        Effect.flip,
      );
      expect(missing.reason).toContain("cannot read /nonexistent/c.json");
    }),
  );
});
