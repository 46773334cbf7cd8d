/**
 * Output files (not folders): the location is checked before any work with the runtime's
 * rules (empty path, under a file, under /proc, /sys or /dev, unwritable → `ConfigError`),
 * and the file is written under a temporary name and renamed (`writeFileAtomic`).
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { writeFileAtomic } from "@sidereal/io";
import { ConfigError, checkOutputLocation, RunError, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";

/** Checks where `path` would be written; returns the absolute path. */
export const checkOutputFile = (
  path: string,
  field = "--out",
): Effect.Effect<string, ConfigError> =>
  Effect.gen(function* () {
    if (path.trim() === "")
      return yield* new ConfigError({ field, reason: "the output file is an empty path" });
    const abs = resolve(path);
    if (existsSync(abs) && statSync(abs).isDirectory())
      return yield* new ConfigError({ field, reason: `${abs} is a folder, not a file` });
    // the runtime's folder rules applied to a (never created) folder beside the file: they
    // check the nearest existing ancestor, i.e. where the file would go
    const probe = `${abs}.check`;
    yield* Effect.try({
      try: () => checkOutputLocation(probe, field),
      catch: (e) =>
        e instanceof ConfigError
          ? new ConfigError({ field, reason: e.reason.replaceAll(probe, abs) })
          : new ConfigError({ field, reason: reasonOf(e) }),
    });
    return abs;
  });

/** Writes `text` to the checked path `abs` atomically (creating missing folders). */
export const writeOutputFile = (abs: string, text: string): Effect.Effect<void, RunError> =>
  Effect.tryPromise({
    try: async () => {
      mkdirSync(dirname(abs), { recursive: true });
      await writeFileAtomic(abs, text);
    },
    catch: (e) => new RunError({ stage: `writing ${abs}`, reason: reasonOf(e) }),
  });
