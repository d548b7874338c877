// A real HTTP server on 127.0.0.1 emulating the few GitHub REST endpoints the sticky comment uses,
// for tests that drive the real Octokit (`getOctokit('token', { baseUrl: fake.url })`) against it.
//
//   GET   /repos/{owner}/{repo}/issues/{n}/comments        list, oldest first; per_page (default 30,
//   GET   /repositories/{id}/issues/{n}/comments            max 100) and page honoured; `Link` header
//                                                           as GitHub sends it (prev, next, last,
//                                                           first; absolute /repositories/{id} URLs)
//   POST  /repos/{owner}/{repo}/issues/{n}/comments        201 with the comment
//   PATCH /repos/{owner}/{repo}/issues/comments/{id}       200 with the comment
//   GET   /repos/{owner}/{repo}/actions/runs/{id}           a seeded workflow run
//   GET   /repos/{owner}/{repo}/actions/workflows/{id}/runs  its workflow's runs, newest first; branch,
//                                                           status and per_page honoured
//   GET   /repos/{owner}/{repo}/actions/runs/{id}/artifacts the run's artifacts
//   GET   /repos/{owner}/{repo}/actions/artifacts/{id}/zip  302 to a blob URL on this server, which
//                                                           answers the seeded zip (as the real API
//                                                           redirects to Azure Blob storage)
//
// Comments live in memory, can be seeded (any author: the token's bot, humans, other bots), and
// every request is recorded. `fail(endpoint, status)` makes an endpoint answer with GitHub's error
// body until `clearFailures()`. Validation mirrors GitHub's: a missing body or one over 65,536
// characters is a 422; an unknown comment id is a 404.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Endpoint = 'list' | 'create' | 'update' | 'run' | 'workflow-runs' | 'run-artifacts' | 'artifact-zip';

export interface Author {
  readonly login: string;
  readonly id: number;
  readonly type: 'Bot' | 'User' | 'Organization';
}

/** The author of comments created through the API: the GITHUB_TOKEN's identity. */
export const GITHUB_ACTIONS_BOT: Author = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const human = (login: string, id = 1000 + login.length): Author => ({ login, id, type: 'User' });
export const bot = (login: string, id = 2000 + login.length): Author => ({ login: login.endsWith('[bot]') ? login : `${login}[bot]`, id, type: 'Bot' });

export interface StoredComment {
  readonly id: number;
  readonly owner: string;
  readonly repo: string;
  readonly issue: number;
  body: string;
  readonly user: Author;
  readonly created_at: string;
  updated_at: string;
}

/** A workflow run the Actions endpoints answer about, with its artifacts (zip bytes). */
export interface SeededRun {
  readonly id: number;
  readonly workflowId: number;
  readonly branch: string;
  readonly headSha: string;
  /** ISO 8601; runs are listed newest first by it. */
  readonly createdAt: string;
  readonly status?: 'completed' | 'in_progress';
  /** The repository the run's head branch is in (a fork's pull request): this repository by default. */
  readonly headRepository?: string;
  readonly artifacts?: readonly { readonly id: number; readonly name: string; readonly zip: Buffer; readonly expired?: boolean }[];
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as received. */
  readonly target: string;
  readonly endpoint: Endpoint | 'unknown';
  readonly authorization: string | undefined;
  /** The parsed JSON body, if any. */
  readonly body: unknown;
  /** The status the fake answered with. */
  readonly status: number;
}

