/**
 * `trace(model)` (NumPyro's `trace`): records every site that reaches it, in execution
 * order, as a copy of its final message. `trace(model).getTrace(data)` runs the model once
 * with a fresh context and returns the record.
 *
 * @example
 * const tr = trace(seed(model, key(0))).getTrace(data);
 * tr.get("mu")?.value; // the draw of "mu"
 */
import { ModelContext } from "../context.js";
import type { Message, Messenger } from "../message.js";
import { type Model, wrapModel } from "../model.js";

/** Sites of one run by name, in execution order. */
export type Trace = Map<string, Message>;

/** A traced model: a model that can also return the trace of a run. */
export interface TracedModel<D, R> extends Model<D, R> {
  /** Runs the model once on `data` (fresh context) and returns its sites. */
  getTrace(data: D): Trace;
  /** Runs the model once on `data` and returns its sites and return value. */
  getTraceAndValue(data: D): { readonly trace: Trace; readonly value: R };
}

/** A messenger recording messages into `into`. */
export function traceMessenger(into: Trace): Messenger {
  return {
    postprocess(msg: Message): void {
      into.set(msg.name, { ...msg, condIndepStack: [...msg.condIndepStack] });
    },
  };
}

/** Wraps `model` so that its sites can be recorded (see {@link TracedModel}). */
export function trace<D, R>(model: Model<D, R>): TracedModel<D, R> {
  const getTraceAndValue = (data: D) => {
    const tr: Trace = new Map();
    const m = new ModelContext();
    const value = m.withMessenger(traceMessenger(tr), () => model.run(m, data));
    return { trace: tr, value };
  };
  const wrapped = wrapModel(model, (m, data, inner) =>
    m.withMessenger(traceMessenger(new Map()), () => inner(m, data)),
  );
  return { ...wrapped, getTrace: (data) => getTraceAndValue(data).trace, getTraceAndValue };
}
