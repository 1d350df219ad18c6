export { SecureMobilePhoneBinding, SecureMobilePhoneBindingArgs, SECURE_MOBILE_PHONE_BINDING_TYPE } from "./secureMobilePhoneBinding";
export { secureMobilePhoneBindingProvider, PROVIDER_TEXT } from "./provider";
