/**
 * Commands and the program's entry: `appCommand` builds an `effect/cli` command from a
 * config Schema, defaults and flags (plus `--config`, `--quiet` and `--log-format` on every
 * command); `runCli` runs a command tree on an argv and returns the exit code; `runMain` is
 * the bin's entry (argv from `process`, SIGINT/SIGTERM interrupt the run, exit code set).
 *
 * Exit codes: 0 success (and help, version, a bare command printing its help); 2 usage,
 * configuration and data errors; 1 a failed run; 130 interrupted by SIGINT or SIGTERM, after
 * the run was interrupted and every resource released (workers terminated, staging folder
 * removed). Every failure is one line on stderr, `PROGRAM: message`, naming the culprit.
 */
import {
  Effect,
  Exit,
  Fiber,
  FileSystem,
  Layer,
  Logger,
  Option,
  Path,
  References,
  type Schema,
  Stdio,
  Terminal,
} from "effect";
import { CliOutput, Command, Flag } from "effect/cli";
import { ChildProcessSpawner } from "effect/process";
import {
  configBaseDir,
  decodeConfig,
  type Origin,
  readConfigFile,
  resolveConfigPaths,
} from "./config.js";
import { ConfigError, exitCodeOf } from "./errors.js";
import type { AppFlag } from "./flags.js";
import { jsonLogger, loggerSink, textLogger } from "./logSink.js";
import { OutputDir } from "./outputDir.js";
import { Progress, type ProgressStream } from "./progress.js";
import { packageVersions, RunInfo } from "./runInfo.js";
import { WorkerPool } from "./workerPool.js";

/** The program a command runs in (set by `runCli` for the handlers). */
export interface AppMeta {
  readonly program: string;
  readonly version: string;
  readonly argv: readonly string[];
  readonly packages: Readonly<Record<string, string>>;
}

let currentMeta: AppMeta = { program: "sidereal", version: "0.0.0", argv: [], packages: {} };

/** What `appCommand` needs (see the module doc). */
export interface AppCommandSpec<S extends Schema.Decoder<unknown>, E, R> {
  readonly name: string;
  readonly description: string;
  /** Decodes the merged configuration (a Struct; unknown keys are rejected). */
  readonly config: S;
  /** Values used when neither the config file nor a flag gives one (the encoded form). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Flags by the configuration field they set (`{ maxStars: Flags.int("max-stars", …) }`). */
  readonly flags?: Readonly<Record<string, AppFlag<unknown>>>;
  /** Fields holding paths: relative ones in a config file are resolved against its folder. */
  readonly pathFields?: readonly string[];
  /** The command's work, given the decoded configuration. */
  readonly run: (config: S["Type"]) => Effect.Effect<void, E, R>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** `b` over `a`, merging nested plain objects (so a file may set one field of `cuts`). */
function deepMerge(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b))
    out[k] =
      isPlainObject(v) && isPlainObject(out[k])
        ? deepMerge(out[k] as Record<string, unknown>, v)
        : v;
  return out;
}

/** A JSON-safe copy of a decoded configuration (for the manifest). */
const jsonSafe = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (_k, x) => (x instanceof Float64Array ? Array.from(x) : x)) ?? "null",
  );

/**
 * Merges defaults, the `--config` file and the flags and decodes them (see `config.ts`).
 * Exposed for tests and for apps that build their own commands.
 */
