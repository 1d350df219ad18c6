/** The scripts' flags (devkit/args.ts): declared flags parse typed, anything else fails with the usage, before a run starts. */
import { describe, expect, it } from "vitest";
import { commandLine, positiveInteger } from "../../devkit/args";

const USAGE = "npm run soak -- [--n 200] [--pty]";
const FLAGS = { n: { type: "string" }, pty: { type: "boolean", default: false } } as const;

describe("commandLine", () => {
  it("parses declared flags and allowed positionals", () => {
    const { values, positionals } = commandLine(USAGE, FLAGS, 1, ["20", "--n", "5", "--pty"]);
    expect(values).toEqual({ n: "5", pty: true });
    expect(positionals).toEqual(["20"]);
  });

  it("refuses an unknown flag, naming it, with the usage", () => {
    expect(() => commandLine(USAGE, FLAGS, 0, ["--large"])).toThrow(/'--large'[\s\S]*usage: npm run soak/);
  });

  it("refuses a word beyond the positionals it takes", () => {
    expect(() => commandLine(USAGE, FLAGS, 0, ["200"])).toThrow(/unexpected argument "200"\nusage: npm run soak/);
  });
});

describe("positiveInteger", () => {
  it("takes the fallback when absent, the number when given", () => {
    expect(positiveInteger("--n", undefined, 200)).toBe(200);
    expect(positiveInteger("--n", "7", 200)).toBe(7);
  });

  it("refuses zero, fractions and words, naming the flag and what it expects", () => {
    for (const bad of ["0", "1.5", "ten", "-3"])
      expect(() => positiveInteger("--n", bad, 200)).toThrow(`--n is "${bad}": expected a positive integer (e.g. 200)`);
  });
});
