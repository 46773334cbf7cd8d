/**
 * `Progress`: how a long run shows that it is alive. Tasks (a chain, a worker, a shard, an
 * optimiser) report `update(task, done, total, detail)` synchronously from the numeric code's
 * callbacks (no Effect in the hot loop; the layers throttle). The layers:
 *
 * - `Progress.tty(stream)`: one bar per task redrawn in place, with rate and ETA;
 * - `Progress.lines(stream)`: a plain line per task at every 10 % (logs, CI, pipes);
 * - `Progress.json(stream)`: the same as one JSON object per line (`--log-format json`);
 * - `Progress.quiet`: nothing (`--quiet`);
 * - `Progress.collect(into)`: records the events (tests).
 *
 * `Progress.layerFor({ quiet, logFormat })` picks one for a command line: quiet, else json,
 * else a TTY's bars, else lines.
 */
import { Context, Layer } from "effect";

/** What a stream needs: `write` and, for bars, `isTTY` / `columns`. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** One recorded event of `Progress.collect`. */
export interface ProgressEvent {
  readonly task: string;
  readonly done: number;
  readonly total: number;
  readonly detail?: string;
  readonly finished?: boolean;
}

/** The service (see the module doc). */
export interface ProgressShape {
  /** `task` has done `done` of `total` units; `detail` is a short free text (phase, step size). */
  readonly update: (task: string, done: number, total: number, detail?: string) => void;
  /** `task` is complete (its bar is drawn full and no longer updated). */
  readonly finish: (task: string) => void;
  /** A message line kept above the bars. */
  readonly message: (line: string) => void;
}

interface TaskState {
  /** When the task (or its current phase) was first reported, and how much was done then. */
  start: number;
  startDone: number;
  done: number;
  total: number;
  detail: string;
  lastDecile: number;
  finished: boolean;
}

const now = () => performance.now();

/**
 * Units per second and seconds left of a task (NaN until it has progressed since its first
 * report). The clock starts at the first report, so only units done after it count: a task
 * first seen at 11 of 10,000 (after a compile, say) must not claim 11 units in no time.
 */
function rateEta(t: TaskState, at: number): { rate: number; eta: number } {
  const seconds = (at - t.start) / 1000;
  const rate = seconds > 0 && t.done > t.startDone ? (t.done - t.startDone) / seconds : Number.NaN;
  return { rate, eta: rate > 0 ? (t.total - t.done) / rate : Number.NaN };
}

const fmtEta = (s: number) =>
  !Number.isFinite(s)
    ? "--:--"
    : `${Math.floor(s / 60)
        .toString()
        .padStart(2, "0")}:${Math.floor(s % 60)
        .toString()
        .padStart(2, "0")}`;

function tracker() {
  const tasks = new Map<string, TaskState>();
  /** Records a report; the first one, and the first of a new phase (a new total), start the clock. */
  const report = (task: string, done: number, total: number, detail: string | undefined) => {
    let t = tasks.get(task);
    const newPhase = t !== undefined && t.total !== total;
    if (t === undefined || newPhase) {
      t ??= { start: 0, startDone: 0, done, total, detail: "", lastDecile: -1, finished: false };
      t.start = now();
      t.startDone = done;
      tasks.set(task, t);
    }
    t.done = done;
    t.total = total;
    t.detail = detail ?? "";
    return { t, newPhase };
  };
  return { tasks, report };
}

/** Bars redrawn in place (ANSI cursor movement), at most every 100 ms. */
function ttyProgress(stream: ProgressStream, log?: (line: string) => void): ProgressShape {
  const { tasks, report } = tracker();
  let drawn = 0;
  let last = 0;
  const draw = (force: boolean) => {
    const at = now();
    if (!force && at - last < 100) return;
    last = at;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    let out = drawn > 0 ? `\x1b[${drawn}A` : "";
    for (const [name, t] of tasks) {
      const f = t.total > 0 ? Math.min(1, t.done / t.total) : 0;
      const fill = Math.round(f * width);
      const { rate, eta } = rateEta(t, at);
      out += `\x1b[2K${name.padEnd(12)} [${"#".repeat(fill)}${"-".repeat(width - fill)}] ${t.done}/${t.total} ${Number.isFinite(rate) ? rate.toFixed(1) : "-"}/s ETA ${fmtEta(t.finished ? 0 : eta)} ${t.detail}\n`;
    }
    drawn = tasks.size;
    stream.write(out);
  };
  return {
    update: (task, done, total, detail) => {
      report(task, done, total, detail);
      draw(false);
    },
    finish: (task) => {
      const t = tasks.get(task);
      if (t === undefined) return;
      t.finished = true;
      t.done = t.total;
      draw(true);
    },
    message: (line) => {
      // print above the bars: clear them, write the line, redraw
      if (drawn > 0) stream.write(`\x1b[${drawn}A\x1b[J`);
      drawn = 0;
      if (log !== undefined) log(line);
      else stream.write(`${line}\n`);
      draw(true);
    },
  };
}