export interface FakeGitHubApi {
  /** e.g. http://127.0.0.1:1234 — pass as Octokit's baseUrl. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Adds a comment as if written by `user` (default: github-actions[bot]); returns it. */
  seed(target: { owner: string; repo: string; issue: number }, body: string, user?: Author): StoredComment;
  /** The issue's comments, oldest first (live objects). */
  comments(target: { owner: string; repo: string; issue: number }): StoredComment[];
  /** Adds a workflow run (and its artifacts) for the Actions endpoints. */
  seedRun(run: SeededRun): void;
  /** Makes `endpoint` answer `status` with GitHub's error body for that status, until cleared. */
  fail(endpoint: Endpoint, status: number, message?: string): void;
  clearFailures(): void;
  /** Requests made to one endpoint. */
  requestsTo(endpoint: Endpoint): RecordedRequest[];
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest/issues/comments';
const ACTIONS_DOCS = 'https://docs.github.com/rest/actions';
const DOC_URLS: Record<Endpoint, string> = {
  list: `${DOCS}#list-issue-comments`,
  create: `${DOCS}#create-an-issue-comment`,
  update: `${DOCS}#update-an-issue-comment`,
  run: `${ACTIONS_DOCS}/workflow-runs#get-a-workflow-run`,
  'workflow-runs': `${ACTIONS_DOCS}/workflow-runs#list-workflow-runs-for-a-workflow`,
  'run-artifacts': `${ACTIONS_DOCS}/artifacts#list-workflow-run-artifacts`,
  'artifact-zip': `${ACTIONS_DOCS}/artifacts#download-an-artifact`,
};
const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  422: 'Validation Failed',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
};
const MAX_BODY = 65_536;
const HTML_BASE = 'https://github.com';

export interface FakeGitHubOptions {
  /** Identity of the token; comments created through the API are authored by it. */
  readonly tokenUser?: Author;
}

