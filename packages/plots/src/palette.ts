/**
 * Categorical colours: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
 * Design"), which stays distinguishable under the common forms of colour blindness.
 * Ordered so the first entries have good contrast on white; yellow comes last.
 */
export const PALETTE: readonly string[] = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#D55E00", // vermillion
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#000000", // black
  "#F0E442", // yellow
];

/** Colour for category `i`, cycling through {@link PALETTE}. */
export function paletteColor(i: number): string {
  const n = PALETTE.length;
  return PALETTE[((Math.trunc(i) % n) + n) % n];
}

/** Dash patterns used to tell lines of the same colour apart (e.g. chains in compact trace plots). */
export const DASHES: readonly (string | undefined)[] = [undefined, "5 3", "1.5 2.5", "6 2 1.5 2"];

/** Dash pattern for category `i`, cycling through {@link DASHES}; `undefined` means solid. */
export function dashPattern(i: number): string | undefined {
  const n = DASHES.length;
  return DASHES[((Math.trunc(i) % n) + n) % n];
}
