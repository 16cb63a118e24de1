import { ProviderError } from './provider-error.js';

/** Reads a nested field from an untyped JSON answer; missing or wrong-typed → ProviderError "malformed". */
export function field(doc: unknown, path: (string | number)[], where: string): unknown {
  let v: unknown = doc;
  for (const key of path) {
    if (v === null || typeof v !== 'object') {
      throw new ProviderError('malformed', `${where}: answer lacks ${path.join('.')}`);
    }
    v = (v as Record<string | number, unknown>)[key];
  }
  if (v === undefined) throw new ProviderError('malformed', `${where}: answer lacks ${path.join('.')}`);
  return v;
}

export function numberField(doc: unknown, path: (string | number)[], where: string): number {
  const v = field(doc, path, where);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new ProviderError('malformed', `${where}: ${path.join('.')} is not a non-negative number`);
  }
  return v;
}

export function optionalString(doc: unknown, path: (string | number)[]): string | undefined {
  try {
    const v = field(doc, path, '');
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
