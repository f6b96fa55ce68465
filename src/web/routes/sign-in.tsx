import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Alert, BodyShort, Button, Heading, TextField, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { z } from "zod";
import { signIn } from "../../services/auth.ts";
import { ThrottledError, UnauthenticatedError } from "../../services/errors.ts";
import { LOCALE_COOKIE, readCookie, sessionCookie } from "../../server/cookies.ts";
import { PublicShell } from "../components/PublicShell.tsx";
import { getWeb } from "../context.ts";
import { CsrfField, FormErrorSummary, replyWithError, useFieldError } from "../lib/forms.tsx";
import { safeReturnTo } from "../lib/guards.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/sign-in";

const schema = z.object({
  email: z.string({ error: "errors.required" }).trim().min(1, { error: "errors.required" }),
  password: z.string({ error: "errors.required" }).min(1, { error: "errors.required" }),
  returnTo: z.string().optional(),
});

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "signIn.title");

export function loader({ context, request }: Route.LoaderArgs) {
  const web = getWeb(context);
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  if (web.auth) throw redirect(returnTo);
  return { returnTo };
}

export async function action({ request, context }: Route.ActionArgs) {
  const web = getWeb(context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["password"] }), retryAt: null };
  try {
    // The language cookie is set only when someone picks a language (see routes/language.tsx): it becomes
    // the user's language if they have never chosen one themselves.
    const picked = readCookie(request.headers.get("cookie"), LOCALE_COOKIE);
    const result = await signIn(web.deps, web.meta, { ...submission.value, locale: picked }, web.config.session);
    return redirect(safeReturnTo(submission.value.returnTo), {
      headers: { "Set-Cookie": sessionCookie(result.token, web.secureCookies) },
    });
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      return { result: submission.reply({ formErrors: ["signIn.failed"], hideFields: ["password"] }), retryAt: null };
    }
    return {
      result: replyWithError(submission, error, { hideFields: ["password"] }),
      retryAt: error instanceof ThrottledError ? error.retryAt.toISOString() : null,
    };
  }
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: navigation.state === "idle" ? actionData?.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const retryAt = actionData?.retryAt ? new Date(actionData.retryAt) : null;
  return (
    <PublicShell>
      <VStack gap="space-24" className="narrow">
        <Heading level="1" size="large">
          {t("signIn.title")}
        </Heading>
        <BodyShort>{t("signIn.intro")}</BodyShort>
        {retryAt ? (
          <Alert variant="warning" role="alert">
            {t("signIn.tryAgainAt", { time: t.dateTime(retryAt) })}
          </Alert>
        ) : null}
        <FormErrorSummary form={form} fields={{ email: fields.email, password: fields.password }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="returnTo" value={loaderData.returnTo} />
          <VStack gap="space-16">
            <TextField
              id={fields.email.id}
              name={fields.email.name}
              defaultValue={fields.email.initialValue}
              error={fieldError(fields.email)}
              label={t("signIn.email")}
              type="email"
              autoComplete="username"
            />
            <TextField
              id={fields.password.id}
              name={fields.password.name}
              error={fieldError(fields.password)}
              label={t("signIn.password")}
              type="password"
              autoComplete="current-password"
            />
            <div>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("signIn.submit")}
              </Button>
            </div>
          </VStack>
        </Form>
        <BodyShort size="small">{t("signIn.forgotten")}</BodyShort>
      </VStack>
    </PublicShell>
  );
}
