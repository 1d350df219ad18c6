/**
 * Does the number the service shows for a member match the number a binding declares? ResourceDirectoryMaster
 * GetAccount returns `Account.SecureMobilePhone` undocumented: in full, or masked with `*` in a pattern of the
 * service's choosing, or not at all. This rule is what lets create take a member that already has the
 * declared number into state with no bind call and no switch, and refuse one bound to another number. Pure.
 *
 * It answers "match" only when the shown text proves it, "mismatch" only when a shown digit (or a shown
 * full number) proves the declared one is not bound, and "cannot tell" otherwise, so that a pattern it does
 * not understand keeps the behaviour from before the service showed numbers (refused unless adopted).
 */
import { maskPhone, parsePhone } from "./phone";

export type ShownPhoneMatch = "match" | "mismatch" | "cannot tell";

/**
 * A masked text must show at least this many digits of the subscriber number to count as a match: a
 * masking that hides (nearly) every digit tells nothing, and a match adopts without anyone's consent.
 */
export const MIN_SHOWN_SUBSCRIBER_DIGITS = 4;

/** Characters a shown number may hold once spaces are dropped: digits, `*`, one dash, a leading `+`. */
const SHOWN_SHAPE = /^\+?[0-9*]+(?:-[0-9*]+)?$/;

/**
 * Compares position by position: the shown text has the declared number's shape (`<cc>-<n>`, `<cc><n>` or
 * `<n>` alone, each `*` standing for one digit), and every digit it shows is the declared digit there.
 */
export function matchShownPhone(shown: string, declared: string): ShownPhoneMatch {
  const phone = parsePhone(declared);
  const text = shown.replace(/\s+/g, "");
  if (!phone || !SHOWN_SHAPE.test(text)) return "cannot tell";
  const masked = text.includes("*");
  const { countryCode, subscriberNumber } = phone;
  const aligned = align(text.replace(/^\+/, ""), countryCode, subscriberNumber);
  if (!aligned) {
    // Not the declared number's shape: a full number that differs in length is another number; a masked
    // one may use a pattern whose `*` runs stand for any number of digits.
    return masked ? "cannot tell" : "mismatch";
  }
  const { country, subscriber } = aligned;
  const agree = digitsAgree(country.shown, country.declared) && digitsAgree(subscriber.shown, subscriber.declared);
  if (!agree) {
    // A masked text as long as the number without its country code may be a country code and a run of
    // `*` of another length: that it disagrees proves nothing. A full one is another number either way.
    const ambiguous = masked && !text.includes("-") && country.shown === "";
    return ambiguous ? "cannot tell" : "mismatch";
  }
  if (!masked) return "match";
  const shownDigits = [...subscriber.shown].filter((c) => c !== "*").length;
  return shownDigits >= Math.min(MIN_SHOWN_SUBSCRIBER_DIGITS, subscriberNumber.length) ? "match" : "cannot tell";
}

interface Part {
  shown: string;
  declared: string;
}

/** The shown text split into a country part (empty when it shows none) and a subscriber part, or undefined. */
function align(
  text: string,
  countryCode: string,
  subscriberNumber: string,
): { country: Part; subscriber: Part } | undefined {
  const dash = text.indexOf("-");
  if (dash >= 0) {
    const [country, subscriber] = [text.slice(0, dash), text.slice(dash + 1)];
    if (country.length !== countryCode.length || subscriber.length !== subscriberNumber.length) return undefined;
    return {
      country: { shown: country, declared: countryCode },
      subscriber: { shown: subscriber, declared: subscriberNumber },
    };
  }
  if (text.length === countryCode.length + subscriberNumber.length) {
    return {
      country: { shown: text.slice(0, countryCode.length), declared: countryCode },
      subscriber: { shown: text.slice(countryCode.length), declared: subscriberNumber },
    };
  }
  if (text.length === subscriberNumber.length) {
    return { country: { shown: "", declared: "" }, subscriber: { shown: text, declared: subscriberNumber } };
  }
  return undefined;
}

function digitsAgree(shown: string, declared: string): boolean {
  return [...shown].every((c, i) => c === "*" || c === declared[i]);
}

/**
 * The shown number as a message may name it, in maskPhone's layout (`1-650****0123`: the country code, the
 * first three and last four digits, four `*` between) laid over the declared number's shape, each place
 * taking the shown character: so it reveals no digit that either maskPhone or the service would hide, and
 * it never equals the service's own text. A text that fits no shape of the declared number is cut to its
 * last four places.
 */
export function displayShownPhone(shown: string, declared: string): string {
  const text = shown.replace(/\s+/g, "").replace(/^\+/, "");
  const phone = parsePhone(declared);
  if (!SHOWN_SHAPE.test(text)) return "<hidden: not a number>";
  const aligned = phone && align(text, phone.countryCode, phone.subscriberNumber);
  if (!aligned) {
    if (!text.includes("*") && parsePhone(text)) return maskPhone(text);
    return `****${text.replace(/^.*-/, "").slice(-4)}`;
  }
  // The places maskPhone keeps, read from a number of the declared length.
  const kept = maskPhone(`${phone.countryCode}-${phone.subscriberNumber}`).split("-")[1];
  const [head, tail] = [kept.indexOf("*"), kept.length - kept.lastIndexOf("*") - 1];
  const subscriber = aligned.subscriber.shown;
  const country = aligned.country.shown ? `${aligned.country.shown}-` : "";
  return `${country}${subscriber.slice(0, head)}****${subscriber.slice(subscriber.length - tail)}`;
}
