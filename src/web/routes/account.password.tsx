import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Alert, BodyShort, Button, Heading, TextField, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "../../domain/passwords.ts";
import { changePassword } from "../../services/auth.ts";
import { ThrottledError } from "../../services/errors.ts";
import { CsrfField, FormErrorSummary, replyWithError, useFieldError } from "../lib/forms.tsx";
import { isFormError, requireUser } from "../lib/guards.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/account.password";

const schema = z.object({
  currentPassword: z.string({ error: "errors.required" }),
  newPassword: z.string({ error: "errors.required" }).min(PASSWORD_MIN_LENGTH, { error: "password.errors.too_short" }),
  confirmPassword: z.string({ error: "errors.required" }),
});

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "password.title");

export function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { mustChange: ctx.actor.user.mustChangePassword };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { web, ctx } = requireUser(context, request);
  const submission = parseWithZod(await request.formData(), { schema });
  const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") return submission.reply({ hideFields });
  try {
    await changePassword(ctx, web.auth?.sessionId ?? null, submission.value);
    return redirect("/account?passwordChanged=1");
  } catch (error) {
    // Too many wrong current passwords: said in this page's terms (it is not the sign-in that is locked).
    if (error instanceof ThrottledError) return submission.reply({ hideFields, formErrors: [error.locked ? "password.errors.locked" : "password.errors.throttled"] });
    if (isFormError(error)) return replyWithError(submission, error, { hideFields });
    throw error;
  }
}

export default function ChangePassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: navigation.state === "idle" ? actionData : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <VStack gap="space-24" className="narrow">
      <Heading level="1" size="large">
        {t("password.title")}
      </Heading>
      {loaderData.mustChange ? <Alert variant="info">{t("password.mustChange")}</Alert> : null}
      <BodyShort>{t("password.rules", { min: PASSWORD_MIN_LENGTH })}</BodyShort>
      <FormErrorSummary form={form} fields={{ currentPassword: fields.currentPassword, newPassword: fields.newPassword, confirmPassword: fields.confirmPassword }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <VStack gap="space-16">
          <TextField id={fields.currentPassword.id} name={fields.currentPassword.name} error={fieldError(fields.currentPassword)} label={t("password.current")} type="password" autoComplete="current-password" />
          <TextField id={fields.newPassword.id} name={fields.newPassword.name} error={fieldError(fields.newPassword)} label={t("password.new")} type="password" autoComplete="new-password" />
          <TextField id={fields.confirmPassword.id} name={fields.confirmPassword.name} error={fieldError(fields.confirmPassword)} label={t("password.confirm")} type="password" autoComplete="new-password" />
          <div>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("password.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </VStack>
  );
}
