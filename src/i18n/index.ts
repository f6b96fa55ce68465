import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enGB, nb as nbLocale, sv as svLocale } from "date-fns/locale";
import { en } from "./en.ts";
import { nb } from "./nb.ts";
import { type MessageKey, sv } from "./sv.ts";

// Every text the user sees goes through here. Swedish is the source catalog and the default;
// Norwegian (bokmål) and English must have every key (the type system checks it).
// Placeholders: {name}. Plurals: keys ending in ".one" / ".other", chosen with Intl.PluralRules.

export const LOCALES = ["sv", "nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { sv, nb, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(sv, key);
}

/** The best of our locales for an Accept-Language header; Swedish when nothing fits. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return "sv";
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "sv") return "sv";
    if (primary === "nb" || primary === "no" || primary === "nn") return "nb";
    if (primary === "en") return "en";
  }
  return "sv";
}

export type Params = Record<string, string | number>;

export interface Translator {
  locale: Locale;
  /** Translates a key. Unknown keys (e.g. from a service) are shown as they are, so nothing disappears. */
  (key: MessageKey | (string & {}), params?: Params): string;
  /** Picks "<key>.one" or "<key>.other" for the count, which is available as {count}. */
  plural(key: string, count: number, params?: Params): string;
  date(value: Date | string, style?: "short" | "long"): string;
  dateTime(value: Date): string;
  number(value: number): string;
  /** A language's name (ISO 639 code) in the reader's language. */
  languageName(code: string): string;
}

const INTL_LOCALE: Record<Locale, string> = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" };
const TIME_ZONE = "Europe/Stockholm";

// Dates are formatted with date-fns (its own locale data), not the platform's Intl, so that the
// server and the browser render exactly the same text (no hydration differences between ICU versions).
const DATE_FNS_LOCALE = { sv: svLocale, nb: nbLocale, en: enGB } as const;
const SHORT_DATE: Record<Locale, string> = { sv: "yyyy-MM-dd", nb: "dd.MM.yyyy", en: "dd/MM/yyyy" };
const LONG_DATE: Record<Locale, string> = { sv: "d MMMM yyyy", nb: "d. MMMM yyyy", en: "d MMMM yyyy" };

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function translator(locale: Locale): Translator {
  const catalog = catalogs[locale];
  const intl = INTL_LOCALE[locale];
  const plurals = new Intl.PluralRules(intl);
  const t = ((key: string, params?: Params) => {
    const template = (catalog as Record<string, string>)[key];
    return template === undefined ? key : interpolate(template, params);
  }) as Translator;
  Object.defineProperty(t, "locale", { value: locale });
  t.plural = (key, count, params) => {
    const form = plurals.select(count) === "one" ? "one" : "other";
    return t(`${key}.${form}`, { count: new Intl.NumberFormat(intl).format(count), ...params });
  };
  t.date = (value, style = "short") => {
    // A bare year (a masked birth date) stays as it is.
    if (typeof value === "string" && /^\d{4}$/.test(value)) return value;
    // ISO dates ("YYYY-MM-DD") are calendar dates: no time zone shifts.
    const date = typeof value === "string" ? new Date(`${value}T12:00:00`) : new TZDate(value, TIME_ZONE);
    return format(date, style === "long" ? LONG_DATE[locale] : SHORT_DATE[locale], { locale: DATE_FNS_LOCALE[locale] });
  };
  t.dateTime = (value) =>
    format(new TZDate(value, TIME_ZONE), `${SHORT_DATE[locale]} HH:mm`, { locale: DATE_FNS_LOCALE[locale] });
  t.number = (value) => new Intl.NumberFormat(intl).format(value);
  t.languageName = (code) => {
    try {
      const name = new Intl.DisplayNames([intl], { type: "language" }).of(code);
      return name ? name.charAt(0).toLocaleUpperCase(intl) + name.slice(1) : code;
    } catch {
      return code;
    }
  };
  return t;
}
