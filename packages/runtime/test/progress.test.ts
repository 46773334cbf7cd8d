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

  it.effect("the rate counts only what was done after the first report", () => {
    // a task first reported at 11 of 10,000 (after a compile) must not show 11 units in no
    // time: its first line has no rate, later ones count from 11
    const s = sink();
    return Effect.gen(function* () {
      const p = yield* Progress;
      p.update("svi", 11, 10_000, "");
      const t0 = performance.now();
      while (performance.now() - t0 < 50) {} // 50 ms pass
      p.update("svi", 1_011, 10_000, "");
    }).pipe(
      Effect.provide(Progress.lines(s)),
      Effect.andThen(() =>
        Effect.sync(() => {
          const [first, second] = s.text().trim().split("\n");
          expect(first).toBe("svi: 11/10000 (-/s, ETA --:--)");
          // 1,000 units in ≥ 50 ms: at most 20,000/s (11,000+ would mean the 11 were counted)
          const rate = Number(second?.match(/\(([\d.]+)\/s/)?.[1]);
          expect(rate).toBeGreaterThan(0);
          expect(rate).toBeLessThanOrEqual(20_000);
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
