/** Progress layers: plain lines at every 10 %, JSON lines, TTY bars with rate and ETA, quiet. */
import { describe, expect, it } from "@effect/vitest";
import { Progress } from "@sidereal/runtime";
import { Effect } from "effect";
import { sink } from "./helpers.js";

const drive = Effect.gen(function* () {
  const p = yield* Progress;
  for (let i = 0; i <= 100; i++) p.update("chain 1", i, 100, "warmup");
  p.message("hello");
  p.finish("chain 1");
});

describe("Progress", () => {
  it.effect("lines: one line per 10 %, then the message", () => {
    const s = sink();
    return drive.pipe(
      Effect.provide(Progress.lines(s)),
      Effect.andThen(() =>
        Effect.sync(() => {
          const lines = s.text().trim().split("\n");
          expect(lines).toHaveLength(12); // 0 %, 10 %, …, 100 %, message
          expect(lines[10]).toMatch(/^chain 1: 100\/100 warmup \(.*\/s, ETA .*\)$/);
          expect(lines[11]).toBe("hello");
        }),
      ),
    );
  });

  it.effect("json: one object per line", () => {
    const s = sink();
    return drive.pipe(
      Effect.provide(Progress.json(s)),
      Effect.andThen(() =>
        Effect.sync(() => {
          const objs = s
            .text()
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l));
          expect(objs[0]).toMatchObject({ type: "progress", task: "chain 1", done: 0, total: 100 });
          expect(objs.at(-1)).toEqual({ type: "message", message: "hello" });
        }),
      ),
    );
  });

  it.effect("tty: bars redrawn in place with rate and ETA", () => {
    const s = { ...sink(), isTTY: true as const, columns: 100 };
    return drive.pipe(
      Effect.provide(Progress.tty(s)),
      Effect.andThen(() =>
        Effect.sync(() => {
          expect(s.text()).toContain("\x1b[");
          expect(s.text()).toMatch(/chain 1 +\[#+\] 100\/100 .*\/s ETA 00:00 warmup/);
        }),
      ),
    );
  });

  it.effect("quiet and layerFor({ quiet }) write nothing", () => {
    const s = sink();
    return drive.pipe(
      Effect.provide(Progress.layerFor({ quiet: true, stream: s })),
      Effect.map(() => expect(s.text()).toBe("")),
    );
  });
});
