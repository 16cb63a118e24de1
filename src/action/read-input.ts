/**
 * Reads an input as the runner passes it (INPUT_ + name upper-cased, hyphens kept). The composite report
 * action cannot set hyphenated env names, so the underscore spelling is accepted too.
 */
export function readInput(env: NodeJS.ProcessEnv): (name: string) => string {
  return (name) => {
    const upper = name.toUpperCase();
    return env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, '_')}`] ?? '';
  };
}
