/**
 * distances.parquet (`catalogue --parquet`): the columns of distances.csv in Apache Parquet,
 * written with hyparquet-writer (pure JavaScript, MIT, no native module). `source_id` is INT64
 * (Gaia's source_id needs 64 bits: as float64 it would lose digits) and the five results are
 * DOUBLE, bit for bit the numbers of the CSV; meta.json's fields go into the file's key-value
 * metadata, so the file describes itself. Rows in input order.
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import { SHARD_COLUMNS } from "./task.js";

/** The parquet file's bytes: `source_id` then the SHARD_COLUMNS of the shards' columns. */
export function distancesParquet(
  sourceId: readonly string[],
  shards: ReadonlyArray<{ readonly start: number; readonly cols: Float64Array }>,
  meta: Record<string, unknown>,
): Uint8Array {
  const n = sourceId.length;
  const columns = SHARD_COLUMNS.map(() => new Float64Array(n));
  for (const { start, cols } of shards) {
    const m = cols.length / SHARD_COLUMNS.length;
    for (let c = 0; c < SHARD_COLUMNS.length; c++)
      columns[c].set(cols.subarray(c * m, (c + 1) * m), start);
  }
  // Gaia ids are integers; a table with other ids keeps them as text
  const integer = sourceId.every((s) => /^-?\d+$/.test(s));
  const buffer = parquetWriteBuffer({
    columnData: [
      integer
        ? {
            name: "source_id",
            data: sourceId.map((s) => BigInt(s)),
            type: "INT64",
            nullable: false,
          }
        : { name: "source_id", data: [...sourceId], type: "STRING", nullable: false },
      ...SHARD_COLUMNS.map((name, c) => ({
        name,
        data: columns[c],
        type: "DOUBLE" as const,
        nullable: false,
      })),
    ],
    kvMetadata: Object.entries(meta).map(([key, value]) => ({ key, value: JSON.stringify(value) })),
    createdBy: "@sidereal/gaia-distances catalogue (hyparquet-writer)",
  });
  return new Uint8Array(buffer);
}
