import { Outlet, redirect, useRouteLoaderData } from "react-router";
import type { RootData } from "../root.tsx";
import { AppShell } from "../components/AppShell.tsx";
import { getWeb } from "../context.ts";
import { pagePath, signInPath } from "../lib/guards.server.ts";
import { ErrorContent } from "../components/ErrorContent.tsx";
import type { Route } from "./+types/app-layout";

/** Every page inside needs a signed-in user; someone with a one-time password must change it first. */
export const middleware: Route.MiddlewareFunction[] = [
  ({ context, request }) => {
    const web = getWeb(context);
    const path = pagePath(request);
    if (!web.auth) throw redirect(signInPath(request));
    if (web.auth.actor.user.mustChangePassword && path !== "/account/password") {
      throw redirect("/account/password");
    }
  },
];

export default function AppLayout() {
  const root = useRouteLoaderData("root") as RootData;
  return (
    <AppShell user={root.user!}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const root = useRouteLoaderData("root") as RootData | undefined;
  if (!root?.user) return <ErrorContent />;
  return (
    <AppShell user={root.user}>
      <ErrorContent />
    </AppShell>
  );
}
