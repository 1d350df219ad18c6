/** The Resource Manager emulator: public surface for tests and `npm run emulator`. */
export { startEmulator, type EmulatorOptions, type RunningEmulator } from "./emulator";
export type { Site } from "./site";
export { PhoneDisplay, SHOW_PHONE_MODES, isShowPhone, shownPhone, type ShowPhone } from "./phone-display";
export {
  Directory,
  type AccessKey,
  type AccountFlags,
  type AccountStatus,
  type AccountType,
  type MemberAccount,
  type NewAccount,
  type Tag,
} from "./directory";
export {
  FaultInjector,
  seededRandom,
  type FaultKind,
  type FaultSpec,
  type RandomFaultProfile,
  type RandomFaultRule,
  type ThrottlingCode,
} from "./faults";
export { HeldAnswers } from "./held-answers";
export { RateLimiter, type RateLimits } from "./rate-limit";
export { CallLog, formatCallRecord, type CallRecord } from "./call-log";
export { SentCodes } from "./sent-codes";
export { ServiceError } from "./errors";
export { RESOURCE_DIRECTORY_MASTER_VERSION, RESOURCE_MANAGER_VERSION } from "./actions";
export {
  percentEncode,
  canonicalQuery,
  stringToSign,
  computeSignature,
  signRequest,
  constantTimeEqual,
} from "./signature";
export { environmentFor, readEnvFile, writeEnvFile } from "./standalone-output";
export { fixtureAccounts, fixtureDirectory, fixtureRoles, fixtureKeys, fixturePhones, seedDirectory } from "./fixtures";
