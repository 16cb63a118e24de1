import { TFJS_BACKENDS, type TfjsBackend } from '../../config/tfjs-schema.js';

export type Probe = { ok: true } | { ok: false; why: string };
export type Choice = { ok: true; backend: TfjsBackend; skipped: string[] } | { ok: false; message: string };

const REMEDY: Record<TfjsBackend, string> = {
  tensorflow: 'install @tensorflow/tfjs-node in the workspace (it downloads libtensorflow)',
  wasm: 'check that the tfjs-backend-wasm .wasm files ship beside tfjs-runner.js',
  cpu: 'the pure-JS backend should always load: please report this',
};

/**
 * Picks the backend: a pinned one or nothing; otherwise the fastest that loads, tensorflow (native) →
 * wasm → cpu. Probing stops at the first success, so a slower backend is never even initialised.
 */
export async function chooseBackend(
  pinned: TfjsBackend | undefined,
  probe: (b: TfjsBackend) => Promise<Probe>,
): Promise<Choice> {
  if (pinned) {
    const p = await probe(pinned);
    if (p.ok) return { ok: true, backend: pinned, skipped: [] };
    return {
      ok: false,
      message: `backend "${pinned}" is not available (${p.why}); ${REMEDY[pinned]}, or remove \`backend:\` to use the fastest available`,
    };
  }
  const skipped: string[] = [];
  for (const b of TFJS_BACKENDS) {
    const p = await probe(b);
    if (p.ok) return { ok: true, backend: b, skipped };
    skipped.push(`${b}: ${p.why}`);
  }
  return { ok: false, message: `no TF.js backend could be loaded (${skipped.join('; ')})` };
}
