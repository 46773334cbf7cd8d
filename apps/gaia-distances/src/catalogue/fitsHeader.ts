/**
 * Headers of a FITS file holding one binary table (FITS 4.0 §4, §7.3): an empty primary HDU
 * and a BINTABLE of fixed-width columns ('D' float64, 'K' int64), each header padded to
 * 2880-byte blocks. Used by the synthetic catalogue script and the tests' table writer; the
 * data that follows is big-endian rows, padded to 2880 bytes with {@link fitsPadding}.
 */
const card = (key: string, value: string) => `${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(80);
const str = (s: string) => `'${s.padEnd(8)}'`.padEnd(20);
const pad = (s: string) => s + " ".repeat(fitsPadding(s.length));

/** Bytes of padding after `length` bytes to reach a 2880-byte block boundary. */
export const fitsPadding = (length: number): number => (2880 - (length % 2880)) % 2880;

/** Bytes per row of each column form. */
const WIDTH: Readonly<Record<"D" | "K", number>> = { D: 8, K: 8 };

/** The primary header and the BINTABLE header (ASCII) for `columns` and `nrows` rows. */
export function binTableHeaders(
  columns: ReadonlyArray<readonly [name: string, form: "D" | "K"]>,
  nrows: number,
): string {
  const primary = pad(
    [card("SIMPLE", "T"), card("BITPIX", "8"), card("NAXIS", "0"), card("EXTEND", "T")].join("") +
      "END".padEnd(80),
  );
  const rowBytes = columns.reduce((s, [, f]) => s + WIDTH[f], 0);
  const cards = [
    `${"XTENSION".padEnd(8)}= ${str("BINTABLE")}`.padEnd(80),
    card("BITPIX", "8"),
    card("NAXIS", "2"),
    card("NAXIS1", String(rowBytes)),
    card("NAXIS2", String(nrows)),
    card("PCOUNT", "0"),
    card("GCOUNT", "1"),
    card("TFIELDS", String(columns.length)),
  ];
  columns.forEach(([name, form], i) => {
    cards.push(`${`TTYPE${i + 1}`.padEnd(8)}= ${str(name)}`.padEnd(80));
    cards.push(`${`TFORM${i + 1}`.padEnd(8)}= ${str(form)}`.padEnd(80));
  });
  cards.push("END".padEnd(80));
  return primary + pad(cards.join(""));
}
