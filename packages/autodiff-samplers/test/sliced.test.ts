/**
 * Pausable steps: `fitAdviEffect` (slices of ~50 ms with a macrotask between them) gives the
 * same fit as `fitAdvi` bit for bit, and interrupting it stops the fit between two steps
 * instead of after the whole loop; `runSteps` / `stepsEffect` on a plain generator.
 */
import { Normal } from "@sidereal/distributions";
import { Effect, Option } from "effect";
import { describe, expect, it } from "vitest";
import { defineModel } from "../src/ppl/index.js";
import { runSteps, type Steps, stepsEffect } from "../src/sliced.js";
import { fitAdvi, fitAdviEffect } from "../src/svi/index.js";

const data = { y: new Float64Array([0.8, 1.3, 0.9]) };
const meanModel = defineModel((m, d: typeof data) => {
  const mu = m.sample("mu", Normal(0, 10));
  m.plate("obs", d.y.length, () => m.sample("y", Normal(mu, 1), { obs: d.y }));
});

function* countTo(n: number, seen: number[]): Steps<number> {
  for (let i = 1; i <= n; i++) {
    seen.push(i);
    yield;
  }
  return n;
}

describe("pausable steps", () => {
  it("runSteps and stepsEffect run a generator to its result; a throw is the failure", async () => {
    expect(runSteps(countTo(5, []))).toBe(5);
    const seen: number[] = [];
    expect(await Effect.runPromise(stepsEffect(() => countTo(1000, seen), String, 1))).toBe(1000);
    expect(seen).toHaveLength(1000);
    const failing = stepsEffect(
      // biome-ignore lint/correctness/useYield: a generator that throws before its first step
      function* (): Steps<number> {
        throw new Error("boom");
      },
      (e) => `failed: ${(e as Error).message}`,
    );
    expect(await Effect.runPromise(Effect.flip(failing))).toBe("failed: boom");
  });

  it("fitAdviEffect equals fitAdvi bit for bit", async () => {
    const options = { n: 3000, learningRate: 0.1, draws: 10, seed: 5 };
    const a = fitAdvi(meanModel, data, options);
    const b = await Effect.runPromise(fitAdviEffect(meanModel, data, options));
    expect(b.iterations).toBe(a.iterations);
    expect(Array.from(b.losses)).toEqual(Array.from(a.losses));
    expect(Array.from(b.approx.mean)).toEqual(Array.from(a.approx.mean));
  });

  it("an interrupt stops a long fit between steps (well before its end)", async () => {
    // 10⁶ iterations with tolerances it never meets: minutes if it ran to the end
    const options = { n: 1_000_000, relTolerance: 1e-12, absTolerance: 1e-12, draws: 0 };
    const t0 = performance.now();
    const r = await Effect.runPromise(
      Effect.timeoutOption(fitAdviEffect(meanModel, data, options), 300),
    );
    const seconds = (performance.now() - t0) / 1000;
    expect(Option.isNone(r)).toBe(true);
    // 0.3 s, one slice of 50 ms and the setup; 5 s of slack for a loaded machine
    expect(seconds).toBeLessThan(5);
  });
});
