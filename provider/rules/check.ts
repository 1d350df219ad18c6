/**
 * `check`: validates a binding's inputs without any API call (it runs on every PR preview).
 *
 * Pulumi prints a failure as `property <p> value {<value>} has a problem: <reason>`, with the value
 * unredacted. So a failure about the phone or the code names no property (""), and its reason names the
 * field in words, masks numbers, and never repeats a code.
 */

import {
  Binding,
  BindingInputs,
  MANAGEMENT_ACCOUNT,
  Site,
  declaredBinding,
  isSet,
  bindingOf,
  isUnknown,
  normalizeDigits,
  normalizeInputs,
} from "./inputs";
import { PHONE_FORMAT_HINT, isChinaMainlandPhone, parsePhone, phoneFormatProblems } from "./phone";
import { phoneLengthProblem } from "./phoneLength";
import { rebindingRefusal } from "./rebinding";
import { PROGRAM, SettingSource, Surface, settingName } from "../surface";

export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * An Alibaba Cloud account ID (UID) is 16 digits ("a unique 16-digit identifier, such as 0123456789012345",
 * alibabacloud.com/help/en/account/check-account-id; the API reference's examples, 138660628348****, too).
 * Chosen: exactly 16, as the emulator checks it, so that a preview refuses what the service would.
 */
export const ACCOUNT_ID_DIGITS = 16;
export const ACCOUNT_ID_PATTERN = new RegExp(`^[0-9]{${ACCOUNT_ID_DIGITS}}$`);
export const VERIFICATION_CODE_PATTERN = /^[0-9]{4,8}$/;

/** `siteGiven`: where the site came from, if it was given, so a remedy names it that way. */
export function checkBinding(
  olds: BindingInputs,
  given: BindingInputs,
  site: Site,
  siteGiven?: SettingSource,
): CheckFailure[] {
  const news = normalizeInputs(given);
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });

  // A set but wrong accountId is named in words, not as the property: Pulumi would print its value, and a
  // value that is not an account ID may be anything, a phone number pasted into the wrong key included.
  failures.push(
    ...checkAccountId(news.accountId).map((failure) =>
      isSet(news.accountId) ? { property: "", reason: `accountId ${failure.reason}` } : failure,
    ),
  );

  const phone = news.secureMobilePhone;
  const inherit = news.inheritSecureMobilePhoneFrom;
  const code = news.verificationCode;

  // No rebinding: only for the same member. A new accountId is a new member (a replacement), free to
  // take any number. An accountId not known yet may be either: judge nothing that depends on it.
  const { sameMember, isNewBinding } = relation(olds, news);
  const refusal = sameMember ? rebindingRefusal(declaredBinding(olds), declaredBinding(news)) : undefined;
  if (refusal) {
    fail("", refusal);
    return failures;
  }
  const adopt = news.adoptExisting;

  const phoneSet = isSet(phone);
  const inheritSet = isSet(inherit);
  const eitherUnknown = isUnknown(phone) || isUnknown(inherit);
  if (eitherUnknown) {
    // Which of the two is set is not known yet.
  } else if (phoneSet && inheritSet) {
    fail(
      "",
      "set exactly one of secureMobilePhone and inheritSecureMobilePhoneFrom: both are set, and the service " +
        "ignores the number when inheriting. Remove one of them.",
    );
  } else if (!phoneSet && !inheritSet && adopt !== true) {
    // With adoptExisting, neither is fine: the member's bound phone is taken as it is, its number undeclared
    // (what `pulumi import` records: the service never reveals a bound number).
    fail(
      "",
      `set exactly one of secureMobilePhone (${PHONE_FORMAT_HINT}) and inheritSecureMobilePhoneFrom ` +
        `("${MANAGEMENT_ACCOUNT}", China site only): neither is set. (To take a member whose phone is already bound ` +
        "without declaring its number, set adoptExisting: true.)",
    );
  }

  if (phoneSet && !isUnknown(phone)) {
    const problem = phoneProblem(phone, isNewBinding ? site : undefined, PROGRAM.phone, PROGRAM, siteGiven);
    if (problem) fail("", problem);
  }

  if (inheritSet && !isUnknown(inherit)) {
    if (inherit !== MANAGEMENT_ACCOUNT) {
      fail("inheritSecureMobilePhoneFrom", `must be "${MANAGEMENT_ACCOUNT}", the only value the service accepts.`);
    } else if (isNewBinding && site === "international") {
      fail(
        "inheritSecureMobilePhoneFrom",
        "inheriting the management account's phone is available only on the China site (aliyun.com); this " +
          "provider is set to the international site. Bind a number with secureMobilePhone and a verification " +
          `code, or set ${settingName(PROGRAM, "site", siteGiven)} to china.`,
      );
    }
  }

  if (adopt !== undefined && adopt !== null && !isUnknown(adopt) && typeof adopt !== "boolean") {
    fail("adoptExisting", "must be true or false.");
  }

  if (phoneSet && !isUnknown(code) && isSet(code)) {
    if (typeof code !== "string" || !VERIFICATION_CODE_PATTERN.test(code)) {
      fail("", "verificationCode must be the digits of the SMS code (4 to 8 digits); the value given is not.");
    }
  }
  // A number without a code is no failure here: `alicloud-secure-phone up` hands the code over at up (see
  // codeNeededAtUp); create refuses to bind without one.
  return failures;
}

/**
 * The one parse of a binding's inputs: judged by checkBinding, then read as a typed Binding, or the list
 * of what is wrong with them.
 */
