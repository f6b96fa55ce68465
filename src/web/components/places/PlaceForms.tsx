import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Button, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { endPlacementSchema } from "../../../services/schemas/places.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { TextArea } from "../fields.tsx";

/** What the program page's action answers when a form on it is refused (the page shows it at that form). */
export type PlacesActionData =
  | { intent: "move"; placementId: string; formErrors: string[] }
  | { intent: "end"; placementId: string; result: SubmissionResult<string[]> };

/** One button: into the ordinary group. Disabled (with the reason beside it) while no place is free. */
export function MoveForm({ placementId, person, primary, disabled, describedBy }: { placementId: string; person: string; primary: boolean; disabled: boolean; describedBy?: string | undefined }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("placementId") === placementId && navigation.formData?.get("intent") === "move";
  return (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="placementId" value={placementId} />
      <Button type="submit" size="small" variant={primary ? "primary" : "secondary"} disabled={disabled} aria-describedby={disabled ? describedBy : undefined} loading={busy}>
        {t("places.move")}
        <span className="visually-hidden"> ({person})</span>
      </Button>
    </Form>
  );
}

/**
 * Ending a place before enrolment (the person declined, moved away...): behind a disclosure, with the reason
 * required. It opens by itself when the server refused it, so the message is where the reader looks.
 */
export function EndPlacementForm({ placementId, person, lastResult }: { placementId: string; person: string; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(endPlacementSchema, lastResult);
  const refused = lastResult !== null && lastResult.status === "error";
  return (
    <details open={refused || undefined} style={{ marginTop: "0.5rem" }}>
      <summary style={{ cursor: "pointer", padding: "0.25rem 0" }}>
        {t("places.end.open")}
        <span className="visually-hidden"> ({person})</span>
      </summary>
      <div style={{ minWidth: "16rem", paddingTop: "0.5rem" }}>
        <FormErrorSummary form={form} fields={{ reason: fields.reason }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="end" />
          <input type="hidden" name="placementId" value={placementId} />
          <VStack gap="space-8">
            <TextArea
              field={fields.reason}
              label={
                <>
                  {t("places.end.reason")}
                  <span className="visually-hidden"> ({person})</span>
                </>
              }
              description={t("places.end.reasonHelp")}
              minRows={2}
              size="small"
            />
            <div>
              <Button type="submit" size="small" variant="danger">
                {t("places.end.submit")}
                <span className="visually-hidden"> ({person})</span>
              </Button>
            </div>
          </VStack>
        </Form>
      </div>
    </details>
  );
}
