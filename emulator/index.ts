/**
 * The published entry, `pulumi-alicloud-secure-phone/emulator`: what a user's own tests need and
 * docs/emulator.md documents, no more. Start and stop (`startEmulator`, `close`), the members (fixtures and the
 * directory), the fake key and the environment that points the provider at it, the sent codes, the shown-number
 * modes and the fault switches (types of `faults`, `rateLimit`). The rest of the kit is internal (internal.ts).
 */
export { startEmulator, type EmulatorOptions, type RunningEmulator } from "./emulator";
export type { Site } from "./site";
export { SHOW_PHONE_MODES, shownPhone, type ShowPhone } from "./phone-display";
export type { AccountFlags, AccountType, MemberAccount, NewAccount, Tag } from "./directory";
export type { FaultKind, FaultSpec, RandomFaultProfile, RandomFaultRule, ThrottlingCode } from "./faults";
export type { RateLimits } from "./rate-limit";
export type { CallRecord } from "./call-log";
export type { SmsListener } from "./sent-codes";
export { environmentFor } from "./standalone-output";
export { fixtureAccounts, fixtureKeys, fixturePhones } from "./fixtures";
