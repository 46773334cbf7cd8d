/**
 * Support comparison used by MixtureGeneral: canonical names (positive ≡ greaterThan(0),
 * as produced by Exp- and Affine-transformed components in the M67 model), parameter
 * equality, independent constraints, and traced bounds accepted inside `compile`.
 */
import { compile, mul, sum, type Tensor, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  greaterThan,
  interval,
  nonnegative,
  positive,
  real,
  realVector,
  unitInterval,
} from "../../src/constraints/index.js";
import { sameSupport } from "../../src/mixture/same-support.js";

describe("sameSupport", () => {
  it("identifies canonical equivalents and rejects different sets", () => {
    expect(sameSupport(positive, greaterThan(0))).toBe(true);
    expect(sameSupport(greaterThan(tensor([0, 0, 0])), positive)).toBe(true);
    expect(sameSupport(positive, greaterThan(1))).toBe(false);
    expect(sameSupport(unitInterval, interval(0, 1))).toBe(true);
    expect(sameSupport(unitInterval, interval(0, 2))).toBe(false);
    expect(sameSupport(positive, nonnegative)).toBe(false);
    expect(sameSupport(real, positive)).toBe(false);
    expect(sameSupport(real, realVector)).toBe(false);
  });
  it("accepts traced bounds inside compile (values cannot be read there)", () => {
    let seen: boolean | undefined;
    const f = (l: Tensor) => {
      seen = sameSupport(positive, greaterThan(mul(l, 0)));
      return sum(l);
    };
    compile(f, [tensor(3)]);
    expect(seen).toBe(true);
  });
});
