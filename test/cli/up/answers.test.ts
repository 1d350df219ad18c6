/**
 * Where `up` reads the operator's answers: a terminal that never shows what is typed (raw mode, backspace, typed-ahead
 * input, Ctrl-D, Ctrl-C), or one answer per line from standard input.
 */

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Interrupted, lineAnswers, terminalAnswers, type TerminalInput } from "../../../cli/up/answers";

/** A terminal: input that records raw mode, output that records what the screen shows. */
function terminal() {
  const input = new PassThrough() as PassThrough & TerminalInput & { rawModes: boolean[] };
  input.isTTY = true;
  input.rawModes = [];
  input.setRawMode = (mode: boolean) => input.rawModes.push(mode);
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk) => (screen += chunk));
  return { input, output, screen: () => screen };
}

describe("terminalAnswers", () => {
  it("reads a line in raw mode and never shows what was typed; backspace edits", async () => {
    const { input, output, screen } = terminal();
    const answers = terminalAnswers(input, output);
    const answer = answers.ask("Code: ");
    input.write("48291");
    input.write("x\x7f3\r");
    expect(await answer).toBe("482913");
    answers.close();
    expect(input.rawModes).toEqual([true, false]);
    expect(screen()).toBe("Code: \n");
  });

  it("keeps what was typed ahead for the next prompt", async () => {
    const { input, output } = terminal();
    const answers = terminalAnswers(input, output);
    input.write("111111\r222222\r");
    expect([await answers.ask("1: "), await answers.ask("2: ")]).toEqual(["111111", "222222"]);
  });

  it("ends the answers on Ctrl-D at an empty line and stops on Ctrl-C", async () => {
    const { input, output } = terminal();
    const answers = terminalAnswers(input, output);
    input.write("\x04");
    expect(await answers.ask("1: ")).toBeUndefined();
    input.write("12\x03");
    await expect(answers.ask("2: ")).rejects.toBeInstanceOf(Interrupted);
  });
});

describe("lineAnswers", () => {
  it("takes one answer per line, trimmed, then undefined at the end of input", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const answers = lineAnswers(input, output);
    input.end("482913\r\n  s \n");
    expect([await answers.ask("1:"), await answers.ask("2:"), await answers.ask("3:")]).toEqual([
      "482913",
      "s",
      undefined,
    ]);
  });
});
