import type {ErrorClass} from './errors.js';

/** The five bind steps, numbered as the engine's old Site Configure utility numbers them. */
export type StepId = 1 | 2 | 3 | 4 | 5;

export const stepIds: readonly StepId[] = [1, 2, 3, 4, 5];

export const stepTitles: Readonly<Record<StepId, string>> = {
  1: 'Find the Mimecast account',
  2: 'Register the site with the account',
  3: 'Validate directory access',
  4: 'Validate Exchange access',
  5: 'Save to encrypted storage',
};

export type StepStatus =
  | {readonly kind: 'waiting'}
  | {readonly kind: 'running'; readonly startedAt: number}
  | {readonly kind: 'passed'; readonly fact: string; readonly ms: number}
  | {
      readonly kind: 'failed';
      readonly errorClass: ErrorClass;
      readonly message: string;
      readonly fix: string;
    }
  | {readonly kind: 'skipped'; readonly reason: string};

export type StepStatuses = Readonly<Record<StepId, StepStatus>>;

export function allWaiting(): StepStatuses {
  return {
    1: {kind: 'waiting'},
    2: {kind: 'waiting'},
    3: {kind: 'waiting'},
    4: {kind: 'waiting'},
    5: {kind: 'waiting'},
  };
}
