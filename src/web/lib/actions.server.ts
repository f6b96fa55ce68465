import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { replyWithError } from "./forms.tsx";
import { isFormError, rethrowAsResponse } from "./guards.server.ts";

/**
 * The common shape of a form action: parse and validate the form with the same schema the browser
 * used, run the use case, and on a rejection answer with the messages at their fields and the typed
 * values kept (so the page renders again, with or without JavaScript).
 */
export async function formAction<S extends z.ZodType, R>(
  formData: FormData,
  schema: S,
  run: (value: z.output<S>) => Promise<R>,
  options: { hideFields?: string[] } = {},
): Promise<R | SubmissionResult<string[]>> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return submission.reply({ hideFields: options.hideFields ?? [] });
  try {
    return await run(submission.value);
  } catch (error) {
    if (isFormError(error)) return replyWithError(submission, error, options);
    rethrowAsResponse(error);
  }
}
