/**
 * Everything the kit has, for the repository's own tests (test/emulator/, test/support/emulator.ts): the
 * signatures, the request reading, the fault injector's classes. Built into lib/ but not exported by the
 * package: the published entry (index.ts) names only what docs/emulator.md documents.
 */
export * from "./index";
export { PhoneDisplay, isShowPhone } from "./phone-display";
export { Directory, ACCOUNT_ID_PATTERN, type AccessKey, type AccountStatus, type JoinMethod } from "./directory";
export { FaultInjector, seededRandom, type ActiveFault } from "./faults";
export { HeldAnswers } from "./held-answers";
export { RateLimiter } from "./rate-limit";
export { CallLog, formatCallRecord } from "./call-log";
export { SentCodes } from "./sent-codes";
export { ServiceError, serviceError } from "./errors";
export {
  RESOURCE_DIRECTORY_MASTER_VERSION,
  RESOURCE_MANAGER_VERSION,
  productOf,
  route,
  servedActions,
} from "./actions";
export { TIMESTAMP_WINDOW_MS, parseTimestamp } from "./auth";
export {
  percentEncode,
  canonicalQuery,
  stringToSign,
  computeSignature,
  signRequest,
  constantTimeEqual,
} from "./signature";
export {
  V3_ALGORITHM,
  authorizationHeaderV3,
  canonicalHeadersV3,
  canonicalQueryV3,
  canonicalRequestV3,
  computeSignatureV3,
  parseAuthorization,
  rfc3986,
  sha256Hex,
  stringToSignV3,
  type CanonicalRequestParts,
} from "./signature-v3";
export { answerFormat, readCall, type AnswerFormat, type IncomingCall, type Signing } from "./request";
export { toXml } from "./xml";
export { maskForSms } from "./masking";
export { UsageError, parseOptions } from "./args";
export { COMMAND, DEFAULT_PORT, USAGE, parseEmulatorCommand, type EmulatorCommand } from "./command-line";
export { banner, portInUseMessage, readEnvFile, smsLine, stoppedLine, writeEnvFile } from "./standalone-output";
export { fixtureDirectory, fixtureRoles, seedDirectory } from "./fixtures";
export { isSite, isWellFormedPhone, siteAcceptsPhone, siteAllowsInheritance } from "./site";
