/**
 * `loggerSink`: Effect's Logger as the plain text stream the numeric code writes to. The
 * long-running package functions (`fitAdvi`, `svi(...).run`, `mcmc`, hi-physics' models) are
 * synchronous and take a `progressStream` / `output` with a `write(text)`; an app gives them
 * `yield* loggerSink()` so their progress lines and final messages go through the Logger of
 * the command (`--log-format json` → JSON records, `--quiet` → dropped below Warn) instead of
 * writing to stderr behind its back.
 *
 * The sink captures the calling fiber's context (loggers, minimum level, log spans), so a
 * `write` from inside a numeric loop logs exactly as `Effect.log` in that fiber would. Text is
 * split into lines; a line is logged once its newline arrives. Carriage returns and ANSI
 * cursor codes (a TTY redraw) are dropped: the sink says `isTTY: false`, so the reporters
 * write plain lines at every 10 % anyway.
 */
import { Effect, Logger, type LogLevel } from "effect";

/** A stream whose lines go to the Logger (see the module doc). */
export interface LogSink {
  /** Appends text; every complete line is logged. */
  write(text: string): boolean;
  /** Always false: reporters write plain lines, not in-place redraws. */
  readonly isTTY: false;
  /** Logs one message at the sink's level (a callback for code that takes `(line) => void`). */
  readonly log: (message: string) => void;
  /** Logs a last incomplete line, if any. */
  readonly flush: () => void;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape codes of terminal redraws
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** A {@link LogSink} logging at `level` (default Info) in the calling fiber's context. */
export const loggerSink = (level: LogLevel.Severity = "Info"): Effect.Effect<LogSink> =>
  Effect.map(Effect.context<never>(), (context) => {
    const run = Effect.runSyncWith(context);
    const log = (message: string) => run(Effect.logWithLevel(level)(message));
    let pending = "";
    const emit = (raw: string) => {
      const line = raw.replace(ANSI, "").replace(/.*\r/, "").trimEnd();
      if (line !== "") log(line);
    };
    return {
      isTTY: false,
      log,
      write(text) {
        const parts = (pending + text).split("\n");
        pending = parts.pop() ?? "";
        for (const p of parts) emit(p);
        return true;
      },
      flush() {
        if (pending !== "") emit(pending);
        pending = "";
      },
    };
  });

/** The text of a log record's message (Effect passes the arguments of `Effect.log` as an array). */
export const messageText = (message: unknown): string =>
  Array.isArray(message) ? message.map((m) => String(m)).join(" ") : String(message);

/**
 * The `--log-format text` logger: one plain line per record on stderr (stdout carries the
 * results), the level shown only when it is not Info, e.g. `WARN --samples is deprecated`.
 */
export const textLogger = Logger.make(({ logLevel, message }) => {
  const text = messageText(message);
  process.stderr.write(`${logLevel === "Info" ? "" : `${logLevel.toUpperCase()} `}${text}\n`);
});

/** The `--log-format json` logger: one JSON record per line on stderr. */
export const jsonLogger = Logger.make((options) => {
  process.stderr.write(`${Logger.formatJson.log(options)}\n`);
});
