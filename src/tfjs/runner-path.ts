import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where dist/tfjs-runner.js is. Bundled, this code sits in dist/cli.js beside it; run from the sources
 * (tests, tsx) it is two folders below the repository, whose dist/ holds the built runner.
 */
export function tfjsRunnerPath(moduleUrl: string = import.meta.url): string {
  const dir = path.dirname(fileURLToPath(moduleUrl));
  return path.basename(dir) === 'dist'
    ? path.join(dir, 'tfjs-runner.js')
    : path.resolve(dir, '..', '..', 'dist', 'tfjs-runner.js');
}
