import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };
export type LogLevel = Level | 'silent';

// The workers' log: one JSON object per line on stdout (pino), like the API's (Fastify's pino),
// so one collector reads both. `destination` lets a test read the lines it writes.
export function createWorkerLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ name: 'jobs', level, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

// Runners built without a logger (tests, tools) log nothing.
export const silentLogger: Logger = pino({ level: 'silent' });
