/** The parameters of one RPC request, from the query string and/or the form body. */
import { missingParameter } from "./errors";

export class RequestParams {
  private readonly values: ReadonlyMap<string, string>;

  constructor(values: ReadonlyMap<string, string>) {
    this.values = values;
  }

  /**
   * Query string and form body merged. A name given twice keeps its first value; the
   * client signed both, so such a request fails the signature check anyway.
   */
  static parse(query: string, formBody: string): RequestParams {
    const values = new Map<string, string>();
    for (const source of [query, formBody]) {
      // URLSearchParams decodes leniently (bad escapes become U+FFFD, '+' is a space,
      // as in any form decoder); such a request then simply fails its signature.
      for (const [name, value] of new URLSearchParams(source)) {
        if (!values.has(name)) values.set(name, value);
      }
    }
    return new RequestParams(values);
  }

  /** The value, or undefined when absent or empty (the service treats both as "not supplied"). */
  get(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === "" ? undefined : value;
  }

  /** The value, or MissingParameter.<name>. */
  required(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  /** Names matching `pattern`, e.g. the Tag.N.Key family. */
  namesMatching(pattern: RegExp): string[] {
    return [...this.values.keys()].filter((name) => pattern.test(name));
  }

  /** Every parameter as given (empty values included), as the signature covers them. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}
