/**
 * Where the operator's answers come from: the terminal, read without echo (a code on screen is a code in a
 * screen recording or a shared terminal's scrollback), or standard input, one answer per line
 * (`--codes-from -`). Either way an answer lives in memory only.
 */

import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

export interface Answers {
  /** Shows the prompt and returns the next answer, or undefined when no more will come (end of input). */
  ask(prompt: string): Promise<string | undefined>;
  /** Gives the input back (the terminal leaves raw mode) before `pulumi up` takes it over. */
  close(): void;
}

/** The operator pressed Ctrl-C at a prompt. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted at a prompt; nothing was bound");
    this.name = "Interrupted";
  }
}

/** A TTY input: what setRawMode needs. */
export interface TerminalInput extends Readable {
  isTTY?: boolean;
  setRawMode(mode: boolean): unknown;
}

const ENTER = new Set(["\r", "\n"]);
const BACKSPACE = new Set(["\x7f", "\b"]);
const CTRL_C = "\x03";
const CTRL_D = "\x04";

/** Reads answers from a terminal in raw mode: typed characters are not echoed. */
export function terminalAnswers(input: TerminalInput, output: Writable): Answers {
  let pending = ""; // typed ahead of a prompt: kept for the next one
  let waiter: (() => void) | undefined;
  const onData = (chunk: Buffer | string) => {
    pending += chunk.toString();
    waiter?.();
  };
  input.setRawMode(true);
  input.on("data", onData);
  input.resume();

  return {
    async ask(prompt) {
      output.write(prompt);
      let line = "";
      for (;;) {
        while (pending.length > 0) {
          const char = pending[0];
          pending = pending.slice(1);
          if (ENTER.has(char)) {
            if (char === "\r" && pending[0] === "\n") pending = pending.slice(1);
            output.write("\n");
            return line;
          }
          if (char === CTRL_C) {
            output.write("\n");
            throw new Interrupted();
          }
          if (char === CTRL_D && line === "") {
            output.write("\n");
            return undefined;
          }
          if (BACKSPACE.has(char)) line = line.slice(0, -1);
          else if (char >= " ") line += char;
        }
        await new Promise<void>((resolve) => (waiter = resolve));
        waiter = undefined;
      }
    },
    close() {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
    },
  };
}

/** Reads one answer per line from a stream (`--codes-from -`); the prompts still go to the output. */
export function lineAnswers(input: Readable, output: Writable): Answers {
  const lines: string[] = [];
  let ended = false;
  let waiter: (() => void) | undefined;
  const reader = createInterface({ input, terminal: false, crlfDelay: Infinity });
  reader.on("line", (line) => {
    lines.push(line.trim());
    waiter?.();
  });
  reader.on("close", () => {
    ended = true;
    waiter?.();
  });

  return {
    async ask(prompt) {
      output.write(`${prompt}\n`);
      while (lines.length === 0 && !ended) {
        await new Promise<void>((resolve) => (waiter = resolve));
        waiter = undefined;
      }
      return lines.shift();
    },
    close() {
      reader.close();
    },
  };
}
