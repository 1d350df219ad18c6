/**
 * Service errors as data: for every code we know, what happened and what to do. One table, used by every
 * call, so a message reads the same wherever it comes from (the habit of the mature alicloud provider).
 */
export interface ErrorGuidance {
  /** What happened, in the user's terms. */
  meaning: string;
  /** What to do about it. */
  remedy: string;
}

const SEND_CODE = "npx alicloud-secure-phone send-code --account-id <account id> --phone <number>";

export const SERVICE_ERRORS: Readonly<Record<string, ErrorGuidance>> = {
  // BindSecureMobilePhone (the seed's table)
  "NotSupport.Site.Action": {
    meaning: "the site of this resource directory does not allow this action",
    remedy:
      "on the international site (alibabacloud.com) numbers must be outside the Chinese mainland and inheritance is not available; on the China site (aliyun.com) only 86- numbers or inheritance work. Check alicloud-secure-phone:site.",
  },
  "NotSupport.AccountInAnotherResourceDirectory": {
    meaning: "the account is a standalone Alibaba Cloud account or belongs to another resource directory",
    remedy: "check accountId: it must be a member of the resource directory that these credentials manage.",
  },
  "Invalid.EnterpriseName": {
    meaning: "the service needs an enterprise name for this account",
    remedy: "set the enterprise name of the account in the Alibaba Cloud console, then run again.",
  },
  EnterpriseRealNameVerificationError: {
    meaning: "the account has not passed enterprise real-name verification",
    remedy: "complete enterprise real-name verification for the account in the Alibaba Cloud console, then run again.",
  },
  "EntityAlreadyExists.ResourceDirectory": {
    meaning: "the account has a resource directory of its own enabled",
    remedy: "an account that manages its own resource directory cannot be handled as a member here; check accountId.",
  },
  "Invalid.VerificationCode": {
    meaning: "the verification code is wrong, expired, already used, or was sent to another number",
    // Where the code came from decides what helps: `up` asks only for bindings that declare no code, and a
    // declared code always wins, so running `up` again would reuse a declared stale code.
    remedy:
      `if the program declares verificationCode, send a new code with \`${SEND_CODE}\` to exactly the number you bind and ` +
      "set the secret config value the program reads it from (send-code prints the command), or remove verificationCode " +
      "from the program and use `npx alicloud-secure-phone up`; if the code was typed at `npx alicloud-secure-phone up`, " +
      "run it again: it sends a new code and asks for it.",
  },
  AccountTypeMismatch: {
    meaning:
      "the member's type or status does not allow this operation (only members of type ResourceAccount can have a secure phone bound)",
    remedy: "check accountId: cloud accounts invited into the directory manage their own phone.",
  },
  AccountSecureMobileAlreadyExists: {
    meaning: "the member already has a secure mobile phone, and the service cannot change or unbind it",
    remedy:
      "to manage this member's binding in this stack anyway (it was bound outside the stack, by this stack before a pulumi destroy, or by an interrupted earlier run), run ALICLOUD_SECURE_PHONE_ADOPT_EXISTING=true pulumi up, or set adoptExisting: true on the resource; the provider confirms with GetAccount (HasSecureMobilePhone) that a phone is bound and takes it into state without calling BindSecureMobilePhone. Otherwise remove the resource from the program.",
  },
  CallerIdentityError: {
    meaning: "the credentials are not of the management account",
    remedy:
      "use a RAM user or role of the resource directory's management account holding AliyunResourceDirectoryFullAccess (alicloud:accessKey/secretKey, ALIBABA_CLOUD_* variables, or a profile).",
  },
  // SendVerificationCodeForBindSecureMobilePhone
  SendValidateCodeExceedsLimitForAccount: {
    meaning: "too many verification codes were sent for this account",
    remedy: "wait (the limit is per day) and use the last code received, or try again tomorrow.",
  },
  "InvalidParameter.MobileCountryCode": {
    meaning: "the service does not accept this number's country code on this site",
    remedy: "use <country code>-<number>; the China site takes only 86- numbers, the international site none.",
  },
  // GetAccount
  "EntityNotExists.Account": {
    meaning: "no member with this account ID exists in the resource directory",
    remedy: "check accountId.",
  },
  "EntityNotExists.ResourceDirectory": {
    meaning: "the credentials' account has no resource directory",
    remedy: "use credentials of the management account of an enabled resource directory.",
  },
  "MissingParameter.AccountId": { meaning: "the account ID is missing", remedy: "set accountId." },
  "InvalidParameter.AccountId": {
    meaning: "the account ID is not valid",
    remedy: "accountId must be the member's account ID, 16 digits (e.g. 1386606283480000).",
  },
  // Every call
  ServiceUnavailable: {
    meaning: "the service is temporarily unavailable",
    remedy:
      "run again later (reads and binds are retried with backoff within a time bound; a verification code is not resent, to spare the daily limit).",
  },
  "InvalidAccessKeyId.NotFound": {
    meaning: "the AccessKeyId is unknown to the service",
    remedy:
      "check the credentials (alicloud:accessKey, ALIBABA_CLOUD_ACCESS_KEY_ID or the profile); the key may be deleted or disabled.",
  },
  SignatureDoesNotMatch: {
    meaning: "the request signature did not match: the AccessKeySecret does not belong to the AccessKeyId",
    remedy: "check the secret (alicloud:secretKey, ALIBABA_CLOUD_ACCESS_KEY_SECRET or the profile).",
  },
  "InvalidTimeStamp.Expired": {
    meaning: "the request timestamp is more than 15 minutes off the service's clock",
    remedy: "synchronise this machine's clock (NTP) and run again.",
  },
  SignatureNonceUsed: {
    meaning: "the request's nonce was used before",
    remedy: "run again; if it repeats, something is replaying requests between here and the service.",
  },
  NoPermission: {
    meaning: "RAM denies the action to these credentials",
    remedy:
      "attach AliyunResourceDirectoryFullAccess (or a policy allowing resourcemanager:BindSecureMobilePhone and GetAccount) to the RAM user or role.",
  },
  "Forbidden.RAM": {
    meaning: "RAM denies the action to these credentials",
    remedy: "attach AliyunResourceDirectoryFullAccess (or a policy allowing the action) to the RAM user or role.",
  },
  "InvalidSecurityToken.Expired": {
    meaning: "the STS security token has expired",
    remedy: "refresh the temporary credentials (alicloud:securityToken, ALIBABA_CLOUD_SECURITY_TOKEN) and run again.",
  },
  "InvalidSecurityToken.Mismatch": {
    meaning: "the STS security token does not belong to the AccessKeyId",
    remedy: "use the AccessKeyId, secret and token of one and the same STS credential.",
  },
};

