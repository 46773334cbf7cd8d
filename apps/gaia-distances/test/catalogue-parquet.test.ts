/**
 * `catalogue --parquet` on the bundled M67 table (5,331 stars, Gaia's int64 source_ids):
 * distances.parquet, read back with hyparquet (the reader of hyparquet-writer's authors, an
 * implementation independent of the CSV writer), holds the CSV's rows in the same order —
 * source_id exactly (INT64, past float64's 2^53) and every result bit for bit (the CSV writes
 * shortest round-trip numbers, so Number() of its text is the float64 itself) — and
 * meta.json's fields in its key-value metadata. Without the flag no parquet file is written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";

const dir = mkdtempSync(join(tmpdir(), "gaia-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };

describe("catalogue --parquet", () => {
  it("writes the CSV's rows as parquet: INT64 source_id, DOUBLE results bit for bit, meta", async () => {
    const out = join(dir, "m67");
    expect(await runCli(["catalogue", "--out", out, "--parquet"], quiet as never)).toBe(0);
    const csv = readFileSync(join(out, "distances.csv"), "utf8").trimEnd().split("\n");
    const header = csv[0].split(",");
    const bytes = readFileSync(join(out, "distances.parquet"));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const rows = (await parquetReadObjects({ file })) as Record<string, bigint | number>[];
    expect(rows).toHaveLength(csv.length - 1);
    expect(rows.length).toBe(5331);
    expect(Object.keys(rows[0])).toEqual(header);
    let mismatches = 0;
    for (let i = 0; i < rows.length; i++) {
      const fields = csv[i + 1].split(",");
      if (rows[i].source_id !== BigInt(fields[0])) mismatches++;
      for (let c = 1; c < header.length; c++)
        if (!Object.is(rows[i][header[c]], Number(fields[c]))) mismatches++;
    }
    expect(mismatches).toBe(0);
    // ids beyond 2^53: a float64 column would have rounded them
    expect(rows.some((r) => (r.source_id as bigint) > 2n ** 53n)).toBe(true);
    const md = parquetMetadata(file);
    const kv = Object.fromEntries((md.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8"));
    expect(JSON.parse(kv.prior ?? "null")).toBe("EDSD");
    expect(JSON.parse(kv.L_pc ?? "null")).toBe(meta.L_pc);
    expect(JSON.parse(kv.zeroPoint ?? "null")).toBe("L21");
    expect(md.schema.find((s) => s.name === "source_id")?.type).toBe("INT64");
  }, 120_000);

  it("writes no parquet file without the flag", async () => {
    const out = join(dir, "plain");
    expect(await runCli(["catalogue", "--out", out, "--shard-size", "4000"], quiet as never)).toBe(
      0,
    );
    expect(existsSync(join(out, "distances.csv"))).toBe(true);
    expect(existsSync(join(out, "distances.parquet"))).toBe(false);
  }, 120_000);
});
