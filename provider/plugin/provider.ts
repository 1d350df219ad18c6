import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { withRedactedErrors } from "../guard";
import { BindingLifecycle, LifecycleOptions, MemberAlreadyBoundError } from "../lifecycle";
import { BindingInputs, BindingOutputs, PROVIDER_KEY } from "../rules/inputs";
import { ConfigReader } from "../settings";
import { PLUGIN_BINDING_TYPE } from "../typeTokens";
import { unwrapSecrets, wrapSecrets } from "./secrets";

/**
 * The provider plugin's resource provider: the same BindingLifecycle as the dynamic resource, behind the
 * plugin protocol. What it adds is only what the protocol asks: the type token, secrets that travel
 * wrapped (unwrapped for the lifecycle, the phone and code wrapped again on the way out), and the
 * migration rule for bindings moved here from the dynamic resource.
 */
export const BINDING_TYPE = PLUGIN_BINDING_TYPE;

/** Secret whatever the program sent (schema.json: `secret: true`). */
const ALWAYS_SECRET = ["secureMobilePhone", "verificationCode"];

type Bag = Record<string, unknown>;

export interface ConfigFailure {
  property: string;
  reason: string;
}

export class SecureMobilePhoneProvider implements pulumiProvider.Provider {
  private readonly lifecycle: BindingLifecycle;

  constructor(
    readonly version: string,
    readonly schema: string,
    options: LifecycleOptions = {},
  ) {
    this.lifecycle = new BindingLifecycle(options);
  }

  /** Configure: the provider's own settings (see config.ts); credentials are resolved at each call. */
  configure(config: ConfigReader): void {
    this.lifecycle.configure(config);
  }

  /**
   * CheckConfig: bad settings fail at preview, before any resource is looked at. Messages name the
   * setting, never a secret's value; the property is left empty because the engine prints its value.
   */
  checkConfig(config: ConfigReader, hasUnknowns: boolean): ConfigFailure[] {
    if (hasUnknowns) return []; // judged again when known
    const problem = this.lifecycle.settingsProblem(config);
    return problem ? [{ property: "", reason: problem }] : [];
  }

  async check(urn: string, olds: Bag, news: Bag): Promise<pulumiProvider.CheckResult> {
    const [old, next] = [unwrapSecrets(olds), unwrapSecrets(news)];
    return this.run(urn, [old.values, next.values], async () => {
      const { inputs, failures } = await this.lifecycle.check(old.values, next.values);
      return { inputs: wrapSecrets(inputs as Bag, [...next.secretNames, ...ALWAYS_SECRET]), failures };
    });
  }

  async diff(id: string, urn: string, olds: Bag, news: Bag): Promise<pulumiProvider.DiffResult> {
    const [old, next] = [unwrapSecrets(olds), unwrapSecrets(news)];
    return this.run(urn, [old.values, next.values], () => {
      const diff = this.lifecycle.diff(id, old.values as Partial<BindingOutputs>, next.values);
      // A binding moved here from the dynamic resource (aliases) still holds the serialized dynamic provider
      // in its outputs: an update, which makes no API call, sheds it.
      return PROVIDER_KEY in old.values && !diff.changes ? { ...diff, changes: true } : diff;
    });
  }

  async create(urn: string, inputs: Bag): Promise<pulumiProvider.CreateResult> {
    const { values } = unwrapSecrets(inputs);
    return this.run(urn, [values], async () => {
      try {
        const { id, outs } = await this.lifecycle.create(values);
        return { id, outs: wrapSecrets(outs as unknown as Bag, ALWAYS_SECRET) };
      } catch (error) {
        if (error instanceof MemberAlreadyBoundError) throw new Error(`${error.message} ${importCommand(urn, error.accountId)}`);
        throw error;
      }
    });
  }

  async read(id: string, urn: string, props: Bag | undefined): Promise<pulumiProvider.ReadResult> {
    const { values } = unwrapSecrets(props);
    return this.run(urn, [values], async () => {
      const read = await this.lifecycle.read(id, values as Partial<BindingOutputs>);
      return {
        id: read.id,
        props: read.props && wrapSecrets(read.props as Bag, ALWAYS_SECRET),
        inputs: read.inputs && wrapSecrets(read.inputs as Bag, ALWAYS_SECRET),
      };
    });
  }

  async update(id: string, urn: string, olds: Bag, news: Bag): Promise<pulumiProvider.UpdateResult> {
    const [old, next] = [unwrapSecrets(olds), unwrapSecrets(news)];
    return this.run(urn, [old.values, next.values], async () => {
      const { outs } = await this.lifecycle.update(id, old.values as Partial<BindingOutputs>, next.values);
      return { outs: wrapSecrets(outs as unknown as Bag, ALWAYS_SECRET) };
    });
  }

  async delete(id: string, urn: string, props: Bag): Promise<void> {
    const { values } = unwrapSecrets(props);
    return this.run(urn, [values], () => this.lifecycle.delete(id, values as Partial<BindingOutputs>));
  }

  /** One type in this package; anything else is a bug of the caller, said plainly. */
  private run<T>(urn: string, bags: Partial<BindingInputs>[], work: () => T | Promise<T>): Promise<T> {
    const type = urn.split("::")[2]?.split("$").pop();
    if (type !== BINDING_TYPE) return Promise.reject(new Error(`alicloud-secure-phone: unknown resource type ${type}; this provider serves ${BINDING_TYPE}`));
    return withRedactedErrors(bags, work);
  }
}

/**
 * What a plugin binding has that a dynamic one lacks: `pulumi import`, which takes the bound member into
 * state with one read and no bind, whatever bound it (another tool, or an earlier run of this stack that
 * was interrupted after its bind went through). The next `up` records the declared number, without a call.
 */
export function importCommand(urn: string, accountId: string): string {
  const name = urn.split("::").pop();
  const nested = (urn.split("::")[2] ?? "").includes("$") ? " (with --parent <URN of its parent>, as it sits in a component)" : "";
  return (
    `To take this member's binding into the stack as it is (also the way back after an interrupted \`pulumi up\` of this stack), run ` +
    `\`pulumi import ${BINDING_TYPE} ${name} ${accountId} --protect=false --generate-code=false --yes\`${nested}, then \`pulumi up\`.`
  );
}
