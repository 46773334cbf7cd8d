/**
 * A small reader and writer for the plain CSV files of `forward` (header line, comma
 * separated, no quoted commas): every failure is a `DataError` naming the file, the column,
 * the row and the value.
 */
import { readFileSync } from "node:fs";
import { DataError } from "@sidereal/runtime";
import { Effect } from "effect";

export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  /** Rows of raw fields (kept as text, so that output rows repeat the input exactly). */
  readonly rows: readonly (readonly string[])[];
}

const unquote = (s: string) => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
};

/** Reads a CSV file with a header line. */
export const readCsv = (file: string): Effect.Effect<CsvTable, DataError> =>
  Effect.gen(function* () {
    const text = yield* Effect.try({
      try: () => readFileSync(file, "utf8"),
      catch: (e) =>
        new DataError({
          file,
          reason: (e as { code?: string }).code === "ENOENT" ? "no such file" : String(e),
        }),
    });
    const lines = text.split(/\r?\n/);
    while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
    if (lines.length === 0) return yield* new DataError({ file, reason: "the file is empty" });
    const header = lines[0].split(",").map(unquote);
    const rows: string[][] = [];
    for (let i = 1; i < lines.length; i++) {
      const fields = lines[i].split(",");
      if (fields.length !== header.length)
        return yield* new DataError({
          file,
          row: i - 1,
          reason: `${fields.length} fields where the header has ${header.length} (a truncated or malformed line)`,
        });
      rows.push(fields);
    }
    if (rows.length === 0) return yield* new DataError({ file, reason: "no data rows" });
    return { file, header, rows };
  });

/** The numeric column `name` (every value finite). */
export const numericColumn = (t: CsvTable, name: string): Effect.Effect<Float64Array, DataError> =>
  Effect.gen(function* () {
    const j = t.header.indexOf(name);
    if (j < 0) return yield* new DataError({ file: t.file, field: name, reason: "missing column" });
    const out = new Float64Array(t.rows.length);
    for (const [i, row] of t.rows.entries()) {
      const raw = unquote(row[j]);
      const v = raw === "" ? Number.NaN : Number(raw);
      if (!Number.isFinite(v))
        return yield* new DataError({
          file: t.file,
          field: name,
          row: i,
          reason: `value ${JSON.stringify(raw)} is not a finite number`,
        });
      out[i] = v;
    }
    return out;
  });

/** The CSV text of a header and rows. */
export const csvText = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  `${[header, ...rows].map((r) => r.join(",")).join("\n")}\n`;
