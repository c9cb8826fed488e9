import type {FailureContext} from './failure-context.js';

/**
 * The advice to leave the base DN empty, for the fix of a base DN the server does not take, or
 * undefined when that would not help: the rootDSE named no naming context (an empty base DN then
 * stops at once for want of one), or the base DN is empty already.
 */
export function leaveEmptyAdvice(
  context: Pick<FailureContext, 'settings' | 'defaultBaseDn'>,
): string | undefined {
  const {defaultBaseDn, settings} = context;
  if (defaultBaseDn === undefined || settings.baseDn.trim() === '') return undefined;
  // Domino may name no naming context and is then searched from the root.
  return defaultBaseDn === ''
    ? 'leave it empty to search the directory from its root'
    : `leave it empty to use the naming context the server names, ${defaultBaseDn}`;
}
