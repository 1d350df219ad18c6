/**
 * The provider plugin's provider for one resource type, the SecureMobilePhoneBinding: the same
 * BindingLifecycle as the dynamic resource, behind the plugin protocol. What it adds is only what the
 * protocol asks: secrets that travel wrapped (unwrapped for the lifecycle, the phone and code wrapped again
 * on the way out), the migration rule for bindings moved here from the dynamic resource, and the import
 * command that a plugin binding offers. pluginProvider.ts routes to it by type token.
 */
import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { ALWAYS_SECRET } from "../../contract";
import { BindingLifecycle, MemberAlreadyBoundError } from "../../lifecycle";
import { importCommandHint } from "../../messages";
import { BindingOutputs, PROVIDER_KEY } from "../../rules/inputs";
import { PLUGIN_BINDING_TYPE } from "../../typeTokens";
import { parseUrn } from "../../urn";
import { withRedactedErrors as guarded } from "../redaction";
import { PropertyBag, unwrapSecrets, wrapSecrets } from "./wireSecrets";

/** The methods of the plugin protocol that act on one resource, each given the resource's URN. */
export type ResourceProvider = Required<
  Pick<pulumiProvider.Provider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

export class BindingProvider implements ResourceProvider {
  constructor(private readonly lifecycle: BindingLifecycle) {}

  async check(urn: string, olds: PropertyBag, news: PropertyBag): Promise<pulumiProvider.CheckResult> {
    const [old, next] = [unwrapSecrets(olds), unwrapSecrets(news)];
    return guarded([old.values, next.values], async () => {
      const { inputs, failures } = await this.lifecycle.check(old.values, next.values, urn);
      return { inputs: wrapSecrets(inputs as PropertyBag, [...next.secretNames, ...ALWAYS_SECRET]), failures };
    });
  }

  async diff(id: string, _urn: string, olds: PropertyBag, news: PropertyBag): Promise<pulumiProvider.DiffResult> {
    const [old, next] = [unwrapSecrets(olds), unwrapSecrets(news)];
    return guarded([old.values, next.values], () => {
      const diff = this.lifecycle.diff(id, old.values as Partial<BindingOutputs>, next.values);
      // A binding moved here from the dynamic resource (aliases) still holds the serialized dynamic provider
      // in its outputs: an update, which makes no API call, sheds it.
      return PROVIDER_KEY in old.values && !diff.changes ? { ...diff, changes: true } : diff;
    });
  }

  async create(urn: string, inputs: PropertyBag): Promise<pulumiProvider.CreateResult> {
    const { values } = unwrapSecrets(inputs);
    return guarded([values], async () => {
      try {
        const { id, outs } = await this.lifecycle.create(values, urn);
        return { id, outs: wrapSecrets(outs as unknown as PropertyBag, ALWAYS_SECRET) };
      } catch (error) {
        if (error instanceof MemberAlreadyBoundError) {
          throw new Error(`${error.message} ${importCommand(urn, error.accountId)}`, { cause: error });
        }
        throw error;
      }
    });
  }

  async read(id: string, _urn: string, props: PropertyBag | undefined): Promise<pulumiProvider.ReadResult> {
    const { values } = unwrapSecrets(props);
    return guarded([values], async () => {
      const read = await this.lifecycle.read(id, values as Partial<BindingOutputs>);
      return {
        id: read.id,
        props: read.props && wrapSecrets(read.props as PropertyBag, ALWAYS_SECRET),
        inputs: read.inputs && wrapSecrets(read.inputs as PropertyBag, ALWAYS_SECRET),
      };
    });
  }

  async update(id: string, _urn: string, olds: PropertyBag, news: PropertyBag): Promise<pulumiProvider.UpdateResult> {
    const [old, next] = [unwrapSecrets(olds), unwrapSecrets(news)];
    return guarded([old.values, next.values], async () => {
      const { outs } = await this.lifecycle.update(id, old.values as Partial<BindingOutputs>, next.values);
      return { outs: wrapSecrets(outs as unknown as PropertyBag, ALWAYS_SECRET) };
    });
  }

  async delete(id: string, urn: string, props: PropertyBag): Promise<void> {
    const { values } = unwrapSecrets(props);
    return guarded([values], () => this.lifecycle.delete(id, values as Partial<BindingOutputs>, urn));
  }
}

/** The `pulumi import` command for the binding at this URN, as messages.ts words it. */
export function importCommand(urn: string, accountId: string): string {
  const { name, nested } = parseUrn(urn);
  return importCommandHint(PLUGIN_BINDING_TYPE, name, accountId, nested);
}
