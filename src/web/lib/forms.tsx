import { type FieldMetadata, type FormMetadata, type Submission, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { ErrorSummary } from "@navikt/ds-react";
import { useEffect, useRef } from "react";
import { useNavigation, useRouteLoaderData } from "react-router";
import type { z } from "zod";
import { ConflictError, ThrottledError, ValidationError } from "../../services/errors.ts";
import { useT } from "./i18n.ts";

export const CSRF_FIELD = "_csrf";

/** The hidden token every form carries (checked by the server before any action runs). */
export function CsrfField() {
  const data = useRouteLoaderData("root") as { csrfToken?: string } | undefined;
  return <input type="hidden" name={CSRF_FIELD} value={data?.csrfToken ?? ""} />;
}

/** The first error of a field, translated, for Aksel's `error` prop. */
export function useFieldError() {
  const t = useT();
  return (field: Pick<FieldMetadata<unknown>, "errors">): string | undefined => {
    const first = field.errors?.[0];
    return first ? t(first) : undefined;
  };
}

/**
 * All of a form's errors at the top, each a link to its field (GOV.UK / Aksel pattern).
 * Rendered on the server after a submit without JavaScript; focused after a submit with it.
 */
export function FormErrorSummary({
  form,
  fields,
}: {
  form: Pick<FormMetadata, "id" | "status" | "errors">;
  fields: Record<string, { id: string; errors?: string[] | undefined }>;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const fieldErrors = Object.entries(fields).flatMap(([, f]) => (f.errors?.length ? [{ id: f.id, message: t(f.errors[0]!) }] : []));
  const formErrors = (form.errors ?? []).map((e) => t(e));
  const count = fieldErrors.length + formErrors.length;
  const status = form.status;
  useEffect(() => {
    if (status === "error" && count > 0) ref.current?.focus();
  }, [status, count]);
  if (count === 0 || status !== "error") return null;
  return (
    <ErrorSummary ref={ref} heading={t("form.errorSummary")} className="spelplan-error-summary">
      {formErrors.map((message) => (
        <ErrorSummary.Item key={message} href={`#${form.id}`}>
          {message}
        </ErrorSummary.Item>
      ))}
      {fieldErrors.map((e) => (
        <ErrorSummary.Item key={e.id} href={`#${e.id}`}>
          {e.message}
        </ErrorSummary.Item>
      ))}
    </ErrorSummary>
  );
}

/** A service's rejection as a form result: messages at their fields, what was typed kept. */
export function replyWithError(
  submission: Submission<unknown>,
  error: unknown,
  options: { hideFields?: string[] } = {},
): SubmissionResult<string[]> {
  const base = { hideFields: options.hideFields ?? [] };
  if (error instanceof ValidationError) {
    return submission.reply({ ...base, fieldErrors: error.fieldErrors, formErrors: error.formErrors });
  }
  if (error instanceof ConflictError) {
    const message = `conflict.${error.code}`;
    return error.field
      ? submission.reply({ ...base, fieldErrors: { [error.field]: [message] } })
      : submission.reply({ ...base, formErrors: [message] });
  }
  if (error instanceof ThrottledError) {
    return submission.reply({ ...base, formErrors: [error.locked ? "signIn.locked" : "signIn.throttled"] });
  }
  throw error;
}

/**
 * Conform's form state with Spelplan's defaults: check the form when it is submitted (not on blur: messages
 * appearing while someone moves between fields shift the page under their pointer), then again as they correct it.
 */
export function useSpelForm<S extends z.ZodType>(
  schema: S,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: Record<string, unknown>,
) {
  const navigation = useNavigation();
  // Fields are named after the schema's input; default values are what the form first shows.
  return useForm<z.input<S> & Record<string, unknown>, z.output<S>>({
    lastResult: navigation.state === "idle" ? lastResult : null,
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}
