/**
 * Two-column CSV (no header) with shortest round-trip float64 text, written to a
 * temporary name and renamed so that a reader never sees a half-written file.
 */
import { renameSync, writeFileSync } from "node:fs";

export function writeTwoColumnCsv(file: string, x: ArrayLike<number>, y: ArrayLike<number>): void {
  const parts: string[] = new Array(x.length);
  for (let i = 0; i < x.length; i++) parts[i] = `${x[i]},${y[i]}`;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${parts.join("\n")}\n`);
  renameSync(tmp, file);
}
