/**
 * What the binding's lifecycle needs from outside and is handed by the adapters, so that it depends on
 * neither @pulumi/pulumi nor the CLI's environment: where its messages go, and the CLI handshake
 * (handshake.ts implements it; tests hand in their own).
 */

/**
 * Where warnings and notes go: the engine in a Pulumi run (adapters/engineLog.ts). `urn`, when the adapter
 * knows it (the plugin always, the dynamic provider as adapters/dynamicUrns.ts finds it), names the resource
 * the message is about. A returned promise resolves once the message is delivered.
 */
export interface LifecycleLog {
  warn(message: string, urn?: string): void | Promise<void>;
  info(message: string, urn?: string): void | Promise<void>;
}

/** A binding that will need a code at `up`, as the lifecycle reports it (handshake.ts carries it). */
export interface PendingBindingReport {
  accountId: string;
  secureMobilePhone: string;
}

/** The CLI↔provider handshake as the lifecycle sees it (`alicloud-secure-phone up`'s side of a run). */
export interface HandshakePort {
  /** Tells `alicloud-secure-phone up`, when it runs this preview, of a binding that needs a code. Never fails. */
  reportPending(report: PendingBindingReport): Promise<void>;
  /** The code `up` handed over for exactly this account and number, if any; throws (no values) when malformed. */
  codeFor(accountId: string, secureMobilePhone: string): string | undefined;
}
