// The connections one run of the steady-state hypothesis shares (the before or after check, one
// recovery sample): its probes reuse them, and they are all closed when that run ends, so no
// connection outlives a run of the hypothesis (none is kept across a fault, none past the run).
import type { SharedConnections } from '../contract/provider.js';
import type { ActivityEnvironment } from './activity.js';

export class ConnectionScope implements SharedConnections {
  private readonly open = new Map<string, { readonly value: unknown; close(): void }>();

  get<T>(key: string, open: () => { readonly value: T; close(): void }): T {
    let entry = this.open.get(key);
    if (!entry) {
      entry = open();
      this.open.set(key, entry);
    }
    return entry.value as T;
  }

  close(): void {
    for (const entry of this.open.values()) entry.close();
    this.open.clear();
  }
}

/** `env` whose activities share the connections of `scope`. */
export function sharingConnections<E extends Pick<ActivityEnvironment, 'providerContext'>>(env: E, scope: ConnectionScope): E {
  return { ...env, providerContext: { ...env.providerContext, connections: scope } };
}
