/**
 * approved-secure-phone (advisory by default): when `allowedPhones` is set, every number a binding
 * declares fits one of its patterns, so a member is never bound for good to a developer's own number (the
 * service never rebinds). The violation shows the number masked only.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { maskPhone } from "../../provider/rules/phone";
import { plainText } from "../rules/declaredValue";
import { isBinding } from "../rules/members";
import {
  MASK_IS_NO_PATTERN,
  malformedPatterns,
  masksGivenAsPatterns,
  PATTERN_FORM_HINT,
  phoneIsApproved,
} from "../rules/phonePattern";

export const APPROVED_SECURE_PHONE = "approved-secure-phone";

export interface ApprovedSecurePhoneConfig {
  allowedPhones?: string[];
  allowInheritance?: boolean;
}

export const approvedSecurePhone: ResourceValidationPolicy = {
  name: APPROVED_SECURE_PHONE,
  description: "Every secureMobilePhone a binding declares fits one of the approved patterns (allowedPhones).",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      allowedPhones: {
        type: "array",
        // The form only: the engine's message for a pattern that does not fit names its place, not its value.
        items: { type: "string", pattern: "^[0-9*]{1,3}-[0-9*]{4,14}$" },
        description: "Approved numbers, `*` for any one digit, e.g. 44-77111000**. Unset: any number.",
      },
      allowInheritance: {
        type: "boolean",
        default: true,
        description: "Whether a binding may inherit the management account's phone (inheritSecureMobilePhoneFrom).",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (!isBinding(args)) return;
    const config = args.getConfig<ApprovedSecurePhoneConfig>();
    const allowedPhones = config.allowedPhones;
    const name = `binding '${args.name}'`;
    if (args.props.inheritSecureMobilePhoneFrom !== undefined) {
      if (config.allowInheritance === false) {
        reportViolation(
          `${name} inherits the management account's phone, and this policy's allowInheritance is false: ` +
            "declare one of the approved numbers as secureMobilePhone instead.",
        );
      }
      return;
    }
    if (allowedPhones === undefined) return;
    const malformed = malformedPatterns(allowedPhones);
    if (malformed.length > 0) {
      reportViolation(`this policy's config ${malformed.join(", ")} is not ${PATTERN_FORM_HINT}; it fits no number.`);
    }
    // Secret inputs arrive unwrapped or wrapped, depending on the SDK (declaredValue.ts). Never printed whole.
    const phone = plainText(args.props.secureMobilePhone);
    if (phone === undefined || phoneIsApproved(phone, allowedPhones)) return;
    // The preview's mask copied into allowedPhones: say what it is, or the message contradicts the config.
    const masks = masksGivenAsPatterns(phone, allowedPhones);
    const mask =
      masks.length === 0
        ? ""
        : ` ${masks.join(", ")} is this number's mask as a preview shows it, not a pattern: ${MASK_IS_NO_PATTERN}.`;
    reportViolation(
      `${name} declares secureMobilePhone ${maskPhone(phone)}, which fits none of the ${allowedPhones.length} ` +
        "approved patterns (allowedPhones): once bound, the service never rebinds a member. Use a number the " +
        `security team owns, or add its pattern to allowedPhones.${mask}`,
    );
  },
};
