import type { SubmissionResult } from "@conform-to/react";
import { redirect } from "react-router";
import { activityKindSchema } from "../../../services/schemas/schedule.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse } from "../../lib/guards.server.ts";

// What the pages of a program's activity kinds and of its topics share: the "done" notice after a
// redirect, and the action (archive one of the program's own, or add one by its name).

export function doneOf(request: Request): "added" | "archived" | null {
  const done = new URL(request.url).searchParams.get("done");
  return done === "added" || done === "archived" ? done : null;
}

export async function vocabularyAction(
  formData: FormData,
  here: string,
  use: { add: (value: unknown) => Promise<unknown>; archive: (key: string) => Promise<void> },
): Promise<{ result: SubmissionResult<string[]> } | Response> {
  if (formData.get("intent") === "archive") {
    await orResponse(use.archive(String(formData.get("key") ?? "")));
    return redirect(`${here}?done=archived`);
  }
  const result = await formAction(formData, activityKindSchema, async (value) => {
    await use.add(value);
    return redirect(`${here}?done=added`);
  });
  return result instanceof Response ? result : { result };
}
