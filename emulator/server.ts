/**
 * The HTTP face of the emulator: read the call (V1 parameters or V3 headers), authenticate, route by
 * (Version, Action), count the call, apply a fault, answer JSON or XML the way the real POP gateway does.
 * pop-core ignores the HTTP status and reads only `Code`, but other clients do not, so statuses follow the
 * vendor's tables.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { productOf, route, type ActionContext, type ActionHandler } from "./actions";
import { authenticate, type NonceCache } from "./auth";
import type { CallLog } from "./call-log";
import type { Directory } from "./directory";
import { missingParameter, ServiceError, serviceError } from "./errors";
import type { ActiveFault, FaultInjector } from "./faults";
import type { HeldAnswers } from "./held-answers";
import type { RequestParams } from "./params";
import type { RateLimiter } from "./rate-limit";
import { answerFormat, readCall, type AnswerFormat, type IncomingCall } from "./request";
import { parseAuthorization } from "./signature-v3";
import { toXml } from "./xml";
import type { PhoneDisplay } from "./phone-display";
import type { SentCodes } from "./sent-codes";

export interface ServerDeps {
  directory: Directory;
  codes: SentCodes;
  faults: FaultInjector;
  held: HeldAnswers;
  rateLimit: RateLimiter;
  calls: CallLog;
  nonces: NonceCache;
  clock: () => number;
  sendLimitPerAccount: number;
  codeTtlMs: number;
  phoneDisplay: PhoneDisplay;
}

/** An answer not yet delivered: a fault may delay it, replace it or drop it. */
interface Answer {
  status: number;
  body: Record<string, unknown>;
  code: string;
}

const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPES: Readonly<Record<AnswerFormat, string>> = {
  JSON: "application/json;charset=utf-8",
  // The SDKs read an XML error body only under exactly this content type.
  XML: "text/xml;charset=utf-8",
};

/** What a load balancer in front of the service answers when the backend is gone. */
const LOAD_BALANCER_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n";

export interface EmulatorRequestListener {
  listener: RequestListener;
  /** Cancels answers still held back by a latency fault (on shutdown). */
  cancelPending(): void;
}

export function createRequestListener(deps: ServerDeps): EmulatorRequestListener {
  const delayed = new Set<NodeJS.Timeout>();

  const listener: RequestListener = (req, res) => {
    handle(deps, delayed, req, res).catch(() => {
      // Reached only if the socket failed mid-answer; nothing left to tell the client.
      req.socket.destroy();
    });
  };
  return {
    listener,
    cancelPending() {
      for (const timer of delayed) clearTimeout(timer);
      delayed.clear();
    },
  };
}