export function resolveCommandConfig<S extends Schema.Decoder<unknown>>(
  spec: Pick<AppCommandSpec<S, never, never>, "config" | "defaults" | "flags" | "pathFields">,
  flagValues: Readonly<Record<string, Option.Option<unknown>>>,
  configFile: string | undefined,
): Effect.Effect<{ config: S["Type"]; warnings: string[] }, ConfigError> {
  return Effect.gen(function* () {
    const fromFlags: Record<string, unknown> = {};
    const origins: Record<string, Origin> = {};
    const warnings: string[] = [];
    const entries = Object.entries(spec.flags ?? {});
    // canonical flags first, so a deprecated alias never overrides them
    entries.sort(
      ([, a], [, b]) =>
        Number(a.deprecatedAliasOf !== undefined) - Number(b.deprecatedAliasOf !== undefined),
    );
    for (const [key, f] of entries) {
      const v = flagValues[key];
      if (v === undefined || Option.isNone(v)) continue;
      const target = f.deprecatedAliasOf ?? key;
      if (f.deprecatedAliasOf !== undefined) {
        const canonical = spec.flags?.[target];
        warnings.push(`--${f.name} is deprecated; use --${canonical?.name ?? target}`);
        if (target in fromFlags) continue;
      }
      fromFlags[target] = v.value;
      origins[target] = { kind: "flag", flag: f.name };
    }
    let fromFile: Record<string, unknown> = {};
    if (configFile !== undefined) {
      const raw = yield* readConfigFile(configFile);
      if (!isPlainObject(raw))
        return yield* Effect.fail(
          new ConfigError({
            field: "(root)",
            file: configFile,
            reason: "expected an object of settings",
          }),
        );
      fromFile = resolveConfigPaths(raw, spec.pathFields ?? [], configBaseDir(configFile));
    }
    const merged = deepMerge(deepMerge({ ...(spec.defaults ?? {}) }, fromFile), fromFlags);
    const config = yield* decodeConfig(spec.config, merged, origins, configFile);
    return { config, warnings };
  });
}

const LOG_FORMATS = ["text", "json"] as const;

/**
 * An `effect/cli` command running `spec.run` on the decoded configuration, with `RunInfo`
 * (for the manifest), `Progress` and the logger (per `--quiet` / `--log-format`) provided.
 */
export function appCommand<const Name extends string, S extends Schema.Decoder<unknown>, E, R>(
  spec: AppCommandSpec<S, E, R> & { readonly name: Name },
) {
  const flagConfig: Record<string, Flag.Flag<unknown>> = {};
  for (const [key, f] of Object.entries(spec.flags ?? {})) flagConfig[key] = f.flag;
  flagConfig["~config"] = Flag.String("config").pipe(
    Flag.withDescription(
      "JSON or YAML file of settings (flags override it; unknown keys are an error)",
    ),
    Flag.optional,
  );
  flagConfig["~quiet"] = Flag.Boolean("quiet").pipe(
    Flag.withDescription("no progress output"),
    Flag.withDefault(false),
  );
  flagConfig["~logFormat"] = Flag.Literals("log-format", LOG_FORMATS).pipe(
    Flag.withDescription("progress and log lines as text or JSON"),
    Flag.withDefault("text" as const),
  );
  return Command.make(spec.name, flagConfig, (input: Record<string, unknown>) =>
    Effect.gen(function* () {
      const configFile = Option.getOrUndefined(input["~config"] as Option.Option<string>);
      const { config, warnings } = yield* resolveCommandConfig(
        spec,
        input as Record<string, Option.Option<unknown>>,
        configFile,
      );
      const quiet = input["~quiet"] === true;
      const logFormat = input["~logFormat"] as "text" | "json";
      const seed = (config as { seed?: unknown }).seed;
      const meta = currentMeta;
      const info = RunInfo.make({
        program: meta.program,
        version: meta.version,
        argv: meta.argv,
        command: [meta.program, spec.name],
        config: jsonSafe(config),
        ...(configFile !== undefined ? { configFile } : {}),
        ...(typeof seed === "number" ? { seed } : {}),
        packages: meta.packages,
        startedAt: new Date().toISOString(),
      });
      // logs go to stderr (stdout carries the results): plain lines, or JSON lines
      const logger = Logger.layer([logFormat === "json" ? jsonLogger : textLogger]);
      yield* Effect.gen(function* () {
        for (const w of warnings) yield* Effect.logWarning(w);
        // Progress messages are log records of this fiber (bars stay on stderr)
        const sink = yield* loggerSink();
        const progress = Progress.make({ quiet, logFormat, log: sink.log });
        yield* spec
          .run(config)
          .pipe(Effect.provide(info), Effect.provideService(Progress, progress));
      }).pipe(
        Effect.provide(logger),
        Effect.provideService(References.MinimumLogLevel, quiet ? "Warn" : "Info"),
      );
    }).pipe(Effect.withLogSpan(spec.name)),
  ).pipe(Command.withDescription(spec.description));
}

