/**
 * Run configuration: the command's defaults, then an optional `--config FILE.json|.yaml`,
 * then the flags, merged in that order and decoded by the command's `Schema` with unknown
 * keys rejected. A bad value becomes a `ConfigError` naming the flag (`--chains`) when it came
 * from a flag, or the field path (`cuts.parallaxMin`) and the file when it came from the
 * file; the path comes from Schema's issue tree (Standard Schema issues), never from message
 * text. Relative paths in a config file (the fields listed in `pathFields`) are resolved
 * against the file's folder, so a config works from any working directory.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { Effect, Schema, SchemaIssue } from "effect";
import { parse as parseYaml } from "yaml";
import { ConfigError, reasonOf } from "./errors.js";

/** Integer ≥ 1 (counts: chains, draws). */
export const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0));
/** Integer ≥ 0 (warmup, limits where 0 means "all"). */
export const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));
/** A PRNG seed: integer in [0, 2³² − 1]. */
export const Seed = NonNegativeInt.check(Schema.isLessThanOrEqualTo(4294967295));
/** A non-empty string (paths). */
export const NonEmptyString = Schema.String.check(Schema.isMinLength(1));

/**
 * The fields of the standard flags (`standardFlags`): `out`, `seed`, `chains`, `warmup`,
 * `draws`, `workers` (optional: default one per chain). Spread into a command's Struct.
 */
export const SamplingFields = {
  out: NonEmptyString,
  seed: Seed,
  chains: PositiveInt,
  warmup: NonNegativeInt,
  draws: PositiveInt,
  workers: Schema.optionalKey(NonNegativeInt),
} as const;

/** Where a value of the merged configuration came from. */
export type Origin = { readonly kind: "flag"; readonly flag: string } | { readonly kind: "file" };

/** Reads a config file: YAML for `.yaml`/`.yml`, JSON otherwise. */
export function readConfigFile(file: string): Effect.Effect<unknown, ConfigError> {
  return Effect.try({
    try: () => {
      const text = readFileSync(file, "utf8");
      return (/\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text)) as unknown;
    },
    catch: (e) =>
      new ConfigError({ field: "--config", reason: `cannot read ${file}: ${reasonOf(e)}` }),
  });
}

/** `value` at `path` inside `root` (undefined when absent). */
function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const show = (v: unknown): string => {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : String(v);
};

/**
 * Decodes `input` with `schema` (unknown keys rejected). On failure the first issue becomes a
 * `ConfigError`: its field is the flag of `origins` for that top-level key, or the dotted
 * path plus `file`; its reason is Schema's message and the offending value.
 */
export function decodeConfig<S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown,
  origins: Readonly<Record<string, Origin>> = {},
  file?: string,
): Effect.Effect<S["Type"], ConfigError> {
  return Schema.decodeUnknownEffect(schema)(input, { onExcessProperty: "error" }).pipe(
    Effect.mapError((e) => {
      const issues = SchemaIssue.makeFormatterStandardSchemaV1()(e.issue).issues;
      const first = issues[0];
      const path = (first?.path ?? []).map((p) =>
        typeof p === "object" && p !== null && "key" in p ? (p.key as PropertyKey) : p,
      );
      const origin = path.length > 0 ? origins[String(path[0])] : undefined;
      const value = at(input, path);
      const message = first?.message ?? e.message;
      const reason =
        message === "Expected no excess property"
          ? "unknown key"
          : value === undefined
            ? message
            : `${message}, got ${show(value)}`;
      if (origin?.kind === "flag") return new ConfigError({ field: `--${origin.flag}`, reason });
      const field = path.length > 0 ? path.map(String).join(".") : "(root)";
      return new ConfigError({ field, reason, ...(file !== undefined ? { file } : {}) });
    }),
  ) as Effect.Effect<S["Type"], ConfigError>;
}

/** Resolves the relative string paths at `pathFields` of a parsed config against `baseDir`. */
export function resolveConfigPaths(
  config: Readonly<Record<string, unknown>>,
  pathFields: readonly string[],
  baseDir: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const f of pathFields) {
    const v = out[f];
    if (typeof v === "string" && v.length > 0 && !isAbsolute(v)) out[f] = resolve(baseDir, v);
  }
  return out;
}

/** The folder a config file's relative paths are resolved against. */
export const configBaseDir = (file: string): string => dirname(resolve(file));
