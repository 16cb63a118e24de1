import { describe, expect, it } from 'vitest';
import { LinePrefixer } from '../../src/runner/io/line-prefixer.js';
import { collector } from '../helpers/collect.js';

describe('LinePrefixer', () => {
  it.each([
    [['a\nb\n'], '[x] a\n[x] b\n'],
    [['par', 'tial\nnext'], '[x] partial\n[x] next\n'],
    [['\n'], '[x] \n'],
    [[''], ''],
  ])('%j', (chunks, expected) => {
    const out = collector();
    const p = new LinePrefixer('[x] ', out);
    for (const c of chunks) p.write(c);
    p.flush();
    expect(out.text()).toBe(expected);
  });
});
