import type { DocsSource } from '../read/load.js';
import { startMock } from '../mock/server.js';
import { whenParentExits } from '../build/parent-watch.js';
import { readDocs } from '../pipeline.js';
import { reportDiagnostics } from './report.js';

export interface MockArgs {
  docs: DocsSource;
  port: number;
  host: string;
  quiet: boolean;
  /** The config's `baseUrl`: links to it in examples are rewritten to the mock. */
  serviceRoot?: string;
}

/** `docs2ts mock`: serve the documented examples until SIGINT or SIGTERM; prints the URL. */
export async function mockCommand(args: MockArgs): Promise<number> {
  const read = await readDocs(args.docs);
  if (!args.quiet) reportDiagnostics(read.diagnostics, 'summary');
  const server = await startMock({
    model: read.model,
    port: args.port,
    host: args.host,
    ...(args.serviceRoot ? { serviceRoot: args.serviceRoot } : {}),
    log: args.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  const examples = read.model.operations.reduce(
    (n, op) => n + op.examples.filter((e) => e.response).length,
    0,
  );
  process.stdout.write(`${server.url}\n`);
  if (!args.quiet)
    process.stderr.write(
      `docs2ts mock: ${read.model.operations.length} operations, ${examples} example responses at ${server.url} (Ctrl-C to stop)\n`,
    );
  // Until a signal, or until the wrapper that started it (npx, a script) is gone.
  const why = await new Promise<string>((resolve) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const stop = (reason: string) => {
      for (const signal of signals) process.off(signal, stop);
      stopWatching();
      resolve(reason);
    };
    for (const signal of signals) process.on(signal, stop);
    const stopWatching = whenParentExits(() => stop('the process that started it exited'));
  });
  await server.close();
  if (!args.quiet) process.stderr.write(`docs2ts mock: stopped (${why})\n`);
  return 0;
}
