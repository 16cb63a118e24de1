/** The bundle's entry (dist/index.js, what action.yml runs): runs the action. main.ts runs nothing on import. */
import { run } from './main.js';

await run();
