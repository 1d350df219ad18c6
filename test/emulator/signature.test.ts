/**
 * The V1 RPC signature the emulator checks: the published check vector, the service's percent-encoding and byte-order
 * sort, exact comparison.
 */

import { describe, expect, it } from "vitest";
import { canonicalQuery, percentEncode, signRequest, constantTimeEqual, stringToSign } from "../../emulator/internal";

describe("V1 RPC signature", () => {
  it("reproduces the published check vector", () => {
    const params = {
      AccessKeyId: "testid",
      Action: "DescribeRegions",
      Format: "XML",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      SignatureVersion: "1.0",
      Timestamp: "2016-02-23T12:46:24Z",
      Version: "2014-05-26",
    };
    expect(signRequest("GET", params, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    // Signature itself is never part of what is signed.
    expect(signRequest("GET", { ...params, Signature: "x" }, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  it("percent-encodes the way the service does", () => {
    expect(percentEncode("a b")).toBe("a%20b");
    expect(percentEncode("*")).toBe("%2A");
    expect(percentEncode("~-_.")).toBe("~-_.");
    expect(percentEncode("!'()")).toBe("%21%27%28%29");
    expect(percentEncode("+/=")).toBe("%2B%2F%3D");
    expect(percentEncode("é中")).toBe("%C3%A9%E4%B8%AD");
  });

  it("sorts names in byte order and encodes the canonical query once more in the string to sign", () => {
    expect(canonicalQuery({ b: "2", a: "x y", B: "1" })).toBe("B=1&a=x%20y&b=2");
    expect(stringToSign("post", { a: "x y" })).toBe("POST&%2F&a%3Dx%2520y");
  });

  it("compares signatures exactly", () => {
    expect(constantTimeEqual("abc=", "abc=")).toBe(true);
    expect(constantTimeEqual("abc=", "abd=")).toBe(false);
    expect(constantTimeEqual("abc=", "abc")).toBe(false);
  });
});
