// SDK v3 outputs in the shape boto3 returns them, as Chaos Toolkit journals them: `$metadata`
// becomes `ResponseMetadata`, timestamps become Python's datetime.isoformat() of an aware UTC
// datetime ("2024-05-01T12:00:00+00:00", microseconds only when non-zero), and binary payloads
// become text. Tolerances in real experiments reach into these with jsonpath, so the shape matters.

import { httpHeadersOf } from '../http-headers.js';

interface SdkMetadata {
  readonly httpStatusCode?: number;
  readonly requestId?: string;
  readonly attempts?: number;
}

/** Python's datetime.isoformat() for an aware UTC datetime. */
export function pythonIsoformat(date: Date): string {
  const iso = date.toISOString(); // 2024-05-01T12:00:00.123Z
  const ms = date.getUTCMilliseconds();
  const base = iso.slice(0, 19);
  return `${base}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}000`}+00:00`;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return pythonIsoformat(value);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && k !== '$metadata') out[k] = convert(v);
    return out;
  }
  return value;
}

/** A whole SDK v3 command output as boto3's response dict. */
export function botoResponse(output: unknown): Record<string, unknown> {
  const converted = (convert(output) ?? {}) as Record<string, unknown>;
  const meta = (output as { $metadata?: SdkMetadata } | undefined)?.$metadata;
  converted.ResponseMetadata = {
    RequestId: meta?.requestId ?? '',
    HTTPStatusCode: meta?.httpStatusCode ?? 200,
    // Kept by the runtime's clients (http-headers.ts); a client built elsewhere (a test's mock) has none.
    HTTPHeaders: httpHeadersOf(output) ?? {},
    RetryAttempts: Math.max(0, (meta?.attempts ?? 1) - 1),
  };
  return converted;
}

/** A part of an SDK v3 output (a list entry, a nested structure) in boto3's shape, without metadata. */
export function botoValue(value: unknown): unknown {
  return convert(value);
}