/** A line (text or JSON) per task at every 10 % and at the end. */
function decileProgress(
  stream: ProgressStream,
  format: (task: string, t: TaskState, at: number) => string,
  formatMessage: (line: string) => string,
  log?: (line: string) => void,
): ProgressShape {
  const { tasks, report } = tracker();
  return {
    update: (task, done, total, detail) => {
      const { t, newPhase } = report(task, done, total, detail);
      if (newPhase) t.lastDecile = -1; // a new phase with its own total
      const decile = total > 0 ? Math.floor((10 * done) / total) : 0;
      if (decile > t.lastDecile) {
        t.lastDecile = decile;
        stream.write(`${format(task, t, now())}\n`);
      }
    },
    finish: (task) => {
      const t = tasks.get(task);
      if (t === undefined || t.finished) return;
      t.finished = true;
      if (t.lastDecile < 10) {
        t.done = t.total;
        stream.write(`${format(task, t, now())}\n`);
      }
    },
    message: (line) => (log !== undefined ? log(line) : stream.write(`${formatMessage(line)}\n`)),
  };
}

const linesFormat = (task: string, t: TaskState, at: number) => {
  const { rate, eta } = rateEta(t, at);
  return `${task}: ${t.done}/${t.total}${t.detail ? ` ${t.detail}` : ""} (${Number.isFinite(rate) ? rate.toFixed(1) : "-"}/s, ETA ${fmtEta(eta)})`;
};

const jsonFormat = (task: string, t: TaskState, at: number) => {
  const { rate, eta } = rateEta(t, at);
  return JSON.stringify({
    type: "progress",
    task,
    done: t.done,
    total: t.total,
    ...(t.detail ? { detail: t.detail } : {}),
    rate: Number.isFinite(rate) ? Number(rate.toFixed(3)) : null,
    etaSeconds: Number.isFinite(eta) ? Number(eta.toFixed(1)) : null,
  });
};

const silent: ProgressShape = { update: () => {}, finish: () => {}, message: () => {} };

/** Options of `Progress.layerFor`. */
export interface ProgressOptions {
  readonly quiet?: boolean;
  readonly logFormat?: "text" | "json";
  /** Default `process.stderr`. */
  readonly stream?: ProgressStream;
  /**
   * Where `message` lines go instead of the stream: `appCommand` passes its Logger (a
   * `loggerSink`'s `log`), so messages are log records (`--log-format json`) that `--quiet`
   * drops. Bars and progress lines stay on the stream.
   */
  readonly log?: (line: string) => void;
}

/** The progress service (see the module doc). */
export class Progress extends Context.Service<Progress, ProgressShape>()(
  "@sidereal/runtime/Progress",
) {
  /** Bars redrawn in place, with rate and ETA. */
  static readonly tty = (stream: ProgressStream = process.stderr): Layer.Layer<Progress> =>
    Layer.sync(Progress, () => ttyProgress(stream));
  /** A plain line per task every 10 %. */
  static readonly lines = (stream: ProgressStream = process.stderr): Layer.Layer<Progress> =>
    Layer.sync(Progress, () => decileProgress(stream, linesFormat, (l) => l));
  /** A JSON object per line every 10 %. */
  static readonly json = (stream: ProgressStream = process.stderr): Layer.Layer<Progress> =>
    Layer.sync(Progress, () =>
      decileProgress(stream, jsonFormat, (l) => JSON.stringify({ type: "message", message: l })),
    );
  /** Nothing at all. */
  static readonly quiet: Layer.Layer<Progress> = Layer.succeed(Progress, silent);
  /** Records every call into `into` (tests). */
  static readonly collect = (into: ProgressEvent[]): Layer.Layer<Progress> =>
    Layer.succeed(Progress, {
      update: (task, done, total, detail) =>
        into.push({ task, done, total, ...(detail !== undefined ? { detail } : {}) }),
      finish: (task) => into.push({ task, done: Number.NaN, total: Number.NaN, finished: true }),
      message: (line) => into.push({ task: "message", done: 0, total: 0, detail: line }),
    });
  /** The layer for a command line's `--quiet` / `--log-format` (see the module doc). */
  static readonly layerFor = (o: ProgressOptions = {}): Layer.Layer<Progress> =>
    Layer.sync(Progress, () => Progress.make(o));
  /** The service of {@link Progress.layerFor} (see {@link ProgressOptions}). */
  static readonly make = (o: ProgressOptions = {}): ProgressShape => {
    const stream = o.stream ?? process.stderr;
    if (o.quiet) return o.log !== undefined ? { ...silent, message: o.log } : silent;
    if (o.logFormat === "json")
      return decileProgress(
        stream,
        jsonFormat,
        (l) => JSON.stringify({ type: "message", message: l }),
        o.log,
      );
    return stream.isTTY
      ? ttyProgress(stream, o.log)
      : decileProgress(stream, linesFormat, (l) => l, o.log);
  };
}
