// chaosaws.fis natively: start, stop and read AWS Fault Injection Service experiments. FIS runs
// the fault itself; StartExperiment returns at once and nothing here waits for it to finish.
import {
  DeleteExperimentTemplateCommand,
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  type ExperimentSummary,
} from '@aws-sdk/client-fis';
import { ActivityFailed } from '../../contract/provider.js';
import { container, type AwsCall, type AwsFunction, type AwsTarget, type Observation } from './types.js';
import { withFisArns } from './fis-arn.js';
import { fisTargets } from './fis-targets.js';
import { botoResponse } from './boto-shape.js';
import { boto, BotoClientError } from './boto-error.js';
import { PyArgs } from './py-args.js';

const ACTIONS = 'chaosaws.fis.actions';

/** chaosaws wraps FIS errors as "<what> failed, reason was: <str(exception)>". */
function reason(what: string, err: unknown): never {
  if (err instanceof BotoClientError) throw new ActivityFailed(`${what} failed, reason was: ${err.message}`);
  throw err;
}

/** An experiment template as the guardrails see it, tags read from FIS when it exists. */
export async function templateTarget(id: string, client: FisClient, call: AwsCall): Promise<AwsTarget> {
  try {
    const out = await boto('GetExperimentTemplate', client.send(new GetExperimentTemplateCommand({ id }), { abortSignal: call.signal }));
    return { kind: 'fis:experiment-template', id, tags: out.experimentTemplate?.tags ?? {} };
  } catch (err) {
    if (err instanceof BotoClientError) return { kind: 'fis:experiment-template', id };
    throw err;
  }
}

/**
 * What starting the template `id` touches, for the guardrails: the template (read-only
 * GetExperimentTemplate: its tags are checked, it does not count) and every resource its targets
 * select (fis-targets.ts), which is what FIS changes. A template that cannot be read stands for an
 * unknown set of resources (refused); one that does not exist is declared alone, and FIS's answer
 * to StartExperiment is then chaosaws's failure (nothing can be started from it).
 */
export async function templateStartTargets(id: string, client: FisClient, call: AwsCall): Promise<AwsTarget[]> {
  const kind = 'fis:experiment-template';
  try {
    const out = await boto('GetExperimentTemplate', client.send(new GetExperimentTemplateCommand({ id }), { abortSignal: call.signal }));
    const template = out.experimentTemplate ?? {};
    return [container({ kind, id, tags: template.tags ?? {} }), ...(await fisTargets(`template ${id}`, template.targets, template.actions, call))];
  } catch (err) {
    if (!(err instanceof BotoClientError)) throw err;
    if (err.code === 'ResourceNotFoundException') return [{ kind, id }];
    return [container({ kind, id }), { kind, id: `${id}'s targets (the template could not be read: ${err.awsMessage})`, unbounded: true }];
  }
}

/** StartExperiment on a template, with chaosaws's optional clientToken and tags; `targets` as templateStartTargets. */
export async function startFromTemplate(
  client: FisClient,
  call: AwsCall,
  templateId: string,
  targets: readonly AwsTarget[],
  clientToken: string | undefined,
  tags: Record<string, string>,
): Promise<Record<string, unknown>> {
  await call.mutate('fis:StartExperiment', targets);
  try {
    const out = await boto(
      'StartExperiment',
      withFisArns(client).send(
        new StartExperimentCommand({
          experimentTemplateId: templateId,
          ...(clientToken ? { clientToken } : {}),
          ...(Object.keys(tags).length > 0 ? { tags } : {}),
        }),
        { abortSignal: call.signal },
      ),
    );
    const started = botoResponse(out);
    const id = out.experiment?.id;
    if (id) await call.confirm(`fis:StartExperiment ${templateId} (experiment ${id})`, () => experimentRuns(client, call, id));
    else
      await call.confirm(`fis:StartExperiment ${templateId}`, async () => ({ confirmed: false, final: true, seen: 'FIS answered without an experiment id' }));
    return started;
  } catch (err) {
    return reason('Start Experiment', err);
  }
}

/** FIS states that say the experiment injects (or did), that it may still, and that it will not. */
const RUNS = ['running', 'completed'];
const NOT_YET = ['pending', 'initiating'];

async function experimentRuns(client: FisClient, call: AwsCall, id: string): Promise<Observation> {
  const out = await boto('GetExperiment', client.send(new GetExperimentCommand({ id }), { abortSignal: call.signal }));
  const state = out.experiment?.state;
  const status = state?.status ?? 'unknown';
  const why = state?.reason ? `: ${state.reason}` : '';
  if (RUNS.includes(status)) return { confirmed: true, seen: `experiment ${id} is ${status}` };
  return { confirmed: false, final: !NOT_YET.includes(status), seen: `experiment ${id} is ${status}${why}` };
}

