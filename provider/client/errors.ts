/**
 * Service errors as data: for every code we know, what happened and what to do. One table, used by every
 * call, so a message reads the same wherever it comes from (the habit of the mature alicloud provider). Beside it,
 * every other way a call fails, as data too (WireProblem). Both are said on a surface (surface.ts): a remedy that
 * names a setting or a property names it in that surface's words.
 */
import { credentialsLookupFor } from "./credentials";
import { PROGRAM, SettingSource, Surface, settingName } from "../surface";
import { redact } from "./redact";

export interface ErrorGuidance {
  /** What happened, in the user's terms. */
  meaning: string;
  /** What to do about it: the same on every surface, or worded from the surface's vocabulary. */
  remedy: string | ((surface: Surface) => string);
}

const SEND_CODE = "npx alicloud-secure-phone send-code --account-id <account id> --phone <number>";

export const SERVICE_ERRORS: Readonly<Record<string, ErrorGuidance>> = {
  // BindSecureMobilePhone (the seed's table)
  "NotSupport.Site.Action": {
    meaning: "the site of this resource directory does not allow this action",
    remedy: (surface) =>
      `on the international site (alibabacloud.com) numbers must be outside the Chinese mainland and inheritance is not available; on the China site (aliyun.com) only 86- numbers or inheritance work. Check ${surface.settings.site}.`,
  },
  "NotSupport.AccountInAnotherResourceDirectory": {
    meaning: "the account is a standalone Alibaba Cloud account or belongs to another resource directory",
    remedy: (surface) =>
      `check ${surface.accountId}: it must be a member of the resource directory that these credentials manage.`,
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
    remedy: (surface) =>
      `an account that manages its own resource directory cannot be handled as a member here; check ${surface.accountId}.`,
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
    remedy: (surface) =>
      `check ${surface.accountId}: cloud accounts invited into the directory manage their own phone.`,
  },
  AccountSecureMobileAlreadyExists: {
    meaning: "the member already has a secure mobile phone, and the service cannot change or unbind it",
    remedy:
      "to manage this member's binding in this stack anyway (it was bound outside the stack, by this stack before a pulumi destroy, or by an interrupted earlier run), run ALICLOUD_SECURE_PHONE_ADOPT_EXISTING=true pulumi up, or set adoptExisting: true on the resource; the provider confirms with GetAccount (HasSecureMobilePhone) that a phone is bound and takes it into state without calling BindSecureMobilePhone. Otherwise remove the resource from the program.",
  },
  CallerIdentityError: {
    meaning: "the credentials are not of the management account",
    remedy: (surface) =>
      `use a RAM user or role of the resource directory's management account holding AliyunResourceDirectoryFullAccess (${surface.credentials.anywhere}).`,
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
    remedy: (surface) => `check ${surface.accountId}.`,
  },
  "EntityNotExists.ResourceDirectory": {
    meaning: "the credentials' account has no resource directory",
    remedy: "use credentials of the management account of an enabled resource directory.",
  },
  "MissingParameter.AccountId": {
    meaning: "the account ID is missing",
    remedy: (surface) => `set ${surface.accountId}.`,
  },
  "InvalidParameter.AccountId": {
    meaning: "the account ID is not valid",
    remedy: (surface) => `${surface.accountId} must be the member's account ID, 16 digits (e.g. 1386606283480000).`,
  },
  // Every call
  ServiceUnavailable: {
    meaning: "the service is temporarily unavailable",
    remedy:
      "run again later (reads and binds are retried with backoff within a time bound; a verification code is not resent, to spare the daily limit).",
  },
  "InvalidAccessKeyId.NotFound": {
    meaning: "the AccessKeyId is unknown to the service",
    remedy: (surface) =>
      `check the credentials (${surface.credentials.accessKeyId}); the key may be deleted or disabled.`,
  },
  SignatureDoesNotMatch: {
    meaning: "the request signature did not match: the AccessKeySecret does not belong to the AccessKeyId",
    remedy: (surface) => `check the secret (${surface.credentials.secret}).`,
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
    remedy: (surface) => `refresh the temporary credentials (${surface.credentials.token}) and run again.`,
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
    /** What happened, as data, for a surface other than a program's; its free text already scrubbed. */
    readonly problem?: WireProblem,
  ) {
    super(message);
    this.name = "ResourceManagerError";
  }

  /** Said again from the problem, whose free text is scrubbed already; redacted by shape once more all the same. */
  render(surface: Surface): string {
    return this.problem ? redact(wireProblemText(this.problem, surface)) : this.message;
  }
}

