export type GracefulShutdown = {
  // How long the work in flight may take after the signal before the process gives up on it.
  graceMs: number;
  // Stops taking work, lets what runs finish, closes the connections.
  stop: () => Promise<void>;
  log: (message: string) => void;
};

// On SIGINT or SIGTERM (Ctrl-C, a deployment, a supervisor): finish the work in flight, then exit 0.
// Work that outlasts the grace period is abandoned with exit 1, so an orchestrator's own kill
// deadline is never what ends the process, and the log says what happened.
export function stopGracefullyOnSignal(options: GracefulShutdown): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.log(`${signal}: finishing the work in flight (at most ${Math.round(options.graceMs / 1000)} s)`);
    const deadline = setTimeout(() => {
      options.log(`The work in flight did not finish within ${options.graceMs} ms; exiting without it.`);
      process.exit(1);
    }, options.graceMs);
    options.stop().then(
      () => {
        clearTimeout(deadline);
        process.exit(0);
      },
      (error: unknown) => {
        options.log(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