export const start_experiment: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.start_experiment`, args);
  if (!a.truthy('experiment_template_id')) {
    throw new ActivityFailed('You must pass a valid experiment template id, id provided was empty');
  }
  const id = a.str('experiment_template_id') as string;
  const clientToken = a.str('client_token');
  const tags = a.tagMap('tags');
  const client = withFisArns(await call.client(FisClient));
  return startFromTemplate(client, call, id, await templateStartTargets(id, client, call), clientToken, tags);
};

/** StopExperiment, once the guardrails allowed it. */
async function stop(client: FisClient, call: AwsCall, id: string): Promise<Record<string, unknown>> {
  try {
    return botoResponse(await boto('StopExperiment', client.send(new StopExperimentCommand({ id }), { abortSignal: call.signal })));
  } catch (err) {
    return reason('Stop Experiment', err);
  }
}

export const stop_experiment: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.stop_experiment`, args);
  if (!a.truthy('experiment_id')) throw new ActivityFailed('You must pass a valid experiment id, id provided was empty');
  const id = a.str('experiment_id') as string;
  const client = withFisArns(await call.client(FisClient));
  let tags: Record<string, string> | undefined;
  try {
    const out = await boto('GetExperiment', client.send(new GetExperimentCommand({ id }), { abortSignal: call.signal }));
    tags = out.experiment?.tags ?? {};
  } catch (err) {
    // An unknown experiment: StopExperiment reports it in chaosaws's words below.
    if (!(err instanceof BotoClientError)) throw err;
  }
  await call.mutate('fis:StopExperiment', [{ kind: 'fis:experiment', id, tags }]);
  return stop(client, call, id);
};

const STOPPABLE = ['pending', 'initiating', 'running', 'completed'];

/** Every experiment of the account and region, all pages (chaosaws reads only the first 100). */
async function listExperiments(client: FisClient, call: AwsCall): Promise<ExperimentSummary[]> {
  const all: ExperimentSummary[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await boto('ListExperiments', client.send(new ListExperimentsCommand({ maxResults: 100, nextToken: token }), { abortSignal: call.signal }));
      all.push(...(page.experiments ?? []));
      token = page.nextToken;
    } while (token);
  } catch (err) {
    return reason('Listing Experiments', err);
  }
  return all;
}

/** stop_experiments_by_tags, shared with the AZ scenario's restore. */
export async function stopExperimentsByTags(
  tags: Record<string, string>,
  deleteTemplates: boolean,
  client: FisClient,
  call: AwsCall,
): Promise<Record<string, unknown>[]> {
  const matching = (await listExperiments(client, call)).filter((x) => {
    const have = x.tags ?? {};
    const carriesAll = Object.entries(tags).every(([k, v]) => Object.hasOwn(have, k) && have[k] === v);
    return carriesAll && STOPPABLE.includes(x.state?.status ?? '');
  });
  if (matching.length === 0) return [];
  // Two experiments of one template delete it once (chaosaws's second delete fails).
  const templateIds = [...new Set(matching.map((x) => x.experimentTemplateId).filter((id): id is string => !!id))];
  const experiments = matching.map((x): AwsTarget => ({ kind: 'fis:experiment', id: x.id ?? '', tags: x.tags ?? {} }));
  if (deleteTemplates) {
    // A template goes with its experiments: checked, not counted.
    const templates = (await Promise.all(templateIds.map((id) => templateTarget(id, client, call)))).map(container);
    await call.mutate('fis:StopExperiment (then fis:DeleteExperimentTemplate)', [...experiments, ...templates]);
  } else {
    await call.mutate('fis:StopExperiment', experiments);
  }
  const stopped: Record<string, unknown>[] = [];
  for (const x of experiments) stopped.push(await stop(client, call, x.id));
  if (deleteTemplates) {
    for (const id of templateIds) {
      try {
        await boto('DeleteExperimentTemplate', client.send(new DeleteExperimentTemplateCommand({ id }), { abortSignal: call.signal }));
      } catch (err) {
        reason(`Delete Experiment template ${id}`, err);
      }
    }
  }
  return stopped;
}

export const stop_experiments_by_tags: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.stop_experiments_by_tags`, args);
  const tags = a.tagMap('tags');
  const deleteTemplates = a.truthy('delete_templates', false);
  const client = withFisArns(await call.client(FisClient));
  return stopExperimentsByTags(tags, deleteTemplates, client, call);
};

export const get_experiment: AwsFunction = async (args, call) => {
  const a = new PyArgs('chaosaws.fis.probes.get_experiment', args);
  if (!a.truthy('experiment_id')) throw new ActivityFailed('You must pass a valid experiment id, id provided was empty');
  const id = a.str('experiment_id') as string;
  const client = withFisArns(await call.client(FisClient));
  try {
    return botoResponse(await boto('GetExperiment', withFisArns(client).send(new GetExperimentCommand({ id }), { abortSignal: call.signal })));
  } catch (err) {
    return reason('Get Experiment', err);
  }
};