/** The services every command may use, with their production layers. */
export type AppServices = OutputDir | WorkerPool;

/** Production layers of {@link AppServices}: local output folders, worker threads. */
export const AppLayer: Layer.Layer<AppServices> = Layer.mergeAll(
  OutputDir.layer,
  WorkerPool.threads,
);

/** Options of `runCli` / `runMain`. */
export interface RunCliOptions {
  /** The app's package.json (name, version, dependency versions for the manifest). */
  readonly packageJson: URL;
  /** The program name shown in messages (default: the package name without scope). */
  readonly program?: string;
  /** Layers for the app's services (default {@link AppLayer}); tests swap them. */
  readonly layer?: Layer.Layer<AppServices>;
  /** Where help, version and results go (default process.stdout). */
  readonly stdout?: ProgressStream;
  /** Where the one-line errors go (default process.stderr). */
  readonly stderr?: ProgressStream;
}

/** The minimal platform effect/cli needs: no file-system flags, no prompts, no processes. */
const platform = (stdout: ProgressStream) =>
  Layer.mergeAll(
    FileSystem.layerNoop({}),
    Path.layer,
    Stdio.layerTest({}),
    Layer.succeed(
      Terminal.Terminal,
      Terminal.make({
        columns: Effect.succeed(stdout.columns ?? 80),
        rows: Effect.succeed(24),
        size: Effect.die("no terminal size"),
        readInput: Effect.die("no terminal input"),
        readLine: Effect.die("no terminal input"),
        display: (s) => Effect.sync(() => void stdout.write(s)),
      }),
    ),
    Layer.succeed(
      ChildProcessSpawner.ChildProcessSpawner,
      ChildProcessSpawner.make(() => Effect.die("no child processes")),
    ),
  );

/** One line for an effect/cli parse error (its `_tag` and fields). */
function usageLine(e: Record<string, unknown>): string {
  const list = (v: unknown) => (Array.isArray(v) ? v.join(" ") : String(v));
  const suggest = (v: unknown) =>
    Array.isArray(v) && v.length > 0 ? ` (did you mean ${v.join(", ")}?)` : "";
  switch (e._tag) {
    case "InvalidValue": {
      // effect/cli's `expected` is a choice list ("a" | "b") or a whole sentence
      // ("Expected a string representing a finite number"): do not say "expected" twice
      const expected = String(e.expected).replace(/^expected\s+/i, "");
      return `invalid value for --${e.option}: ${JSON.stringify(e.value)} (expected ${expected})`;
    }
    case "UnrecognizedOption":
      return `unknown flag ${e.option}${suggest(e.suggestions)}`;
    case "UnexpectedArgument":
      return `unexpected argument ${list(e.arguments)}`;
    case "UnknownSubcommand":
      return `unknown command ${JSON.stringify(e.subcommand)}${suggest(e.suggestions)}`;
    case "MissingOption":
      return `missing flag --${e.option}`;
    default:
      return String(e.message ?? e._tag);
  }
}

/** The one-line message of a run failure. */
function failureLine(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0];
  const m = (error as { message?: unknown } | null)?.message;
  return typeof m === "string" ? m.split("\n")[0] : String(error);
}

/**
 * Runs `command` on `argv` (without `node script`); resolves to the exit code (see the
 * module doc). `signal` aborts the run as SIGINT does (exit 130).
 */
