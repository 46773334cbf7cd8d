/**
 * Flags of an app command: thin wrappers over `effect/cli`'s `Flag` that remember the flag's
 * name (so a configuration error can name `--max-stars` rather than `maxStars`) and that are
 * always optional at the command line, so that a value given neither as a flag nor in the
 * `--config` file falls back to the command's defaults. The record key under which a flag is
 * given to `appCommand` is the configuration field it sets.
 */
import { Option } from "effect";
import { Flag } from "effect/cli";

/** One flag of an app command (see the module doc). */
export interface AppFlag<A> {
  /** The flag's name without dashes (`max-stars`). */
  readonly name: string;
  /** The effect/cli flag, optional. */
  readonly flag: Flag.Flag<Option.Option<A>>;
  /** Set when the flag is a deprecated spelling of another field (its config key). */
  readonly deprecatedAliasOf?: string;
}

const make = <A>(name: string, flag: Flag.Flag<A>, description: string): AppFlag<A> => ({
  name,
  flag: flag.pipe(Flag.withDescription(description), Flag.optional),
});

/** Flag constructors (every flag is optional; see the module doc). */
export const Flags = {
  /** An integer flag (`--chains 4`); range checks belong to the config Schema. */
  int: (name: string, description: string): AppFlag<number> =>
    make(name, Flag.Int(name), description),
  /** A finite number flag. */
  number: (name: string, description: string): AppFlag<number> =>
    make(name, Flag.Finite(name), description),
  /** A string flag (paths included: they are resolved against the working directory). */
  string: (name: string, description: string): AppFlag<string> =>
    make(name, Flag.String(name), description),
  /** A switch: present = true, absent = whatever the config file or the defaults say. */
  boolean: (name: string, description: string): AppFlag<boolean> => ({
    name,
    flag: Flag.Boolean(name).pipe(
      Flag.withDescription(description),
      Flag.withDefault(false),
      Flag.map((b) => (b ? Option.some(true) : Option.none())),
    ),
  }),
  /** One of fixed strings. */
  choice: <const C extends readonly [string, ...string[]]>(
    name: string,
    choices: C,
    description: string,
  ): AppFlag<C[number]> => make(name, Flag.Literals(name, choices), description),
  /** A deprecated spelling of the flag of field `target` (warned about; the new flag wins). */
  deprecatedAlias: <A>(flag: AppFlag<A>, target: string): AppFlag<A> => ({
    ...flag,
    deprecatedAliasOf: target,
  }),
} as const;

/**
 * The flags every inference app shares, named alike in every app: `--out`, `--seed`,
 * `--chains`, `--warmup`, `--draws`, `--workers`. Spread them into a command's flags and give
 * its config Schema the matching fields (`SamplingFields` and `out`).
 */
export const standardFlags = {
  out: Flags.string("out", "output folder (written as a whole when the run completes)"),
  seed: Flags.int("seed", "PRNG seed"),
  chains: Flags.int("chains", "number of chains"),
  warmup: Flags.int("warmup", "warmup iterations per chain"),
  draws: Flags.int("draws", "kept draws per chain"),
  workers: Flags.int("workers", "worker threads for the chains (0: in this thread)"),
} as const;
