export { type Clock, createManualClock, type ManualClock, systemClock } from './clock.js'
export {
  createJobQueue,
  type Job,
  type JobHandler,
  type JobHandlerOptions,
  type JobLogger,
  type JobQueue,
  type JobQueueOptions,
  type LeasedJobHandler,
  type LeasedJobOptions,
} from './job-queue.js'
export { JOBS_CHANNEL, type JobRecord, JobState } from './jobs-store.js'
