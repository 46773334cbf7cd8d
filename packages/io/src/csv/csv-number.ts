/**
 * Number formatting and parsing of draws CSV files.
 *
 * Finite numbers are printed as JavaScript's shortest round-trip decimal
 * (`String(x)`, e.g. `0.30000000000000004`, `5e-324`), so parsing gives the
 * identical float64 back; `-0` keeps its sign. Non-finite values use
 * CmdStan's spelling `nan`, `inf`, `-inf`. Integers (int32, int64, booleans
 * as 0/1) are printed exactly.
 */

/** Formats one CSV cell (see module doc). */
export function formatCsvNumber(x: number | bigint): string {
  if (typeof x === "bigint") return x.toString();
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (Object.is(x, -0)) return "-0";
  return String(x);
}

/** Parses one CSV cell written by {@link formatCsvNumber} (also `NaN`, `Infinity`); undefined if not a number. */
export function parseCsvNumber(text: string): number | undefined {
  const s = text.trim();
  switch (s.toLowerCase()) {
    case "nan":
    case "-nan":
      return Number.NaN;
    case "inf":
    case "+inf":
    case "infinity":
    case "+infinity":
      return Number.POSITIVE_INFINITY;
    case "-inf":
    case "-infinity":
      return Number.NEGATIVE_INFINITY;
  }
  if (s.length === 0) return undefined;
  const x = Number(s);
  return Number.isNaN(x) ? undefined : x;
}
