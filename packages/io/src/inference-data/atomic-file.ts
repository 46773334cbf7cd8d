/**
 * Atomic file writes, the one implementation of the monorepo (`@sidereal/plots` and
 * `@sidereal/runtime` use it): readers see either the old file or the complete new one.
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync, renameSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

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

/**
 * Writes `data` to `path` atomically ({@link writeFileAtomically}), creating the parent
 * folders first and flushing the bytes to disk before the rename.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomically(path, (tmp) => writeFile(tmp, data, { flush: true }));
}
