// chaosaws.ssm: Systems Manager documents, commands and parameters (ssm/probes.py is empty).
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule('chaosaws.ssm.actions', true, () => import('../functions/ssm.js'), {
    create_document: 'path_content, name, version_name=None, document_type=None, document_format=None, configuration=None, secrets=None',
    send_command:
      'document_name, targets=None, document_version=None, parameters=None, timeout_seconds=None, max_concurrency=None, max_errors=None, region=None, configuration=None, secrets=None',
    delete_document: 'name, version_name=None, force=True, configuration=None, secrets=None',
    put_parameter:
      'name, value, description=None, type=None, key_id=None, overwrite=False, allowed_pattern=None, tags=None, tier=None, policies=None, data_type=None, configuration=None, secrets=None',
  }),
];
