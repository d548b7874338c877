// Content-Encoding: urllib3 decodes the final response body (gzip, deflate) before requests hands
// it over.
import { pyError } from './errors.js';

const CONTENT_DECODERS = new Set(['gzip', 'x-gzip', 'deflate']);

/** urllib3's content decoding (gzip, x-gzip, deflate, and comma-separated chains of them). */
export function decodeContent(body: Buffer, contentEncoding: string | undefined): Buffer {
  const encoding = (contentEncoding ?? '').toLowerCase();
  if (!body.length) return body;
  let modes: string[];
  if (CONTENT_DECODERS.has(encoding)) modes = [encoding];
  else if (encoding.includes(',') && encoding.split(',').some((e) => CONTENT_DECODERS.has(e.trim()))) {
    modes = encoding.split(',').map((e) => e.trim());
    if (modes.length > 5) throw pyError('requests.exceptions.ContentDecodingError', `Too many content encodings in the chain: ${modes.length} > 5`);
  } else return body;
  let data = body;
  try {
    // Applied in reverse order; in a chain, any unknown coding is treated as deflate (urllib3).
    for (const mode of [...modes].reverse()) data = mode === 'gzip' || mode === 'x-gzip' ? gunzip(data) : inflate(data);
  } catch {
    throw pyError('requests.exceptions.ContentDecodingError', `Received response with content-encoding: ${encoding}, but failed to decode it.`);
  }
  return data;
}

function gunzip(data: Buffer): Buffer {
  if (!data.length) return data;
  const zlib = process.getBuiltinModule('node:zlib');
  return zlib.gunzipSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

function inflate(data: Buffer): Buffer {
  if (!data.length) return data;
  const zlib = process.getBuiltinModule('node:zlib');
  try {
    return zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch {
    return zlib.inflateRawSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  }
}
