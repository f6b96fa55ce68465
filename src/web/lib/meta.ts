import type { Locale } from "../../i18n/index.ts";
import { getTranslator } from "./i18n.ts";

type Matches = ReadonlyArray<{ id: string; loaderData?: unknown } | undefined>;

/** "<page> – Spelplan" in the page's language, for route `meta` exports. */
export function pageTitle(matches: Matches, key: string, params?: Record<string, string | number>) {
  const root = matches.find((m) => m?.id === "root")?.loaderData as { locale?: Locale } | undefined;
  const t = getTranslator(root?.locale ?? "sv");
  return [{ title: `${t(key, params)} – Spelplan` }];
}
