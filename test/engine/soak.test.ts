/** The fault soak at N = 20 (`npm run soak` runs N = 200; devkit/soak.ts): every target, with the real retry policy. */

import { expect, it } from "vitest";
import { runSoak, soakTable } from "../../devkit/soak";
import { testAudit } from "../support/audit";
import { engineDescribe } from "./support";

engineDescribe("engine: fault soak", (cli) => {
  it("binds 20 members under throttling, 5xx, lost answers, gateway pages and latency spikes; a second up calls nothing", async () => {
    const result = await runSoak(cli, 20, 20261130, testAudit);
    console.log(`fault soak:\n${soakTable([result])}`);
    expect(result.errors).toEqual([]);
    expect(result.failedResources).toBe(0);
    expect(result.doubleBinds).toBe(0);
    expect(result.stateVersusDirectory).toBe(0);
    expect(result.secondUpCalls).toBe(0);
    // The soak soaked: every kind of fault was met and survived.
    expect(Object.keys(result.faults).sort()).toEqual(
      expect.arrayContaining(["dropAfterCommit", "gatewayJson", "http5xx", "latency", "nonJson", "throttling"]),
    );
  }, 180_000);
});
