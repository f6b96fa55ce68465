import type { FieldMetadata } from "@conform-to/react";
import { Checkbox, CheckboxGroup, VStack } from "@navikt/ds-react";
import type { AttendeeCandidate } from "../../../services/followups.ts";
import { useFieldError } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { TextInput } from "../fields.tsx";
import { candidateLabel } from "./labels.ts";

type Field = Pick<FieldMetadata<unknown>, "id" | "name" | "initialValue" | "errors">;

/** What the form shows checked: what was sent (after a refused submit), else the proposal. */
export function chosen(field: Field, submitted: boolean, proposal: readonly string[]): string[] {
  const value = field.initialValue;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return [value];
  return submitted ? [] : [...proposal];
}

/** Who takes part: the participant, the coordinator, the referring officer, the network; others by name. */
export function AttendeeFields({
  field,
  othersField,
  candidates,
  person,
  legend,
  description,
  defaultValue,
}: {
  field: Field;
  othersField: Field;
  candidates: readonly AttendeeCandidate[];
  person: string;
  legend: string;
  description?: string | undefined;
  defaultValue: string[];
}) {
  const t = useT();
  const fieldError = useFieldError();
  return (
    <VStack gap="space-16">
      <CheckboxGroup id={field.id} legend={legend} description={description} error={fieldError(field)} defaultValue={defaultValue}>
        {candidates.map((c) => {
          const { label, description: detail } = candidateLabel(t, c, person);
          return (
            <Checkbox key={c.value} name={field.name} value={c.value} description={detail}>
              {label}
            </Checkbox>
          );
        })}
      </CheckboxGroup>
      <TextInput field={othersField} label={t("attendee.others")} description={t("attendee.othersHelp")} autoComplete="off" />
    </VStack>
  );
}
