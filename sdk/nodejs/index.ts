/**
 * The package's entry for Node.js programs: the dynamic binding resource and its loader, and the provider plugin's
 * classes under `plugin`.
 */

export {
  SecureMobilePhoneBinding,
  SecureMobilePhoneBindingArgs,
  SECURE_MOBILE_PHONE_BINDING_TYPE,
} from "./secureMobilePhoneBinding";
export { secureMobilePhoneBindingProvider, PROVIDER_TEXT } from "./dynamicLoader";
/** The provider plugin's resource and explicit Provider (type alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding). */
export * as plugin from "./plugin";
