import { redirect } from "react-router";
import { signOut } from "../../services/auth.ts";
import { clearSessionCookie, readCookie, sessionCookieName } from "../../server/cookies.ts";
import { getWeb } from "../context.ts";
import type { Route } from "./+types/sign-out";

export async function action({ request, context }: Route.ActionArgs) {
  const web = getWeb(context);
  const token = readCookie(request.headers.get("cookie"), sessionCookieName(web.secureCookies));
  if (token) await signOut(web.deps, web.meta, token);
  return redirect("/sign-in?signedOut=1", { headers: { "Set-Cookie": clearSessionCookie(web.secureCookies) } });
}

export function loader() {
  return redirect("/");
}
