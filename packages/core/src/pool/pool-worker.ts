import type { TaskOutcome } from '../inference/inference-task.js';
import { ensureContextManager } from '../telemetry/telemetry-async-context.js';
import { PoolWorkerEnvironment, type PoolTask } from './pool-worker-environment.js';

/** The piscina worker entry: one environment per thread, one call per request attempt. */
ensureContextManager();
const environment = new PoolWorkerEnvironment();

export default function runPoolTask(task: PoolTask): Promise<TaskOutcome> {
  return environment.run(task);
}
