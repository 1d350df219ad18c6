/**
 * The dynamic loader: the `__provider` text every binding stores in state (twice: as input and output).
 * The dynamic-provider host loads it with require-from-string from the program's folder and calls
 * `handler()` once per process for the provider object (adapters/dynamic.ts, through the package's
 * `./provider` entry).
 *
 * A constant, written by hand rather than produced by Pulumi's closure serializer, because what it must
 * guarantee is easiest to keep that way: it holds no logic and no settings, so the installed package's
 * implementation runs at call time (refresh and destroy never run code frozen in state); it is the same
 * text in every build and release (no spurious diff after an upgrade); it cannot capture a credential.
 * And it is 90 bytes where the serialized object of 0.1.0 was 2.5 KB (the serializer wraps each method in
 * about 150 bytes of scaffolding). The module name resolves from the program's folder, where the package
 * is installed; an explicit name (not a path captured from require.cache) also works under pnpm and npm
 * link, whose real paths lie outside the program's node_modules.
 */
import type * as pulumi from "@pulumi/pulumi";

export const PROVIDER_TEXT =
  'exports.handler = () => require("pulumi-alicloud-secure-phone/provider").dynamicProvider;\n';

function implementation(): Required<pulumi.dynamic.ResourceProvider> {
  return require("pulumi-alicloud-secure-phone/provider").dynamicProvider;
}

/**
 * The same loader as an object, for programs that declare their own `pulumi.dynamic.Resource` with it.
 * Pulumi serializes it to about 2.5 KB; SecureMobilePhoneBinding stores PROVIDER_TEXT instead.
 */
export const secureMobilePhoneBindingProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => implementation().configure(req),
  check: (olds, news) => implementation().check(olds, news),
  diff: (id, olds, news) => implementation().diff(id, olds, news),
  create: (inputs) => implementation().create(inputs),
  read: (id, props) => implementation().read(id, props),
  update: (id, olds, news) => implementation().update(id, olds, news),
  delete: (id, props) => implementation().delete(id, props),
};
