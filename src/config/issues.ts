import type { z } from 'zod';
import type { Expectation } from './expectations.js';
import { describeValue, formatPath, valueAt } from './render.js';
import { allowedKeys, expectationOf, schemaAt } from './schema-walk.js';
import { closestMatch } from './suggest.js';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into one-line messages: `<file>: <path>: expected <what>, found <what>`.
 * The "expected" wording comes from the field's schema (expectations.ts), so it is the same
 * whichever check failed; zod's own message is only a fallback.
 */
export function issueLines(issues: readonly Issue[], input: unknown, root: z.core.$ZodType, file: string) {
  const lines = issues.flatMap((issue) => linesFor(issue, input, root, file));
  // Several checks on one field (e.g. min length and a refinement) word the same line.
  return [...new Set(lines)];
}

function at(file: string, path: readonly PropertyKey[]): string {
  const shown = formatPath(path);
  return shown ? `${file}: ${shown}: ` : `${file}: `;
}

function linesFor(issue: Issue, input: unknown, root: z.core.$ZodType, file: string): string[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schemaAt(root, issue.path));
    return issue.keys.map((key) => {
      const match = closestMatch(key, allowed);
      const advice = match ? `did you mean "${match}"?` : `allowed keys: ${allowed.join(', ')}`;
      return `${at(file, [...issue.path, key])}unknown key; ${advice}`;
    });
  }
  if (issue.code === 'invalid_key') {
    const expectation = expectationOf(schemaAt(root, issue.path, 'key'));
    const key = issue.path[issue.path.length - 1];
    return [
      `${at(file, issue.path)}expected ${expectation?.expected ?? issue.message}, found ${describeValue(key)}`,
    ];
  }
  const found = valueAt(input, issue.path);
  const own = issue.code === 'custom' ? issue.params?.['expected'] : undefined;
  const expectation: Expectation | undefined =
    typeof own === 'string' ? { expected: own } : expectationOf(schemaAt(root, issue.path));
  const hint = expectation?.hint?.(found);
  const expected = expectation?.expected ?? issue.message;
  return [
    `${at(file, issue.path)}expected ${expected}, found ${describeValue(found)}${hint ? `; ${hint}` : ''}`,
  ];
}