/** The setting an endpoint came from: named the way it was given, else in the surface's words. */
export interface EndpointSetting {
  id: "endpoint" | "directoryEndpoint";
  given?: SettingSource;
}

/**
 * How a call failed, as data: rpc.ts fills it, wireProblemText says it. Free text from outside (the service's
 * message, an exception's) is scrubbed before it is put here.
 */
export type WireProblem =
  | {
      kind: "service";
      action: string;
      subject?: string;
      code: string;
      serviceMessage: string;
      requestId?: string;
      /** Set when the service refused the keys: which source gave them (a setting's name, never a value). */
      credentialsUsed?: string;
    }
  | { kind: "notTheService"; action: string; endpoint: string; setting: EndpointSetting; status: number }
  | { kind: "notJson"; action: string; endpoint: string; setting: EndpointSetting }
  | { kind: "notSent"; action: string; endpoint: string; setting: EndpointSetting; networkCode: string }
  | { kind: "connectTimeout"; action: string; endpoint: string; setting: EndpointSetting; timeoutMs: number }
  | { kind: "badHost"; action: string; endpoint: string; setting: EndpointSetting; networkCode: string }
  | {
      kind: "lost";
      action: string;
      endpoint: string;
      setting: EndpointSetting;
      timeoutMs?: number;
      networkCode?: string;
    }
  | { kind: "local"; action: string; name: string; message: string };

/** A failed call as `surface` says it. */
export function wireProblemText(problem: WireProblem, surface: Surface = PROGRAM): string {
  if (problem.kind === "service") {
    const { action, subject, code, serviceMessage, requestId, credentialsUsed } = problem;
    // A refusal of the keys says which keys were used and where keys are looked up.
    const credentialsNote =
      credentialsUsed === undefined ? "" : ` Credentials used: ${credentialsUsed}. ${credentialsLookupFor(surface)}`;
    return describeServiceError(action, subject, code, serviceMessage, requestId, surface) + credentialsNote;
  }
  if (problem.kind === "local") {
    return `${problem.action} failed before an answer: ${problem.name}: ${problem.message}`;
  }
  const { action, endpoint } = problem;
  const setting = settingName(surface, problem.setting.id, problem.setting.given);
  const where = `${endpoint} (${setting})`;
  switch (problem.kind) {
    case "notTheService":
      return `${action} got an answer from ${where} that is not the service's (HTTP ${problem.status}, no RequestId); the call may or may not have taken effect.`;
    case "notJson":
      return `${action} got an answer from ${where} that is not the service's JSON (a proxy or gateway error page); the call may or may not have taken effect.`;
    case "notSent":
      return `${action} could not reach ${where}: ${problem.networkCode}; nothing was sent.`;
    case "connectTimeout":
      return `${action} could not connect to ${where} within ${problem.timeoutMs} ms; nothing was sent.`;
    case "badHost":
      return `${action} could not reach ${where}: ${problem.networkCode}. Check ${setting} and the network.`;
    case "lost": {
      const detail =
        problem.timeoutMs !== undefined
          ? `no answer within ${problem.timeoutMs} ms`
          : `the connection failed (${problem.networkCode})`;
      return `${action} sent to ${where}, but ${detail}; the call may or may not have taken effect.`;
    }
  }
}

/** The one sentence a failed call shows: the action, the code, what happened, what to do, the RequestId. */
export function describeServiceError(
  action: string,
  subject: string | undefined,
  code: string,
  serviceMessage: string,
  requestId: string | undefined,
  surface: Surface = PROGRAM,
): string {
  const what = guidanceFor(code) ? guidanceSentence(code, surface) : serviceMessage;
  const target = subject ? ` for account ${subject}` : "";
  return `${action}${target} failed with ${code}: ${what} (RequestId: ${requestId ?? "none"})`;
}

/** `<meaning>. <Remedy>` for a code, for messages that are not a failed call's (e.g. a check before a call). */
export function guidanceSentence(code: string, surface: Surface = PROGRAM): string {
  const guidance = guidanceFor(code);
  return guidance ? `${guidance.meaning}. ${capitalize(remedyFor(guidance, surface))}` : code;
}

/** A code's remedy in `surface`'s words. */
export function remedyFor(guidance: ErrorGuidance, surface: Surface = PROGRAM): string {
  return typeof guidance.remedy === "string" ? guidance.remedy : guidance.remedy(surface);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
