/**
 * The contract between the emulator's server and its handlers, one per action: what a handler sees and may change, and
 * what it answers.
 */

import type { Directory } from "../directory";
import type { RequestParams } from "../params";
import type { ShowPhone } from "../phone-display";
import type { SentCodes } from "../sent-codes";

/** What a handler may see and change while executing one authenticated call. */
export interface ActionContext {
  readonly directory: Directory;
  readonly codes: SentCodes;
  /** The emulator clock at the time of the call (ms epoch). */
  readonly now: number;
  readonly sendLimitPerAccount: number;
  readonly codeTtlMs: number;
  /** How GetAccount (2022-04-19) shows a bound number, as set when the call arrived. */
  readonly showPhone: ShowPhone;
}

/** The answer body without RequestId (the server adds it). Failures are thrown as ServiceError. */
export type ActionResult = Record<string, unknown>;

export type ActionHandler = (ctx: ActionContext, params: RequestParams) => ActionResult;
