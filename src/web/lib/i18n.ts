import { useRouteLoaderData } from "react-router";
import { PREFERRED_LANGUAGES } from "../../domain/person.ts";
import { type Locale, type Translator, translator } from "../../i18n/index.ts";

const cache = new Map<Locale, Translator>();

export function getTranslator(locale: Locale): Translator {
  let t = cache.get(locale);
  if (!t) {
    t = translator(locale);
    cache.set(locale, t);
  }
  return t;
}

/** The translator for the page's language (decided on the server by the root loader). */
export function useT(): Translator {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return getTranslator(data?.locale ?? "sv");
}

/** The languages a person can prefer, named in the reader's language and sorted (server side). */
export function languageOptions(locale: Locale): { code: string; name: string }[] {
  const t = getTranslator(locale);
  return PREFERRED_LANGUAGES.map((code) => ({ code, name: t.languageName(code) })).sort((a, b) =>
    a.code === "sv" ? -1 : b.code === "sv" ? 1 : a.name.localeCompare(b.name, locale),
  );
}
