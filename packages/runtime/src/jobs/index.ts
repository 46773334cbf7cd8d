/** Jobs: the JobRunner service (local or Effect Cluster) and its parts. */
export { type Job, JobStorageError, ShardFailed, type ShardTask } from "./job.js";
export {
  type ClusterOptions,
  JobRunner,
  type JobRunnerService,
  type LocalOptions,
  type RunJobOptions,
} from "./jobRunner.js";
export {
  type RunnerChoice,
  RunnerChoiceFields,
  runnerChoiceFlags,
  runnerChoiceLayer,
} from "./runnerChoice.js";
export { parseRunnerArgs, runnerLayer } from "./runnerMain.js";
export { memoryShardStore, ShardStore, sqlShardStore } from "./shardStore.js";
export {
  DEFAULT_ATTEMPTS,
  failShardLayer,
  ShardFault,
  ShardTasks,
  shardTasksLayer,
} from "./shardTasks.js";
export { RUNNER_BIN, spawnRunners } from "./spawnRunners.js";
export { type JobStorage, parseStorage, storageLabel } from "./storage.js";
