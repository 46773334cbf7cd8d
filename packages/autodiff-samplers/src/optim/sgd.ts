import {
  type CountState,
  checkLength,
  type GradientTransformation,
} from "./gradientTransformation.js";
import { type LearningRate, learningRateAt } from "./schedules.js";

/** Plain stochastic gradient descent: updates = −lr(count)·g (optax `sgd`, numpyro `SGD`). */
export function sgd(lr: LearningRate): GradientTransformation<CountState> {
  return {
    init: () => ({ count: 0 }),
    update(grads, state) {
      const a = learningRateAt(lr, state.count);
      const u = new Float64Array(grads.length);
      for (let i = 0; i < u.length; i++) u[i] = -a * grads[i];
      return [u, { count: state.count + 1 }];
    },
    updateInPlace(grads, state, params) {
      checkLength(params, grads.length);
      const a = learningRateAt(lr, state.count);
      for (let i = 0; i < grads.length; i++) params[i] = params[i] + -a * grads[i];
      return { count: state.count + 1 };
    },
  };
}
