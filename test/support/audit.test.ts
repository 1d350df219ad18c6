/** The audit must find what it is there to find, or its "0 leaks" means nothing. */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AUDIT_DIR_VARIABLE, auditSecrets, auditText, secretMatcher } from "./audit";
import { scanAudit } from "./auditSetup";

describe("secrets audit", () => {
  const runDir = process.env[AUDIT_DIR_VARIABLE];
  let scratch: string | undefined;
  afterEach(() => {
    process.env[AUDIT_DIR_VARIABLE] = runDir;
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("finds a planted secret by name and source, and counts texts and bytes", () => {
    scratch = mkdtempSync(join(tmpdir(), "secure-phone-audit-test-"));
    process.env[AUDIT_DIR_VARIABLE] = scratch;
    auditSecrets({ "planted phone": "1-6505550142", "planted code": "731904", "planted key": "emuPlantedSecret0001" });
    auditText("clean output", "bound 1-650****0142 for account 1510000000731904"); // masked; the code only inside an ID
    auditText("leaky state", '{"secureMobilePhone":"1-6505550142"}');
    auditText("leaky log", "SMS code 731904 sent; key emuPlantedSecret0001");
    const result = scanAudit(scratch);
    expect(result).toMatchObject({ texts: 3, secrets: 3 });
    expect(result.bytes).toBeGreaterThan(100);
    expect(result.leaks).toEqual(
      expect.arrayContaining([
        { secret: "planted phone", source: "leaky state" },
        { secret: "planted code", source: "leaky log" },
        { secret: "planted key", source: "leaky log" },
      ]),
    );
    expect(result.leaks).toHaveLength(3);
  });

  it.each([
    ["1-6505550142", "+16505550142", true],
    ["1-6505550142", "+1 6505550142", true],
    ["1-6505550142", "call 6505550142", true],
    ["1-6505550142", "1-650****0142", false],
    ["731904", "account 1510000000731904", false],
    ["731904", "code=731904&", true],
  ])("matches %s in %j: %s", (secret, text, found) => {
    expect(secretMatcher(secret)(text)).toBe(found);
  });
});
