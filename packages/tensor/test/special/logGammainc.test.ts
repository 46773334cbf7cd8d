/**
 * log P(a, x) and log Q(a, x) (`logGammaincReg`, `logGammaincCReg`) against mpmath at 400
 * digits (fixtures/log_gammainc.py → log_gammainc.json), over a from 0.3 to 150 and x from
 * 1e-300 to 1e300, where P or Q underflows (log P(2.3, 1e-300) ≈ −1590, log Q(a, 1e300) =
 * −1e300). Tolerance: 1e-12 relative, or 1e-300 absolute where the reference is below
 * 1e-300 in magnitude (log1p of a subnormal keeps fewer digits). Identities: exp(log P) = P
 * and exp(log Q) = Q where they are normal numbers, to 1e-11 (gammaincReg's own error reaches
 * 2e-12 for x ≪ a, a ≥ 10, from its shared prefactor); gradients against central differences.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { grad, logGammaincReg as logPOp, logGammaincCReg as logQOp } from "../../src/index.js";
import {
  gammaincCReg,
  gammaincReg,
  logGammaincCReg,
  logGammaincReg,
} from "../../src/special/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const rows = (
  JSON.parse(readFileSync(join(here, "fixtures/log_gammainc.json"), "utf8")) as {
    rows: [number, number, string, string][];
  }
).rows.map(([a, x, p, q]) => [a, x, Number(p), Number(q)] as const);

const close = (got: number, ref: number) =>
  Number.isFinite(got) && Math.abs(got - ref) <= Math.max(1e-12 * Math.abs(ref), 1e-300);

describe("logGammaincReg / logGammaincCReg", () => {
  it("match the 400-digit references, including where P or Q underflows", () => {
    const bad: string[] = [];
    for (const [a, x, p, q] of rows) {
      const lp = logGammaincReg(a, x);
      const lq = logGammaincCReg(a, x);
      if (!close(lp, p)) bad.push(`log P(${a}, ${x}) = ${lp}, reference ${p}`);
      if (!close(lq, q)) bad.push(`log Q(${a}, ${x}) = ${lq}, reference ${q}`);
    }
    expect(bad).toEqual([]);
    expect(rows.length).toBe(72);
  });

  it("exp(log P) = P and exp(log Q) = Q where P, Q are normal numbers", () => {
    for (const [a, x] of rows) {
      const p = gammaincReg(a, x);
      const q = gammaincCReg(a, x);
      if (p > 1e-300)
        expect(Math.abs(Math.exp(logGammaincReg(a, x)) - p)).toBeLessThanOrEqual(1e-11 * p);
      if (q > 1e-300)
        expect(Math.abs(Math.exp(logGammaincCReg(a, x)) - q)).toBeLessThanOrEqual(1e-11 * q);
    }
  });

  it("edges: log 0 = -Infinity, log 1 = 0, bad input NaN", () => {
    expect(logGammaincReg(2, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logGammaincCReg(2, 0)).toBe(0);
    expect(logGammaincReg(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(logGammaincCReg(2, Number.POSITIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logGammaincReg(-1, 1)).toBeNaN();
    expect(logGammaincCReg(1, -1)).toBeNaN();
    expect(logGammaincReg(Number.NaN, 1)).toBeNaN();
  });

  it("gradients in a and x match central differences, also in the far tails", () => {
    const points: [number, number][] = [
      [2.3, 0.7],
      [0.6, 3],
      [6.5, 1e-30],
      [2.3, 400],
      [15, 14],
    ];
    for (const [op, f] of [
      [logPOp, logGammaincReg],
      [logQOp, logGammaincCReg],
    ] as const) {
      for (const [a, x] of points) {
        const [ga, gx] = grad((u, v) => op(u, v))(a, x).map((t) => t.item());
        const ha = 1e-6 * a;
        const hx = 1e-6 * x;
        const fa = (f(a + ha, x) - f(a - ha, x)) / (2 * ha);
        const fx = (f(a, x + hx) - f(a, x - hx)) / (2 * hx);
        expect(Math.abs(gx - fx), `d/dx at (${a}, ${x})`).toBeLessThanOrEqual(
          1e-6 * Math.abs(fx) + 1e-9,
        );
        expect(Math.abs(ga - fa), `d/da at (${a}, ${x})`).toBeLessThanOrEqual(
          1e-6 * Math.abs(fa) + 1e-9,
        );
      }
    }
  });
});
