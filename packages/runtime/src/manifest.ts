/**
 * `manifest.json`: the record of one output folder — command line, resolved configuration,
 * package versions, seed, Node version, cores, start and end time, and the sha256 and size of
 * every file written. `verifyManifest(dir)` re-hashes a folder against it (the `sidereal
 * verify DIR` bin). Files are listed in sorted order and hashed from disk, so two runs with
 * the same seed give the same `files` whatever the number of workers.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, sep } from "node:path";
import type { RunInfoShape } from "./runInfo.js";

/** The name of the manifest in every output folder. */
export const MANIFEST_FILE = "manifest.json";

/** One file of a manifest. */
export interface ManifestFile {
  readonly sha256: string;
  readonly bytes: number;
}

/** The manifest (see the module doc): the RunInfo of the run, the machine and the files. */
export interface Manifest
  extends Pick<
    RunInfoShape,
    "program" | "version" | "command" | "config" | "configFile" | "seed" | "packages" | "startedAt"
  > {
  readonly manifestVersion: 1;
  readonly commandLine: readonly string[];
  readonly node: string;
  readonly platform: string;
  readonly cores: number;
  readonly finishedAt: string;
  /** Relative path (with `/`) → hash and size, sorted by path; the manifest itself excluded. */
  readonly files: Readonly<Record<string, ManifestFile>>;
}

/** Every regular file under `dir`, as sorted `/`-separated relative paths. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** sha256 (hex) and size of a file. */
export function hashFile(path: string): ManifestFile {
  const data = readFileSync(path);
  return { sha256: createHash("sha256").update(data).digest("hex"), bytes: data.length };
}

/** The manifest of the files now in `dir` for the run `info`. */
export function buildManifest(dir: string, info: RunInfoShape, finishedAt: Date): Manifest {
  const files: Record<string, ManifestFile> = {};
  for (const f of listFiles(dir)) if (f !== MANIFEST_FILE) files[f] = hashFile(join(dir, f));
  return {
    manifestVersion: 1,
    program: info.program,
    version: info.version,
    commandLine: [info.program, ...info.argv],
    command: info.command,
    config: info.config,
    ...(info.configFile !== undefined ? { configFile: info.configFile } : {}),
    ...(info.seed !== undefined ? { seed: info.seed } : {}),
    packages: info.packages,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cores: availableParallelism(),
    startedAt: info.startedAt,
    finishedAt: finishedAt.toISOString(),
    files,
  };
}

/** The result of {@link verifyManifest}. */
export interface VerifyResult {
  readonly ok: boolean;
  /** Listed in the manifest, absent on disk. */
  readonly missing: readonly string[];
  /** Present with another hash or size. */
  readonly changed: readonly string[];
  /** On disk, not in the manifest. */
  readonly extra: readonly string[];
  /** Files checked. */
  readonly checked: number;
}

/**
 * Re-hashes `dir` against its manifest. Throws when the manifest is missing or unreadable
 * (the bin reports that as a failure naming the file).
 */
export function verifyManifest(dir: string): VerifyResult {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")) as Manifest;
  if (typeof manifest.files !== "object" || manifest.files === null)
    throw new Error(`${join(dir, MANIFEST_FILE)} has no "files" table`);
  const onDisk = new Set(listFiles(dir).filter((f) => f !== MANIFEST_FILE));
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [f, want] of Object.entries(manifest.files)) {
    if (!onDisk.has(f)) {
      missing.push(f);
      continue;
    }
    onDisk.delete(f);
    const st = statSync(join(dir, f));
    if (st.size !== want.bytes || hashFile(join(dir, f)).sha256 !== want.sha256) changed.push(f);
  }
  const extra = [...onDisk].sort();
  return {
    ok: missing.length === 0 && changed.length === 0 && extra.length === 0,
    missing,
    changed,
    extra,
    checked: Object.keys(manifest.files).length,
  };
}
