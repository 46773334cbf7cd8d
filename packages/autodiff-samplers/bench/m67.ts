/**
 * The M67 cluster model and its data for the benchmarks: the Gaia catalogue through the app's
 * loader (the seed's cuts; needs `npm run build -w @sidereal/gaia-distances`), zero points 0
 * as in the Stan anchor run (or, with `zeroPoints: "L21"`, the seed's per-star L21 zero points). Imported lazily so that the other benchmarks run without it.
 */
import type { initializeModel } from "@sidereal/autodiff-samplers";

export interface M67Bench {
  readonly clusterModel: Parameters<typeof initializeModel>[0];
  readonly data: {
    readonly parallax: Float64Array;
    readonly parallaxError: Float64Array;
    /** 0 (the Stan anchor) or the per-star L21 zero points (the seed's demo). */
    readonly zeroPoint: number | Float64Array;
  };
  readonly stars: number;
}

export async function loadM67Bench(
  options: { readonly zeroPoints?: "zero" | "L21" } = {},
): Promise<M67Bench> {
  const { loadM67 } = (await import("../../../apps/gaia-distances/dist/data.js")) as {
    loadM67: () => { parallax: Float64Array; parallaxError: Float64Array; zeroPoint: Float64Array };
  };
  const { clusterModel } = (await import("@sidereal/parallax")) as unknown as {
    clusterModel: Parameters<typeof initializeModel>[0];
  };
  const cat = loadM67();
  return {
    clusterModel,
    data: {
      parallax: cat.parallax,
      parallaxError: cat.parallaxError,
      zeroPoint: options.zeroPoints === "L21" ? cat.zeroPoint : 0,
    },
    stars: cat.parallax.length,
  };
}
