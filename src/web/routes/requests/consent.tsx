import { getFormProps } from "@conform-to/react";
import { BodyShort, Button, Checkbox, CheckboxGroup, Heading, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { addMonths, format, parseISO } from "date-fns";
import { data, Form, redirect, useNavigation } from "react-router";
import { DEFAULT_CONSENT_MONTHS } from "../../../domain/consent.ts";
import { recordConsent, type UploadedFile } from "../../../services/consents.ts";
import { isoToday } from "../../../services/context.ts";
import { getRequest, memberAuthorities } from "../../../services/requests.ts";
import { consentSchema } from "../../../services/schemas/intake.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { TextArea, TextInput } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { FileInput } from "../../components/requests/FileInput.tsx";
import { personLabel } from "../../components/requests/RequestStatus.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { getTranslator, useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/consent";

// The kinds of file the service accepts (CONSENT_FILE_TYPES; not imported here: that module is server-only).
const FILE_TYPES = "application/pdf,image/jpeg,image/png";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "requests.consent.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const view = await orResponse(getRequest(ctx, params.requestId));
  if (!view.permissions.recordConsent || !view.person) throw data({ reason: "forbidden" }, { status: 403 });
  const authorities: { id: string; name: string }[] = await orResponse(memberAuthorities(ctx, view.programId));
  const today = isoToday(ctx.now());
  // Proposed: the referring authority and those the request says the person is active at.
  const proposed = new Set([view.referringAuthority.id, ...(view.content?.activeAt.map((a) => a.authorityId) ?? [])]);
  return {
    id: view.id,
    programName: view.programName,
    person: { id: view.person.id, reference: view.person.reference, name: view.person.name },
    authorities: authorities.map((a) => ({ id: a.id, name: a.name })),
    defaults: {
      authorityIds: authorities.filter((a) => proposed.has(a.id)).map((a) => a.id),
      purpose: getTranslator(web.locale)("requests.consent.defaultPurpose", { program: view.programName }),
      givenOn: today,
      validUntil: format(addMonths(parseISO(today), DEFAULT_CONSENT_MONTHS), "yyyy-MM-dd"),
      requestId: view.id,
    },
  };
}

async function uploadedFile(entry: FormDataEntryValue | null): Promise<UploadedFile | undefined> {
  if (!(entry instanceof File) || entry.size === 0) return undefined;
  return { name: entry.name, type: entry.type, bytes: new Uint8Array(await entry.arrayBuffer()) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const personId = String(formData.get("personId") ?? "");
  const file = await uploadedFile(formData.get("file"));
  return formAction(
    formData,
    consentSchema,
    async (value) => {
      // The service checks that the reader may record consent for the person and that the request is theirs.
      await recordConsent(ctx, personId, value, file);
      return redirect(`/requests/${params.requestId}?consentSaved=1`);
    },
    { hideFields: ["file"] },
  );
}

export default function RecordConsent({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const { id, person, authorities, defaults } = loaderData;
  const [form, fields] = useSpelForm(consentSchema, actionData, defaults);
  // Not in the schema (the file travels beside it), but the service answers with errors at it.
  const fileField = fields.file!;
  const chosen = fields.authorityIds.initialValue;
  const chosenIds = Array.isArray(chosen) ? chosen.filter((v): v is string => typeof v === "string") : typeof chosen === "string" ? [chosen] : [];
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={`/requests/${id}`}>{t("requests.edit.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("requests.consent.title")}
        </Heading>
        <BodyShort spacing>{t("requests.consent.about", { person: personLabel(t, person), program: loaderData.programName })}</BodyShort>
        <BodyShort>{t("requests.consent.intro")}</BodyShort>
      </div>
      <FormErrorSummary
        form={form}
        fields={{
          authorityIds: fields.authorityIds,
          purpose: fields.purpose,
          givenOn: fields.givenOn,
          validUntil: fields.validUntil,
          method: fields.method,
          file: fileField,
        }}
      />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="requestId" value={id} />
        <input type="hidden" name="personId" value={person.id} />
        <VStack gap="space-24">
          <CheckboxGroup
            id={fields.authorityIds.id}
            legend={t("requests.consent.authoritiesLegend")}
            description={t("requests.consent.authoritiesHelp")}
            error={fieldError(fields.authorityIds)}
            defaultValue={chosenIds}
          >
            {authorities.map((a) => (
              <Checkbox key={a.id} name={fields.authorityIds.name} value={a.id}>
                {a.name}
              </Checkbox>
            ))}
          </CheckboxGroup>
          <TextArea field={fields.purpose} label={t("requests.consent.purpose")} description={t("requests.consent.purposeHelp")} minRows={2} />
          <HStack gap="space-16" wrap>
            <TextInput field={fields.givenOn} label={t("requests.consent.givenOn")} description={t("requests.consent.dateHelp")} htmlSize={12} autoComplete="off" />
            <TextInput field={fields.validUntil} label={t("requests.consent.validUntil")} description={t("requests.consent.validUntilHelp")} htmlSize={12} autoComplete="off" />
          </HStack>
          <RadioGroup
            id={fields.method.id}
            name={fields.method.name}
            defaultValue={fields.method.initialValue}
            error={fieldError(fields.method)}
            legend={t("requests.consent.methodLegend")}
          >
            <Radio value="signed_form" description={t("requests.consent.signedFormHelp")}>
              {t("requests.consent.signedForm")}
            </Radio>
            <Radio value="recorded" description={t("requests.consent.recordedHelp")}>
              {t("requests.consent.recorded")}
            </Radio>
          </RadioGroup>
          <div>
            <FileInput field={fileField} label={t("requests.consent.file")} description={t("requests.consent.fileHelp")} accept={FILE_TYPES} />
            {form.status === "error" ? (
              <BodyShort size="small" textColor="subtle">
                {t("requests.consent.fileAgain")}
              </BodyShort>
            ) : null}
          </div>
          <HStack gap="space-16">
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("requests.consent.submit")}
            </Button>
            <LinkButton to={`/requests/${id}`} variant="tertiary">
              {t("form.cancel")}
            </LinkButton>
          </HStack>
        </VStack>
      </Form>
    </VStack>
  );
}
