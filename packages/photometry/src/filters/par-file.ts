/**
 * sedpy `.par` transmission files: `#` comments, then lines of "wavelength[Å] transmission".
 * Lines starting with a yanny keyword such as `KFILTER` (sedpy's own library format) are read
 * from their first two numbers too. Cleaning follows sedpy (spec §3.5): drop non-finite or
 * negative transmissions, sort by wavelength, trim leading and trailing points below
 * 1e-5 × max while keeping one such point at each end.
 */
import { readFileSync } from "node:fs";
import { Effect } from "effect";
import { DataFileError } from "../errors.js";

export interface TransmissionCurve {
  readonly wavelength: Float64Array;
  readonly transmission: Float64Array;
}

/** Parses the text of a `.par` file into raw (uncleaned) columns. */
export function parseParText(
  text: string,
  file: string,
): Effect.Effect<TransmissionCurve, DataFileError> {
  const w: number[] = [];
  const t: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const nums = line
      .split(/\s+/)
      .map(Number)
      .filter((x, k, all) => !(k === 0 && Number.isNaN(x) && all.length > 2));
    if (nums.length < 2 || !Number.isFinite(nums[0]) || Number.isNaN(nums[1])) {
      // A yanny structure line (typedef, KFILTER header) without two numbers is skipped.
      if (/^[A-Za-z]/.test(line)) continue;
      return Effect.fail(
        new DataFileError({
          file,
          reason: `line ${i + 1}: expected "wavelength transmission", got "${line}"`,
        }),
      );
    }
    w.push(nums[0]);
    t.push(nums[1]);
  }
  if (w.length < 2)
    return Effect.fail(new DataFileError({ file, reason: "fewer than 2 transmission points" }));
  return Effect.succeed({ wavelength: Float64Array.from(w), transmission: Float64Array.from(t) });
}

/** sedpy's cleaning of a raw curve (see the module doc). */
export function cleanTransmission(raw: TransmissionCurve): TransmissionCurve {
  const idx: number[] = [];
  for (let i = 0; i < raw.wavelength.length; i++) {
    const t = raw.transmission[i];
    if (Number.isFinite(t) && t >= 0 && Number.isFinite(raw.wavelength[i])) idx.push(i);
  }
  // Stable sort by wavelength, as numpy's argsort on already sorted data.
  idx.sort((a, b) => raw.wavelength[a] - raw.wavelength[b] || a - b);
  let max = 0;
  for (const i of idx) max = Math.max(max, raw.transmission[i]);
  const thresh = 1e-5 * max;
  let first = 0;
  while (first < idx.length && raw.transmission[idx[first]] < thresh) first++;
  let last = idx.length - 1;
  while (last >= 0 && raw.transmission[idx[last]] < thresh) last--;
  const lo = Math.max(first - 1, 0);
  const hi = Math.min(last + 1, idx.length - 1);
  const n = hi - lo + 1;
  const wavelength = new Float64Array(n);
  const transmission = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    wavelength[k] = raw.wavelength[idx[lo + k]];
    transmission[k] = raw.transmission[idx[lo + k]];
  }
  return { wavelength, transmission };
}

/** Reads and parses a `.par` file (uncleaned). */
export const readParFile = (file: string): Effect.Effect<TransmissionCurve, DataFileError> =>
  Effect.try({
    try: () => readFileSync(file, "utf8"),
    catch: (e) => new DataFileError({ file, reason: e instanceof Error ? e.message : String(e) }),
  }).pipe(Effect.flatMap((text) => parseParText(text, file)));
