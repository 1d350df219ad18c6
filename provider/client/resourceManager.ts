/**
 * The operations this project needs, over Resource Manager 2020-03-31 and ResourceDirectoryMaster
 * 2022-04-19, each retried under the one policy. The bind gets special care: it is not idempotent.
 */

import { credentialsSourceFor } from "./credentials";
import { ProviderSettings } from "../settings";
import { ResourceManagerError } from "./errors";
import { AdaptiveLimiter, processLimiter } from "./limiter";
import { paceMemoryKey } from "./paceMemory";
import { DEFAULT_RETRY_POLICY, RetryPolicy, Sleep, classifyFailure, previousFailures, withRetries } from "./retry";
import { RpcCallOptions, RpcTransport } from "./rpc";

export interface ClientOptions {
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
  sleep?: Sleep;
  /** The pace every call waits for; the process's one limiter by default, shared by every binding. */
  limiter?: AdaptiveLimiter;
}

export interface BindRequest {
  accountId: string;
  secureMobilePhone?: string;
  verificationCode?: string;
  inheritSecureMobilePhoneFrom?: string;
}

export interface BindResult {
  /** RequestId of the attempt that answered; undefined when its answer was lost and GetAccount settled it. */
  requestId: string | undefined;
}

export type MemberPhoneStatus =
  | { exists: false; requestId?: string }
  | {
      exists: true;
      hasSecureMobilePhone: boolean;
      /**
       * `Account.SecureMobilePhone`, undocumented: the bound number in full or masked with `*` in the service's
       * own pattern, absent from older deployments. A secret: never log it; show it only through
       * rules/shownPhone.ts's displayShownPhone.
       */
      shownSecureMobilePhone?: string;
      accountType: string;
      requestId: string;
    };

export const RESOURCE_MANAGER_VERSION = "2020-03-31";
export const RESOURCE_DIRECTORY_MASTER_VERSION = "2022-04-19";
const DEFAULT_TIMEOUT_MS = 10_000;

export class ResourceManagerClient {
  private readonly resourceManager: RpcTransport;
  private readonly directoryMaster: RpcTransport;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly limiter: AdaptiveLimiter;
  private readonly maxRequestsPerSecond: number | undefined;
  /** Whose quota the calls count against, for the pace's memory (hashed there, never written as is). */
  private readonly account: string;
  /** Every number GetAccount showed to this client: redacted from the text of every later failure. */
  private readonly shownNumbers = new Set<string>();

  constructor(
    settings: ProviderSettings,
    private readonly options: ClientOptions = {},
  ) {
    const credentials = credentialsSourceFor(settings.credentials);
    this.resourceManager = new RpcTransport(
      {
        endpoint: settings.endpoint,
        apiVersion: RESOURCE_MANAGER_VERSION,
        setting: { id: "endpoint", given: settings.sources?.endpoint },
      },
      credentials,
    );
    this.directoryMaster = new RpcTransport(
      {
        endpoint: settings.directoryEndpoint,
        apiVersion: RESOURCE_DIRECTORY_MASTER_VERSION,
        setting: { id: "directoryEndpoint", given: settings.sources?.directoryEndpoint },
      },
      credentials,
    );
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.limiter = options.limiter ?? processLimiter;
    this.maxRequestsPerSecond = settings.maxRequestsPerSecond;
    const given = settings.credentials;
    this.account =
      given.kind === "static" ? given.accessKeyId : given.kind === "profile" ? `profile ${given.profile}` : given.kind;
  }

  /**
   * BindSecureMobilePhone. The call is not idempotent, so a failure after an attempt that may have run
   * (its answer lost, a 5xx) is not the end: typically the retry meets AccountSecureMobileAlreadyExists
   * because the first attempt won, or the retries run out. Then HasSecureMobilePhone decides. That is
   * sound only because the caller checked, before binding, that the member had no phone (see
   * BindingLifecycle.create); AccountSecureMobileAlreadyExists without an earlier doubtful attempt is
   * reported as it is.
   */
  async bindSecureMobilePhone(request: BindRequest): Promise<BindResult> {
    try {
      const answer = await this.request(
        this.resourceManager,
        "BindSecureMobilePhone",
        {
          AccountId: request.accountId,
          SecureMobilePhone: request.inheritSecureMobilePhoneFrom ? undefined : request.secureMobilePhone,
          VerificationCode: request.inheritSecureMobilePhoneFrom ? undefined : request.verificationCode,
          InheritSecureMobilePhoneFrom: request.inheritSecureMobilePhoneFrom,
        },
        { secrets: [request.secureMobilePhone, request.verificationCode], subject: request.accountId },
      );
      return { requestId: String(answer.RequestId) };
    } catch (error) {
      const attempts = [...previousFailures(error), error];
      if (attempts.some((attempt) => classifyFailure(attempt).ambiguous)) {
        const status = await this.getMemberPhoneStatus(request.accountId).catch(() => undefined);
        if (status?.exists && status.hasSecureMobilePhone) return { requestId: undefined };
      }
      throw error;
    }
  }