async function handle(
  deps: ServerDeps,
  delayed: Set<NodeJS.Timeout>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? "";
  const body = await readBody(req);
  if (body === undefined) return; // too large: connection already destroyed

  const incoming = readCall(method, req.url ?? "/", req.headers, body);
  const { params, version, action } = incoming;
  const product = productOf(version);
  // An unreadable Format is itself answered, in JSON.
  let format: AnswerFormat = "JSON";
  const send = (answer: Answer): void => sendAnswer(res, requestId, answer, format, action);
  const hostId = hostOf(req.headers.host) ?? product.defaultHost;
  const requestId = randomUUID().toUpperCase();
  const errorAnswer = (error: ServiceError): Answer => ({
    status: error.httpStatus,
    code: error.code,
    body: {
      RequestId: requestId,
      HostId: hostId,
      Code: error.code,
      Message: error.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product.name}`,
    },
  });

  // Not an RPC call at all (another path or method): the gateway's "no such api", uncounted.
  if ((method !== "GET" && method !== "POST") || incoming.path !== "/") {
    send(errorAnswer(serviceError("InvalidAction.NotFound")));
    return;
  }
  const record = (code: string, httpStatus: number, fault?: ActiveFault): void =>
    deps.calls.record({
      action,
      version,
      method,
      accessKeyId: accessKeyIdOf(incoming),
      signing: incoming.signing,
      ...(params.get("AccountId") ? { accountId: params.get("AccountId") } : {}),
      code,
      httpStatus,
      ...(fault ? { fault: fault.kind } : {}),
    });

  let handler: ActionHandler;
  let fault: ActiveFault | undefined;
  try {
    if (!action) throw missingParameter("Action");
    if (!version) throw missingParameter("Version");
    // Which APIs exist is public; the gateway resolves the API before authenticating.
    const found = route(version, action);
    if (!found) throw serviceError("InvalidAction.NotFound");
    handler = found;
    format = answerFormat(incoming);

    const key = authenticate(incoming, deps.directory, deps.nonces, deps.clock());
    // Every action here requires the management account (or a RAM identity in it).
    if (key.accountId !== deps.directory.masterAccountId) throw serviceError("CallerIdentityError");

    // Flow control comes after authentication (it is per caller) and before anything runs.
    if (deps.rateLimit.refuses(action, deps.clock())) throw serviceError("Throttling.User");
    fault = deps.faults.take(action);
    const refusal = refusalFor(fault);
    if (refusal) throw refusal;
  } catch (error) {
    const answer = errorAnswer(asServiceError(error));
    record(answer.code, answer.status, fault);
    send(answer);
    return;
  }

  switch (fault?.kind) {
    case "nonJson":
      record("NonJsonAnswer", 502, fault);
      res.writeHead(502, { "content-type": "text/html", "x-acs-request-id": requestId });
      res.end(LOAD_BALANCER_502);
      return;
    case "gatewayJson":
      // A gateway's own JSON error page: no Code, no RequestId. pop-core alone would take it for success.
      record("GatewayJsonAnswer", 502, fault);
      res.writeHead(502, { "content-type": "application/json", "x-acs-request-id": requestId });
      res.end(JSON.stringify({ message: "bad gateway" }));
      return;
    case "dropBeforeCommit":
      record("ConnectionDropped", 0, fault);
      req.socket.destroy();
      return;
    default:
      break;
  }

  const answer = execute(deps, handler, params, requestId, errorAnswer);
  if (fault?.kind === "dropAfterCommit") {
    // The action ran (a bind is committed) but the client never learns it: the ambiguous case.
    record(answer.code, 0, fault);
    req.socket.destroy();
    return;
  }
  record(answer.code, answer.status, fault);
  if (fault?.kind === "holdAfterCommit" && answer.code === "OK") {
    // Committed; the answer waits for the test (a kill of the client is meant to land now). Refusals
    // (nothing committed) are answered at once.
    deps.held.hold(() => send(answer));
    return;
  }
  if (fault?.kind === "latency") {
    // Executed first, answered late: a client that times out has still changed state.
    const timer = setTimeout(() => {
      delayed.delete(timer);
      send(answer);
    }, fault.delayMs);
    delayed.add(timer);
    return;
  }
  send(answer);
}

/** The key a call claims, authenticated or not: V1's AccessKeyId, V3's Credential. */
function accessKeyIdOf(incoming: IncomingCall): string {
  if (incoming.signing === "v1") return incoming.params.get("AccessKeyId") ?? "";
  const authorization = incoming.headers.authorization;
  return (authorization && parseAuthorization(authorization)?.credential) || "";
}

/** Faults that answer in place of the service, without executing anything. */
function refusalFor(fault: ActiveFault | undefined): ServiceError | undefined {
  switch (fault?.kind) {
    case "throttling":
      return serviceError(fault.code);
    case "serviceUnavailable":
      return serviceError("ServiceUnavailable");
    case "http5xx": {
      const internal = serviceError("InternalError");
      return new ServiceError(internal.code, fault.status, internal.message);
    }
    default:
      return undefined;
  }
}

function execute(
  deps: ServerDeps,
  handler: ActionHandler,
  params: RequestParams,
  requestId: string,
  errorAnswer: (error: ServiceError) => Answer,
): Answer {
  const ctx: ActionContext = {
    directory: deps.directory,
    codes: deps.codes,
    now: deps.clock(),
    sendLimitPerAccount: deps.sendLimitPerAccount,
    codeTtlMs: deps.codeTtlMs,
    showPhone: deps.phoneDisplay.mode,
  };
  try {
    return { status: 200, code: "OK", body: { RequestId: requestId, ...handler(ctx, params) } };
  } catch (error) {
    return errorAnswer(asServiceError(error));
  }
}

/** Anything unexpected is the service's own fault: 500 InternalError, no details leaked. */
function asServiceError(error: unknown): ServiceError {
  return error instanceof ServiceError ? error : serviceError("InternalError");
}

function sendAnswer(
  res: ServerResponse,
  requestId: string,
  answer: Answer,
  format: AnswerFormat,
  action: string,
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(answer.status, { "content-type": CONTENT_TYPES[format], "x-acs-request-id": requestId });
  if (format === "JSON") {
    res.end(JSON.stringify(answer.body));
    return;
  }
  const root = answer.code === "OK" && /^[A-Za-z]+$/.test(action) ? `${action}Response` : "Error";
  res.end(toXml(root, answer.body));
}

/** The Host header without its port. */
function hostOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** The whole body, or undefined (connection destroyed) past MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.socket.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
