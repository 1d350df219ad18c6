/**
 * check and diff run for every binding on every preview, redact on every error text. Targets: a
 * landing zone of 1,000 members previews its bindings' rules in well under 10 ms (> 100k ops/s each).
 */

import { bench, describe } from "vitest";
import { redact } from "../../provider/client/redact";
import { checkBinding } from "../../provider/rules/check";
import { diffBinding } from "../../provider/rules/diff";

const olds = { accountId: "1510000000000101", secureMobilePhone: "1-6505550100", verificationCode: "482913" };
const news = { ...olds, verificationCode: "119204" };
const errorText = `BindSecureMobilePhone failed: Specified signature is not matched with our calculation. server string to sign is:POST&%2F&${"SecureMobilePhone%3D1-6505550100%26".repeat(40)}`;

describe("rules", () => {
  bench("checkBinding: an unchanged bound member", () => {
    checkBinding(olds, news, "international");
  });
  bench("diffBinding: an unchanged bound member", () => {
    diffBinding({ ...olds, adopted: false }, news);
  });
  bench("redact: a 1.5 KB error text", () => {
    redact(errorText, ["1-6505550100", "482913"]);
  });
});
