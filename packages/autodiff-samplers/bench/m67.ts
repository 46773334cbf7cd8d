/**
 * The M67 cluster model and its data for the benchmarks: the Gaia catalogue through the app's
 * loader (the seed's cuts; needs `npm run build -w @sidereal/gaia-distances`), zero points 0
 * as in the Stan anchor run. Imported lazily so that the other benchmarks run without it.
 */
import type { initializeModel } from "@sidereal/autodiff-samplers";

export interface M67Bench {
  readonly clusterModel: Parameters<typeof initializeModel>[0];
  readonly data: {
    readonly parallax: Float64Array;
    readonly parallaxError: Float64Array;
    readonly zeroPoint: number;
  };
  readonly stars: number;
}

export async function loadM67Bench(): Promise<M67Bench> {
  const { loadM67 } = (await import("../../../apps/gaia-distances/dist/data.js")) as {
    loadM67: () => { parallax: Float64Array; parallaxError: Float64Array };
  };
  const { clusterModel } = (await import("@sidereal/parallax")) as unknown as {
    clusterModel: Parameters<typeof initializeModel>[0];
  };
  const cat = loadM67();
  return {
    clusterModel,
    data: { parallax: cat.parallax, parallaxError: cat.parallaxError, zeroPoint: 0 },
    stars: cat.parallax.length,
  };
}
