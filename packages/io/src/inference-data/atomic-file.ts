import { randomBytes } from "node:crypto";
import { closeSync, openSync, renameSync, rmSync } from "node:fs";

/**
 * Writes a file atomically: `write` receives a temporary path in the same
 * directory as `path` (`<path>.tmp-<pid>-<random>`, created empty and
 * exclusively beforehand), and the temporary file is renamed onto `path` once
 * `write` returns. If `write` (or the rename) throws, the temporary file is
 * removed, `path` is left untouched, and the error is rethrown.
 *
 * Creating the temporary file first makes a missing directory fail with
 * Node's own `ENOENT` error before any writer runs.
 */
export async function writeFileAtomically(
  path: string,
  write: (tempPath: string) => void | Promise<void>,
): Promise<void> {
  const tempPath = `${path}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
  closeSync(openSync(tempPath, "wx"));
  try {
    await write(tempPath);
    renameSync(tempPath, path);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }
}