export function parseBinding(
  olds: BindingInputs,
  given: BindingInputs,
  site: Site,
  siteGiven?: SettingSource,
): { binding: Binding; failures: [] } | { binding?: undefined; failures: CheckFailure[] } {
  const failures = checkBinding(olds, given, site, siteGiven);
  return failures.length > 0 ? { failures } : { binding: bindingOf(given), failures: [] };
}

/** How the reviewer of a preview, and create when no code came, are told to get a code. */
export const CODE_COMMANDS =
  "run `npx alicloud-secure-phone up` in the stack's folder instead of `pulumi up` (it sends each code, asks for it and runs `pulumi up`), " +
  "or send one with `npx alicloud-secure-phone send-code --account-id <id> --phone <number>` and pass the code from the SMS as the secret verificationCode";

/**
 * True when `up` will need an SMS code this binding does not declare: a new binding of a known number,
 * no code, not adopting. Preview tells the reviewer so (a warning); create fails without a code.
 */
export function codeNeededAtUp(olds: BindingInputs, given: BindingInputs): boolean {
  const news = normalizeInputs(given);
  const { secureMobilePhone: phone, verificationCode: code, adoptExisting: adopt } = news;
  if (!isSet(phone) || isUnknown(phone) || isSet(code) || isUnknown(adopt) || adopt === true) return false;
  return relation(olds, news).isNewBinding;
}

/**
 * Whether news is the member of olds (no rebinding allowed), and whether a binding will be made: rules for
 * making one (the site's number rules, a code) apply only then. An accountId not known yet may be either
 * member: nothing that depends on it is judged. A binding in state means the member's phone is bound
 * (create binds or adopts, import finds one bound), even when state holds no number (an imported binding).
 */
function relation(olds: BindingInputs, news: BindingInputs): { sameMember: boolean; isNewBinding: boolean } {
  const inState = isSet(olds.accountId);
  const sameMember = inState && !isUnknown(olds.accountId) && olds.accountId === news.accountId;
  const maybeSameMember = isUnknown(news.accountId) && inState;
  return { sameMember, isNewBinding: !inState || (!sameMember && !maybeSameMember) };
}

/**
 * What is wrong with a number, named as `field` (the CLI calls it --phone): its form, and, when `site` is
 * given (a number about to be bound), the site's rule, whose remedy is in `surface`'s words and names the site's
 * setting the way it was given (`siteGiven`), else as the surface reads it. Never repeats the number.
 */
export function phoneProblem(
  phone: unknown,
  site: Site | undefined,
  field: string,
  surface: Surface = PROGRAM,
  siteGiven?: SettingSource,
): string | undefined {
  const siteSetting = settingName(surface, "site", siteGiven);
  const parsed = typeof phone === "string" ? parsePhone(phone) : undefined;
  if (!parsed) {
    return `${field} is not a valid number: expected ${PHONE_FORMAT_HINT}; the value given ${describeProblems(phone)}.`;
  }
  if (site === "international" && isChinaMainlandPhone(parsed)) {
    return (
      `${field} is a Chinese mainland number (86-...), which the international site (alibabacloud.com) does not accept. ` +
      `Use a number outside the Chinese mainland, or set ${siteSetting} to china if this directory is on the China site (aliyun.com).`
    );
  }
  if (site === "china" && !isChinaMainlandPhone(parsed)) {
    return (
      `${field} must be a Chinese mainland number (86-<number>) on the China site (aliyun.com). ` +
      `Use an 86- number${surface.inheritance ? ` or ${surface.inheritance}` : ""}, or set ${siteSetting} to international if this directory is on alibabacloud.com.`
    );
  }
  // Only for a number about to be bound, like the site's rule: one already bound was taken by the service.
  const length = site === undefined ? undefined : phoneLengthProblem(parsed);
  if (length) return `${field} ${length}`;
  return undefined;
}

/** "starts with a + and has spaces": the problems of a value that does not parse, as one phrase. */
function describeProblems(phone: unknown): string {
  const problems = phoneFormatProblems(phone);
  if (problems.length <= 1) return problems[0] ?? "is not in that form";
  return `${problems.slice(0, -1).join(", ")} and ${problems[problems.length - 1]}`;
}

export function checkAccountId(accountId: unknown): CheckFailure[] {
  if (isUnknown(accountId)) return [];
  if (!isSet(accountId)) {
    return [{ property: "accountId", reason: "is required: the Alibaba Cloud account ID of the member (digits)." }];
  }
  if (typeof accountId === "number" && normalizeDigits(accountId) === accountId) {
    // Exact numbers are taken (see normalizeDigits); beyond 2^53 digits may be lost already and name another member.
    return [
      {
        property: "accountId",
        reason:
          "must be the member's account ID as a string of digits; this number cannot stand for one exactly (a number beyond 2^53 loses digits, and may name another member). " +
          'Write the account ID as text, in quotes (e.g. accountId: "1386606283480000").',
      },
    ];
  }
  const digits = normalizeDigits(accountId);
  if (typeof digits !== "string" || !ACCOUNT_ID_PATTERN.test(digits)) {
    const expected = `must be the member's Alibaba Cloud account ID, digits only: ${ACCOUNT_ID_DIGITS} of them (e.g. 1386606283480000)`;
    // All digits but not 16: say how many, which names the mistake without repeating the value.
    const count = typeof digits === "string" && /^[0-9]+$/.test(digits) ? `; the value given has ${digits.length}` : "";
    return [{ property: "accountId", reason: `${expected}${count}.` }];
  }
  return [];
}
