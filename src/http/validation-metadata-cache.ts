import { getMetadataStorage } from 'class-validator';

type Lookup = (
  target: object,
  schema: string | undefined,
  always: boolean,
  strictGroups: boolean,
  groups?: string[],
) => unknown[];

/**
 * class-validator looks up a class's rules on every object it validates (a booking: the body, each session, each
 * participant, each joining-details object), and each look-up walks every decorated class of the app with
 * `instanceof` to find inherited rules: 2–3% of a booking's CPU (issue 24). The rules of a class do not change once
 * its module has loaded, so each answer is kept until a rule is added (a class loaded later), which forgets them all.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas: Lookup;
    addValidationMetadata: (metadata: unknown) => void;
    quorumCached?: boolean;
  };
  if (storage.quorumCached) return;
  storage.quorumCached = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let answers = new Map<object, Map<string, unknown[]>>();
  storage.addValidationMetadata = (metadata) => {
    answers = new Map();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0000')}`;
    let byKey = answers.get(target);
    if (!byKey) answers.set(target, (byKey = new Map<string, unknown[]>()));
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
}
