/**
 * The wire: one signed RPC call through @alicloud/pop-core, always POST (with GET every parameter,
 * phone, code, AccessKeyId, token and signature, lands in the URL, and pop-core copies the URL into its
 * error messages), with a timeout, and every failure turned into a ResourceManagerError whose text is
 * redacted. No retries here: see retry.ts.
 */

import { CredentialsSource, CredentialsUnavailableError } from "./credentials";
import {
  EndpointSetting,
  FailureKind,
  ResourceManagerError,
  WireProblem,
  isCredentialsError,
  wireProblemText,
} from "./errors";
import { redact } from "./redact";

export interface RpcEndpoint {
  /** e.g. https://resourcemanager.aliyuncs.com */
  endpoint: string;
  apiVersion: string;
  /** The setting the endpoint came from, named in messages the way it was given. */
  setting: EndpointSetting;
}

export interface RpcCallOptions {
  timeoutMs: number;
  /** Values to scrub from any text, beyond the credentials (phone, code). */
  secrets?: readonly (string | undefined)[];
  /** Shown in messages: the member the call is about. */
  subject?: string;
}

type PopCoreClient = {
  request(
    action: string,
    params: Record<string, unknown>,
    opts: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
};
type PopCoreConstructor = new (config: Record<string, unknown>, verbose: boolean) => PopCoreClient;

export class RpcTransport {
  private readonly client: PopCoreClient;
  private lastCredentials: readonly string[] = [];

  constructor(
    private readonly target: RpcEndpoint,
    private readonly credentials: CredentialsSource,
  ) {
    // Loaded here, not at module level: the provider module stays cheap to load for check/diff.
    const RPCClient: PopCoreConstructor = require("@alicloud/pop-core").RPCClient;
    // verbose: answers come with the HTTP exchange, whose status pop-core itself ignores.
    this.client = new RPCClient(
      {
        endpoint: target.endpoint,
        apiVersion: target.apiVersion,
        // The typings omit credentialsProvider; pop-core asks it for keys on every request, so rotated STS
        // credentials are picked up. We keep the values only to scrub them from error text.
        credentialsProvider: {
          getCredentials: async () => {
            const keys = await this.credentials.getCredentials();
            this.lastCredentials = [keys.accessKeyId, keys.accessKeySecret, keys.securityToken].filter(
              (value): value is string => !!value,
            );
            return keys;
          },
        },
      },
      true,
    );
  }

  /** The endpoint this transport talks to. */
  get endpoint(): string {
    return this.target.endpoint;
  }

  async call(
    action: string,
    params: Record<string, string | undefined>,
    options: RpcCallOptions,
  ): Promise<Record<string, unknown>> {
    const definedParams = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    let answer: [Record<string, unknown>, { response?: { statusCode?: number } }];
    try {
      // formatParams false: send the names exactly as the API spells them.
      answer = (await this.client.request(action, definedParams, {
        method: "POST",
        timeout: options.timeoutMs,
        formatParams: false,
      })) as unknown as typeof answer;
    } catch (raw) {
      throw this.normalize(action, raw, options);
    }
    // pop-core judges an answer by its JSON `Code` alone. A gateway's JSON error page has none, and
    // must not pass for success: every answer of the service has a RequestId and a 2xx status.
    const [body, entry] = answer;
    const status = entry?.response?.statusCode ?? 0;
    if (status >= 400 || typeof body?.RequestId !== "string") {
      const problem: WireProblem = { kind: "notTheService", action, ...this.where(), status };
      throw new ResourceManagerError(
        wireProblemText(problem),
        action,
        "malformed",
        undefined,
        undefined,
        status || undefined,
        problem,
      );
    }
    return body;
  }

  private where(): { endpoint: string; setting: EndpointSetting } {
    return { endpoint: this.target.endpoint, setting: this.target.setting };
  }

  private normalize(action: string, raw: unknown, options: RpcCallOptions): Error {
    if (raw instanceof CredentialsUnavailableError) return raw;
    const scrub = (text: string) => redact(text, [...(options.secrets ?? []), ...this.lastCredentials]);
    const failure = (raw ?? {}) as {
      name?: string;
      code?: string;
      message?: string;
      data?: Record<string, unknown>;
      entry?: { response?: { statusCode?: number } };
    };
    // The message is the program's words; the problem lets another surface say it (its free text scrubbed here).
    const fail = (problem: WireProblem, kind: FailureKind, code?: string, requestId?: string, status?: number) =>
      new ResourceManagerError(scrub(wireProblemText(problem)), action, kind, code, requestId, status, problem);

    if (failure.data && typeof failure.code === "string") {
      const requestId = typeof failure.data.RequestId === "string" ? failure.data.RequestId : undefined;
      const serviceMessage = typeof failure.data.Message === "string" ? failure.data.Message : String(failure.code);
      const problem: WireProblem = {
        kind: "service",
        action,
        subject: options.subject,
        code: failure.code,
        serviceMessage: scrub(serviceMessage),
        requestId,
        // A refusal of the keys says which keys were used (and, as it is said, where keys are looked up).
        ...(isCredentialsError(failure.code)
          ? { credentialsUsed: this.credentials.description ?? "given by the caller" }
          : {}),
      };
      return fail(problem, "service", failure.code, requestId, failure.entry?.response?.statusCode);
    }
    // pop-core throws a plain object (not an Error) named SyntaxError when the body is not JSON, e.g. a
    // proxy's HTML 502 page.
    if (failure.name === "SyntaxError") {
      return fail({ kind: "notJson", action, ...this.where() }, "malformed");
    }
    const networkCode = typeof failure.code === "string" ? failure.code : undefined;
    if (networkCode && NOT_SENT_CODES.has(networkCode)) {
      return fail({ kind: "notSent", action, ...this.where(), networkCode }, "transport", networkCode);
    }
    if (/^ConnectTimeout/.test(failure.message ?? "")) {
      return fail(
        { kind: "connectTimeout", action, ...this.where(), timeoutMs: options.timeoutMs },
        "transport",
        "ConnectTimeout",
      );
    }
    if (networkCode && (networkCode === "ENOTFOUND" || TLS_FAILURE.test(networkCode))) {
      // A wrong host name or certificate does not get better by retrying.
      return fail({ kind: "badHost", action, ...this.where(), networkCode }, "local", networkCode);
    }
    if (networkCode || /timeout/i.test(`${failure.name} ${failure.message}`)) {
      const timedOut = /timeout/i.test(`${failure.name} ${failure.message}`);
      return fail(
        { kind: "lost", action, ...this.where(), ...(timedOut ? { timeoutMs: options.timeoutMs } : { networkCode }) },
        "lost",
        networkCode,
      );
    }
    // Not a network failure at all (a bug, a bad argument): report it, never retry it.
    return fail(
      {
        kind: "local",
        action,
        name: scrub(failure.name ?? "Error"),
        message: scrub(failure.message ?? String(raw)),
      },
      "local",
    );
  }
}

/** Failures that happen before a request leaves this machine: safe to retry, nothing ran. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const TLS_FAILURE =
  /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_(GET|VERIFY)|ERR_CERT)/;
