/**
 * What the Independent and Masked wrappers share: their draws and moments are the base
 * distribution's (they change only how logProb is reduced or masked).
 */
import type { Shape, Tensor } from "@sidereal/tensor";
import { Distribution } from "../distribution.js";
import type { PRNGKey } from "../random/index.js";

export abstract class DelegatingDistribution extends Distribution {
  abstract readonly base: Distribution;

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return this.base.sample(key, sampleShape);
  }
  override get mean(): Tensor {
    return this.base.mean;
  }
  override get variance(): Tensor {
    return this.base.variance;
  }
}
