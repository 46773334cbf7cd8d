/**
 * Run configuration: command-line flags and an optional JSON or YAML file (`--config`), decoded
 * with effect/Schema (unknown keys rejected), merged over the seed's defaults of each
 * command. Bad values become a ConfigError naming the flag or field, before anything is
 * read or written.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Effect, Schema } from "effect";
import { parse as parseYaml } from "yaml";
import { BUNDLED_M67, type ParallaxCuts, SEED_CUTS } from "./data.js";
import { ConfigError } from "./errors.js";
import { BUNDLED_LINEAR } from "./linear-data.js";

export const COMMANDS = ["outliers", "single", "m67"] as const;
export type Command = (typeof COMMANDS)[number];

/** The resolved configuration of one run. */
export interface RunConfig {
  readonly command: Command;
  /** Output folder. */
  readonly out: string;
  /** Input file: the FITS catalogue (single, m67) or the line JSON (outliers). */
  readonly data: string;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  /** Use only the first N stars after the cuts (0 = all); for quick looks and tests. */
  readonly maxStars: number;
  /** Worker threads for the chains (default: one per chain, at most the cores). */
  readonly workers?: number;
  /** `single`: which star, by rank of parallax S/N in the cut catalogue (0 = lowest). */
  readonly rank: number;
  readonly cuts: ParallaxCuts;
}

/** The seed's settings of each command (chains × (warmup + draws), PRNG seed, input). */
export const DEFAULTS: Readonly<Record<Command, Omit<RunConfig, "command" | "out">>> = {
  outliers: {
    data: BUNDLED_LINEAR,
    chains: 2,
    warmup: 2000,
    draws: 2000,
    seed: 3,
    maxStars: 0,
    rank: 0,
    cuts: SEED_CUTS,
  },
  single: {
    data: BUNDLED_M67,
    chains: 2,
    warmup: 2000,
    draws: 4000,
    seed: 5,
    maxStars: 0,
    rank: 0,
    cuts: SEED_CUTS,
  },
  m67: {
    data: BUNDLED_M67,
    chains: 2,
    warmup: 2000,
    draws: 4000,
    seed: 7,
    maxStars: 0,
    rank: 0,
    cuts: SEED_CUTS,
  },
};
export const DEFAULT_OUT = "out/gaia-distances";

const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0));
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));
const Seed = NonNegativeInt.check(Schema.isLessThanOrEqualTo(4294967295));
const NonEmpty = Schema.String.check(Schema.isMinLength(1));

/** The JSON configuration file (every key optional; unknown keys are an error). */
export const FileConfig = Schema.Struct({
  command: Schema.optionalKey(Schema.Literals(COMMANDS)),
  out: Schema.optionalKey(NonEmpty),
  data: Schema.optionalKey(NonEmpty),
  chains: Schema.optionalKey(PositiveInt),
  warmup: Schema.optionalKey(NonNegativeInt),
  draws: Schema.optionalKey(PositiveInt),
  seed: Schema.optionalKey(Seed),
  maxStars: Schema.optionalKey(NonNegativeInt),
  workers: Schema.optionalKey(PositiveInt),
  rank: Schema.optionalKey(NonNegativeInt),
  cuts: Schema.optionalKey(
    Schema.Struct({
      parallaxMin: Schema.optionalKey(Schema.Finite),
      parallaxMax: Schema.optionalKey(Schema.Finite),
    }),
  ),
});
export type FileConfig = typeof FileConfig.Type;

/** The command-line flags after parsing, keyed by flag name (numbers from their text). */
const FlagConfig = Schema.Struct({
  out: Schema.optionalKey(NonEmpty),
  data: Schema.optionalKey(NonEmpty),
  config: Schema.optionalKey(NonEmpty),
  chains: Schema.optionalKey(PositiveInt),
  warmup: Schema.optionalKey(NonNegativeInt),
  draws: Schema.optionalKey(PositiveInt),
  seed: Schema.optionalKey(Seed),
  "max-stars": Schema.optionalKey(NonNegativeInt),
  workers: Schema.optionalKey(PositiveInt),
  rank: Schema.optionalKey(NonNegativeInt),
});

/** "at ["cuts"]["parallaxMin"]" → "cuts.parallaxMin" (the path effect/Schema reports). */
function issuePath(message: string): string | undefined {
  const m = /at ((?:\[[^\]]*\])+)/.exec(message);
  if (!m) return undefined;
  return [...m[1].matchAll(/\["?([^"\]]*)"?\]/g)].map((x) => x[1]).join(".");
}

function firstLine(message: string): string {
  return message.split("\n")[0].trim();
}

const decodeWith =
  <S extends Schema.Decoder<unknown>>(schema: S, fieldName: (path: string) => string) =>
  (input: unknown): Effect.Effect<S["Type"], ConfigError> =>
    Schema.decodeUnknownEffect(schema)(input, { onExcessProperty: "error" }).pipe(
      Effect.mapError((e) => {
        const path = issuePath(e.message) ?? "";
        return new ConfigError({ field: fieldName(path), reason: firstLine(e.message) });
      }),
    ) as Effect.Effect<S["Type"], ConfigError>;

