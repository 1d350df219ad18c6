import { CredentialsUnavailableError } from "../credentials";
import { ResourceManagerError, describeServiceError } from "./errors";
import { redact } from "./redact";

/**
 * The wire: one signed RPC call through @alicloud/pop-core, always POST (with GET every parameter,
 * phone, code, AccessKeyId, token and signature, lands in the URL, and pop-core copies the URL into its
 * error messages), with a timeout, and every failure turned into a ResourceManagerError whose text is
 * redacted. No retries here: see retry.ts.
 */
export interface CredentialsSource {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
}

export interface RpcEndpoint {
  /** e.g. https://resourcemanager.aliyuncs.com */
  endpoint: string;
  apiVersion: string;
}

export interface RpcCallOptions {
  timeoutMs: number;
  /** Values to scrub from any text, beyond the credentials (phone, code). */
  secrets?: readonly (string | undefined)[];
  /** Shown in messages: the member the call is about. */
  subject?: string;
}

type PopCoreClient = {
  request(action: string, params: Record<string, unknown>, opts: Record<string, unknown>): Promise<Record<string, unknown>>;
};
type PopCoreConstructor = new (config: Record<string, unknown>) => PopCoreClient;

export class RpcTransport {
  private readonly client: PopCoreClient;
  private lastCredentials: readonly string[] = [];

  constructor(
    private readonly target: RpcEndpoint,
    private readonly credentials: CredentialsSource,
  ) {
    // Loaded here, not at module level: the provider module stays cheap to load for check/diff.
    const RPCClient: PopCoreConstructor = require("@alicloud/pop-core").RPCClient;
    this.client = new RPCClient({
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
    });
  }

  async call(action: string, params: Record<string, string | undefined>, options: RpcCallOptions): Promise<Record<string, unknown>> {
    const definedParams = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    try {
      // formatParams false: send the names exactly as the API spells them.
      return await this.client.request(action, definedParams, {
        method: "POST",
        timeout: options.timeoutMs,
        formatParams: false,
      });
    } catch (raw) {
      throw this.normalize(action, raw, options);
    }
  }

  private normalize(action: string, raw: unknown, options: RpcCallOptions): Error {
    if (raw instanceof CredentialsUnavailableError) return raw;
    const scrub = (text: string) => redact(text, [...(options.secrets ?? []), ...this.lastCredentials]);
    const failure = raw as {
      name?: string;
      code?: string;
      message?: string;
      data?: Record<string, unknown>;
      entry?: { response?: { statusCode?: number } };
      text?: string;
    };
    const where = `${this.target.endpoint} (${this.target.apiVersion})`;
    if (failure.data && typeof failure.code === "string") {
      const requestId = typeof failure.data.RequestId === "string" ? failure.data.RequestId : undefined;
      const serviceMessage = typeof failure.data.Message === "string" ? failure.data.Message : String(failure.code);
      return new ResourceManagerError(
        scrub(describeServiceError(action, options.subject, failure.code, scrub(serviceMessage), requestId)),
        action,
        "service",
        failure.code,
        requestId,
        failure.entry?.response?.statusCode,
      );
    }
    // pop-core throws a plain object (not an Error) named SyntaxError when the body is not JSON, e.g. a
    // proxy's HTML 502 page.
    if (failure.name === "SyntaxError") {
      return new ResourceManagerError(
        `${action} got an answer from ${where} that is not the service's JSON (a proxy or gateway error page); the call may or may not have taken effect.`,
        action,
        "malformed",
        undefined,
        undefined,
        undefined,
      );
    }
    const networkCode = (raw as NodeJS.ErrnoException).code;
    if (networkCode === "ECONNREFUSED" || networkCode === "ENOTFOUND" || networkCode === "EAI_AGAIN") {
      return new ResourceManagerError(
        `${action} could not reach ${where}: ${networkCode}. Check alicloud-secure-phone:endpoint and the network.`,
        action,
        "transport",
        networkCode,
        undefined,
        undefined,
      );
    }
    const timedOut = /Timeout/i.test(failure.name ?? "") || /timeout/i.test(failure.message ?? "");
    const detail = timedOut ? `no answer within ${options.timeoutMs} ms` : `the connection failed (${networkCode ?? failure.name ?? "unknown"})`;
    return new ResourceManagerError(
      scrub(`${action} sent to ${where}, but ${detail}; the call may or may not have taken effect.`),
      action,
      "lost",
      networkCode,
      undefined,
      undefined,
    );
  }
}
