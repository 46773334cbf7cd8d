import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  asFloat64,
  type FitsColumn,
  type FitsDtype,
  type FitsTable,
  readFits,
  readFitsTable,
} from "../../src/fits/index.js";
import {
  binTableHdu,
  card,
  concat,
  emptyPrimary,
  longStringCards,
  tableFile,
} from "./helpers/fitsWriter.js";

/** Narrows a column to the expected dtype, failing the test otherwise. */
function col<D extends FitsDtype>(table: FitsTable, name: string, dtype: D) {
  const c = table.column(name);
  expect(c.dtype).toBe(dtype);
  return c as Extract<FitsColumn, { dtype: D }>;
}

const everyTform = tableFile({
  extname: "EVERY",
  columns: [
    { name: "flag", tform: "L", values: [true, false, null] },
    {
      name: "flags",
      tform: "2L",
      values: [
        [true, true],
        [false, null],
        [null, false],
      ],
    },
    {
      name: "bits",
      tform: "10X",
      values: [[1, 0, 1, 0, 0, 0, 0, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], []],
    },
    { name: "byte", tform: "B", values: [0, 127, 255] },
    { name: "short", tform: "I", values: [-32768, 0, 32767] },
    { name: "int", tform: "J", values: [-2147483648, 1, 2147483647] },
    {
      name: "long",
      tform: "K",
      values: [-9223372036854775808n, 605017268301607424n, 9223372036854775807n],
    },
    { name: "text", tform: "8A", values: ["M67", "", "exactly8"] },
    { name: "float", tform: "E", values: [0.1, Number.NaN, -3.5e38] },
    { name: "double", tform: "D", values: [0.1, Number.NaN, -1e-300] },
    {
      name: "vec",
      tform: "3D",
      values: [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, Number.NaN],
      ],
    },
    {
      name: "ivec",
      tform: "2J",
      values: [
        [1, -1],
        [2, -2],
        [3, -3],
      ],
    },
    { name: "empty", tform: "0J", values: [[], [], []] },
  ],
});

