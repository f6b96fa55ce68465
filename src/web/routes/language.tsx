import { redirect } from "react-router";
import { isLocale } from "../../i18n/index.ts";
import { localeCookie } from "../../server/cookies.ts";
import { setOwnLocale } from "../../services/users.ts";
import { getWeb, toServiceContext } from "../context.ts";
import { safeReturnTo } from "../lib/guards.server.ts";
import type { Route } from "./+types/language";

/** Switches the language: remembered in a cookie, and in the account of a signed-in user. */
export async function action({ request, context }: Route.ActionArgs) {
  const web = getWeb(context);
  const form = await request.formData();
  const locale = form.get("locale");
  const returnTo = safeReturnTo(form.get("returnTo"));
  if (!isLocale(locale)) return redirect(returnTo);
  const ctx = toServiceContext(web);
  if (ctx) await setOwnLocale(ctx, locale);
  return redirect(returnTo, { headers: { "Set-Cookie": localeCookie(locale, web.secureCookies) } });
}

export function loader() {
  return redirect("/");
}
