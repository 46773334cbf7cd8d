/** `svi --lr --lr-final`: the seed's constant rate, or optax's exponential decay over the run. */
import { describe, expect, it } from "vitest";
import { learningRate } from "../src/svi-run.js";

describe("learningRate", () => {
  it("is the seed's constant 0.01 without --lr-final", () => {
    expect(learningRate(0.01, undefined, 2000)).toEqual({ lr: 0.01, name: "constant" });
    expect(learningRate(0.01, 0.01, 2000)).toEqual({ lr: 0.01, name: "constant" });
  });

  it("decays exponentially from init to final over the steps", () => {
    const r = learningRate(0.1, 0.001, 1000);
    expect(r.name).toBe("exponential-decay");
    if (typeof r.lr === "number") throw new Error("expected a schedule");
    // init · (final/init)^(step/steps): 0.1 at 0, 0.01 half-way, 0.001 at the end
    expect(r.lr(0)).toBeCloseTo(0.1, 15);
    expect(r.lr(500)).toBeCloseTo(0.01, 15);
    expect(r.lr(1000)).toBeCloseTo(0.001, 15);
  });
});
