// Parses Mermaid documents with Mermaid's own parser: documents separated by NUL bytes on standard
// input; prints one line per failure and exits 1 if any failed. The first argument is the
// node_modules directory holding `mermaid` and `jsdom` (installed outside the repository by
// .ci/run), which Mermaid needs because it sanitises labels through the DOM.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.argv[2];
const require = createRequire(join(modules, 'noop.js'));
const { JSDOM } = await import(pathToFileURL(require.resolve('jsdom')).href);
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);
mermaid.initialize({ startOnLoad: false });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const documents = input.split('\0').filter((d) => d.trim() !== '');
let failed = 0;
for (const [i, doc] of documents.entries()) {
  try {
    const parsed = await mermaid.parse(doc);
    if (!parsed || parsed.diagramType !== 'flowchart-v2') {
      throw new Error(`not a flowchart: ${parsed && parsed.diagramType}`);
    }
  } catch (e) {
    failed++;
    console.log(`document ${i}: ${e.message}\n${doc}`);
  }
}
console.log(`${documents.length - failed} of ${documents.length} documents parsed`);
process.exit(failed === 0 && documents.length > 0 ? 0 : 1);
