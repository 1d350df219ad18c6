/**
 * The TypeScript shapes of the binding classes and the plugin's explicit Provider, from schema.json.
 * Generated from schema.json by `npm run generate:contract` (scripts/renderContract.ts): do not edit;
 * test/contract.test.ts fails when it differs from the schema.
 */
import * as pulumi from "@pulumi/pulumi";
import type { MANAGEMENT_ACCOUNT, Site } from "../../provider/contract";

/** The arguments of a SecureMobilePhoneBinding, the dynamic resource's and the plugin's alike. */
export interface SecureMobilePhoneBindingArgs {
  /**
   * The Alibaba Cloud account ID of the member (type ResourceAccount), as a string of digits. A new value is
   * another member: the binding is replaced.
   */
  accountId: pulumi.Input<string>;
  /**
   * The number to bind, `<country code>-<number>` (e.g. `1-6505550100`). Stored as a secret. Once bound it can
   * never change: a different value fails at preview. Set this or inheritSecureMobilePhoneFrom.
   */
  secureMobilePhone?: pulumi.Input<string>;
  /**
   * The SMS code from `alicloud-secure-phone send-code` for this account and number. Write-only: used by the bind,
   * stored only as a secret input, never an output; changing it later is no change.
   */
  verificationCode?: pulumi.Input<string>;
  /**
   * `ManagementAccount`: the member inherits the management account's phone (China site only).
   */
  inheritSecureMobilePhoneFrom?: pulumi.Input<typeof MANAGEMENT_ACCOUNT>;
  /**
   * Take a member whose phone is already bound into the stack: the provider confirms with GetAccount
   * (HasSecureMobilePhone) and makes no bind call. Needed only when the service does not show the bound number (or
   * shows it in a form that cannot be compared), or for inheritance: a shown number that matches the declared one
   * is taken in without it, and one that does not is refused even with it. A declared number the service does not
   * show is recorded as given; with neither a number nor inheritance the binding is tracked without one. `false`
   * refuses to take an existing phone in at all.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** The outputs both binding classes declare. */
export abstract class BindingOutputProperties extends pulumi.CustomResource {
  /**
   * The member's account ID.
   */
  declare readonly accountId: pulumi.Output<string>;
  /**
   * The bound number, `<country code>-<number>`, as declared. Absent for an imported binding until a program
   * declares it (the service shows the number masked, if at all: see boundSecureMobilePhone).
   */
  declare readonly secureMobilePhone: pulumi.Output<string | undefined>;
  /**
   * The bound number masked, e.g. `1-650****0100`: safe to show in logs and pull requests.
   */
  declare readonly maskedSecureMobilePhone: pulumi.Output<string | undefined>;
  /**
   * `ManagementAccount` when the member inherits the management account's phone.
   */
  declare readonly inheritSecureMobilePhoneFrom: pulumi.Output<string | undefined>;
  /**
   * The bound number as the service's ResourceDirectoryMaster GetAccount shows it (`SecureMobilePhone`,
   * undocumented): in full or masked with `*` in the service's own pattern, absent when it shows none. Recorded at
   * create, refresh and import; a declared number it does not match fails at preview.
   */
  declare readonly boundSecureMobilePhone: pulumi.Output<string | undefined>;
  /**
   * RequestId of the BindSecureMobilePhone call; absent when the binding was adopted or imported.
   */
  declare readonly requestId: pulumi.Output<string | undefined>;
  /**
   * True when this stack made no bind call: the member already had the phone, and it was taken in because the
   * service shows the declared number, or by adoptExisting, the recovery switch, or import.
   */
  declare readonly adopted: pulumi.Output<boolean>;
}

/** Settings of an explicit provider: the same keys as `alicloud-secure-phone:*` stack config. */
export interface ProviderArgs {
  /**
   * `international` (default) or `china`.
   */
  site?: pulumi.Input<Site>;
  /**
   * Resource Manager endpoint, an https:// origin.
   */
  endpoint?: pulumi.Input<string>;
  /**
   * ResourceDirectoryMaster endpoint, an https:// origin.
   */
  directoryEndpoint?: pulumi.Input<string>;
  /**
   * AccessKeyId of the management account's RAM user or role.
   */
  accessKey?: pulumi.Input<string>;
  /**
   * AccessKeySecret belonging to accessKey.
   */
  secretKey?: pulumi.Input<string>;
  /**
   * STS security token.
   */
  securityToken?: pulumi.Input<string>;
  /**
   * A named aliyun CLI profile in ~/.aliyun/config.json.
   */
  profile?: pulumi.Input<string>;
  /**
   * The most requests per second, per action, this provider sends.
   */
  maxRequestsPerSecond?: pulumi.Input<number>;
  /**
   * adoptExisting for every binding of this provider that does not set it.
   */
  adoptExisting?: pulumi.Input<boolean>;
}
