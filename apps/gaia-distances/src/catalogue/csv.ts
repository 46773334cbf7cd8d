/**
 * distances.csv: one line per star in input order. Numbers are written with JavaScript's
 * shortest round-trip form, so the file holds the float64 results exactly (two runs agree
 * byte for byte exactly when they agree bit for bit).
 */
export const CSV_HEADER = "source_id,parallax_corrected,dist_median,dist_q16,dist_q84,dist_mode";

/** Appends the CSV lines of one shard (5 columns of n values, see SHARD_COLUMNS). */
export function shardCsv(sourceId: readonly string[], start: number, cols: Float64Array): string {
  const n = cols.length / 5;
  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++)
    lines[i] =
      `${sourceId[start + i]},${cols[i]},${cols[n + i]},${cols[2 * n + i]},${cols[3 * n + i]},${cols[4 * n + i]}`;
  return `${lines.join("\n")}\n`;
}

/** The float64 columns of a shard's bytes (copied: stored bytes need not be 8-aligned). */
export const shardColumns = (bytes: Uint8Array): Float64Array =>
  new Float64Array(Uint8Array.from(bytes).buffer);
