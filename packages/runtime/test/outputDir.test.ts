/**
 * OutputDir: a run's folder appears complete (with a verifiable manifest) or not at all; a
 * failed or interrupted run leaves an earlier folder untouched and no staging folder; bad
 * locations are refused before any work; leftovers of killed runs are cleaned up.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@effect/vitest";
import {
  checkOutputLocation,
  cleanLeftovers,
  OutputDir,
  RunError,
  RunInfo,
  verifyCli,
  verifyManifest,
  withOutputDir,
} from "@sidereal/runtime";
import { Effect, Fiber, Layer } from "effect";
import { tempDir } from "./helpers.js";

const layer = Layer.mergeAll(
  OutputDir.layer,
  RunInfo.make({ program: "t", seed: 3, config: { a: 1 } }),
);
const writeText = (file: string, text: string) => Effect.sync(() => writeFileSync(file, text));

describe("OutputDir", () => {
  it.effect("writes into a staging folder and renames it into place with a manifest", () =>
    Effect.gen(function* () {
      const root = tempDir();
      const out = join(root, "a", "b", "run");
      yield* withOutputDir(out, (dir) =>
        Effect.gen(function* () {
          expect(dir.path).toBe(out);
          expect(existsSync(out)).toBe(false);
          mkdirSync(dir.file("plots"));
          yield* writeText(dir.file("x.txt"), "x");
          yield* writeText(dir.file("plots/p.svg"), "<svg/>");
        }),
      );
      expect(readdirSync(out).sort()).toEqual(["manifest.json", "plots", "x.txt"]);
      const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
      expect(Object.keys(m.files)).toEqual(["plots/p.svg", "x.txt"]);
      expect(m.seed).toBe(3);
      expect(m.config).toEqual({ a: 1 });
      expect(m.node).toBe(process.version);
      expect(verifyManifest(out)).toMatchObject({ ok: true, checked: 2 });
      expect(readdirSync(join(root, "a", "b"))).toEqual(["run"]); // no leftovers
    }).pipe(Effect.provide(layer)),
  );

  it.effect("a failed run leaves the earlier folder untouched and no staging folder", () =>
    Effect.gen(function* () {
      const root = tempDir();
      const out = join(root, "run");
      yield* withOutputDir(out, (dir) => writeText(dir.file("x.txt"), "first"));
      const error = yield* withOutputDir(out, (dir) =>
        Effect.andThen(
          writeText(dir.file("x.txt"), "second"),
          Effect.fail(new RunError({ stage: "s", reason: "r" })),
        ),
      ).pipe(Effect.flip);
      expect(error._tag).toBe("RunError");
      expect(readFileSync(join(out, "x.txt"), "utf8")).toBe("first");
      expect(readdirSync(root)).toEqual(["run"]);
      expect(verifyManifest(out).ok).toBe(true);
    }).pipe(Effect.provide(layer)),
  );

  it.live("an interrupted run removes its staging folder and creates nothing", () =>
    Effect.gen(function* () {
      const root = tempDir();
      const out = join(root, "new", "run");
      const fiber = yield* withOutputDir(out, (dir) =>
        Effect.andThen(writeText(dir.file("x.txt"), "x"), Effect.never),
      ).pipe(Effect.forkChild);
      yield* Effect.sleep("50 millis");
      yield* Fiber.interrupt(fiber);
      expect(readdirSync(root)).toEqual([]); // even the parent it created is gone
    }).pipe(Effect.provide(layer)),
  );

  it.effect("a rerun replaces the folder as a whole (no files of two runs mixed)", () =>
    Effect.gen(function* () {
      const out = join(tempDir(), "run");
      yield* withOutputDir(out, (dir) => writeText(dir.file("old-only.txt"), "1"));
      yield* withOutputDir(out, (dir) => writeText(dir.file("new.txt"), "2"));
      expect(readdirSync(out).sort()).toEqual(["manifest.json", "new.txt"]);
    }).pipe(Effect.provide(layer)),
  );

  it("refuses bad locations with a ConfigError naming the flag", () => {
    const root = tempDir();
    writeFileSync(join(root, "file"), "x");
    const reason = (p: string) => {
      try {
        checkOutputLocation(p);
        return "accepted";
      } catch (e) {
        return `${(e as { field: string }).field}: ${(e as { reason: string }).reason}`;
      }
    };
    expect(reason("")).toBe("--out: the output folder is an empty path");
    expect(reason(join(root, "file", "out"))).toBe(
      `--out: ${join(root, "file", "out")} is under ${join(root, "file")}, which is a file`,
    );
    expect(reason(join(root, "file"))).toBe(
      `--out: ${join(root, "file")} exists and is not a folder`,
    );
    expect(reason("/proc/self/out")).toBe(
      "--out: /proc/self/out is under /proc, which is not a file system for output",
    );
    expect(reason("/sys/x")).toContain("is under /sys");
    expect(reason(join(root, "fine"))).toBe("accepted");
  });

  it("cleans up what killed runs left beside the folder", () => {
    const root = tempDir();
    const out = join(root, "run");
    // a killed writer (pid 2^22+1 is above Linux's pid_max default): staging removed
    mkdirSync(join(root, ".run.staging-4194305-abcd1234"));
    // killed between the two renames: the old folder is restored
    mkdirSync(join(root, ".run.old-4194305-abcd1234"));
    writeFileSync(join(root, ".run.old-4194305-abcd1234", "x.txt"), "kept");
    // another live run's staging folder (our own pid): kept
    mkdirSync(join(root, `.run.staging-${process.pid}-00000000`));
    cleanLeftovers(out);
    expect(readdirSync(root).sort()).toEqual([`.run.staging-${process.pid}-00000000`, "run"]);
    expect(readFileSync(join(out, "x.txt"), "utf8")).toBe("kept");
  });

  it("sidereal verify reports changed, missing and extra files", () => {
    const out = join(tempDir(), "run");
    Effect.runSync(
      withOutputDir(out, (dir) => writeText(dir.file("a.txt"), "a")).pipe(Effect.provide(layer)),
    );
    const lines: string[] = [];
    expect(
      verifyCli(
        ["verify", out],
        (l) => lines.push(l),
        (l) => lines.push(l),
      ),
    ).toBe(0);
    writeFileSync(join(out, "a.txt"), "changed");
    writeFileSync(join(out, "b.txt"), "extra");
    expect(
      verifyCli(
        ["verify", out],
        (l) => lines.push(l),
        (l) => lines.push(l),
      ),
    ).toBe(1);
    expect(lines).toContain("changed: a.txt");
    expect(lines).toContain("not in the manifest: b.txt");
    expect(
      verifyCli(
        ["verify", join(out, "nope")],
        () => {},
        () => {},
      ),
    ).toBe(2);
    expect(
      verifyCli(
        ["verify"],
        () => {},
        () => {},
      ),
    ).toBe(2);
  });
});