const THROTTLING: ErrorGuidance = {
  meaning: "the service throttled the requests (flow control)",
  remedy:
    "the provider retried with backoff within its time bound; run again later or with fewer parallel operations (pulumi up --parallel).",
};

/** Codes that mean the service refused the keys themselves, or whose account they belong to. */
export function isCredentialsError(code: string): boolean {
  return (
    code.startsWith("InvalidAccessKeyId") ||
    code.startsWith("InvalidSecurityToken") ||
    ["SignatureDoesNotMatch", "CallerIdentityError", "NoPermission", "Forbidden.RAM"].includes(code)
  );
}

/** Flow control (Throttling, Throttling.User, Throttling.Api, ...): the service refused before executing anything. */
export function isThrottlingCode(code: string): boolean {
  return code.includes("Throttling");
}

export function guidanceFor(code: string): ErrorGuidance | undefined {
  if (isThrottlingCode(code)) return THROTTLING;
  return SERVICE_ERRORS[code];
}

/** How a failed call ended, which decides whether it may be retried and whether it may have taken effect. */
export type FailureKind =
  | "service" //      the service answered with an error code
  | "transport" //    nothing was sent (connection refused, no route, connect timeout): safe to retry
  | "lost" //         sent, but the answer never came (reset, dropped, timed out): may have taken effect
  | "malformed" //    an answer that is not the service's (a proxy's page, a bare 5xx): may have taken effect
  | "local"; //       wrong host name, bad certificate, or not a network failure at all: never retried

export class ResourceManagerError extends Error {
  constructor(
    message: string,
    readonly action: string,
    readonly kind: FailureKind,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly httpStatus: number | undefined,
  ) {
    super(message);
    this.name = "ResourceManagerError";
  }
}

/** The one sentence a failed call shows: the action, the code, what happened, what to do, the RequestId. */
export function describeServiceError(
  action: string,
  subject: string | undefined,
  code: string,
  serviceMessage: string,
  requestId: string | undefined,
): string {
  const what = guidanceFor(code) ? guidanceSentence(code) : serviceMessage;
  const target = subject ? ` for account ${subject}` : "";
  return `${action}${target} failed with ${code}: ${what} (RequestId: ${requestId ?? "none"})`;
}

/** `<meaning>. <Remedy>` for a code, for messages that are not a failed call's (e.g. a check before a call). */
export function guidanceSentence(code: string): string {
  const guidance = guidanceFor(code);
  return guidance ? `${guidance.meaning}. ${capitalize(guidance.remedy)}` : code;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
