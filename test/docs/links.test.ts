import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every relative link in README.md and docs/*.md must point at a file or folder of the repository and,
 * for `#anchor`s into markdown, at a heading that exists, so a section moved between pages cannot dangle.
 */

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** README.md and every docs/*.md, listed when the test runs (pages added later are covered too). */
function pages(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** The text with fenced code blocks blanked (line count kept), so their contents are neither links nor headings. */
function withoutFences(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && m) {
      fence = m[1]!;
      return '';
    }
    if (fence !== null) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
      return '';
    }
    return line;
  });
}

/** GitHub's heading anchor: lowercase, punctuation other than - and _ dropped, each space a hyphen. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors a markdown file offers: its headings' slugs (repeats get -1, -2, …) and explicit HTML ids. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const text = readFileSync(file, 'utf8');
  for (const line of withoutFences(text)) {
    const h = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (h) {
      const base = githubSlug(h[1]!);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const id of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(id[1]!);
  }
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** Inline links and images, reference definitions and HTML href/src, outside code. */
function linksOf(text: string): Link[] {
  const links: Link[] = [];
  withoutFences(text).forEach((raw, i) => {
    const line = raw.replace(/(`+)[^`]*?\1/g, ''); // inline code spans
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      links.push({ line: i + 1, target: m[1]! });
    const def = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (def) links.push({ line: i + 1, target: def[1]! });
    for (const m of line.matchAll(/\b(?:href|src)="([^"]+)"/g)) links.push({ line: i + 1, target: m[1]! });
  });
  return links;
}

/** Why the link does not resolve, or null when it does. */
function problem(page: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return null; // http:, mailto:, …
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const from = join(REPO_ROOT, page);
  const file =
    pathPart === ''
      ? from
      : pathPart.startsWith('/')
        ? join(REPO_ROOT, pathPart)
        : resolve(dirname(from), pathPart);
  if (relative(REPO_ROOT, file).startsWith('..')) return `${pathPart} leaves the repository`;
  if (!existsSync(file)) return `${relative(REPO_ROOT, file)} does not exist`;
  if (anchor === null || anchor === '' || !file.endsWith('.md') || statSync(file).isDirectory()) return null;
  return anchorsOf(file).has(anchor) ? null : `${relative(REPO_ROOT, file)} has no heading #${anchor}`;
}

describe('markdown links in README.md and docs/', () => {
  it('GitHub slugs: lowercase, punctuation dropped, spaces to hyphens', () => {
    expect(githubSlug('Fork PRs: the two-workflow pair')).toBe('fork-prs-the-two-workflow-pair');
    expect(githubSlug('`carbon-gate calibrate`')).toBe('carbon-gate-calibrate');
    expect(githubSlug('Budgets and `baseline: ab`')).toBe('budgets-and-baseline-ab');
    expect(githubSlug('Results (`npm run bench:power-model`)')).toBe('results-npm-run-benchpower-model');
    expect(githubSlug('A + B, measured')).toBe('a--b-measured');
    expect(githubSlug('See [the docs](x.md) 2.0')).toBe('see-the-docs-20');
  });

  it('finds links outside code only', () => {
    const text = [
      '[a](a.md) and `[b](b.md)` and ![c](img/c.png "title")',
      '```md',
      '[d](d.md)',
      '```',
      '[ref]: ./e.md',
      '<a href="f.md">f</a>',
    ].join('\n');
    expect(linksOf(text).map((l) => l.target)).toEqual(['a.md', 'img/c.png', './e.md', 'f.md']);
  });

  it.each(pages())('%s: every relative link resolves', (page) => {
    const text = readFileSync(join(REPO_ROOT, page), 'utf8');
    const broken = linksOf(text)
      .map((l) => ({ ...l, why: problem(page, l.target) }))
      .filter((l) => l.why !== null)
      .map((l) => `${page}:${l.line}: (${l.target}) ${l.why}`);
    expect(broken).toEqual([]);
  });

  it('README.md links every page it moved content to', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const targets = new Set(linksOf(readme).map((l) => l.target.split('#')[0]));
    for (const doc of [
      'docs/config.md',
      'docs/gate.md',
      'docs/tfjs-suite.md',
      'docs/methodology.md',
      'docs/action.md',
    ]) {
      expect(targets, doc).toContain(doc);
    }
  });

  it('README.md stays what a user needs first: under 20,000 bytes', () => {
    expect(statSync(join(REPO_ROOT, 'README.md')).size).toBeLessThanOrEqual(20_000);
  });
});
