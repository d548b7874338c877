// Downloads workflow artifacts through @actions/artifact v6, imported lazily (with @actions/github,
// which reads GITHUB_API_URL once, when first loaded):
// - of another run of this repository (the history of earlier runs): the public download, REST
//   `GET /actions/artifacts/{id}/zip` with the token, a redirect to the blob; needs `actions: read`;
// - of this run (the merge action fetches every matrix leg's journals): the runtime token's Twirp
//   ListArtifacts and GetSignedArtifactURL. The library reads its variables from process.env: they
//   are put there for the call and restored.
import { artifactAvailable, withLibraryEnv } from './artifact.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface OtherRunArtifacts {
  download(artifactId: number, runId: number, into: string): Promise<void>;
}

export function otherRunArtifacts(target: { readonly token: string; readonly owner: string; readonly repo: string }): OtherRunArtifacts {
  return {
    async download(artifactId, runId, into) {
      const { DefaultArtifactClient } = await import('@actions/artifact');
      await new DefaultArtifactClient().downloadArtifact(artifactId, {
        path: into,
        findBy: { token: target.token, workflowRunId: runId, repositoryOwner: target.owner, repositoryName: target.repo },
      });
    },
  };
}

export interface ListedArtifact {
  readonly id: number;
  readonly name: string;
}

export interface ArtifactDownloader {
  /** This run's artifacts, the latest of each name. */
  list(): Promise<ListedArtifact[]>;
  /** Downloads and unzips an artifact into `dir`. */
  download(id: number, dir: string): Promise<void>;
}

/** What this adapter needs of `DefaultArtifactClient` (tests may inject a stand-in). */
export interface DownloadClientLike {
  listArtifacts(options?: { latest?: boolean }): Promise<{ artifacts: { id: number; name: string }[] }>;
  downloadArtifact(id: number, options?: { path?: string }): Promise<unknown>;
}

/** The variables @actions/artifact reads while listing and downloading. */
const LIBRARY_ENV_KEYS = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL', 'GITHUB_WORKSPACE'] as const;

/** An artifact-name glob: `*` any run of characters, `?` one; everything else literal. */
export function nameMatcher(pattern: string): (name: string) => boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`);
  return (name) => re.test(name);
}

export function artifactDownloader(env: Env, client?: DownloadClientLike): ArtifactDownloader {
  let owned: Promise<DownloadClientLike> | undefined = client ? Promise.resolve(client) : undefined;
  const getClient = (): Promise<DownloadClientLike> =>
    (owned ??= import('@actions/artifact').then(({ DefaultArtifactClient }) => new DefaultArtifactClient() as unknown as DownloadClientLike));
  const ready = (): void => {
    const available = artifactAvailable(env);
    if (!available.ok) throw new Error(`cannot read this run's artifacts: ${available.reason}`);
  };
  return {
    async list() {
      ready();
      const c = await getClient();
      const { artifacts } = await withLibraryEnv(env, () => c.listArtifacts({ latest: true }), 'settled', LIBRARY_ENV_KEYS);
      return artifacts.map((a) => ({ id: a.id, name: a.name }));
    },
    async download(id, dir) {
      ready();
      const c = await getClient();
      await withLibraryEnv(env, () => c.downloadArtifact(id, { path: dir }), 'settled', LIBRARY_ENV_KEYS);
    },
  };
}
