/**
 * The adapter of the provider plugin, as pulumi-eks shapes one: a small table from type token to the
 * provider of that resource type (one type today), the provider-wide calls (Configure, CheckConfig), and
 * a dispatch by the URN's type. serve.ts serves it as the plugin's own ResourceProvider service (grpcHandlers.ts).
 */
import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { BindingLifecycle } from "../../lifecycle";
import { unknownTypeMessage } from "../../messages";
import { CheckFailure } from "../../rules/check";
import { ConfigReader } from "../../settings";
import { PLUGIN_BINDING_TYPE } from "../../typeTokens";
import { parseUrn } from "../../urn";
import { AdapterOptions, lifecycleFor } from "../lifecycleFor";
import { BindingProvider, ResourceProvider } from "./bindingProvider";
import { PropertyBag } from "./wireSecrets";

/** Every resource type the plugin serves, with the provider of each; all share the configured lifecycle. */
const RESOURCE_PROVIDERS: ReadonlyMap<string, (lifecycle: BindingLifecycle) => ResourceProvider> = new Map([
  [PLUGIN_BINDING_TYPE, (lifecycle: BindingLifecycle) => new BindingProvider(lifecycle)],
]);

/** The type tokens the plugin serves (schema.json declares the same). */
export const SERVED_TYPES: readonly string[] = [...RESOURCE_PROVIDERS.keys()];

export class PluginProvider implements pulumiProvider.Provider {
  private readonly lifecycle: BindingLifecycle;
  private readonly resources: ReadonlyMap<string, ResourceProvider>;

  constructor(
    readonly version: string,
    readonly schema: string,
    options: AdapterOptions = {},
  ) {
    this.lifecycle = lifecycleFor(options);
    this.resources = new Map([...RESOURCE_PROVIDERS].map(([type, make]) => [type, make(this.lifecycle)]));
  }

  /** Configure: the provider's own settings (see config.ts); credentials are resolved at each call. */
  configure(config: ConfigReader): void {
    this.lifecycle.configure(config);
  }

  /**
   * CheckConfig: bad settings fail at preview, before any resource is looked at. Messages name the
   * setting, never a secret's value; the property is left empty because the engine prints its value.
   */
  checkConfig(config: ConfigReader, hasUnknowns: boolean): CheckFailure[] {
    if (hasUnknowns) return []; // judged again when known
    const problem = this.lifecycle.settingsProblem(config);
    return problem ? [{ property: "", reason: problem }] : [];
  }

  async check(urn: string, olds: PropertyBag, news: PropertyBag): Promise<pulumiProvider.CheckResult> {
    return this.resourceAt(urn).check(urn, olds, news);
  }

  async diff(id: string, urn: string, olds: PropertyBag, news: PropertyBag): Promise<pulumiProvider.DiffResult> {
    return this.resourceAt(urn).diff(id, urn, olds, news);
  }

  async create(urn: string, inputs: PropertyBag): Promise<pulumiProvider.CreateResult> {
    return this.resourceAt(urn).create(urn, inputs);
  }

  async read(id: string, urn: string, props: PropertyBag | undefined): Promise<pulumiProvider.ReadResult> {
    return this.resourceAt(urn).read(id, urn, props);
  }

  async update(id: string, urn: string, olds: PropertyBag, news: PropertyBag): Promise<pulumiProvider.UpdateResult> {
    return this.resourceAt(urn).update(id, urn, olds, news);
  }

  async delete(id: string, urn: string, props: PropertyBag): Promise<void> {
    return this.resourceAt(urn).delete(id, urn, props);
  }

  /** The provider of the URN's type; any other type is a bug of the caller, said plainly. */
  private resourceAt(urn: string): ResourceProvider {
    const { type } = parseUrn(urn);
    const provider = type === undefined ? undefined : this.resources.get(type);
    if (!provider) throw new Error(unknownTypeMessage(type, SERVED_TYPES));
    return provider;
  }
}
