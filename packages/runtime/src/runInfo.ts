/**
 * `RunInfo`: what a manifest records about the run that is not in its files: the program,
 * its command line, the resolved configuration, the seed, the package versions and the start
 * time. `appCommand` provides it to each command's handler; tests provide `RunInfo.make(...)`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Context, Layer } from "effect";

/** The service (see the module doc). */
export interface RunInfoShape {
  /** The program's name (`gaia-distances`). */
  readonly program: string;
  /** The program's version. */
  readonly version: string;
  /** The command-line arguments, without `node` and the script. */
  readonly argv: readonly string[];
  /** The command path (`["gaia-distances", "m67"]`). */
  readonly command: readonly string[];
  /** The configuration the command ran with (after defaults, file and flags). */
  readonly config: unknown;
  /** The config file given with `--config`, if any. */
  readonly configFile?: string;
  /** The PRNG seed, when the configuration has one. */
  readonly seed?: number;
  /** Versions of the program's packages (`@sidereal/*`, `effect`). */
  readonly packages: Readonly<Record<string, string>>;
  /** When the run started (ISO 8601). */
  readonly startedAt: string;
}

/** A RunInfo with defaults for what is not given (start time: now). */
export const runInfoWith = (info: Partial<RunInfoShape> = {}): RunInfoShape => ({
  program: "sidereal",
  version: "0.0.0",
  argv: [],
  command: [],
  config: {},
  packages: {},
  startedAt: new Date().toISOString(),
  ...info,
});

export class RunInfo extends Context.Service<RunInfo, RunInfoShape>()("@sidereal/runtime/RunInfo") {
  /** A RunInfo layer with defaults for what is not given (tests, library use). */
  static readonly make = (info: Partial<RunInfoShape> = {}): Layer.Layer<RunInfo> =>
    Layer.sync(RunInfo, () => runInfoWith(info));
}

/** The package.json of `name` as seen from `fromDir` (walking up through node_modules). */
function findPackageJson(name: string, fromDir: string): Record<string, unknown> | undefined {
  let dir = fromDir;
  for (;;) {
    const p = join(dir, "node_modules", name, "package.json");
    if (existsSync(p)) return JSON.parse(readFileSync(p, "utf8")) as Record<string, unknown>;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The versions of an app: its own, and those of its `@sidereal/*`, `effect` and runtime
 * dependencies, read from the package.json files next to it.
 */
export function packageVersions(packageJsonUrl: URL): {
  name: string;
  version: string;
  packages: Record<string, string>;
} {
  const file = fileURLToPath(packageJsonUrl);
  const pkg = JSON.parse(readFileSync(file, "utf8")) as {
    name?: string;
    version?: string;
    dependencies?: Record<string, string>;
  };
  const packages: Record<string, string> = {};
  if (pkg.name) packages[pkg.name] = pkg.version ?? "0.0.0";
  for (const dep of Object.keys(pkg.dependencies ?? {}).sort()) {
    if (!dep.startsWith("@sidereal/") && dep !== "effect") continue;
    const found = findPackageJson(dep, dirname(file));
    if (found && typeof found.version === "string") packages[dep] = found.version;
  }
  return { name: pkg.name ?? "app", version: pkg.version ?? "0.0.0", packages };
}
