import { parentPort, workerData } from 'node:worker_threads';
import type { LoadedPage } from '../read/load.js';
import { safeReadPage } from '../pipeline.js';

/** Worker side of the parse pool: read the pages it was handed, post the results back. */
const pages = workerData as LoadedPage[];
parentPort!.postMessage(pages.map((p) => safeReadPage(p.file, p.text)));
