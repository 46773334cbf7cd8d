/**
 * The error of model comparison (`loo`, `waic`, `compare`): a log-likelihood input that cannot
 * be used (wrong shape, too few draws, non-finite values, models on different data) or a bad
 * option. `argument` names the input or option, `reason` says what is wrong with it.
 */
import { Data } from "effect";

export class LooError extends Data.TaggedError("LooError")<{
  readonly argument: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `${this.argument}: ${this.reason}`;
  }
}
