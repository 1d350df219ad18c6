/** The emulator's record of the codes it sent, from which tests read each code and a demo plays the phone. */

import { describe, expect, it } from "vitest";
import { SentCodes } from "../../emulator/internal";

describe("SentCodes", () => {
  it("lets tests read every code sent, and a demo play the phone", () => {
    const sms: { accountId: string; phone: string; code: string }[] = [];
    const codes = new SentCodes((message) => sms.push(message));
    codes.issue("1510000000000101", "1-6505550123", 0, 60_000);
    codes.issue("1510000000000101", "1-6505550123", 1, 60_000);
    const [first, second] = codes.all();
    expect(codes.all()).toHaveLength(2);
    expect(codes.latest("1510000000000101", "1-6505550123")).toBe(second);
    expect(sms).toEqual([
      { accountId: "1510000000000101", phone: "1-6505550123", code: first },
      { accountId: "1510000000000101", phone: "1-6505550123", code: second },
    ]);
    expect(codes.redeem("1510000000000101", "1-6505550123", second, 2)).toBe(true);
  });
});
