/** Shared test helpers: temporary folders and a string sink for stdout/stderr. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary folder. */
export const tempDir = (prefix = "sidereal-runtime-") => mkdtempSync(join(tmpdir(), prefix));

/** A stream that records what is written. */
export function sink(): { write(s: string): boolean; text(): string; isTTY: false } {
  let buf = "";
  return {
    write(s: string) {
      buf += s;
      return true;
    },
    text: () => buf,
    isTTY: false,
  };
}

/** The line data of the README example: y = 2x + 1 with unit errors (fixed noise). */
export function writeLine(
  dir: string,
  name = "line.json",
  override: Record<string, unknown> = {},
): string {
  const x = [0, 1, 2, 3, 4, 5, 6, 7];
  const noise = [0.3, -0.5, 0.1, 0.8, -0.2, -0.6, 0.4, 0.05];
  const y = x.map((v, i) => 2 * v + 1 + noise[i]);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ x, y, yerr: x.map(() => 1), ...override }));
  return file;
}

export const PACKAGE_JSON = new URL("../package.json", import.meta.url);
