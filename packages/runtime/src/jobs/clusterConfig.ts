/**
 * The Effect Cluster settings of Sidereal jobs. The engine's defaults suit long-lived
 * services (a dead runner's shards move after 35 s); batch jobs want a dead runner's shards
 * taken over within seconds and a reply noticed soon after it is stored.
 */
import { Duration, Option } from "effect";
import { RunnerAddress, type ShardingConfig } from "effect/cluster";

export const JOB_SHARDING: Partial<ShardingConfig.ShardingConfig["Service"]> = {
  shardsPerGroup: 64,
  shardLockRefreshInterval: Duration.seconds(2),
  shardLockExpiration: Duration.seconds(10),
  entityMessagePollInterval: Duration.millis(500),
  entityReplyPollInterval: Duration.millis(100),
  refreshAssignmentsInterval: Duration.seconds(1),
  runnerHealthCheckInterval: Duration.seconds(2),
  runnerJoinDebounce: Duration.millis(200),
};

/** The settings of a runner listening on host:port. */
export const runnerSharding = (
  host: string,
  port: number,
): Partial<ShardingConfig.ShardingConfig["Service"]> => ({
  ...JOB_SHARDING,
  runnerAddress: Option.some(RunnerAddress.make(host, port)),
  runnerListenAddress: Option.some(RunnerAddress.make(host, port)),
});

/** The settings of a process that only submits jobs (no runner address). */
export const clientSharding: Partial<ShardingConfig.ShardingConfig["Service"]> = {
  ...JOB_SHARDING,
  runnerAddress: Option.none(),
};
