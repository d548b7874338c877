// A real local stand-in for the GitHub Actions results service, on 127.0.0.1 only, that the REAL
// @actions/artifact v6 client can upload to. It speaks:
// - Twirp JSON `POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact` and
//   `/FinalizeArtifact` (bearer token checked against the fake runtime token);
// - the two Azure Blob calls that `BlockBlobClient.uploadStream` makes on the signed upload URL:
//   `PUT ?comp=block&blockid=…` (one per 8 MB chunk) and `PUT ?comp=blocklist` (XML list), both 201.
// - for downloads (`listArtifacts`, `downloadArtifact` of this run): Twirp `ListArtifacts` (with
//   the optional name and id filters) and `GetSignedArtifactURL`, and the blob `GET` on the signed
//   URL, answering the zip as `application/zip`.
// Finalized artifacts are recorded with the file names and contents of their zip, read back through
// the zip's central directory and `node:zlib` inflateRaw. A test can make CreateArtifact answer 409
// for a name, make any call answer 500/403, or delete an artifact (a leg whose upload never happened).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';

export type FakeOperation = 'CreateArtifact' | 'FinalizeArtifact' | 'PutBlock' | 'PutBlockList' | 'ListArtifacts' | 'GetSignedArtifactURL' | 'GetBlob';

export interface RecordedArtifact {
  readonly id: number;
  readonly name: string;
  /** The size the client reported in FinalizeArtifact. */
  readonly size: number;
  /** The bytes of the uploaded blob (the zip). */
  readonly blob: Buffer;
  /** `sha256:<hex>` as the client reported it, when it did. */
  readonly hash: string | undefined;
  readonly mimeType: string | undefined;
  /** RFC 3339 expiry the client asked for (retention), when it did. */
  readonly expiresAt: string | undefined;
  /** File names inside the zip, sorted. */
  readonly files: readonly string[];
  /** Uncompressed contents of the zip entries, by name. */
  readonly contents: ReadonlyMap<string, Buffer>;
}

export interface RecordedCall {
  readonly operation: FakeOperation | 'unknown';
  readonly status: number;
}

export interface FakeArtifactService {
  /** The environment the client needs on a runner, pointing at this service. */
  readonly env: Readonly<Record<string, string>>;
  readonly resultsUrl: string;
  readonly workflowRunBackendId: string;
  readonly workflowJobRunBackendId: string;
  /** Finalized artifacts, in order. */
  readonly artifacts: readonly RecordedArtifact[];
  /** Every request, in order, with the status answered. */
  readonly calls: readonly RecordedCall[];
  /** CreateArtifact answers 409 Conflict for this name (as GitHub does for a duplicate in a run). */
  conflictOn(name: string): void;
  /** Removes a finalized artifact, as if it had never been uploaded (or had expired). */
  deleteArtifact(name: string): void;
  /** The operation (or every operation) answers `status` from now on, or for the next `times` calls. */
  failOn(operation: FakeOperation | 'any', status: 403 | 500, times?: number): void;
  close(): Promise<void>;
}

export interface FakeArtifactServiceOptions {
  readonly workspace?: string;
  readonly repository?: string;
  readonly runId?: string;
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';
const MAX_BODY = 64 * 1024 * 1024;

/** An unsigned JWT (alg none) whose `scp` claim carries the backend ids, as the runner's does. */
export function fakeRuntimeToken(runBackendId: string, jobBackendId: string): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`, exp: 4102444800 })}.`;
}

/** Twirp's JSON for a google.protobuf.Timestamp. */
const timestamp = (d: Date): string => d.toISOString();

interface PendingArtifact {
  name: string;
  mimeType: string | undefined;
  expiresAt: string | undefined;
  blobPath: string;
}

