/**
 * Far tails: every logProb, cdf, logCdf/logSurvival (where present) and icdf against
 * high-precision references over arguments spanning ±1e-300 … ±1e300 and the support's
 * edges, and probabilities 1e-300 … 1 − 2⁻⁵³.
 *
 * References: test/fixtures/far-tails.json, written by scripts/far-tails.py with mpmath at
 * 400 digits from the textbook formulas (see the script's docstring), rounded to float64.
 *
 * Tolerances: a value whose reference is ±Infinity or NaN must be exactly that, and a finite
 * reference must be met by a finite value. Log-densities and log-cdfs: |error| ≤ 1e-12 ·
 * max(|ref|, 1) (a log-density near 0 is a sum of O(1) terms, so its absolute error is the
 * meaningful one). cdf and icdf: |error| ≤ 1e-12 · |ref|, or ≤ 1e-300 where the reference is
 * itself below 1e-300 (subnormal results carry fewer than 12 digits).
 *
 * One fast-check property per family and method: every fixture point is run as an explicit
 * example, then random draws from the same table (fixed seed).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Tensor } from "@sidereal/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build } from "./cases.js";

interface FarTailCase {
  readonly name: string;
  readonly params: readonly number[];
  readonly bounds?: { low?: number; high?: number };
  readonly points: Readonly<Record<string, readonly (readonly [string, string])[]>>;
}
const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, "../fixtures/far-tails.json"), "utf8")) as {
  cases: FarTailCase[];
};

type Method = (x: number) => number;
function method(c: Pick<FarTailCase, "name" | "params" | "bounds">, m: string): Method {
  const d = build(c.name, c.params, c.bounds) as unknown as Record<string, (x: number) => Tensor>;
  return (x) => d[m](x).item();
}

/** The error bound for a reference value (see the header). */
function withinTolerance(m: string, got: number, ref: number): boolean {
  if (!Number.isFinite(ref)) return Object.is(got, ref) || (Number.isNaN(ref) && Number.isNaN(got));
  if (!Number.isFinite(got)) return false;
  const err = Math.abs(got - ref);
  if (m === "logProb" || m === "logCdf" || m === "logSurvival")
    return err <= 1e-12 * Math.max(Math.abs(ref), 1);
  return err <= Math.max(1e-12 * Math.abs(ref), 1e-300);
}

describe.each(
  fixture.cases.map(
    (c) =>
      [
        `${c.name}(${c.params.join(", ")}${c.bounds ? `, ${JSON.stringify(c.bounds)}` : ""})`,
        c,
      ] as const,
  ),
)("%s far tails", (_label, c) => {
  it.each(Object.keys(c.points))("%s matches the 400-digit references", (m) => {
    const f = method(c, m);
    const table = c.points[m].map(([a, r]) => [Number(a), Number(r)] as const);
    const failures: string[] = [];
    fc.check(
      fc.property(fc.integer({ min: 0, max: table.length - 1 }), (i) => {
        const [x, ref] = table[i];
        const got = f(x);
        const ok = withinTolerance(m, got, ref);
        if (!ok) failures.push(`${m}(${x}) = ${got}, reference ${ref}`);
        return ok;
      }),
      {
        seed: 20261207,
        numRuns: 2 * table.length,
        examples: table.map((_, i) => [i]),
        endOnFailure: false,
      },
    );
    expect(failures).toEqual([]);
  });
});

describe("the issue's example", () => {
  it("Cauchy(0, 1).logProb(1e300) = -log π - 2 log 1e300", () => {
    const want = -Math.log(Math.PI) - 2 * Math.log(1e300);
    const got = method({ name: "Cauchy", params: [0, 1] }, "logProb")(1e300);
    expect(got).toBeCloseTo(-1382.695785682277, 10);
    expect(Math.abs(got - want)).toBeLessThan(1e-12 * Math.abs(want));
  });
});
