import { isMainThread, workerData } from 'node:worker_threads';
import { config } from 'zod';

// The `za-duties` executable (bundled to dist/cli.js with a `#!/usr/bin/env node` banner). The
// same file is the script of `za-duties batch --jobs N`'s worker threads (batch-worker.ts).
if (isMainThread) await cli();
else await batchWorker();

async function batchWorker(): Promise<void> {
  const { isBatchWorkerData, serveBatchJobs } = await import('./batch-worker.js');
  if (!isBatchWorkerData(workerData)) throw new Error('za-duties: started as a worker without batch worker data');
  serveBatchJobs(workerData);
}

async function cli(): Promise<void> {
  // zod compiles a fast path for each object schema the first time it parses; for a single case
  // (assess, check) that costs more than it saves (~30 ms of a cold start), so only the
  // long-running commands keep it. This must run before any schema is built, hence the dynamic
  // import of everything else below.
  const command = process.argv[2];
  if (command !== 'batch' && command !== 'serve') config({ jitless: true });

  // A closed stdout (piped into `head`) must not crash the process with a stack trace; a failed
  // write is seen by the CLI through its write callbacks. A failed write to stderr changes nothing.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  // batch: the first Ctrl-C (or SIGTERM) stops it cleanly — the records made so far are written
  // whole, then the summary, exit 1 ("stopped early"); a second one ends it at once (exit 130).
  let interrupt: AbortSignal | undefined;
  if (command === 'batch') {
    const controller = new AbortController();
    interrupt = controller.signal;
    const onSignal = (signal: NodeJS.Signals) => {
      if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
      controller.abort(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  const waitForShutdown = () =>
    new Promise<string>((resolve) => {
      const stop = (signal: string) => resolve(signal);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });

  try {
    const { run } = await import('./main.js');
    process.exitCode = await run(process.argv.slice(2), {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
      waitForShutdown,
      ...(interrupt ? { interrupt } : {}),
    });
  } catch {
    process.stderr.write('za-duties: internal error while starting; please report it\n');
    process.exitCode = 70;
  }
}