export async function startFakeArtifactService(options: FakeArtifactServiceOptions = {}): Promise<FakeArtifactService> {
  const workflowRunBackendId = randomUUID();
  const workflowJobRunBackendId = randomUUID();
  const token = fakeRuntimeToken(workflowRunBackendId, workflowJobRunBackendId);
  const artifacts: RecordedArtifact[] = [];
  const blobPaths = new Map<number, string>(); // artifact id → its blob
  const createdAt = new Map<number, Date>();
  const calls: RecordedCall[] = [];
  const conflicts = new Set<string>();
  const failures: { operation: FakeOperation | 'any'; status: number; remaining: number }[] = [];
  const pending = new Map<string, PendingArtifact>(); // by name, between Create and Finalize
  const blocks = new Map<string, Map<string, Buffer>>(); // blob path → block id → bytes
  const blobs = new Map<string, Buffer>(); // blob path → committed bytes
  let nextId = 1000;
  let origin = '';

  const injectedFailure = (operation: FakeOperation): number | undefined => {
    const f = failures.find((x) => (x.operation === operation || x.operation === 'any') && x.remaining > 0);
    if (!f) return undefined;
    f.remaining--;
    return f.status;
  };

  const twirpError = (res: http.ServerResponse, status: number, code: string, msg: string): number => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code, msg }));
    return status;
  };
  const storageError = (res: http.ServerResponse, status: number, code: string, message: string): number => {
    res
      .writeHead(status, { 'Content-Type': 'application/xml', 'x-ms-error-code': code, 'x-ms-request-id': randomUUID() })
      .end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
    return status;
  };

  const handleTwirp = (operation: FakeOperation, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): number => {
    const failure = injectedFailure(operation);
    if (failure === 500) return twirpError(res, 500, 'internal', 'injected outage');
    if (failure === 403) return twirpError(res, 403, 'permission_denied', 'injected refusal');
    if (req.headers.authorization !== `Bearer ${token}`) return twirpError(res, 401, 'unauthenticated', 'bad runtime token');
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return twirpError(res, 400, 'malformed', 'body is not JSON');
    }
    if (request['workflow_run_backend_id'] !== workflowRunBackendId || request['workflow_job_run_backend_id'] !== workflowJobRunBackendId) {
      return twirpError(res, 400, 'invalid_argument', 'backend ids do not match the runtime token');
    }
    if (operation === 'ListArtifacts') {
      const nameFilter = typeof request['name_filter'] === 'string' ? request['name_filter'] : undefined;
      const idFilter = typeof request['id_filter'] === 'string' || typeof request['id_filter'] === 'number' ? String(request['id_filter']) : undefined;
      const listed = artifacts
        .filter((a) => (nameFilter === undefined || a.name === nameFilter) && (idFilter === undefined || String(a.id) === idFilter))
        .map((a) => ({
          workflow_run_backend_id: workflowRunBackendId,
          workflow_job_run_backend_id: workflowJobRunBackendId,
          database_id: String(a.id),
          name: a.name,
          size: String(a.blob.length),
          created_at: timestamp(createdAt.get(a.id) ?? new Date()),
          ...(a.hash ? { digest: a.hash } : {}),
        }));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ artifacts: listed }));
      return 200;
    }
    if (operation === 'GetSignedArtifactURL') {
      const wanted = typeof request['name'] === 'string' ? request['name'] : '';
      const found = [...artifacts].reverse().find((a) => a.name === wanted);
      if (!found) return twirpError(res, 404, 'not_found', 'no artifact with this name');
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ signed_url: `${origin}${blobPaths.get(found.id)}?sv=2023-11-03&sr=b&sp=r&sig=fakesig` }));
      return 200;
    }
    const name = typeof request['name'] === 'string' ? request['name'] : '';
    if (operation === 'CreateArtifact') {
      if (conflicts.has(name) || pending.has(name) || artifacts.some((a) => a.name === name)) {
        return twirpError(res, 409, 'already_exists', 'an artifact with this name already exists on the workflow run');
      }
      const blobPath = `/devstoreaccount1/actions-results/${randomUUID()}/${encodeURIComponent(name)}.zip`;
      pending.set(name, {
        name,
        mimeType: typeof request['mime_type'] === 'string' ? request['mime_type'] : undefined,
        expiresAt: typeof request['expires_at'] === 'string' ? request['expires_at'] : undefined,
        blobPath,
      });
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ ok: true, signed_upload_url: `${origin}${blobPath}?sv=2023-11-03&sr=b&sp=cw&sig=fakesig` }));
      return 200;
    }
    const artifact = pending.get(name);
    const blob = artifact ? blobs.get(artifact.blobPath) : undefined;
    if (!artifact || !blob) return twirpError(res, 404, 'not_found', 'no uploaded artifact with this name');
    pending.delete(name);
    const id = nextId++;
    const contents = unzip(blob);
    const hash = request['hash'];
    blobPaths.set(id, artifact.blobPath);
    createdAt.set(id, new Date());
    artifacts.push({
      id,
      name,
      size: Number(request['size'] ?? 0),
      blob,
      hash: typeof hash === 'string' ? hash : undefined,
      mimeType: artifact.mimeType,
      expiresAt: artifact.expiresAt,
      files: [...contents.keys()].sort(),
      contents,
    });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, artifact_id: String(id) }));
    return 200;
  };

  const handleBlob = (url: URL, body: Buffer, res: http.ServerResponse): { operation: FakeOperation | 'unknown'; status: number } => {
    const comp = url.searchParams.get('comp');
    const operation: FakeOperation | 'unknown' = comp === 'block' ? 'PutBlock' : comp === 'blocklist' ? 'PutBlockList' : 'unknown';
    if (operation === 'unknown') return { operation, status: storageError(res, 400, 'UnsupportedQueryParameter', 'only comp=block and comp=blocklist') };
    const failure = injectedFailure(operation);
    if (failure === 500) return { operation, status: storageError(res, 500, 'InternalError', 'injected outage') };
    if (failure === 403) return { operation, status: storageError(res, 403, 'AuthenticationFailed', 'injected refusal') };
    if (url.searchParams.get('sig') !== 'fakesig') return { operation, status: storageError(res, 403, 'AuthenticationFailed', 'bad signature') };
    const created = { 'x-ms-request-id': randomUUID(), 'x-ms-version': '2025-01-05', 'x-ms-request-server-encrypted': 'true', Date: new Date().toUTCString() };
    if (operation === 'PutBlock') {
      const blockId = url.searchParams.get('blockid') ?? '';
      const staged = blocks.get(url.pathname) ?? new Map<string, Buffer>();
      staged.set(blockId, body);
      blocks.set(url.pathname, staged);
      res.writeHead(201, created).end();
      return { operation, status: 201 };
    }
    const staged = blocks.get(url.pathname) ?? new Map<string, Buffer>();
    const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1] ?? '');
    const parts: Buffer[] = [];
    for (const id of ids) {
      const block = staged.get(id);
      if (!block) return { operation, status: storageError(res, 400, 'InvalidBlockList', `unknown block ${id}`) };
      parts.push(block);
    }
    blobs.set(url.pathname, Buffer.concat(parts));
    blocks.delete(url.pathname);
    res
      .writeHead(201, { ...created, ETag: `"0x${randomUUID().replace(/-/g, '').slice(0, 15).toUpperCase()}"`, 'Last-Modified': new Date().toUTCString() })
      .end();
    return { operation, status: 201 };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      if (tooBig) {
        res.writeHead(413).end();
        calls.push({ operation: 'unknown', status: 413 });
        return;
      }
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && url.pathname.startsWith(TWIRP_PREFIX)) {
        const method = url.pathname.slice(TWIRP_PREFIX.length);
        if (method === 'CreateArtifact' || method === 'FinalizeArtifact' || method === 'ListArtifacts' || method === 'GetSignedArtifactURL') {
          calls.push({ operation: method, status: handleTwirp(method, req, body, res) });
          return;
        }
        twirpError(res, 404, 'bad_route', `no handler for ${method}`);
        calls.push({ operation: 'unknown', status: 404 });
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith('/devstoreaccount1/')) {
        const failure = injectedFailure('GetBlob');
        const blob = blobs.get(url.pathname);
        let status = 200;
        if (failure) status = storageError(res, failure, failure === 500 ? 'InternalError' : 'AuthenticationFailed', 'injected');
        else if (url.searchParams.get('sig') !== 'fakesig') status = storageError(res, 403, 'AuthenticationFailed', 'bad signature');
        else if (!blob) status = storageError(res, 404, 'BlobNotFound', 'no such blob');
        else res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(blob.length) }).end(blob);
        calls.push({ operation: 'GetBlob', status });
        return;
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/devstoreaccount1/')) {
        calls.push(handleBlob(url, body, res));
        return;
      }
      res.writeHead(404).end();
      calls.push({ operation: 'unknown', status: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    env: {
      ACTIONS_RUNTIME_TOKEN: token,
      ACTIONS_RESULTS_URL: `${origin}/`,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: options.repository ?? 'octo-org/chaos-demo',
      GITHUB_RUN_ID: options.runId ?? '4242',
      GITHUB_WORKSPACE: options.workspace ?? process.cwd(),
    },
    resultsUrl: origin,
    workflowRunBackendId,
    workflowJobRunBackendId,
    artifacts,
    calls,
    conflictOn: (name) => void conflicts.add(name),
    deleteArtifact: (name) => {
      for (let i = artifacts.length - 1; i >= 0; i--) if (artifacts[i]?.name === name) artifacts.splice(i, 1);
    },
    failOn: (operation, status, times = Number.POSITIVE_INFINITY) => void failures.unshift({ operation, status, remaining: times }),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** Entries of a zip (stored or deflated), read through its central directory. Not zip64. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (name.endsWith('/')) continue; // directory entry
    if (method === 0) entries.set(name, Buffer.from(data));
    else if (method === 8) entries.set(name, inflateRawSync(data));
    else throw new Error(`unsupported compression method ${method} for ${name}`);
  }
  return entries;
}
