/**
 * The one reader of Pulumi URNs in this package (the plugin's dispatch, its import hint, and the CLI's
 * preview join all need a resource's type and name). A URN is
 * `urn:pulumi:<stack>::<project>::<parent type>$...$<type>::<name>`; the name comes last.
 */
export interface ParsedUrn {
  /** The resource's own type token (the last of the `$`-joined types); undefined when the URN has none. */
  type: string | undefined;
  /** The resource's name in the program. */
  name: string;
  /** True when the resource has a parent other than the stack (a `$` in the type part). */
  nested: boolean;
}

export function parseUrn(urn: string): ParsedUrn {
  const parts = urn.split("::");
  const qualifiedType = parts[2];
  return {
    type: qualifiedType?.split("$").pop(),
    name: parts[parts.length - 1] ?? "",
    nested: (qualifiedType ?? "").includes("$"),
  };
}
