/**
 * The long-running package functions report through Effect's Logger when given a
 * `loggerSink`: fitAdvi's progress and convergence message, `svi(...).run`'s progress, and
 * `Progress.message` inside an `appCommand`; `--quiet` (minimum level Warn) silences them.
 * A test Logger layer records the messages.
 */
import { describe, expect, it } from "@effect/vitest";
import { AutoNormal, adam, defineModel, fitAdvi, svi } from "@sidereal/autodiff-samplers";
import { key, Normal } from "@sidereal/distributions";
import { appCommand, cliRunner, loggerSink, messageText, Progress } from "@sidereal/runtime";
import { Effect, Logger, References, Schema } from "effect";
import { Command } from "effect/cli";
import { sink } from "./helpers.js";

/** A Logger layer recording `LEVEL message` of every record into `into`. */
const capture = (into: string[]) =>
  Logger.layer([
    Logger.make(({ logLevel, message }) => void into.push(`${logLevel} ${messageText(message)}`)),
  ]);

// one latent mean, three observations: ADVI converges in a few hundred iterations
const data = { y: new Float64Array([0.8, 1.3, 0.9]) };
const meanModel = defineModel((m, d: typeof data) => {
  const mu = m.sample("mu", Normal(0, 10));
  m.plate("obs", d.y.length, () => m.sample("y", Normal(mu, 1), { obs: d.y }));
});

const runAdvi = Effect.gen(function* () {
  const progressStream = yield* loggerSink();
  return fitAdvi(meanModel, data, {
    n: 2000,
    learningRate: 0.1,
    draws: 0,
    seed: 3,
    progress: true,
    progressStream,
  });
});

describe("loggerSink", () => {
  it.effect("fitAdvi: progress lines and the convergence message reach the Logger", () => {
    const logged: string[] = [];
    return runAdvi.pipe(
      Effect.provide(capture(logged)),
      Effect.tap((r) =>
        Effect.sync(() => {
          // the reporter's non-TTY lines (one per 10 % of n), then fitAdvi's final message
          // ("Finished [100%]: …" or PyMC's two convergence lines), one Info record a line
          const messageLines = r.message.split("\n").map((l) => `Info ${l}`);
          expect(logged.slice(-messageLines.length)).toEqual(messageLines);
          const progressLines = logged.slice(0, -messageLines.length);
          expect(progressLines.length).toBe(Math.floor((10 * r.iterations) / 2000));
          for (const l of progressLines) expect(l).toMatch(/^Info SVI +\d+\/2000 +\d+% \| /);
          expect(logged.every((l) => !l.includes("\n") && !l.includes("\r"))).toBe(true);
        }),
      ),
    );
  });

  it.effect("svi.run: the progress reaches the Logger, one record per 10 %", () => {
    const logged: string[] = [];
    return Effect.gen(function* () {
      const progressStream = yield* loggerSink();
      const driver = svi(meanModel, AutoNormal(meanModel), adam(0.05));
      driver.run(key(1), 200, data, { progress: true, progressStream });
    }).pipe(
      Effect.provide(capture(logged)),
      Effect.tap(() =>
        Effect.sync(() => {
          expect(logged).toHaveLength(10); // 20, 40, …, 200 of 200 steps
          expect(logged[9]).toMatch(/^Info SVI 200\/200 100% \| .* it\/s \| init loss: /);
        }),
      ),
    );
  });

  it.effect("--quiet (minimum level Warn) silences them; a Warn sink still logs", () => {
    const logged: string[] = [];
    return Effect.gen(function* () {
      yield* runAdvi;
      (yield* loggerSink("Warn")).log("kept");
    }).pipe(
      Effect.provide(capture(logged)),
      Effect.provideService(References.MinimumLogLevel, "Warn"),
      Effect.map(() => expect(logged).toEqual(["Warn kept"])),
    );
  });

  it.effect("partial writes are joined into lines; ANSI redraws are dropped", () => {
    const logged: string[] = [];
    return Effect.gen(function* () {
      const s = yield* loggerSink();
      s.write("chain 1: 10/");
      s.write("100\n\x1b[2K\rchain 2: 5/100\n\n");
      s.write("tail");
      s.flush();
    }).pipe(
      Effect.provide(capture(logged)),
      Effect.map(() =>
        expect(logged).toEqual(["Info chain 1: 10/100", "Info chain 2: 5/100", "Info tail"]),
      ),
    );
  });
});

describe("appCommand: Progress.message goes through the Logger", () => {
  it("text, JSON and --quiet", async () => {
    const cmd = appCommand({
      name: "hello",
      description: "says hello through Progress",
      config: Schema.Struct({}),
      run: () =>
        Effect.gen(function* () {
          (yield* Progress).message("hello from the run");
        }),
    });
    const app = Command.make("greeter").pipe(Command.withSubcommands([cmd]));
    const run = cliRunner(app, {
      packageJson: new URL("../package.json", import.meta.url),
      program: "greeter",
    });
    const seen: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      seen.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    const err = sink();
    try {
      expect(await run(["hello"], { stderr: err })).toBe(0);
      expect(seen.join("")).toBe("hello from the run\n");
      seen.length = 0;
      expect(await run(["hello", "--log-format", "json"], { stderr: err })).toBe(0);
      const record = JSON.parse(seen.join("").trim());
      expect(record.message).toBe("hello from the run");
      expect(record.level).toBe("INFO");
      seen.length = 0;
      expect(await run(["hello", "--quiet"], { stderr: err })).toBe(0);
      expect(seen.join("")).toBe("");
    } finally {
      process.stderr.write = original;
    }
    expect(err.text()).toBe("");
  });
});
