/**
 * ExoJAX's reference rows (test/fixtures/README.md): every fixture file of one reference
 * output (`<name>.sample.csv` and the contiguous blocks `<name>.rows<first>-<last>.csv`),
 * matched to the model grid by wavenumber.
 */
import { readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";

const DIR = new URL("./fixtures/", import.meta.url);

/** All rows of the fixtures of reference file `name` (e.g. "lpf_test_ref"), by wavenumber. */
export function referenceRows(name: string): [number, number][] {
  const files = readdirSync(DIR).filter((f) => f.startsWith(`${name}.`) && f.endsWith(".csv"));
  const rows: [number, number][] = [];
  for (const f of files)
    for (const line of readFileSync(new URL(f, DIR), "utf8").trim().split("\n")) {
      const [x, y] = line.split(",").map(Number);
      rows.push([x, y]);
    }
  return rows.sort((a, b) => a[0] - b[0]);
}

/** Index of the grid point nearest to x (nu ascending). */
function nearest(nu: Float64Array, x: number): number {
  let lo = 0;
  let hi = nu.length - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (nu[m] <= x) lo = m;
    else hi = m;
  }
  return Math.abs(nu[lo] - x) <= Math.abs(nu[hi] - x) ? lo : hi;
}

/**
 * Largest relative deviation of y from the reference rows; every row must sit on the
 * model grid (same ESLOG grid as ExoJAX, to 1e-13 relative in wavenumber).
 */
export function worstAgainst(rows: [number, number][], nu: Float64Array, y: Float64Array): number {
  let worst = 0;
  for (const [x, ref] of rows) {
    const i = nearest(nu, x);
    expect(Math.abs(nu[i] - x) / x).toBeLessThan(1e-13);
    worst = Math.max(worst, Math.abs(y[i] / ref - 1));
  }
  return worst;
}
