/** Assembles the emulator: seeded directory, codes, faults, call log, HTTP server on loopback. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { NonceCache } from "./auth";
import { CallLog } from "./call-log";
import type { Directory } from "./directory";
import { FaultInjector } from "./faults";
import { HeldAnswers } from "./held-answers";
import { RateLimiter, type RateLimits } from "./rate-limit";
import { seedDirectory } from "./fixtures";
import { PhoneDisplay, type ShowPhone } from "./phone-display";
import { SentCodes, type SmsListener } from "./sent-codes";
import { createRequestListener } from "./server";
import type { Site } from "./site";

export interface EmulatorOptions {
  /** Default "international", as the provider's default site. */
  site?: Site;
  /** 0 (default) = a random free port. */
  port?: number;
  /** ms epoch; injectable for expiry tests. Default Date.now. */
  clock?: () => number;
  /** Verification codes per account per UTC day; default 100. */
  sendLimitPerAccount?: number;
  /** Verification code lifetime; default 15 minutes. */
  codeTtlMs?: number;
  /** Called with each code sent, as the phone would receive it (demos only; tests read `codes`). */
  onCodeSent?: SmsListener;
  /** Flow control: accepted requests per second by action (`"*"`: any other); none by default. */
  rateLimits?: RateLimits;
  /**
   * How ResourceDirectoryMaster 2022-04-19 GetAccount shows a bound number in `SecureMobilePhone`: left out,
   * masked (`1650*****23`, the default) or full (`1-6505550123`). Changeable later with setShowPhone.
   */
  showPhone?: ShowPhone;
}

export interface RunningEmulator {
  /** "http://127.0.0.1:<port>", no trailing slash. Serves both API versions. */
  url: string;
  directory: Directory;
  faults: FaultInjector;
  /** Answers held back by holdAfterCommit faults, until released. */
  held: HeldAnswers;
  /** Flow control, changeable while running (`rateLimit.set({ BindSecureMobilePhone: 10 })`). */
  rateLimit: RateLimiter;
  calls: CallLog;
  /** The only way to read a sent verification code (tests only). */
  codes: SentCodes;
  /** The current show-phone mode (see EmulatorOptions.showPhone). */
  readonly showPhone: ShowPhone;
  /** Switches the show-phone mode for the calls that arrive from now on. */
  setShowPhone(mode: ShowPhone): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock ?? Date.now;
  const directory = seedDirectory(options.site ?? "international", clock);
  const phoneDisplay = new PhoneDisplay(options.showPhone ?? "masked");
  const codes = new SentCodes(options.onCodeSent);
  const faults = new FaultInjector();
  const held = new HeldAnswers();
  const calls = new CallLog();
  const rateLimit = new RateLimiter(options.rateLimits);
  const { listener, cancelPending } = createRequestListener({
    directory,
    codes,
    faults,
    held,
    rateLimit,
    calls,
    nonces: new NonceCache(),
    clock,
    sendLimitPerAccount: options.sendLimitPerAccount ?? 100,
    codeTtlMs: options.codeTtlMs ?? 15 * 60 * 1000,
    phoneDisplay,
  });
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    directory,
    faults,
    held,
    rateLimit,
    calls,
    codes,
    get showPhone() {
      return phoneDisplay.mode;
    },
    setShowPhone: (mode) => phoneDisplay.set(mode),
    close: () =>
      new Promise<void>((resolve, reject) => {
        cancelPending();
        held.drop();
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive (pop-core does); don't wait for them to go idle.
        server.closeAllConnections();
      }),
  };
}
