import { Button, HStack } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { useT } from "../lib/i18n.ts";
import { LinkButton } from "./LinkButton.tsx";

/** A form's submit button and, when `cancelTo` is given, the link back without saving. */
export function FormButtons({ submitLabel, cancelTo, loading }: { submitLabel: ReactNode; cancelTo?: string | undefined; loading?: boolean | undefined }) {
  const t = useT();
  return (
    <HStack gap="space-16">
      <Button type="submit" loading={loading}>
        {submitLabel}
      </Button>
      {cancelTo ? (
        <LinkButton to={cancelTo} variant="tertiary">
          {t("form.cancel")}
        </LinkButton>
      ) : null}
    </HStack>
  );
}
