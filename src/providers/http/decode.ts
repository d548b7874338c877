// Content-Encoding: urllib3 decodes the final response body (gzip, deflate) before requests hands
// it over. Decoding stops once the output passes max-output bytes, so a small compressed body
// cannot inflate to gigabytes (urllib3 would decode it all).
import type { Transform } from 'node:stream';
import { pyError } from './errors.js';

const CONTENT_DECODERS = new Set(['gzip', 'x-gzip', 'deflate']);

export interface Decoded {
  readonly bytes: Buffer;
  /** The decoded body passed `limit` bytes: `bytes` is its first `limit` bytes. */
  readonly truncated: boolean;
}

/** urllib3's content decoding (gzip, x-gzip, deflate, and comma-separated chains of them), up to `limit` bytes. */
export async function decodeContent(body: Buffer, contentEncoding: string | undefined, limit: number): Promise<Decoded> {
  const encoding = (contentEncoding ?? '').toLowerCase();
  if (!body.length) return { bytes: body, truncated: false };
  let modes: string[];
  if (CONTENT_DECODERS.has(encoding)) modes = [encoding];
  else if (encoding.includes(',') && encoding.split(',').some((e) => CONTENT_DECODERS.has(e.trim()))) {
    modes = encoding.split(',').map((e) => e.trim());
    if (modes.length > 5) throw pyError('requests.exceptions.ContentDecodingError', `Too many content encodings in the chain: ${modes.length} > 5`);
  } else return { bytes: body, truncated: false };
  let data: Decoded = { bytes: body, truncated: false };
  try {
    // Applied in reverse order; in a chain, any unknown coding is treated as deflate (urllib3).
    for (const mode of [...modes].reverse()) {
      const next = mode === 'gzip' || mode === 'x-gzip' ? await gunzip(data.bytes, limit) : await inflate(data.bytes, limit);
      data = { bytes: next.bytes, truncated: data.truncated || next.truncated };
    }
  } catch {
    throw pyError('requests.exceptions.ContentDecodingError', `Received response with content-encoding: ${encoding}, but failed to decode it.`);
  }
  return data;
}

type Zlib = typeof import('node:zlib');
const zlib = (): Zlib => process.getBuiltinModule('node:zlib');

function gunzip(data: Buffer, limit: number): Promise<Decoded> {
  if (!data.length) return Promise.resolve({ bytes: data, truncated: false });
  return bounded(zlib().createGunzip({ finishFlush: zlib().constants.Z_SYNC_FLUSH }), data, limit);
}

async function inflate(data: Buffer, limit: number): Promise<Decoded> {
  if (!data.length) return { bytes: data, truncated: false };
  try {
    return await bounded(zlib().createInflate({ finishFlush: zlib().constants.Z_SYNC_FLUSH }), data, limit);
  } catch {
    return bounded(zlib().createInflateRaw({ finishFlush: zlib().constants.Z_SYNC_FLUSH }), data, limit);
  }
}

/** Runs `data` through a zlib stream, stopping it once more than `limit` bytes came out. */
function bounded(stream: Transform, data: Buffer, limit: number): Promise<Decoded> {
  return new Promise<Decoded>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        done = true;
        stream.destroy();
        resolve({ bytes: Buffer.concat(chunks).subarray(0, limit), truncated: true });
      }
    });
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve({ bytes: Buffer.concat(chunks), truncated: false });
    });
    stream.on('error', (e) => {
      if (done) return;
      done = true;
      reject(e);
    });
    stream.end(data);
  });
}
