import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { averageRanks } from "../../src/diagnostics/rankNormalize.js";

/** The definition: 1 + (number of smaller values) + (number of other equal values) / 2. */
function naiveRanks(x: Float64Array): Float64Array {
  return x.map((v) => {
    let less = 0;
    let equal = 0;
    for (const w of x) {
      if (w < v) less++;
      else if (w === v) equal++;
    }
    return less + (equal + 1) / 2;
  });
}

describe("averageRanks", () => {
  test("ties get the average of the ranks they span", () => {
    expect(Array.from(averageRanks(Float64Array.of(3, 1, 3, 2, 3, -0)))).toEqual([
      5, 2, 5, 3, 5, 1,
    ]);
  });

  test("equals the counting definition (with many ties)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 60 }),
        (ints, doubles) => {
          const x = Float64Array.from([...ints.map((i) => i / 2), ...doubles]);
          expect(averageRanks(x)).toEqual(naiveRanks(x));
        },
      ),
      { seed: 20211, numRuns: 200 },
    );
  });
});
