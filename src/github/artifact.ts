// Uploads the run's journals and report as one workflow artifact through @actions/artifact v6, and
// says why it cannot when it cannot (modelled on actions/upload-artifact src/shared/upload-artifact.ts).
// Failures come back as Errors with a one-line message; the caller prints them as warnings, since
// an artifact never decides the gate. The library is imported lazily, on the first upload only.
import { createHash } from 'node:crypto';

export interface ArtifactUploadResult {
  readonly id: number;
  readonly size: number;
  readonly url: string;
  readonly name: string;
}

export interface ArtifactUploader {
  upload(name: string, files: readonly string[], rootDirectory: string, retentionDays?: number): Promise<ArtifactUploadResult>;
}

/** What this adapter needs of `DefaultArtifactClient` (tests may inject a stand-in). */
export interface ArtifactClientLike {
  uploadArtifact(name: string, files: string[], rootDirectory: string, options?: { retentionDays?: number }): Promise<{ id?: number; size?: number }>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Characters the artifact service rejects in a name (`validateArtifactName` in @actions/artifact). */
const FORBIDDEN_NAME_CHARACTERS = /[":<>|*?\r\n\\/]/;
const MAX_NAME_LENGTH = 200;

/** The variables @actions/artifact reads from `process.env` while starting an upload. */
const LIBRARY_ENV_KEYS = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL', 'GITHUB_WORKSPACE', 'GITHUB_RETENTION_DAYS'] as const;

/**
 * `${base}-${job}[-${matrix}]-attempt-${runAttempt}`, with the characters the service forbids
 * (`" : < > | * ? \r \n \ /`, and other control characters) replaced by `-`, runs of `-` (with the spaces around them) collapsed,
 * ends trimmed, at most 200 characters. When it must be shortened, the job/matrix part is cut and a
 * short hash of the full name is kept so that matrix legs stay distinct; the attempt suffix is
 * always kept, so that "Re-run jobs" (same run, new attempt) does not collide.
 */
export function artifactName(base: string, parts: { job?: string; runAttempt?: string; matrix?: string }): string {
  const clean = (s: string | undefined): string =>
    (s ?? '')
      .replace(/[":<>|*?\\/\u0000-\u001f\u007f]/g, '-')
      .replace(/\s*-[\s-]*/g, '-')
      .replace(/^[\s-]+|[\s-]+$/g, '');
  const head = [clean(base) || 'chaos', clean(parts.job), clean(parts.matrix)].filter((s) => s !== '').join('-');
  const attempt = clean(parts.runAttempt);
  const tail = attempt === '' ? '' : `-attempt-${attempt}`;
  const full = `${head}${tail}`;
  if (full.length <= MAX_NAME_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const room = MAX_NAME_LENGTH - tail.length - hash.length - 1;
  if (room < 1) return `${head.slice(0, MAX_NAME_LENGTH - hash.length - 1).replace(/[\s-]+$/, '')}-${hash}`;
  return `${head.slice(0, room).replace(/[\s-]+$/, '')}-${hash}${tail}`;
}

/**
 * Whether an upload can happen with this environment, and if not, why. Outside a runner (or in a
 * `run:` step, which the runner does not give the runtime token) ACTIONS_RUNTIME_TOKEN and
 * ACTIONS_RESULTS_URL are missing; GitHub Enterprise Server is not supported by @actions/artifact v2+.
 */
export function artifactAvailable(env: Env): { ok: true } | { ok: false; reason: string } {
  const serverUrl = env['GITHUB_SERVER_URL'] || 'https://github.com';
  let host: string;
  try {
    host = new URL(serverUrl).hostname.toUpperCase();
  } catch {
    return { ok: false, reason: `GITHUB_SERVER_URL is not a URL (${serverUrl})` };
  }
  if (host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST')) {
    return { ok: false, reason: `artifact upload is not supported on GitHub Enterprise Server (${serverUrl}) by @actions/artifact v2+` };
  }
  const runtime = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((k) => !env[k]);
  if (runtime.length > 0) {
    return {
      ok: false,
      reason: `${runtime.join(' and ')} ${runtime.length > 1 ? 'are' : 'is'} not set: not running as a JavaScript action on a GitHub Actions runner (a run: step does not get the runtime token)`,
    };
  }
  const resultsUrl = env['ACTIONS_RESULTS_URL'] ?? '';
  if (!URL.canParse(resultsUrl)) return { ok: false, reason: `ACTIONS_RESULTS_URL is not a URL (${resultsUrl})` };
  const link = ['GITHUB_REPOSITORY', 'GITHUB_RUN_ID'].filter((k) => !env[k]);
  if (link.length > 0)
    return { ok: false, reason: `${link.join(' and ')} ${link.length > 1 ? 'are' : 'is'} not set, so the artifact cannot be linked to its workflow run` };
  return { ok: true };
}

/**
 * One uploader owning one artifact client. `env` is normally `process.env`; when it is another
 * object, its values for the variables the library reads are put in `process.env` just while the
 * library starts the upload (it reads them synchronously before its first request) and restored.
 */
export function artifactUploader(env: Env, client?: ArtifactClientLike): ArtifactUploader {
  let owned: Promise<ArtifactClientLike> | undefined = client ? Promise.resolve(client) : undefined;
  const getClient = (): Promise<ArtifactClientLike> => (owned ??= import('@actions/artifact').then(({ DefaultArtifactClient }) => new DefaultArtifactClient()));

  return {
    async upload(name, files, rootDirectory, retentionDays) {
      const available = artifactAvailable(env);
      if (!available.ok) throw new Error(`Cannot upload artifact "${name}": ${available.reason}`);
      if (!name || FORBIDDEN_NAME_CHARACTERS.test(name)) {
        throw new Error(
          `Cannot upload artifact "${oneLine(name)}": the name is empty or contains a character the service forbids (" : < > | * ? \\r \\n \\ /)`,
        );
      }
      if (files.length === 0) throw new Error(`Cannot upload artifact "${name}": there are no files to upload`);
      if (retentionDays !== undefined && !(Number.isInteger(retentionDays) && retentionDays >= 1)) {
        throw new Error(`Cannot upload artifact "${name}": retention days must be a whole number of days, at least 1 (got ${retentionDays})`);
      }
      let response: { id?: number; size?: number };
      try {
        const artifactClient = await getClient();
        const options = retentionDays === undefined ? {} : { retentionDays };
        response = await withLibraryEnv(env, () => artifactClient.uploadArtifact(name, [...files], rootDirectory, options), 'started');
      } catch (error) {
        throw new Error(describeFailure(name, error), { cause: error });
      }
      const runUrl = `${(env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '')}/${env['GITHUB_REPOSITORY']}/actions/runs/${env['GITHUB_RUN_ID']}`;
      const id = response.id ?? 0;
      return { id, size: response.size ?? 0, name, url: response.id === undefined ? runUrl : `${runUrl}/artifacts/${id}` };
    },
  };
}

/**
 * Calls `run` with `env`'s library variables (`keys`) in `process.env`, and restores them: once it
 * has returned (`until: 'started'`: an upload reads them synchronously before its first request) or
 * once it has settled (`'settled'`: a download reads them after its first await).
 */
export async function withLibraryEnv<T>(env: Env, run: () => Promise<T>, until: 'started' | 'settled', keys: readonly string[] = LIBRARY_ENV_KEYS): Promise<T> {
  if (env === process.env) return run();
  const saved = keys.map((k) => [k, process.env[k]] as const);
  const set = (k: string, v: string | undefined): void => {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
  for (const k of keys) set(k, env[k]);
  try {
    const running = run();
    return until === 'settled' ? await running : running;
  } finally {
    for (const [k, v] of saved) set(k, v);
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** A one-line, actionable message for a failed upload. */
function describeFailure(name: string, error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; code?: unknown; statusCode?: unknown } | null | undefined;
  const errorName = typeof e?.name === 'string' ? e.name : '';
  const raw = typeof e?.message === 'string' ? e.message : String(error);
  const firstLine = oneLine(raw.split(/\r?\n/)[0] ?? raw);
  const prefix = `Artifact "${name}" was not uploaded`;
  const code = typeof e?.code === 'string' ? e.code : /Unable to make request: (\w+)/.exec(raw)?.[1];

  if (errorName === 'GHESNotSupportedError') return `${prefix}: artifact upload is not supported on GitHub Enterprise Server by @actions/artifact v2+`;
  if (errorName === 'UsageError') return `${prefix}: the artifact storage quota of this account has been hit`;
  if (errorName === 'FilesNotFoundError') return `${prefix}: ${firstLine}`;
  if (errorName === 'NetworkError' || (code && /^(ECONNRESET|ENOTFOUND|ETIMEDOUT|ECONNREFUSED|EHOSTUNREACH|EAI_AGAIN)$/.test(code))) {
    return `${prefix}: could not reach the artifact service (${code ?? 'network error'}); check that the runner can reach GitHub's results service`;
  }
  if (/\(409\)|\b409\b.*Conflict|already exists/i.test(raw)) {
    return `${prefix}: an artifact with this name already exists in this workflow run (409 Conflict); the name includes the job, the comment-key and the run attempt; give each matrix leg its own comment-key`;
  }
  if (/Unable to get the (ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|GITHUB_WORKSPACE) env variable/.test(raw)) {
    return `${prefix}: ${firstLine.replace(/^.*(Unable to get the \w+ env variable).*$/, '$1')}; artifacts can only be uploaded from a JavaScript action on a GitHub Actions runner`;
  }
  if (/Failed to get backend IDs/.test(raw)) return `${prefix}: ACTIONS_RUNTIME_TOKEN is not a runner token (no Actions.Results scope)`;

  const operation = /Failed to (CreateArtifact|FinalizeArtifact)\b/.exec(raw)?.[1];
  const status = /\((\d{3})\)/.exec(raw)?.[1] ?? (typeof e?.statusCode === 'number' ? String(e.statusCode) : undefined);
  const attempts = /after (\d+) attempts/.exec(raw)?.[1];
  const where = operation
    ? `the artifact service (${operation})`
    : /blob|storage|comp=/i.test(raw) || errorName === 'RestError'
      ? 'artifact storage'
      : 'the artifact service';
  if (status && Number(status) >= 500) {
    return `${prefix}: ${where} is unavailable (HTTP ${status}${attempts ? `, ${attempts} attempts` : ''}); this is usually temporary, see https://www.githubstatus.com`;
  }
  if ((status === '401' || status === '403') && where === 'artifact storage') {
    return `${prefix}: artifact storage refused the upload (HTTP ${status}: ${firstLine}); the signed upload URL may have expired`;
  }
  if (status === '401' || status === '403')
    return `${prefix}: ${where} refused the request (HTTP ${status}); the runtime token may have expired or lack access`;
  if (status) return `${prefix}: ${where} answered HTTP ${status}: ${firstLine}`;
  return `${prefix}: ${firstLine}`;
}
