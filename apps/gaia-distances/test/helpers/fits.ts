/**
 * A minimal FITS writer for test inputs: one BINTABLE of float64 ('D') columns, big-endian,
 * with the headers of `binTableHeaders` and the data padded to 2880 bytes.
 */
import { writeFileSync } from "node:fs";
import { binTableHeaders, fitsPadding } from "../../src/catalogue/fitsHeader.js";

export function writeFitsTable(path: string, columns: Record<string, ArrayLike<number>>): void {
  const names = Object.keys(columns);
  const nrows = names.length ? columns[names[0]].length : 0;
  const headers = new TextEncoder().encode(
    binTableHeaders(
      names.map((n) => [n, "D"] as const),
      nrows,
    ),
  );
  const dataLen = 8 * names.length * nrows;
  const data = new Uint8Array(dataLen + fitsPadding(dataLen));
  const view = new DataView(data.buffer);
  for (let r = 0; r < nrows; r++)
    names.forEach((n, c) => {
      view.setFloat64(8 * (r * names.length + c), columns[n][r], false);
    });
  const out = new Uint8Array(headers.length + data.length);
  out.set(headers, 0);
  out.set(data, headers.length);
  writeFileSync(path, out);
}
