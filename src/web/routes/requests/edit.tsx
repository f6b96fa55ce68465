import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Heading, VStack } from "@navikt/ds-react";
import { data, redirect } from "react-router";
import { getRequest, memberAuthorities, updateDraft } from "../../../services/requests.ts";
import { missingForSubmit, requestDraftSchema } from "../../../services/schemas/request.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { draftDefaults, RequestDraftForm } from "../../components/requests/RequestDraftForm.tsx";
import { personLabel } from "../../components/requests/RequestStatus.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/edit";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "requests.edit.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(getRequest(ctx, params.requestId));
  if (!view.permissions.edit) throw data({ reason: "forbidden" }, { status: 403 });
  const authorities: { id: string; name: string }[] = await orResponse(memberAuthorities(ctx, view.programId));
  const url = new URL(request.url);
  const defaults = view.content ? draftDefaults(view.content, authorities, view.version) : null;
  // Coming from a refused submit: what is still missing, shown at the fields.
  let check: SubmissionResult<string[]> | null = null;
  if (url.searchParams.has("check") && view.content && defaults) {
    const missing = missingForSubmit(view.content);
    if (Object.keys(missing).length > 0) {
      check = { status: "error", initialValue: defaults as never, error: missing, state: { validated: Object.fromEntries(Object.keys(missing).map((k) => [k, true])) } };
    }
  }
  return {
    id: view.id,
    programName: view.programName,
    person: view.person ? { reference: view.person.reference, name: view.person.name } : null,
    authorities: authorities.map((a) => ({ id: a.id, name: a.name })),
    defaults,
    check,
    saved: url.searchParams.has("saved"),
    created: url.searchParams.has("created"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const next = formData.get("intent") === "continue" ? `/requests/${params.requestId}?saved=1` : `/requests/${params.requestId}/edit?saved=1`;
  return formAction(formData, requestDraftSchema, async (value) => {
    await updateDraft(ctx, params.requestId, value);
    return redirect(next);
  });
}

export default function EditRequest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { id, person, defaults } = loaderData;
  return (
    <VStack gap="space-24">
      {loaderData.created && !actionData ? <Alert variant="success">{t("requests.edit.created")}</Alert> : null}
      {loaderData.saved && !actionData ? <Alert variant="success">{t("requests.edit.saved")}</Alert> : null}
      <div>
        <BackLink to={`/requests/${id}`}>{t("requests.edit.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("requests.edit.title")}
        </Heading>
        <BodyShort spacing>
          {person ? t("requests.edit.about", { person: personLabel(t, person), program: loaderData.programName }) : loaderData.programName}
        </BodyShort>
        <BodyShort>{t("requests.edit.intro")}</BodyShort>
      </div>
      {defaults ? (
        // A new version after a save: a fresh form (the hidden version and the saved values).
        <RequestDraftForm key={defaults.version} lastResult={actionData ?? loaderData.check} defaultValue={defaults} authorities={loaderData.authorities} cancelTo={`/requests/${id}`} />
      ) : (
        <Alert variant="info">{t("requests.view.contentHidden")}</Alert>
      )}
    </VStack>
  );
}
