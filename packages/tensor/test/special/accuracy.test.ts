import { describe, expect, test } from "vitest";
import { ACCURACY_BOUNDS } from "./fixtures/bounds.js";
import { worstRelativeError } from "./fixtures/evaluate.js";
import { REFERENCE } from "./fixtures/reference.js";

describe("worst relative error over the mpmath reference grid", () => {
  test("every reference table has a bound and vice versa", () => {
    expect(Object.keys(ACCURACY_BOUNDS).sort()).toEqual(Object.keys(REFERENCE).sort());
  });

  test("reference grid is several hundred points", () => {
    const total = Object.values(REFERENCE).reduce((n, rows) => n + rows.length, 0);
    expect(total).toBeGreaterThan(500);
  });

  for (const [name, bound] of Object.entries(ACCURACY_BOUNDS)) {
    test(`${name} ≤ ${bound}`, () => {
      const worst = worstRelativeError(name);
      expect(worst.error, `worst at [${worst.row.join(", ")}]`).toBeLessThanOrEqual(bound);
    });
  }
});
