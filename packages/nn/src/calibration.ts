/**
 * Calibration on held-out simulations: for each parameter, the fraction of rows whose true
 * (normalised) value lies in the central 68 % and 95 % intervals of that row's posterior
 * samples (linear-interpolated quantiles 0.16/0.84 and 0.025/0.975), plus the probability
 * integral transform (PIT, the fraction of samples below the truth) that the calibration
 * plot shows as coverage against nominal level.
 */
import {
  intervalLevels,
  NOMINAL_LEVELS,
  type Recalibration,
  recalibratedPit,
} from "./recalibration.js";
import { quantileSorted, sortedColumn } from "./sample.js";

export interface Coverage {
  readonly c68: number;
  readonly c95: number;
  readonly n: number;
  /** With a recalibration: the coverage of the nominal (uncorrected) intervals. */
  readonly c68Raw?: number;
  readonly c95Raw?: number;
}

/**
 * Accumulates coverage over rows; `add` takes one row's (S, D) samples and its truth (D,).
 * With a `recalibration` the intervals use its quantile levels (`c68`, `c95`, and `pit` holds
 * the recalibrated PIT G(u)); the nominal intervals' coverage is kept as `c68Raw`/`c95Raw` and
 * the raw PIT as `rawPit`.
 */
export class CoverageAccumulator {
  readonly hits68: Float64Array;
  readonly hits95: Float64Array;
  readonly rawHits68: Float64Array;
  readonly rawHits95: Float64Array;
  /** PIT values per parameter (recalibrated when a recalibration is given). */
  readonly pit: number[][];
  /** Raw PIT values per parameter: the fraction of samples below the truth. */
  readonly rawPit: number[][];
  n = 0;
  constructor(
    readonly columns: readonly string[],
    readonly recalibration?: Recalibration,
  ) {
    this.hits68 = new Float64Array(columns.length);
    this.hits95 = new Float64Array(columns.length);
    this.rawHits68 = new Float64Array(columns.length);
    this.rawHits95 = new Float64Array(columns.length);
    this.pit = columns.map(() => []);
    this.rawPit = columns.map(() => []);
  }
  add(samples: ArrayLike<number>, truth: ArrayLike<number>): void {
    const D = this.columns.length;
    const inside = (col: Float64Array, y: number, lo: number, hi: number) =>
      y >= quantileSorted(col, lo) && y <= quantileSorted(col, hi);
    for (let j = 0; j < D; j++) {
      const col = sortedColumn(samples, D, j);
      const y = truth[j];
      const L = intervalLevels(this.recalibration, this.columns[j] ?? "");
      const N = NOMINAL_LEVELS;
      if (inside(col, y, L.lo68, L.hi68)) this.hits68[j]++;
      if (inside(col, y, L.lo95, L.hi95)) this.hits95[j]++;
      if (inside(col, y, N.lo68, N.hi68)) this.rawHits68[j]++;
      if (inside(col, y, N.lo95, N.hi95)) this.rawHits95[j]++;
      let below = 0;
      while (below < col.length && col[below] < y) below++;
      const u = col.length === 0 ? Number.NaN : below / col.length;
      this.rawPit[j]?.push(u);
      const table = this.recalibration?.pitQuantiles[this.columns[j] ?? ""];
      this.pit[j]?.push(table === undefined ? u : recalibratedPit(table, u));
    }
    this.n++;
  }
  /** `{ param: { c68, c95, n } }` (plus `c68Raw`, `c95Raw` with a recalibration). */
  result(): Record<string, Coverage> {
    return Object.fromEntries(
      this.columns.map((c, j) => [
        c,
        {
          c68: this.hits68[j] / this.n,
          c95: this.hits95[j] / this.n,
          n: this.n,
          ...(this.recalibration === undefined
            ? {}
            : { c68Raw: this.rawHits68[j] / this.n, c95Raw: this.rawHits95[j] / this.n }),
        },
      ]),
    );
  }
}

/** Empirical coverage of central intervals at each nominal level, from PIT values. */
export const pitCoverage = (pit: readonly number[], levels: readonly number[]): number[] =>
  levels.map((a) => pit.filter((u) => Math.abs(u - 0.5) <= a / 2).length / Math.max(1, pit.length));

const PALETTE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The calibration plot as SVG: empirical coverage of central intervals against nominal
 * level per parameter, with the diagonal and the 68 %/95 % points marked.
 */
export function calibrationSvg(
  acc: CoverageAccumulator,
  title = "SAN calibration on held-out rows",
): string {
  const W = 560;
  const H = 480;
  const L = 60;
  const T = 40;
  const S = 360;
  const px = (v: number) => (L + v * S).toFixed(1);
  const py = (v: number) => (T + (1 - v) * S).toFixed(1);
  const levels = Array.from({ length: 21 }, (_, i) => i / 20);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)} (n = ${acc.n})</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)} (n = ${acc.n})</text>`,
    `<rect x="${L}" y="${T}" width="${S}" height="${S}" fill="none" stroke="black"/>`,
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#999" stroke-dasharray="4 3"/>`,
  ];
  for (const v of [0, 0.25, 0.5, 0.75, 1])
    parts.push(
      `<text x="${px(v)}" y="${T + S + 16}" text-anchor="middle">${v}</text>`,
      `<text x="${L - 6}" y="${Number(py(v)) + 4}" text-anchor="end">${v}</text>`,
    );
  parts.push(
    `<text x="${L + S / 2}" y="${T + S + 34}" text-anchor="middle">nominal central-interval level</text>`,
    `<text transform="translate(16 ${T + S / 2}) rotate(-90)" text-anchor="middle">empirical coverage</text>`,
  );
  acc.columns.forEach((c, j) => {
    const colour = PALETTE[j % PALETTE.length];
    const cov = pitCoverage(acc.pit[j] ?? [], levels);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${levels.map((a, i) => `${px(a)},${py(cov[i] ?? 0)}`).join(" ")}"/>`,
      `<circle cx="${px(0.68)}" cy="${py(acc.hits68[j] / acc.n)}" r="3" fill="${colour}"/>`,
      `<circle cx="${px(0.95)}" cy="${py(acc.hits95[j] / acc.n)}" r="3" fill="${colour}"/>`,
      `<line x1="${L + S + 16}" y1="${T + 10 + 18 * j}" x2="${L + S + 36}" y2="${T + 10 + 18 * j}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${L + S + 42}" y="${T + 14 + 18 * j}">${esc(c)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