  /** SendVerificationCodeForBindSecureMobilePhone: the SMS the member's owner reads the code from. */
  async sendVerificationCode(
    accountId: string,
    secureMobilePhone: string,
  ): Promise<{ requestId: string; expirationDate: string }> {
    const answer = await this.request(
      this.resourceManager,
      "SendVerificationCodeForBindSecureMobilePhone",
      { AccountId: accountId, SecureMobilePhone: secureMobilePhone },
      // A lost answer may mean an SMS went out; sending another would only burn the daily limit.
      { secrets: [secureMobilePhone], subject: accountId, retryAmbiguous: false },
    );
    return { requestId: String(answer.RequestId), expirationDate: String(answer.ExpirationDate ?? "") };
  }

  /**
   * CreateResourceAccount: vends a member. Not retried after a lost answer (a second call would create a
   * second member), only after throttling and refused connections.
   */
  async createResourceAccount(
    displayName: string,
    parentFolderId?: string,
  ): Promise<{ accountId: string; requestId: string }> {
    const answer = await this.request(
      this.resourceManager,
      "CreateResourceAccount",
      { DisplayName: displayName, ParentFolderId: parentFolderId },
      { retryAmbiguous: false },
    );
    const account = (answer.Account ?? {}) as Record<string, unknown>;
    return { accountId: String(account.AccountId ?? ""), requestId: String(answer.RequestId) };
  }

  /**
   * ResourceDirectoryMaster GetAccount: whether the member exists, already has a secure phone, and which one
   * when the service shows it.
   */
  async getMemberPhoneStatus(accountId: string): Promise<MemberPhoneStatus> {
    try {
      const answer = await this.request(
        this.directoryMaster,
        "GetAccount",
        { AccountId: accountId },
        { subject: accountId },
      );
      const account = (answer.Account ?? {}) as Record<string, unknown>;
      const hasSecureMobilePhone = account.HasSecureMobilePhone === true;
      const shown = typeof account.SecureMobilePhone === "string" ? account.SecureMobilePhone.trim() : "";
      if (shown) this.shownNumbers.add(shown);
      return {
        exists: true,
        hasSecureMobilePhone,
        // Only beside HasSecureMobilePhone: a number shown for a member said to have none is not believed.
        ...(hasSecureMobilePhone && shown ? { shownSecureMobilePhone: shown } : {}),
        accountType: String(account.Type ?? ""),
        requestId: String(answer.RequestId),
      };
    } catch (error) {
      if (error instanceof ResourceManagerError && error.code === "EntityNotExists.Account") {
        return { exists: false, requestId: error.requestId };
      }
      throw error;
    }
  }

  /**
   * GetResourceDirectory: the management account's ID (MasterAccountId; the service has no field named
   * ManagementAccountId). GetAccount shows it as a CloudAccount, as it shows a cloud account invited in.
   */
  async getManagementAccountId(): Promise<string> {
    const answer = await this.request(this.resourceManager, "GetResourceDirectory", {}, {});
    const directory = (answer.ResourceDirectory ?? {}) as Record<string, unknown>;
    return String(directory.MasterAccountId ?? "");
  }

  /** One call under the one retry policy, each attempt in its turn of the process's pace for this action. */
  private request(
    transport: RpcTransport,
    action: string,
    params: Record<string, string | undefined>,
    options: Omit<RpcCallOptions, "timeoutMs"> & { retryAmbiguous?: boolean },
  ): Promise<Record<string, unknown>> {
    const { retryAmbiguous, secrets, ...rest } = options;
    const callOptions = { ...rest, secrets: [...(secrets ?? []), ...this.shownNumbers] };
    // Flow control is per API: one pace per action, and per endpoint so two services never share one.
    const paceKey = `${transport.endpoint} ${action}`;
    const memoryKey = paceMemoryKey(this.account, transport.endpoint, action);
    return withRetries(
      () => transport.call(action, params, { ...callOptions, timeoutMs: this.timeoutMs }),
      this.policy,
      {
        sleep: this.options.sleep,
        retryAmbiguous,
        admit: (deadline) => this.limiter.acquire(paceKey, { cap: this.maxRequestsPerSecond, deadline, memoryKey }),
      },
    );
  }
}
