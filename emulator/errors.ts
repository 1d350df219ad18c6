/**
 * Service errors as data. Each code maps to the HTTP status and message the real
 * service answers with. Messages of BindSecureMobilePhone's codes are copied verbatim
 * from the vendor page (shared/seed/BindSecureMobilePhone.txt); the rest follow the
 * wording Alibaba Cloud's POP gateway uses. Where the vendor is silent the choice is
 * marked "chosen" so it is easy to find and change.
 */

export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

const CATALOGUE: Readonly<Record<string, ErrorSpec>> = {
  // --- BindSecureMobilePhone (seed page, verbatim) ---
  "NotSupport.Site.Action": { status: 400, message: "Site does not allow current action." },
  "NotSupport.AccountInAnotherResourceDirectory": {
    status: 409,
    message: "The specified account is an Alibaba Cloud account or already exists in another resource directory.",
  },
  "Invalid.EnterpriseName": { status: 409, message: "You must specify the enterprise name." },
  EnterpriseRealNameVerificationError: {
    status: 409,
    message:
      "The specified account does not pass enterprise real-name verification. We recommend you first complete enterprise real-name verification for the account.",
  },
  "EntityAlreadyExists.ResourceDirectory": {
    status: 409,
    message:
      "The resource directory for the account is already enabled. We recommend that you do not enable the resource directory again.",
  },
  "Invalid.VerificationCode": { status: 409, message: "The verification code is invalid." },
  AccountTypeMismatch: {
    status: 409,
    message: "The type or status of the member account cannot satisfy the current operation.",
  },
  AccountSecureMobileAlreadyExists: { status: 409, message: "The secure mobile number of the member already exists." },
  CallerIdentityError: { status: 409, message: "Please use the RAM user or role of the Management Account." },

  // --- SendVerificationCodeForBindSecureMobilePhone (reference: 409; messages chosen) ---
  SendValidateCodeExceedsLimitForAccount: {
    status: 409,
    message: "The number of verification codes sent to the account exceeds the upper limit. Try again tomorrow.",
  },
  "InvalidParameter.MobileCountryCode": {
    status: 409,
    message: "The country code of the mobile phone number is invalid.",
  },

  // --- accounts and folders ---
  "EntityNotExists.Account": { status: 404, message: "The specified account does not exist." },
  "EntityNotExists.Folder": { status: 404, message: "The specified folder does not exist." },
  "EntityAlreadyExists.Account.DisplayName": {
    status: 409,
    message: "The display name of the account already exists in the resource directory.",
  },

  // --- gateway: routing, authentication, flow control, failures ---
  "InvalidAction.NotFound": { status: 404, message: "Specified api is not found, please check your url and method." },
  "InvalidAccessKeyId.NotFound": { status: 404, message: "Specified access key is not found." },
  "InvalidSecurityToken.Malformed": { status: 400, message: "Specified SecurityToken is malformed." },
  "InvalidSecurityToken.Mismatch": { status: 400, message: "Specified SecurityToken mismatch with the AccessKey." },
  // The answer of the POP gateway to an STS token past its expiration (status as for its siblings).
  "InvalidSecurityToken.Expired": { status: 400, message: "Specified SecurityToken is expired." },
  "InvalidTimeStamp.Expired": { status: 400, message: "Specified time stamp or date value is expired." },
  "InvalidTimeStamp.Format": { status: 400, message: "Specified time stamp or date value is not well formatted." },
  SignatureNonceUsed: { status: 400, message: "Specified signature nonce was used already." },
  SignatureDoesNotMatch: { status: 400, message: "Specified signature is not matched with our calculation." },
  // V3: no Authorization header, or one the gateway cannot read (chosen: the same code for both).
  IncompleteSignature: { status: 400, message: "The request signature does not conform to Aliyun standards." },
  "Throttling.User": { status: 400, message: "Request was denied due to user flow control." },
  "Throttling.Api": { status: 400, message: "Request was denied due to api flow control." },
  // chosen: the reference leaves Throttling's status open ("400 or 503"); 503 here so a
  // client that keys retries on status rather than code is caught out by one of them.
  Throttling: { status: 503, message: "Request was denied due to request throttling." },
  ServiceUnavailable: { status: 503, message: "The request has failed due to a temporary failure of the server." },
  InternalError: {
    status: 500,
    message: "The request processing has failed due to some unknown error, exception or failure.",
  },
};

/** A failure the emulated service answers with: code, HTTP status and message. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

/** The catalogued error for `code`; unknown codes are a bug in the emulator, so they throw. */
export function serviceError(code: string): ServiceError {
  const spec = CATALOGUE[code];
  if (!spec) throw new Error(`emulator bug: error code ${code} is not catalogued`);
  return new ServiceError(code, spec.status, spec.message);
}

/** `MissingParameter.<Name>` (400), in the gateway's wording. */
export function missingParameter(name: string): ServiceError {
  return new ServiceError(
    `MissingParameter.${name}`,
    400,
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

/** `InvalidParameter.<Name>` (400) unless catalogued otherwise (MobileCountryCode is 409). */
export function invalidParameter(name: string): ServiceError {
  const code = `InvalidParameter.${name}`;
  if (CATALOGUE[code]) return serviceError(code);
  return new ServiceError(code, 400, `The specified parameter "${name}" is not valid.`);
}

/**
 * Like the real gateway, the message carries the server's string to sign, which holds
 * every request parameter (phone numbers and verification codes included). The
 * emulator reproduces that on purpose: clients must redact it before logging.
 */
export function signatureDoesNotMatch(stringToSign: string): ServiceError {
  const base = serviceError("SignatureDoesNotMatch");
  return new ServiceError(base.code, base.httpStatus, `${base.message} server string to sign is:${stringToSign}`);
}
