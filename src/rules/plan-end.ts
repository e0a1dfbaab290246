// How a plan ends. Only a review conference can end a plan, except in the circumstances
// below, when it ends without one (Bolton procedures, Discontinuing the Child Protection Plan).
import { PlanEndReason } from './types.js';
import { parseId } from './errors.js';

export interface PlanEndWithoutReview {
  reason: PlanEndReason;
  reviewNeeded: false;
  /** Who is told: at least every agency representative invited to the initial conference. */
  notify: string;
  /** A permanent move: the plan ends only after the receiving area's conference (timescale `transfer-in`). */
  afterReceivingAreaConference: boolean;
}

export function planEndWithoutReview(reason: string): PlanEndWithoutReview {
  const r = parseId(PlanEndReason, reason, 'plan end reason');
  return {
    reason: r,
    reviewNeeded: false,
    notify: 'every agency representative invited to the initial child protection conference',
    afterReceivingAreaConference: r === 'moved-permanently',
  };
}
