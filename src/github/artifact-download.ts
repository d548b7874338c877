// Downloads an artifact of another workflow run of this repository (the history of earlier runs)
// through @actions/artifact's public download: REST `GET /actions/artifacts/{id}/zip` with the
// token, a redirect to the blob, unpacked into a folder. Needs only `actions: read`. The library
// (and @actions/github, which reads GITHUB_API_URL once, when first loaded) is imported lazily.
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
