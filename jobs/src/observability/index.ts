// The workers' logs and metrics, for the worker entry point and the tests that read them.
export { createWorkerLogger, silentLogger, type LogLevel, type Logger } from './logger.ts';
export { createJobMetrics, type JobMetrics } from './job-metrics.ts';
export { listenForMetrics } from './metrics-listener.ts';
