// Endpoint overrides (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE_ID>), read from the run's
// environment rather than from process.env: the SDK reads process.env and ~/.aws/config by itself,
// but a run's environment also holds .env var files and the action's session, and must decide
// alone where requests go (e.g. to moto or LocalStack), the same way in every process.

/** The variable the SDKs read for a service id: "Elastic Load Balancing v2" -> AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2. */
function endpointVariable(serviceId: string): string {
  return [
    'AWS_ENDPOINT_URL',
    ...serviceId
      .split(' ')
      .filter(Boolean)
      .map((w) => w.toUpperCase()),
  ].join('_');
}

/** The endpoint the run's environment sets for a service, the service's own variable first. */
export function endpointFromEnv(serviceId: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  return env[endpointVariable(serviceId)] || env.AWS_ENDPOINT_URL || undefined;
}