describe("BINTABLE TFORM codes (FITS 4.0 §7.3.2, §7.3.3.1)", () => {
  const t = readFitsTable(everyTform);

  it("reads table structure", () => {
    expect(t.nrows).toBe(3);
    expect(t.extname).toBe("EVERY");
    expect(t.hdu).toBe(1);
    expect(t.names).toEqual([
      "flag",
      "flags",
      "bits",
      "byte",
      "short",
      "int",
      "long",
      "text",
      "float",
      "double",
      "vec",
      "ivec",
      "empty",
    ]);
  });

  it("L: logicals with a null mask for zero bytes", () => {
    const flag = col(t, "flag", "bool");
    expect(Array.from(flag.data)).toEqual([1, 0, 0]);
    expect(Array.from(flag.nulls ?? [])).toEqual([0, 0, 1]);
    const flags = col(t, "flags", "bool");
    expect(flags.perRow).toBe(2);
    expect(Array.from(flags.data)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(Array.from(flags.nulls ?? [])).toEqual([0, 0, 0, 1, 1, 0]);
  });

  it("X: bit arrays unpacked most significant bit first", () => {
    const bits = col(t, "bits", "bit");
    expect(bits.repeat).toBe(10);
    expect(Array.from(bits.data.subarray(0, 10))).toEqual([1, 0, 1, 0, 0, 0, 0, 1, 1, 0]);
    expect(Array.from(bits.data.subarray(10, 20))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(bits.data.subarray(20, 30))).toEqual(new Array(10).fill(0));
  });

  it("B, I, J, K: integers in their own typed arrays, K as BigInt64Array", () => {
    expect(col(t, "byte", "uint8").data).toEqual(new Uint8Array([0, 127, 255]));
    expect(col(t, "short", "int16").data).toEqual(new Int16Array([-32768, 0, 32767]));
    expect(col(t, "int", "int32").data).toEqual(new Int32Array([-2147483648, 1, 2147483647]));
    const long = col(t, "long", "int64");
    expect(long.data).toBeInstanceOf(BigInt64Array);
    expect(Array.from(long.data)).toEqual([
      -9223372036854775808n,
      605017268301607424n,
      9223372036854775807n,
    ]);
    expect(long.nulls).toBeNull();
  });

  it("A: strings with trailing blanks trimmed", () => {
    expect(col(t, "text", "string").data).toEqual(["M67", "", "exactly8"]);
  });

  it("E, D: floats as in the file, NaN preserved", () => {
    const f = col(t, "float", "float32");
    expect(f.data[0]).toBe(Math.fround(0.1));
    expect(Number.isNaN(f.data[1])).toBe(true);
    expect(f.data[2]).toBe(Math.fround(-3.5e38));
    const d = col(t, "double", "float64");
    expect(Array.from(d.data)).toEqual([0.1, Number.NaN, -1e-300]);
  });

  it("repeat counts give row-major flat arrays, and repeat 0 gives empty columns", () => {
    const vec = col(t, "vec", "float64");
    expect(vec.perRow).toBe(3);
    expect(Array.from(vec.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, Number.NaN]);
    expect(Array.from(col(t, "ivec", "int32").data)).toEqual([1, -1, 2, -2, 3, -3]);
    expect(col(t, "empty", "int32").data.length).toBe(0);
  });

  it("selects and orders columns, case-insensitively", () => {
    const sel = readFitsTable(everyTform, { columns: ["DOUBLE", "text"] });
    expect(sel.names).toEqual(["double", "text"]);
    expect(sel.columns.map((c) => c.dtype)).toEqual(["float64", "string"]);
  });

  it("selects the HDU by index or EXTNAME and readFits decodes all HDUs", () => {
    expect(readFitsTable(everyTform, { hdu: 1 }).nrows).toBe(3);
    expect(readFitsTable(everyTform, { hdu: "every" }).extname).toBe("EVERY");
    const { hdus } = readFits(everyTform);
    expect(hdus.map((h) => h.kind)).toEqual(["image", "bintable"]);
    const tab = hdus[1]!;
    expect(tab.kind === "bintable" && tab.table.names.length).toBe(13);
  });
});

describe("TSCALn / TZEROn / TNULLn (FITS 4.0 §7.3.2, Table 19)", () => {
  const t = readFitsTable(
    tableFile({
      columns: [
        { name: "sbyte", tform: "B", tzero: -128, values: [0, 128, 255] },
        { name: "u16", tform: "I", tzero: 32768, values: [-32768, 0, 32767] },
        { name: "u32", tform: "J", tzero: 2147483648, values: [-2147483648, 0, 2147483647] },
        {
          name: "u64",
          tform: "K",
          tzero: 9223372036854775808n,
          values: [-9223372036854775808n, 0n, 9223372036854775807n],
        },
        { name: "scaled", tform: "I", tscal: 0.5, tzero: 10, tnull: -1, values: [4, -1, 0] },
        { name: "fscaled", tform: "E", tscal: 2, tzero: 1, values: [1.5, Number.NaN, 0] },
        { name: "nullable", tform: "J", tnull: 999999, values: [5, 999999, -7] },
        { name: "nullable64", tform: "K", tnull: 999999, values: [2n ** 60n, 999999n, 3n] },
        { name: "kscaled", tform: "K", tzero: 100, values: [1n, 2n, 3n] },
      ],
    }),
  );

  it("unsigned-integer convention yields Int8/Uint16/Uint32/BigUint64 arrays", () => {
    expect(col(t, "sbyte", "int8").data).toEqual(new Int8Array([-128, 0, 127]));
    expect(col(t, "u16", "uint16").data).toEqual(new Uint16Array([0, 32768, 65535]));
    expect(col(t, "u32", "uint32").data).toEqual(new Uint32Array([0, 2147483648, 4294967295]));
    expect(Array.from(col(t, "u64", "uint64").data)).toEqual([0n, 2n ** 63n, 2n ** 64n - 1n]);
  });

  it("other scalings give float64 with NaN at TNULL values", () => {
    const s = col(t, "scaled", "float64");
    expect(Array.from(s.data)).toEqual([12, Number.NaN, 10]);
    expect(Array.from(s.nulls ?? [])).toEqual([0, 1, 0]);
    expect(Array.from(col(t, "fscaled", "float64").data)).toEqual([4, Number.NaN, 1]);
    expect(Array.from(col(t, "kscaled", "float64").data)).toEqual([101, 102, 103]);
  });

  it("TNULL gives a null mask and keeps the stored integers", () => {
    const n = col(t, "nullable", "int32");
    expect(Array.from(n.data)).toEqual([5, 999999, -7]);
    expect(Array.from(n.nulls ?? [])).toEqual([0, 1, 0]);
    const n64 = col(t, "nullable64", "int64");
    expect(Array.from(n64.nulls ?? [])).toEqual([0, 1, 0]);
  });
});

describe("asFloat64", () => {
  const t = readFitsTable(
    tableFile({
      columns: [
        { name: "small64", tform: "K", values: [2n ** 53n, -(2n ** 53n), 0n] },
        { name: "big64", tform: "K", values: [1n, 598694977656708224n, 2n] },
        { name: "null64", tform: "K", tnull: -1, values: [1n, -1n, 2n] },
        { name: "i16", tform: "I", tnull: 16959, values: [1, 16959, -3] },
        { name: "f32", tform: "E", values: [0.1, Number.NaN, 2] },
        { name: "f64", tform: "D", values: [0.1, 0.2, 0.3] },
        { name: "name", tform: "4A", values: ["a", "b", "c"] },
      ],
    }),
  );

  it("converts integers losslessly, marks nulls as NaN, widens float32 exactly", () => {
    expect(Array.from(asFloat64(t.column("small64")))).toEqual([2 ** 53, -(2 ** 53), 0]);
    expect(Array.from(asFloat64(t.column("null64")))).toEqual([1, Number.NaN, 2]);
    expect(Array.from(asFloat64(t.column("i16")))).toEqual([1, Number.NaN, -3]);
    expect(Array.from(asFloat64(t.column("f32")))).toEqual([Math.fround(0.1), Number.NaN, 2]);
    const f64 = t.column("f64");
    expect(asFloat64(f64)).toBe(f64.data);
  });

  it("throws a FitsError naming the column when an int64 exceeds 2^53", () => {
    expect(() => asFloat64(t.column("big64"))).toThrowError(
      expect.objectContaining({
        _tag: "FitsError",
        code: "precision-loss",
        column: "big64",
        hdu: 1,
        message: expect.stringMatching(/column "big64".*598694977656708224.*2\^53/),
      }),
    );
    expect(() => asFloat64(t.column("name"))).toThrowError(/string column/);
  });
});

describe("strings, CONTINUE and gzip", () => {
  const tableHdu = binTableHdu({
    extname: "STARS",
    columns: [
      { name: "name", tform: "12A", values: ["Gaia DR3 1", "  lead", "it's"], unit: undefined },
      { name: "mag", tform: "E", unit: "mag", values: [10, 11, 12] },
    ],
    extra: [
      ...longStringCards(
        "LONGDESC",
        "A long description of this table that needs several CONTINUE cards to be stored.",
        20,
      ),
      card("HISTORY"),
    ],
  });
  const plain = concat(emptyPrimary(), tableHdu);

  it("reads strings and long-string header values", () => {
    const t = readFitsTable(plain);
    expect(col(t, "name", "string").data).toEqual(["Gaia DR3 1", "  lead", "it's"]);
    expect(t.column("mag").unit).toBe("mag");
    expect(t.header.get("LONGDESC")).toBe(
      "A long description of this table that needs several CONTINUE cards to be stored.",
    );
  });

  it("cuts strings at the first NUL (§7.3.3.1)", () => {
    const bytes = concat(
      emptyPrimary(),
      binTableHdu({ columns: [{ name: "s", tform: "6A", values: ["ab"] }] }),
    );
    // Put a NUL after "ab" and junk after it.
    const dataStart = bytes.length - 2880;
    bytes.set([0x61, 0x62, 0x00, 0x78, 0x79, 0x7a], dataStart);
    expect(col(readFitsTable(bytes), "s", "string").data).toEqual(["ab"]);
  });

  const dir = mkdtempSync(join(tmpdir(), "sidereal-fits-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("decompresses gzip from bytes (magic 1f 8b) and from .gz and plain paths", () => {
    const gz = gzipSync(plain);
    expect(readFitsTable(gz, { hdu: "STARS" }).nrows).toBe(3);
    const gzPath = join(dir, "stars.fits.gz");
    writeFileSync(gzPath, gz);
    expect(Array.from(col(readFitsTable(gzPath), "mag", "float32").data)).toEqual([10, 11, 12]);
    const plainPath = join(dir, "stars.fits");
    writeFileSync(plainPath, plain);
    expect(readFits(plainPath).hdus).toHaveLength(2);
  });
});
