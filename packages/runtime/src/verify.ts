/**
 * `sidereal verify DIR`: re-hashes an output folder against its `manifest.json`; prints one
 * line per problem and exits 0 when everything matches, 1 when not, 2 for a missing or
 * unreadable manifest.
 */
import { join } from "node:path";
import { MANIFEST_FILE, verifyManifest } from "./manifest.js";

/** Runs the verify command on `argv` (without `node script`); returns the exit code. */
export function verifyCli(
  argv: readonly string[],
  out: (line: string) => void = (l) => console.log(l),
  err: (line: string) => void = (l) => console.error(l),
): number {
  if (argv[0] !== "verify" || argv.length !== 2 || argv[1] === "") {
    err("usage: sidereal verify DIR   (re-hash an output folder against its manifest.json)");
    return 2;
  }
  const dir = argv[1];
  let r: ReturnType<typeof verifyManifest>;
  try {
    r = verifyManifest(dir);
  } catch (e) {
    err(`sidereal: cannot read ${join(dir, MANIFEST_FILE)}: ${(e as Error).message}`);
    return 2;
  }
  for (const f of r.missing) err(`missing: ${f}`);
  for (const f of r.changed) err(`changed: ${f}`);
  for (const f of r.extra) err(`not in the manifest: ${f}`);
  if (r.ok) out(`${dir}: ${r.checked} files match manifest.json`);
  else err(`sidereal: ${dir} does not match its manifest`);
  return r.ok ? 0 : 1;
}
