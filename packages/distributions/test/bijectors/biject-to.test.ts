import { tensor } from "@sidereal/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bijectTo, independentConstraint } from "../../src/bijectors/index.js";
import type { Constraint } from "../../src/constraints/constraint.js";
import * as C from "../../src/constraints/index.js";

// [constraint, unconstrained input length (0 = scalar elementwise, batch of 3)]
const table: [string, Constraint, number][] = [
  ["real", C.real, 0],
  ["positive", C.positive, 0],
  ["nonnegative", C.nonnegative, 0],
  ["unitInterval", C.unitInterval, 0],
  ["interval(-2, 5)", C.interval(-2, 5), 0],
  ["greaterThan(3)", C.greaterThan(3), 0],
  ["greaterThanEq(-1)", C.greaterThanEq(-1), 0],
  ["lessThan(-4)", C.lessThan(-4), 0],
  ["realVector", C.realVector, 3],
  ["simplex", C.simplex, 4],
  ["orderedVector", C.orderedVector, 4],
  ["positiveOrderedVector", C.positiveOrderedVector, 4],
  ["lowerCholesky", C.lowerCholesky, 6],
  ["correlationCholesky", C.correlationCholesky, 6],
  ["positiveDefinite", C.positiveDefinite, 6],
  ["independent(positive, 1)", independentConstraint(C.positive, 1), 3],
];

describe.each(table)("bijectTo(%s)", (_name, c, dim) => {
  it("maps random unconstrained inputs into the support (check = 1)", () => {
    const n = dim === 0 ? 3 : dim;
    fc.assert(
      // inputs in [-3, 3]: large enough to reach the tails, small enough that e.g. exp and
      // sigmoid do not round onto an open boundary (which would correctly fail the check)
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
        (xs) => {
          const b = bijectTo(c);
          const ok = c.check(b.forward(tensor(xs)));
          expect(Array.from(ok.data).every((v) => v === 1)).toBe(true);
        },
      ),
      { numRuns: 30, seed: 3 },
    );
  });
});

describe("bijectTo errors", () => {
  it("throws a typed error naming discrete and unknown constraints", () => {
    for (const c of [C.boolean, C.nonnegativeInteger, C.positiveInteger, C.integerInterval(0, 3)])
      expect(() => bijectTo(c)).toThrow(
        expect.objectContaining({ _tag: "BijectorError", parameter: "constraint" }),
      );
    expect(() => bijectTo(C.boolean)).toThrow(/boolean/);
    const weird: Constraint = { name: "sphere", eventDim: 1, check: () => tensor(1) };
    expect(() => bijectTo(weird)).toThrow(/sphere/);
  });
});
