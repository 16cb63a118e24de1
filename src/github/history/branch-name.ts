/**
 * The data branch: its default and the names accepted for it, shared by the Action's history-branch input
 * and the CLI's `dashboard --branch` (the CLI may not import the Action).
 */
export const DEFAULT_DATA_BRANCH = 'carbon-gate-data';

/**
 * A plain branch name. It is put into git refspecs, so nothing that could read as an option or a range
 * (a leading `-`, `..`), and nothing git refuses as a ref (`//`, a trailing `/` or `.`, `.lock`).
 */
export function isBranchName(raw: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$/.test(raw) && !/\.\.|\/\/|\/$|\.lock$|\.$/.test(raw);
}