/** Decodes a parsed JSON configuration (unknown keys rejected), naming the bad field. */
export const decodeFileConfig = (
  input: unknown,
  file = "config",
): Effect.Effect<FileConfig, ConfigError> =>
  decodeWith(FileConfig, (p) => `${p || "(root)"} (in ${file})`)(input);

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const NUMERIC_FLAGS = ["chains", "warmup", "draws", "seed", "max-stars", "workers", "rank"];

/** Parses argv (without `node main.js`): `[command] --flag value …`. */
export function parseCli(
  argv: readonly string[],
): Effect.Effect<{ command: Command; flags: typeof FlagConfig.Type; help: boolean }, ConfigError> {
  return Effect.gen(function* () {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: {
          out: { type: "string" },
          data: { type: "string" },
          config: { type: "string" },
          chains: { type: "string" },
          warmup: { type: "string" },
          draws: { type: "string" },
          seed: { type: "string" },
          "max-stars": { type: "string" },
          workers: { type: "string" },
          rank: { type: "string" },
          help: { type: "boolean", short: "h" },
        },
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const flag = /'(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? "arguments";
      return yield* Effect.fail(new ConfigError({ field: flag, reason: msg }));
    }
    const positionals = parsed.positionals;
    if (positionals.length > 1)
      return yield* Effect.fail(
        new ConfigError({
          field: "command",
          reason: `expected one command, got ${positionals.join(" ")}`,
        }),
      );
    const command = (positionals[0] ?? "m67") as Command;
    if (!COMMANDS.includes(command))
      return yield* Effect.fail(
        new ConfigError({
          field: "command",
          reason: `unknown command "${command}" (expected ${COMMANDS.join(", ")})`,
        }),
      );
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(parsed.values)) {
      if (k === "help") continue;
      raw[k] =
        NUMERIC_FLAGS.includes(k) && typeof v === "string" && NUMERIC.test(v) ? Number(v) : v;
    }
    const flags = yield* decodeWith(FlagConfig, (p) => `--${p}`)(raw);
    return { command, flags, help: parsed.values.help === true };
  });
}

/** YAML when the file name ends in `.yaml`/`.yml` (the `yaml` package), JSON otherwise. */
function readConfigFile(path: string): Effect.Effect<unknown, ConfigError> {
  return Effect.try({
    try: () => {
      const text = readFileSync(path, "utf8");
      return (/\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text)) as unknown;
    },
    catch: (e) =>
      new ConfigError({
        field: "--config",
        reason: `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
      }),
  });
}

/**
 * The run configuration from argv: the command's defaults, then the `--config` file, then
 * the flags. Fails with a ConfigError naming the flag or field for an unknown flag or
 * command, a value of the wrong type or range, an unknown key in the file, cuts with
 * parallaxMin ≥ parallaxMax, or an input file that does not exist.
 */
export function resolveConfig(argv: readonly string[]): Effect.Effect<RunConfig, ConfigError> {
  return Effect.gen(function* () {
    const { command: cliCommand, flags } = yield* parseCli(argv);
    const file: FileConfig =
      flags.config === undefined
        ? {}
        : yield* decodeFileConfig(yield* readConfigFile(flags.config), flags.config);
    const explicitCommand = argv.some((a) => (COMMANDS as readonly string[]).includes(a));
    const command = explicitCommand ? cliCommand : (file.command ?? cliCommand);
    const d = DEFAULTS[command];
    const cuts: ParallaxCuts = {
      parallaxMin: file.cuts?.parallaxMin ?? d.cuts.parallaxMin,
      parallaxMax: file.cuts?.parallaxMax ?? d.cuts.parallaxMax,
    };
    if (!(cuts.parallaxMin < cuts.parallaxMax))
      return yield* Effect.fail(
        new ConfigError({
          field: "cuts",
          reason: `parallaxMin (${cuts.parallaxMin}) must be below parallaxMax (${cuts.parallaxMax})`,
        }),
      );
    const workers = flags.workers ?? file.workers;
    const config: RunConfig = {
      command,
      out: flags.out ?? file.out ?? DEFAULT_OUT,
      data: flags.data ?? file.data ?? d.data,
      chains: flags.chains ?? file.chains ?? d.chains,
      warmup: flags.warmup ?? file.warmup ?? d.warmup,
      draws: flags.draws ?? file.draws ?? d.draws,
      seed: flags.seed ?? file.seed ?? d.seed,
      maxStars: flags["max-stars"] ?? file.maxStars ?? d.maxStars,
      rank: flags.rank ?? file.rank ?? d.rank,
      cuts,
      ...(workers !== undefined ? { workers } : {}),
    };
    if (!existsSync(config.data))
      return yield* Effect.fail(
        new ConfigError({
          field: flags.data !== undefined ? "--data" : `data (in ${flags.config ?? "defaults"})`,
          reason: `input file ${config.data} does not exist`,
        }),
      );
    return config;
  });
}
