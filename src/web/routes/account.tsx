import { Alert, BodyShort, Button, Heading, Link as AkselLink, Select, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { signOutEverywhere } from "../../services/auth.ts";
import { clearSessionCookie } from "../../server/cookies.ts";
import { myRoles } from "../../services/users.ts";
import { CsrfField } from "../lib/forms.tsx";
import { requireUser } from "../lib/guards.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/account";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  return {
    user: { name: ctx.actor.user.displayName, email: ctx.actor.user.email, locale: ctx.actor.user.locale },
    roles: await myRoles(ctx),
    passwordChanged: url.searchParams.has("passwordChanged"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { web, ctx } = requireUser(context, request);
  const form = await request.formData();
  if (form.get("intent") === "signOutEverywhere") {
    await signOutEverywhere(ctx);
    return redirect("/sign-in?signedOut=1", { headers: { "Set-Cookie": clearSessionCookie(web.secureCookies) } });
  }
  return null;
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { user, roles } = loaderData;
  return (
    <VStack gap="space-32" className="form-narrow">
      <Heading level="1" size="large">
        {t("account.title")}
      </Heading>
      {loaderData.passwordChanged ? <Alert variant="success">{t("account.passwordChanged")}</Alert> : null}
      <dl className="details-list">
        <dt>{t("account.name")}</dt>
        <dd>{user.name}</dd>
        <dt>{t("account.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("account.roles")}</dt>
        <dd>
          {roles.length ? (
            <ul>
              {roles.map((r) => (
                <li key={`${r.role}-${r.scopeLabel}`}>
                  {t(`role.${r.role}`)}
                  {r.scopeLabel ? ` – ${r.scopeLabel}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            t("home.noRoles")
          )}
        </dd>
      </dl>
      <section aria-labelledby="account-language">
        <Heading level="2" size="medium" id="account-language" spacing>
          {t("account.language")}
        </Heading>
        <Form method="post" action="/language">
          <CsrfField />
          <input type="hidden" name="returnTo" value="/account" />
          <VStack gap="space-16">
            <Select label={t("account.languageLabel")} name="locale" defaultValue={user.locale}>
              <option value="sv">Svenska</option>
              <option value="nb">Norsk (bokmål)</option>
              <option value="en">English</option>
            </Select>
            <div>
              <Button type="submit" variant="secondary">
                {t("account.languageSave")}
              </Button>
            </div>
          </VStack>
        </Form>
      </section>
      <section aria-labelledby="account-security">
        <Heading level="2" size="medium" id="account-security" spacing>
          {t("account.security")}
        </Heading>
        <VStack gap="space-16">
          <BodyShort>
            <AkselLink as={Link} to="/account/password">
              {t("account.changePassword")}
            </AkselLink>
          </BodyShort>
          <BodyShort>{t("account.signOutEverywhereHelp")}</BodyShort>
          <Form method="post">
            <CsrfField />
            <Button type="submit" name="intent" value="signOutEverywhere" variant="secondary">
              {t("account.signOutEverywhere")}
            </Button>
          </Form>
        </VStack>
      </section>
    </VStack>
  );
}