export async function runCli<Name extends string, I, E, R extends AppServices | never>(
  // biome-ignore lint/complexity/noBannedTypes: effect/cli's own default for a command without context input
  command: Command.Command<Name, I, {}, E, R>,
  argv: readonly string[],
  options: RunCliOptions,
  signal?: AbortSignal,
): Promise<number> {
  const meta = packageVersions(options.packageJson);
  const program = options.program ?? meta.name.replace(/^@[^/]+\//, "");
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  currentMeta = { program, version: meta.version, argv, packages: meta.packages };
  let implicitHelp: string | undefined;
  const presenter = CliOutput.layerPresenter({
    present: (event) =>
      Effect.gen(function* () {
        const formatter = yield* CliOutput.Formatter;
        if (event._tag === "Version")
          stdout.write(`${formatter.formatVersion(event.name, event.version)}\n`);
        else if (event._tag === "Help") {
          const text = `${formatter.formatHelpDoc(event.helpDoc)}\n`;
          if (event.reason === "Requested") stdout.write(text);
          else implicitHelp = text;
        }
      }),
  });
  const formatter = CliOutput.layer(CliOutput.defaultFormatter({ colors: false }));
  const effect = Command.runWith(command, { version: meta.version, renderErrors: false })(
    argv,
  ).pipe(
    Effect.provide(
      Layer.mergeAll(options.layer ?? AppLayer, platform(stdout), presenter, formatter),
    ),
  ) as Effect.Effect<void, unknown>;
  const fiber = Effect.runFork(effect);
  const onAbort = () => Effect.runFork(Fiber.interrupt(fiber));
  signal?.addEventListener("abort", onAbort, { once: true });
  const exit = await Effect.runPromise(Fiber.await(fiber));
  signal?.removeEventListener("abort", onAbort);
  if (Exit.isSuccess(exit)) return 0;
  if (Exit.hasInterrupts(exit) && !exit.cause.reasons.some((r) => r._tag === "Fail")) {
    stderr.write(`${program}: interrupted\n`);
    return 130;
  }
  const fail = exit.cause.reasons.find((r) => r._tag === "Fail");
  const error = fail && "error" in fail ? (fail.error as Record<string, unknown>) : undefined;
  if (error?._tag === "ShowHelp") {
    const errors = (error.errors ?? []) as Record<string, unknown>[];
    if (errors.length === 0) {
      if (implicitHelp !== undefined) stdout.write(implicitHelp);
      return 0;
    }
    const path = (error.commandPath as string[] | undefined)?.join(" ") ?? program;
    stderr.write(`${program}: ${usageLine(errors[0])} (see ${path} --help)\n`);
    return 2;
  }
  if (error !== undefined) {
    stderr.write(`${program}: ${failureLine(error)}\n`);
    return exitCodeOf(error);
  }
  const defect = exit.cause.reasons.find((r) => r._tag === "Die");
  stderr.write(
    `${program}: unexpected failure: ${failureLine(defect && "defect" in defect ? defect.defect : exit.cause)}\n`,
  );
  return 1;
}

/**
 * `runCli` bound to a command and its options: `(argv, io?) => exit code`, `io` redirecting
 * stdout/stderr (what an app exports for its tests).
 */
export const cliRunner =
  <Name extends string, I, E, R extends AppServices | never>(
    // biome-ignore lint/complexity/noBannedTypes: effect/cli's own default for a command without context input
    command: Command.Command<Name, I, {}, E, R>,
    options: RunCliOptions,
  ) =>
  (argv: readonly string[], io: Pick<RunCliOptions, "stdout" | "stderr"> = {}): Promise<number> =>
    runCli(command, argv, { ...options, ...io });

/**
 * The bin's entry: runs `command` on `process.argv`, turns SIGINT/SIGTERM into an interrupt
 * (exit 130 once every resource is released) and sets the exit code.
 */
export function runMain<Name extends string, I, E, R extends AppServices | never>(
  // biome-ignore lint/complexity/noBannedTypes: effect/cli's own default for a command without context input
  command: Command.Command<Name, I, {}, E, R>,
  options: RunCliOptions,
): void {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  void runCli(command, process.argv.slice(2), options, controller.signal).then((code) => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (code === 130) process.exit(130);
    process.exitCode = code;
  });
}
