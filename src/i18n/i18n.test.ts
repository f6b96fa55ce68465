import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTHORITY_KINDS, COUNTRIES } from "../domain/organisation.ts";
import { SEXES } from "../domain/person.ts";
import { ROLES } from "../domain/roles.ts";
import { en } from "./en.ts";
import { isMessageKey, negotiateLocale, translator } from "./index.ts";
import { nb } from "./nb.ts";
import { sv } from "./sv.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "+types" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) && !full.includes(`${path.sep}i18n${path.sep}`) ? [full] : [];
  });
}
const sources = sourceFiles(path.resolve(import.meta.dirname, "..")).map((f) => readFileSync(f, "utf8"));
const all = sources.join("\n");

describe("message catalogs", () => {
  it("has every key that the code uses literally", () => {
    const used = new Set<string>();
    for (const m of all.matchAll(/\bt(?:\.plural)?\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
    for (const m of all.matchAll(/pageTitle\(matches,\s*"([a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
    for (const m of all.matchAll(/"((?:errors|person\.errors|password\.errors|user\.errors|organisation\.errors|signIn|conflict|audit\.errors|csrf)\.[a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
    const plural = [...all.matchAll(/t\.plural\(\s*"([a-zA-Z0-9_.]+)"/g)].map((m) => m[1]!);
    const missing = [...used].filter((k) => (plural.includes(k) ? !isMessageKey(`${k}.one`) || !isMessageKey(`${k}.other`) : !isMessageKey(k)));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(200);
  });

  it("has every key that the code builds from a list", () => {
    const built = [
      ...ROLES.map((r) => `role.${r}`),
      ...SEXES.map((s) => `sex.${s}`),
      ...Object.keys(AUTHORITY_KINDS).map((k) => `authorityKind.${k}`),
      ...COUNTRIES.map((c) => `country.${c}`),
      ...["coordinator", "case_officer", "therapist", "manager"].map((r) => `staffRelation.${r}`),
      ...["empty", "format", "date", "checksum", "future"].map((e) => `person.errors.idNumber.${e}`),
      ...["too_short", "too_long", "common", "same_as_email"].map((p) => `password.errors.${p}`),
      ...["required", "not_allowed", "one_of"].map((p) => `user.errors.scope.${p}`),
      ...["duplicate_id_number", "duplicate_id_number_hidden", "possible_duplicate", "stale_version", "duplicate_email", "duplicate_name"].map((c) => `conflict.${c}`),
      ...["notFound", "forbidden", "serverError"].flatMap((p) => [`errorPage.${p}.title`, `errorPage.${p}.body`]),
      ...["sv", "nb", "en"].map((l) => `language.${l}`),
      ...["saved", "roleAdded", "roleEnded", "deactivate", "reactivate", "tokenRevoked"].map((d) => `admin.user.done.${d}`),
      // Every audit action the code writes has a plain-language name for the log view.
      ...[...all.matchAll(/action:\s*(?:active \? )?"([a-zA-Z_]+\.[a-zA-Z_]+)"/g)].map((m) => `auditAction.${m[1]}`),
      ...[...all.matchAll(/"user\.(reactivate|deactivate)"/g)].map((m) => `auditAction.user.${m[1]}`),
    ];
    expect(built.filter((k) => !isMessageKey(k))).toEqual([]);
  });

  it("keeps the same placeholders in every language", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
    for (const [key, text] of Object.entries(sv)) {
      expect(placeholders(nb[key as keyof typeof sv]), `nb ${key}`).toBe(placeholders(text));
      expect(placeholders(en[key as keyof typeof sv]), `en ${key}`).toBe(placeholders(text));
    }
  });
});

describe("translator", () => {
  it("translates, fills in placeholders and picks plural forms", () => {
    const t = translator("sv");
    expect(t("home.greeting", { name: "Sara" })).toBe("Hej Sara");
    expect(t.plural("people.count", 1)).toBe("1 person.");
    expect(t.plural("people.count", 37)).toBe("37 personer.");
    expect(translator("en").plural("people.count", 1)).toMatch(/^1 /);
    expect(t("no.such.key")).toBe("no.such.key");
  });

  it("formats dates the same way on the server and in the browser, in Swedish time", () => {
    expect(translator("sv").date("2001-03-14")).toBe("2001-03-14");
    expect(translator("nb").date("2001-03-14")).toBe("14.03.2001");
    expect(translator("en").date("2001-03-14")).toBe("14/03/2001");
    expect(translator("sv").date("2001")).toBe("2001");
    expect(translator("sv").dateTime(new Date("2026-11-23T23:30:00Z"))).toBe("2026-11-24 00:30");
    expect(translator("sv").dateTime(new Date("2026-07-01T10:00:00Z"))).toBe("2026-07-01 12:00");
    expect(translator("sv").date("2026-11-23", "long")).toBe("23 november 2026");
  });

  it("chooses the language from the browser's wishes", () => {
    expect(negotiateLocale(null)).toBe("sv");
    expect(negotiateLocale("nb-NO,nb;q=0.9,en;q=0.8")).toBe("nb");
    expect(negotiateLocale("no")).toBe("nb");
    expect(negotiateLocale("de-DE,en-US;q=0.7")).toBe("en");
    expect(negotiateLocale("en;q=0.5,sv;q=0.9")).toBe("sv");
    expect(negotiateLocale("fi")).toBe("sv");
  });
});
