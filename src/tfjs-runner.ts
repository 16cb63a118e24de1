// Entry point of dist/tfjs-runner.js: runs one `tfjs` benchmark in its own process (see tfjs/io/runner-main.ts).
import { main } from './tfjs/io/runner-main.js';

process.exitCode = await main(process.argv.slice(2));
