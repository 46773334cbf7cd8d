/**
 * Checks of input columns at load time, before any sampling: each failure is a `DataError`
 * naming the file, the column, the first bad row (0-based) and its value, so that a NaN or a
 * zero uncertainty is reported where it is rather than as a sampler initialisation failure.
 */
import { readFileSync } from "node:fs";
import { Effect } from "effect";
import { DataError, reasonOf } from "./errors.js";

/** What a column must satisfy (every value finite, plus these). */
export interface ColumnRules {
  /** Every value > 0 (uncertainties, scales). */
  readonly positive?: boolean;
  /** Every value ≥ 0. */
  readonly nonNegative?: boolean;
  /** Values may be non-finite (default false). */
  readonly allowNonFinite?: boolean;
}

/** The first row violating `rules`, with the reason, or undefined. */
export function firstBadRow(
  values: ArrayLike<number>,
  rules: ColumnRules = {},
): { row: number; reason: string } | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!rules.allowNonFinite && !Number.isFinite(v))
      return { row: i, reason: `value ${v} is not finite` };
    if (rules.positive && !(v > 0)) return { row: i, reason: `value ${v} must be > 0` };
    if (rules.nonNegative && !(v >= 0)) return { row: i, reason: `value ${v} must be ≥ 0` };
  }
  return undefined;
}

/** Fails with a DataError naming `file`, `field` and the first bad row (see the module doc). */
export function checkColumn(
  file: string,
  field: string,
  values: ArrayLike<number>,
  rules: ColumnRules = {},
): Effect.Effect<void, DataError> {
  return Effect.suspend(() => {
    const bad = firstBadRow(values, rules);
    return bad === undefined
      ? Effect.void
      : Effect.fail(new DataError({ file, field, row: bad.row, reason: bad.reason }));
  });
}

/** Fails with a DataError when a table has no rows (e.g. after the cuts). */
export function checkNotEmpty(
  file: string,
  rows: number,
  what = "no rows",
): Effect.Effect<void, DataError> {
  return rows > 0 ? Effect.void : Effect.fail(new DataError({ file, reason: what }));
}

/**
 * Reads a JSON object of numeric arrays (`{ "x": [...], "y": [...] }`) and checks each named
 * column with its rules; all columns must have the same, non-zero length. Every failure is a
 * `DataError` naming the file and, where it applies, the column and row.
 */
export function readJsonColumns<const K extends string>(
  file: string,
  columns: Readonly<Record<K, ColumnRules>>,
): Effect.Effect<Record<K, Float64Array>, DataError> {
  return Effect.gen(function* () {
    const json = yield* Effect.try({
      try: () => JSON.parse(readFileSync(file, "utf8")) as unknown,
      catch: (e) => new DataError({ file, reason: reasonOf(e) }),
    });
    if (typeof json !== "object" || json === null || Array.isArray(json))
      return yield* new DataError({ file, reason: "expected a JSON object of columns" });
    const out = {} as Record<K, Float64Array>;
    let n: number | undefined;
    for (const [field, rules] of Object.entries(columns) as [K, ColumnRules][]) {
      const v = (json as Record<string, unknown>)[field];
      if (!Array.isArray(v)) return yield* new DataError({ file, field, reason: "missing column" });
      const bad = v.findIndex((x) => typeof x !== "number");
      if (bad >= 0)
        return yield* new DataError({
          file,
          field,
          row: bad,
          reason: `value ${JSON.stringify(v[bad])} is not a number`,
        });
      if (v.length === 0) return yield* new DataError({ file, field, reason: "no rows" });
      if (n !== undefined && v.length !== n)
        return yield* new DataError({
          file,
          field,
          reason: `${v.length} rows, other columns have ${n}`,
        });
      n = v.length;
      const col = Float64Array.from(v as number[]);
      yield* checkColumn(file, field, col, rules);
      out[field] = col;
    }
    return out;
  });
}