export async function startFakeGitHubApi(options: FakeGitHubOptions = {}): Promise<FakeGitHubApi> {
  const tokenUser = options.tokenUser ?? GITHUB_ACTIONS_BOT;
  const comments: StoredComment[] = [];
  const requests: RecordedRequest[] = [];
  const failures = new Map<Endpoint, { status: number; message: string }>();
  const repoIds = new Map<string, number>();
  const repoById = new Map<number, { owner: string; repo: string }>();
  const sockets = new Set<Socket>();
  const runs: SeededRun[] = [];
  let nextCommentId = 1_000_001;
  let clock = Date.UTC(2026, 0, 1);
  let origin = '';

  const repoId = (owner: string, repo: string): number => {
    const key = `${owner}/${repo}`.toLowerCase();
    let id = repoIds.get(key);
    if (id === undefined) {
      id = 500_000 + repoIds.size + 1;
      repoIds.set(key, id);
      repoById.set(id, { owner, repo });
    }
    return id;
  };
  // Deterministic timestamps: one second per write, never the wall clock.
  const tick = (): string => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  const addComment = (owner: string, repo: string, issue: number, body: string, user: Author): StoredComment => {
    repoId(owner, repo);
    const at = tick();
    const comment: StoredComment = { id: nextCommentId++, owner, repo, issue, body, user, created_at: at, updated_at: at };
    comments.push(comment);
    return comment;
  };

  const issueComments = (owner: string, repo: string, issue: number): StoredComment[] =>
    comments.filter((c) => c.owner.toLowerCase() === owner.toLowerCase() && c.repo.toLowerCase() === repo.toLowerCase() && c.issue === issue);

  const toJson = (c: StoredComment): Record<string, unknown> => {
    const api = `${origin}/repos/${c.owner}/${c.repo}`;
    return {
      url: `${api}/issues/comments/${c.id}`,
      html_url: `${HTML_BASE}/${c.owner}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${api}/issues/${c.issue}`,
      id: c.id,
      node_id: `IC_kwDO${Buffer.from(String(c.id)).toString('base64url')}`,
      user: {
        login: c.user.login,
        id: c.user.id,
        node_id: `U_${c.user.id}`,
        type: c.user.type,
        site_admin: false,
        html_url: `${HTML_BASE}/${c.user.type === 'Bot' ? 'apps/' + c.user.login.replace(/\[bot\]$/, '') : c.user.login}`,
      },
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
      body: c.body,
      reactions: { total_count: 0 },
      performed_via_github_app: null,
    };
  };

  const send = (res: http.ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(data);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-github-request-id': `FAKE:${requests.length}`,
      ...headers,
    });
    res.end(text);
  };

  const errorBody = (status: number, message: string, endpoint: Endpoint | 'unknown'): Record<string, unknown> => ({
    message,
    documentation_url: endpoint === 'unknown' ? 'https://docs.github.com/rest' : DOC_URLS[endpoint],
    status: String(status),
  });

  const intParam = (value: string | null, fallback: number): number => {
    if (value === null || !/^\d+$/.test(value)) return fallback;
    const n = Number(value);
    return n > 0 ? n : fallback;
  };

  // Unannotated so that each branch can end with `return reply(…)` (reply returns nothing).
  const handle = (req: http.IncomingMessage, res: http.ServerResponse, raw: string) => {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const url = new URL(target, origin);
    const path = url.pathname;

    let endpoint: Endpoint | 'unknown' = 'unknown';
    let owner = '';
    let repo = '';
    let issue = 0;
    let commentId = 0;
    let m: RegExpExecArray | null;
    if ((m = /^\/blob\/(\d+)\.zip$/.exec(path)) && method === 'GET') {
      // The signed blob URL: no GitHub token is sent to it (as to Azure Blob storage).
      const artifact = runs.flatMap((r) => r.artifacts ?? []).find((a) => a.id === Number(m?.[1]));
      requests.push({ method, target, endpoint: 'unknown', authorization: req.headers.authorization, body: undefined, status: artifact ? 200 : 404 });
      if (!artifact) return send(res, 404, { message: 'BlobNotFound' });
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(artifact.zip.length) });
      return res.end(artifact.zip);
    }
    let actionsId = 0;
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/(runs|workflows|artifacts)\/(\d+)(\/runs|\/artifacts|\/zip)?$/.exec(path)) && method === 'GET') {
      [owner, repo] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
      actionsId = Number(m[4]);
      const kind = `${m[3]}${m[5] ?? ''}`;
      endpoint =
        kind === 'runs'
          ? 'run'
          : kind === 'workflows/runs'
            ? 'workflow-runs'
            : kind === 'runs/artifacts'
              ? 'run-artifacts'
              : kind === 'artifacts/zip'
                ? 'artifact-zip'
                : 'unknown';
    } else if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      [owner, repo] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
      issue = Number(m[3]);
      endpoint = method === 'GET' ? 'list' : method === 'POST' ? 'create' : 'unknown';
    } else if ((m = /^\/repositories\/(\d+)\/issues\/(\d+)\/comments$/.exec(path)) && method === 'GET') {
      const known = repoById.get(Number(m[1]));
      if (known) {
        ({ owner, repo } = known);
        issue = Number(m[2]);
        endpoint = 'list';
      }
    } else if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path)) && method === 'PATCH') {
      [owner, repo] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
      commentId = Number(m[3]);
      endpoint = 'update';
    }

    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const reply = (status: number, data: unknown, headers?: Record<string, string>): void => {
      requests.push({ method, target, endpoint, authorization: req.headers.authorization, body, status });
      send(res, status, data, headers);
    };
    const error = (status: number, message: string): void => reply(status, errorBody(status, message, endpoint));

    if (endpoint === 'unknown') return error(404, 'Not Found');
    const failure = failures.get(endpoint);
    if (failure) return error(failure.status, failure.message);
    if (!req.headers.authorization) return error(401, 'Requires authentication');

    const runJson = (r: SeededRun): Record<string, unknown> => ({
      id: r.id,
      workflow_id: r.workflowId,
      head_branch: r.branch,
      head_sha: r.headSha,
      head_repository: { full_name: r.headRepository ?? `${owner}/${repo}` },
      status: r.status ?? 'completed',
      conclusion: 'success',
      created_at: r.createdAt,
      html_url: `${HTML_BASE}/${owner}/${repo}/actions/runs/${r.id}`,
    });
    if (endpoint === 'run') {
      const run = runs.find((r) => r.id === actionsId);
      return run ? reply(200, runJson(run)) : error(404, 'Not Found');
    }
    if (endpoint === 'workflow-runs') {
      const branch = url.searchParams.get('branch');
      const status = url.searchParams.get('status');
      const perPage = Math.min(intParam(url.searchParams.get('per_page'), 30), 100);
      const listed = runs
        .filter((r) => r.workflowId === actionsId && (branch === null || r.branch === branch) && (status === null || (r.status ?? 'completed') === status))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return reply(200, { total_count: listed.length, workflow_runs: listed.slice(0, perPage).map(runJson) });
    }
    if (endpoint === 'run-artifacts') {
      const run = runs.find((r) => r.id === actionsId);
      if (!run) return error(404, 'Not Found');
      const artifacts = (run.artifacts ?? []).map((a) => ({
        id: a.id,
        name: a.name,
        size_in_bytes: a.zip.length,
        expired: a.expired ?? false,
        archive_download_url: `${origin}/repos/${owner}/${repo}/actions/artifacts/${a.id}/zip`,
        workflow_run: { id: run.id, head_branch: run.branch, head_sha: run.headSha },
      }));
      return reply(200, { total_count: artifacts.length, artifacts });
    }
    if (endpoint === 'artifact-zip') {
      const found = runs.some((r) => (r.artifacts ?? []).some((a) => a.id === actionsId && !a.expired));
      if (!found) return error(404, 'Not Found');
      requests.push({ method, target, endpoint, authorization: req.headers.authorization, body, status: 302 });
      res.writeHead(302, { location: `${origin}/blob/${actionsId}.zip?sig=fake` });
      return res.end();
    }

    if (endpoint === 'list') {
      const all = issueComments(owner, repo, issue);
      const perPage = Math.min(intParam(url.searchParams.get('per_page'), 30), 100);
      const page = intParam(url.searchParams.get('page'), 1);
      const lastPage = Math.max(1, Math.ceil(all.length / perPage));
      const pageUrl = (p: number): string => `${origin}/repositories/${repoId(owner, repo)}/issues/${issue}/comments?per_page=${perPage}&page=${p}`;
      const links: string[] = [];
      if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, lastPage))}>; rel="prev"`);
      if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
      if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
      const slice = all.slice((page - 1) * perPage, page * perPage).map(toJson);
      return reply(200, slice, links.length ? { link: links.join(', ') } : {});
    }

    const text = typeof body === 'object' && body !== null ? (body as { body?: unknown }).body : undefined;
    if (typeof text !== 'string') {
      return reply(422, { ...errorBody(422, 'Invalid request.\n\n"body" wasn\'t supplied.', endpoint) });
    }
    if (text.length > MAX_BODY) {
      return reply(422, {
        ...errorBody(422, 'Validation Failed', endpoint),
        errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${MAX_BODY} characters)` }],
      });
    }

    if (endpoint === 'create') {
      return reply(201, toJson(addComment(owner, repo, issue, text, tokenUser)), {
        location: `${origin}/repos/${owner}/${repo}/issues/comments/${nextCommentId - 1}`,
      });
    }

    // update
    const comment = comments.find((c) => c.id === commentId && c.owner.toLowerCase() === owner.toLowerCase() && c.repo.toLowerCase() === repo.toLowerCase());
    if (!comment) return error(404, 'Not Found');
    comment.body = text;
    comment.updated_at = tick();
    return reply(200, toJson(comment));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    requests,
    seed: (t, text, user = GITHUB_ACTIONS_BOT) => addComment(t.owner, t.repo, t.issue, text, user),
    seedRun: (run) => {
      runs.push(run);
    },
    comments: (t) => issueComments(t.owner, t.repo, t.issue),
    fail: (endpoint, status, message) => failures.set(endpoint, { status, message: message ?? DEFAULT_MESSAGES[status] ?? 'Error' }),
    clearFailures: () => failures.clear(),
    requestsTo: (endpoint) => requests.filter((r) => r.endpoint === endpoint),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
