import { randomBytes } from 'node:crypto';

/** Plan ids and delete keys come in through a port, like every server-made id. */
export interface PlanSecrets {
  /** 128 random bits: whoever has the link may read the plan, nobody can guess one. */
  planId(): string;
  /** 256 random bits, shown once to the learner; only its hash is stored. */
  deleteKey(): string;
}

export const randomPlanSecrets: PlanSecrets = {
  planId: () => randomBytes(16).toString('base64url'),
  deleteKey: () => randomBytes(32).toString('base64url'),
};
