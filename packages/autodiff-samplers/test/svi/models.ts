/** Test models shared by the SVI tests. */
import { Normal } from "@sidereal/distributions";
import { add, mul } from "@sidereal/tensor";
import { defineModel } from "../../src/ppl/index.js";

/** mu ~ N(1, 2), y_i ~ N(mu, 1.5). */
export const normalNormal = defineModel((m, y: readonly number[]) => {
  const mu = m.sample("mu", Normal(1, 2));
  m.plate("data", y.length, () => m.sample("y", Normal(mu, 1.5), { obs: y }));
});

/** a ~ N(0, 2), b ~ N(1, 3), y_i ~ N(a + b x_i, 0.5). */
export const regression = defineModel(
  (m, d: { readonly x: readonly number[]; readonly y: readonly number[] }) => {
    const a = m.sample("a", Normal(0, 2));
    const b = m.sample("b", Normal(1, 3));
    m.plate("data", d.x.length, () =>
      m.sample("y", Normal(add(a, mul(b, d.x)), 0.5), { obs: d.y }),
    );
  },
);
