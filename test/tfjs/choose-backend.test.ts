import { describe, expect, it } from 'vitest';
import { chooseBackend, type Probe } from '../../src/tfjs/backend/choose.js';
import type { TfjsBackend } from '../../src/config/tfjs-schema.js';

/** A probe over a fixed set of loadable backends that records what it was asked. */
function fakeProbe(loadable: TfjsBackend[]) {
  const asked: TfjsBackend[] = [];
  const probe = async (b: TfjsBackend): Promise<Probe> => {
    asked.push(b);
    return loadable.includes(b) ? { ok: true } : { ok: false, why: `${b} missing` };
  };
  return { probe, asked };
}

describe('chooseBackend', () => {
  it.each([
    { loadable: ['tensorflow', 'wasm', 'cpu'], chosen: 'tensorflow', asked: ['tensorflow'] },
    { loadable: ['wasm', 'cpu'], chosen: 'wasm', asked: ['tensorflow', 'wasm'] },
    { loadable: ['cpu'], chosen: 'cpu', asked: ['tensorflow', 'wasm', 'cpu'] },
    { loadable: ['tensorflow', 'cpu'], chosen: 'tensorflow', asked: ['tensorflow'] },
  ] as { loadable: TfjsBackend[]; chosen: TfjsBackend; asked: TfjsBackend[] }[])(
    'loadable $loadable: $chosen, probing no slower backend than needed',
    async ({ loadable, chosen, asked }) => {
      const f = fakeProbe(loadable);
      const choice = await chooseBackend(undefined, f.probe);
      expect(choice).toMatchObject({ ok: true, backend: chosen });
      expect(f.asked).toEqual(asked);
    },
  );

  it('says why faster backends were skipped', async () => {
    const choice = await chooseBackend(undefined, fakeProbe(['cpu']).probe);
    expect(choice).toEqual({
      ok: true,
      backend: 'cpu',
      skipped: ['tensorflow: tensorflow missing', 'wasm: wasm missing'],
    });
  });

  it('a pinned backend that loads is used, and only it is probed', async () => {
    const f = fakeProbe(['tensorflow', 'wasm', 'cpu']);
    expect(await chooseBackend('cpu', f.probe)).toMatchObject({ ok: true, backend: 'cpu' });
    expect(f.asked).toEqual(['cpu']);
  });

  it.each(['tensorflow', 'wasm'] as TfjsBackend[])(
    'a pinned %s that does not load is an error, not a fallback',
    async (b) => {
      const f = fakeProbe(['cpu']);
      const choice = await chooseBackend(b, f.probe);
      expect(choice.ok).toBe(false);
      if (!choice.ok) {
        expect(choice.message).toContain(`backend "${b}" is not available (${b} missing)`);
        expect(choice.message).toContain('remove `backend:`');
        expect(choice.message).not.toContain('\n');
      }
      expect(f.asked).toEqual([b]);
    },
  );

  it('nothing loads: an error naming every reason', async () => {
    const choice = await chooseBackend(undefined, fakeProbe([]).probe);
    expect(choice).toEqual({
      ok: false,
      message:
        'no TF.js backend could be loaded (tensorflow: tensorflow missing; wasm: wasm missing; cpu: cpu missing)',
    });
  });
});
