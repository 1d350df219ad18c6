/**
 * The maxRequestsPerSecond setting: unset by default, stack config before the environment, a bad value refused by name
 * at check.
 */

import { describe, expect, it } from "vitest";
import { lifecycleFor } from "../provider/adapters/lifecycleFor";
import { resolveSettings } from "../provider/settings";

const config = (values: Record<string, string>) => (key: string) => values[key];
const none = config({});

describe("alicloud-secure-phone:maxRequestsPerSecond", () => {
  it("is unset by default: the pace is learnt", () => {
    expect(resolveSettings(none, {})).not.toHaveProperty("maxRequestsPerSecond");
  });

  it("comes from stack config first, then ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND; fractions allowed", () => {
    const env = { ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND: "0.5" };
    expect(resolveSettings(none, env).maxRequestsPerSecond).toBe(0.5);
    expect(
      resolveSettings(config({ "alicloud-secure-phone:maxRequestsPerSecond": "10" }), env).maxRequestsPerSecond,
    ).toBe(10);
  });

  it.each(["0", "-3", "ten", "1e3", "Infinity", "10 per second", "10001"])(
    "refuses %j, naming where it came from and what is expected",
    (value) => {
      expect(() => resolveSettings(none, { ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND: value })).toThrow(
        /environment variable ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND is ".*": expected a number of requests per second per API action, greater than 0 and at most 10000/,
      );
      expect(() => resolveSettings(config({ "alicloud-secure-phone:maxRequestsPerSecond": value }), {})).toThrow(
        /stack config alicloud-secure-phone:maxRequestsPerSecond/,
      );
    },
  );

  it("fails check, so a bad value stops the preview rather than the up after it", async () => {
    const lifecycle = lifecycleFor({ env: () => ({ ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND: "fast" }) });
    const { failures } = await lifecycle.check(
      {},
      { accountId: "1510000000000101", inheritSecureMobilePhoneFrom: "ManagementAccount" },
    );
    expect(failures).toEqual([
      { property: "", reason: expect.stringContaining('ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND is "fast"') },
    ]);
  });
});
