/**
 * The bench's reference: a bare single-threaded remark + gfm parse of every page of a docs
 * folder, in a process of its own (as each cold generate is), printing its milliseconds.
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { loadDocs } from '../src/read/load.js';

const { pages } = await loadDocs(process.argv[2]);
const started = performance.now();
const bare = unified().use(remarkParse).use(remarkGfm);
for (const page of pages) bare.parse(page.text);
process.stdout.write(`${performance.now() - started}\n`);
