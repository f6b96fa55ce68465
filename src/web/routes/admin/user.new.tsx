import { BackLink, UserForm } from "../../components/admin-forms.tsx";
import { Alert, BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { assertMayManageUsers, createUser } from "../../../services/users.ts";
import { userInputSchema } from "../../../services/schemas/user.ts";
import { formAction } from "../../lib/actions.server.ts";
import { requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/user.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.user.new");

export function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // The question createUser asks.
  try {
    assertMayManageUsers(ctx);
  } catch (error) {
    rethrowAsResponse(error);
  }
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  return formAction(await request.formData(), userInputSchema, async (value) => {
    const created = await createUser(ctx, value);
    // The one-time password is shown once, on this response; it is never stored in clear.
    return { created: { ...created, email: value.email } };
  });
}

export default function NewUser({ actionData }: Route.ComponentProps) {
  const t = useT();
  const created = actionData && "created" in actionData ? actionData.created : null;
  if (created) {
    return (
      <VStack gap="space-24" className="form-narrow">
        <Heading level="1" size="large">
          {t("admin.user.created")}
        </Heading>
        <Alert variant="success">
          <VStack gap="space-8">
            <BodyShort>{t("admin.user.createdHelp", { email: created.email })}</BodyShort>
            <BodyShort className="secret">{created.temporaryPassword}</BodyShort>
          </VStack>
        </Alert>
        <BodyShort>
          <AkselLink as={Link} to={`/admin/users/${created.id}`}>
            {t("admin.user.continueToRoles")}
          </AkselLink>
        </BodyShort>
      </VStack>
    );
  }
  return (
    <VStack gap="space-24" className="form-narrow">
      <div>
        <BackLink to="/admin/users">{t("admin.users")}</BackLink>
        <Heading level="1" size="large">
          {t("admin.user.new")}
        </Heading>
      </div>
      <UserForm lastResult={created ? null : (actionData as never)} defaultValue={{ locale: "sv" }} submitLabel={t("admin.user.create")} cancelTo="/admin/users" />
    </VStack>
  );
}
