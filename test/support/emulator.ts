/**
 * The emulator as tests use it: one per test file, reset between tests, with the settings and environment that point
 * the provider at it, and helpers for members and codes.
 */

import { afterAll, afterEach, beforeAll } from "vitest";
import {
  fixtureKeys,
  fixturePhones,
  startEmulator,
  type RunningEmulator,
  type ShowPhone,
  type Site,
} from "../../emulator/internal";
import { processLimiter } from "../../provider/client/limiter";
import { ResourceManagerClient } from "../../provider/client/resourceManager";
import type { RetryPolicy } from "../../provider/client/retry";
import type { ProviderSettings } from "../../provider/settings";
import { auditSecrets, auditShownNumbers } from "./audit";

/** Retries in milliseconds rather than seconds, so fault tests stay fast; the shape of the policy is the real one. */
export const FAST_RETRIES: RetryPolicy = {
  maxAttempts: 1_000,
  initialDelayMs: 5,
  maxDelayMs: 40,
  totalTimeoutMs: 3_000,
};

type Key = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

/**
 * An environment without any Alibaba Cloud setting of this machine, so that a child process sees only what a
 * test gives it (e.g. what `source` of the emulator's env file gives).
 */
export function withoutAlibabaCloudSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^(ALICLOUD|ALIBABA_CLOUD)_/.test(name)));
}

/** The environment a user would set to point the provider at the emulator with a key. */
export function emulatorEnv(
  emulator: RunningEmulator,
  site: Site,
  key: Key = fixtureKeys.management,
): Record<string, string> {
  return {
    ALICLOUD_SECURE_PHONE_SITE: site,
    ALICLOUD_SECURE_PHONE_ENDPOINT: emulator.url,
    ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: emulator.url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    ...(key.securityToken ? { ALIBABA_CLOUD_SECURITY_TOKEN: key.securityToken } : {}),
  };
}

export function emulatorSettings(
  emulator: RunningEmulator,
  site: Site,
  key: Key = fixtureKeys.management,
): ProviderSettings {
  return {
    site,
    endpoint: emulator.url,
    directoryEndpoint: emulator.url,
    credentials: { kind: "static", ...key, source: "test" },
  };
}

/**
 * One emulator per test file, its faults, flow control and call counts reset between tests, and the
 * process's pace with them (a test that throttles on purpose must not slow the next one down).
 */
export function useEmulator(
  site: Site,
  options: { showPhone?: ShowPhone } = {},
): { readonly current: RunningEmulator } {
  const holder: { current: RunningEmulator } = { current: undefined as unknown as RunningEmulator };
  beforeAll(async () => {
    holder.current = await startEmulator({ site, showPhone: options.showPhone });
    auditShownNumbers(
      Object.fromEntries(Object.entries(fixturePhones[site]).map(([name, phone]) => [`fixture phone ${name}`, phone])),
    );
  });
  afterEach(() => {
    // A test that switches how GetAccount shows numbers leaves the file's own mode to the next one.
    holder.current.setShowPhone(options.showPhone ?? "masked");
    holder.current.faults.clear();
    holder.current.rateLimit.set({});
    holder.current.calls.reset();
    processLimiter.reset();
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Every secret the fixtures hold, for asserting that none leaks into text. */
export function fixtureSecrets(): string[] {
  return Object.values(fixtureKeys).flatMap((key): string[] =>
    "securityToken" in key ? [key.accessKeySecret, key.securityToken] : [key.accessKeySecret],
  );
}

/**
 * The send-code step a user runs before `pulumi up` (`alicloud-secure-phone send-code`), then the code
 * "from the SMS": the emulator hands it to tests only.
 */
export async function sendCode(
  emulator: RunningEmulator,
  site: Site,
  accountId: string,
  phone: string,
): Promise<string> {
  await new ResourceManagerClient(emulatorSettings(emulator, site)).sendVerificationCode(accountId, phone);
  const code = emulator.codes.latest(accountId, phone)!;
  auditSecrets({ [`verification code for ${accountId}`]: code, [`phone for ${accountId}`]: phone });
  auditShownNumbers({ [`phone for ${accountId}`]: phone });
  return code;
}

/** A new member of type ResourceAccount and a code sent for it to `phone`; the call log starts empty after. */
export async function newMemberWithCode(emulator: RunningEmulator, site: Site, displayName: string, phone: string) {
  const accountId = emulator.directory.addResourceAccount({ displayName }).AccountId;
  const code = await sendCode(emulator, site, accountId, phone);
  emulator.calls.reset();
  return { accountId, code };
}
