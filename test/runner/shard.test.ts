import { describe, expect, it } from 'vitest';
import {
  fnv1a32,
  parseNameList,
  parseShard,
  parseShardCount,
  selectNames,
  shardOf,
} from '../../src/runner/shard.js';

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 3 / 4 ', { index: 3, count: 4 }],
    ['256/256', { index: 256, count: 256 }],
    ['0/4', null],
    ['5/4', null],
    ['1/257', null],
    ['1/0', null],
    ['-1/4', null],
    ['1.5/4', null],
    ['2', null],
    ['2/4/8', null],
    ['a/b', null],
    ['', null],
  ])('%j → %j', (text, expected) => expect(parseShard(text)).toEqual(expected));
});

describe('parseShardCount (merge --expect, input shards)', () => {
  it.each([
    ['1', 1],
    [' 4 ', 4],
    ['256', 256],
    ['0', null],
    ['257', null],
    ['-1', null],
    ['4.0', null],
    ['1e1', null],
    ['', null],
  ])('%j → %j', (text, expected) => expect(parseShardCount(text)).toBe(expected));
});

describe('fnv1a32 (the documented assignment hash)', () => {
  // Reference vectors of FNV-1a 32-bit (Fowler/Noll/Vo test suite).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j → %i', (text, hash) => expect(fnv1a32(text)).toBe(hash));

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    expect(fnv1a32('é')).not.toBe(fnv1a32('\u00e9'.normalize('NFD')));
    expect(fnv1a32('日本')).toBe(fnv1a32('日本'));
  });
});

describe('selectNames', () => {
  const names = Array.from({ length: 40 }, (_, i) => `bench-${i}`);

  it('every benchmark is in exactly one shard, whatever N', () => {
    for (const n of [1, 2, 3, 4, 7, 256]) {
      const all = Array.from(
        { length: n },
        (_, k) => selectNames(names, { shard: { index: k + 1, count: n } }).selected,
      );
      expect(all.flat().sort()).toEqual([...names].sort());
    }
  });

  it('stable: independent of the order and of the other benchmarks (adding one moves no other)', () => {
    const before = new Map(names.map((n) => [n, shardOf(n, 4)]));
    const more = [...names, 'a-new-benchmark', 'another'].reverse();
    for (const n of names) expect(shardOf(n, 4)).toBe(before.get(n));
    const k2 = selectNames(more, { shard: { index: 2, count: 4 } }).selected;
    expect(k2.filter((n) => names.includes(n)).sort()).toEqual(
      selectNames(names, { shard: { index: 2, count: 4 } }).selected.sort(),
    );
  });

  it('spreads names over the shards (no shard of 4 empty for 40 names)', () => {
    for (let k = 1; k <= 4; k++)
      expect(selectNames(names, { shard: { index: k, count: 4 } }).selected.length).toBeGreaterThan(0);
  });

  it.each([
    [{ only: ['bench-3', 'bench-1'] }, ['bench-1', 'bench-3'], []],
    [{ only: ['bench-1', 'nope'] }, ['bench-1'], ['nope']],
    [{ only: ['bench-1'], shard: { index: 4, count: 4 } }, ['bench-1'], []],
    [{}, names, []],
  ])('%j: the explicit list wins, in config order; unknown names reported', (sel, selected, unknown) => {
    expect(selectNames(names, sel)).toEqual({ selected, unknown });
  });

  it('a shard with no benchmark is an empty selection, not an error', () => {
    expect(selectNames(['x'], { shard: { index: shardOf('x', 2) === 1 ? 2 : 1, count: 2 } })).toEqual({
      selected: [],
      unknown: [],
    });
  });
});

describe('parseNameList', () => {
  it.each([
    ['a,b', ['a', 'b']],
    [' a , b ,, a ', ['a', 'b']],
    ['', []],
  ])('%j → %j', (text, names) => expect(parseNameList(text)).toEqual(names));
});
