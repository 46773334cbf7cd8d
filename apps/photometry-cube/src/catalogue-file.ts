/**
 * A galaxy catalogue for `posterior`, from a CSV file or a FITS binary table (@sidereal/io's
 * reader, first BINTABLE HDU), turned into @sidereal/nn's `Catalogue` (spec §1.7: AB magnitudes
 * → maggies, missing bands and out-of-range redshifts recorded per row).
 *
 * What counts as missing and what is an error: an empty cell, NaN, or a magnitude outside
 * (−98, 98) (catalogues write ±99) is a missing band, reported on that row; a column of the
 * model's filter set that the file lacks altogether, or a cell that is not a number at all,
 * is a `DataError` naming the file, the column and the row.
 */
import { asFloat64, type FitsColumn, readFitsTable } from "@sidereal/io";
import {
  type Catalogue,
  type CatalogueCell,
  type CatalogueColumns,
  catalogueFromColumns,
} from "@sidereal/nn";
import { DataError, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";
import { readCsv } from "./csv.js";

const isFits = (file: string) => /\.(fits|fit|fts)(\.gz)?$/i.test(file);

/** A numeric cell as text: empty and NaN spellings are missing values, not errors. */
const MISSING = /^(|nan|null|none|-)$/i;

/** The columns `posterior` reads: each band's magnitude and error, and the redshift. */
const required = (c: CatalogueColumns) => c.bands.flatMap((b) => [b.mag, b.err]);

const csvCatalogue = (file: string, columns: CatalogueColumns) =>
  Effect.gen(function* () {
    const table = yield* readCsv(file);
    const index = (name: string) => table.header.indexOf(name);
    for (const name of required(columns))
      if (index(name) < 0)
        return yield* new DataError({
          file,
          field: name,
          reason: `missing column (the model's bands need ${required(columns).join(", ")})`,
        });
    const numeric = [...required(columns), ...(columns.redshift ? [columns.redshift] : [])];
    for (const name of numeric) {
      const j = index(name);
      if (j < 0) continue;
      for (const [i, row] of table.rows.entries()) {
        const raw = row[j].trim().replace(/^"(.*)"$/, "$1");
        if (!MISSING.test(raw) && Number.isNaN(Number(raw)))
          return yield* new DataError({
            file,
            field: name,
            row: i,
            reason: `value ${JSON.stringify(raw)} is not a number`,
          });
      }
    }
    const cell =
      (j: number): CatalogueCell =>
      (row) => {
        const raw = table.rows[row][j].trim().replace(/^"(.*)"$/, "$1");
        return MISSING.test(raw) ? Number.NaN : raw;
      };
    return catalogueFromColumns(
      file,
      table.rows.length,
      (name) => (index(name) < 0 ? undefined : cell(index(name))),
      columns,
    );
  });

const fitsCatalogue = (file: string, columns: CatalogueColumns) =>
  Effect.gen(function* () {
    const table = yield* Effect.try({
      try: () => readFitsTable(file),
      catch: (e) => new DataError({ file, reason: reasonOf(e) }),
    });
    const find = (name: string): FitsColumn | undefined => {
      const lower = name.toLowerCase();
      return table.columns.find((c) => c.name === name || c.name.toLowerCase() === lower);
    };
    for (const name of required(columns))
      if (find(name) === undefined)
        return yield* new DataError({
          file,
          field: name,
          reason: `missing column (the file has ${table.names.join(", ")})`,
        });
    const cells: Record<string, CatalogueCell> = {};
    for (const name of [...required(columns), columns.redshift, columns.id]) {
      if (name === undefined) continue;
      const c = find(name);
      if (c === undefined) continue;
      if (c.dtype === "string") {
        const data = c.data as unknown as readonly string[];
        cells[name] = (row) => data[row];
        continue;
      }
      if (c.perRow !== 1)
        return yield* new DataError({
          file,
          field: name,
          reason: `${c.perRow} values per row (TFORM ${c.tform}); a scalar column is needed`,
        });
      const values = yield* Effect.try({
        try: () => asFloat64(c),
        catch: (e) => new DataError({ file, field: name, reason: reasonOf(e) }),
      });
      cells[name] = (row) => values[row];
    }
    return catalogueFromColumns(file, table.nrows, (name) => cells[name], columns);
  });

/** Reads a CSV or FITS (`.fits`, `.fit`, `.fts`, optionally `.gz`) catalogue. */
export const readCatalogueFile = (
  file: string,
  columns: CatalogueColumns,
): Effect.Effect<Catalogue, DataError> =>
  isFits(file) ? fitsCatalogue(file, columns) : csvCatalogue(file, columns);
