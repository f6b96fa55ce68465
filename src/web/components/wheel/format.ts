import type { Translator } from "../../../i18n/index.ts";
import type { WheelLanguage } from "../../../domain/wheel.ts";

// How the wheel's pages name things: a reading, a change, an instrument version, an area in the reader's language.

export function readingLabel(t: Translator, r: { occasion: string; date: string; ratedBy: string }): string {
  return t("wheel.reading", { occasion: t(`wheel.occasion.${r.occasion}`), date: t.date(r.date), ratedBy: t(`wheel.by.${r.ratedBy}`) });
}

/** A signed change: "+3", "0", "−2" (a real minus sign, read as "minus"). */
export function signed(t: Translator, change: number): string {
  if (change > 0) return `+${t.number(change)}`;
  if (change < 0) return `\u2212${t.number(-change)}`;
  return t.number(0);
}

export function versionLabel(t: Translator, v: { instrumentOrigin?: "default" | "program"; origin?: "default" | "program"; instrumentVersion?: number; version?: number }): string {
  const origin = v.instrumentOrigin ?? v.origin;
  const version = v.instrumentVersion ?? v.version ?? 1;
  return origin === "program" ? t("wheel.version.program", { version }) : t("wheel.version.default", { version });
}

export function areaLabel(t: Translator, area: { label: Record<WheelLanguage, string> }): string {
  return area.label[t.locale] || area.label.sv;
}

export function personName(t: Translator, person: { reference: string; name: string | null }): string {
  return person.name ?? t("wheel.person.reference", { reference: person.reference });
}
