/** Worker of `run.ts`: runs the SBC replications it is given and posts them back. */
import { parentPort, workerData } from "node:worker_threads";
import { sbcModels } from "./models.ts";
import { type SbcSettings, sbcReplication } from "./sbc.ts";

interface Job {
  readonly model: number;
  readonly reps: readonly number[];
  readonly settings: SbcSettings;
}

const job = workerData as Job;
const m = sbcModels[job.model];
const out = job.reps.map((r) => sbcReplication(m, r, job.settings));
parentPort?.postMessage(out);
