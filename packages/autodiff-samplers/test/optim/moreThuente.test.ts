import { describe, expect, test } from "vitest";
import { MoreThuenteSearch } from "../../src/optim/index.js";
import { lineSearchReference } from "./fixtures/scipyReference.js";

/** Runs the search on φ and returns the final step, task and evaluation count. */
function search(phi: (a: number) => [number, number], stp0: number, stpmax = 1e10) {
  const ls = new MoreThuenteSearch({ ftol: 1e-3, gtol: 0.9, xtol: 0.1, stpmin: 0, stpmax });
  const [f0, g0] = phi(0);
  let task = ls.start(f0, g0, stp0);
  let nfev = 0;
  while (task === "FG" && nfev < 50) {
    nfev++;
    const [f, g] = phi(ls.stp);
    task = ls.next(f, g);
  }
  return { stp: ls.stp, task, nfev, f0, g0 };
}

describe("Moré–Thuente line search", () => {
  // Test functions 1 and 2 of Moré & Thuente (1994), §5 (β = 0.004); reference
  // values from scipy's dcsrch port, recorded by fixtures/make_reference.py.
  const phi1 = (a: number): [number, number] => [-a / (a * a + 2), (a * a - 2) / (a * a + 2) ** 2];
  const phi2 = (a: number): [number, number] => [
    (a + 0.004) ** 5 - 2 * (a + 0.004) ** 4,
    5 * (a + 0.004) ** 4 - 8 * (a + 0.004) ** 3,
  ];

  const fns = { phi1, phi2 };
  for (const [name, rows] of Object.entries(lineSearchReference)) {
    for (const row of rows) {
      test(`${name} from stp0=${row.stp0} matches scipy's dcsrch (${row.task})`, () => {
        const phi = fns[name as keyof typeof fns];
        const r = search(phi, row.stp0);
        expect(r.task).toBe(row.task);
        expect(r.nfev).toBe(row.nfev);
        if (row.stp !== null) {
          expect(Math.abs(r.stp - row.stp)).toBeLessThanOrEqual(1e-12 * row.stp);
          // Strong Wolfe conditions hold at the accepted step.
          const [f, g] = phi(r.stp);
          expect(f).toBeLessThanOrEqual(r.f0 + 1e-3 * r.stp * r.g0);
          expect(Math.abs(g)).toBeLessThanOrEqual(0.9 * Math.abs(r.g0));
        }
      });
    }
  }

  test("stops at stpmax when the function keeps decreasing", () => {
    const r = search((a) => [-a, -1], 1, 5);
    expect(r.task).toBe("WARNING: STP = STPMAX");
    expect(r.stp).toBe(5);
  });

  test("rejects a non-descent start", () => {
    const ls = new MoreThuenteSearch({ ftol: 1e-3, gtol: 0.9, xtol: 0.1, stpmin: 0, stpmax: 1 });
    expect(ls.start(0, 1, 0.5)).toBe("ERROR: INITIAL G >= 0");
  });
});
