import { BackLink, UserForm } from "../../components/admin-forms.tsx";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Table, Tag, VStack } from "@navikt/ds-react";
import { Form, redirect } from "react-router";
import { ROLES } from "../../../domain/roles.ts";
import { ValidationError } from "../../../services/errors.ts";
import { apiTokenInputSchema, roleAssignmentInputSchema, userInputSchema } from "../../../services/schemas/user.ts";
import {
  addRoleAssignment,
  createApiTokenFor,
  deleteUser,
  endRoleAssignment,
  getUser,
  resetPassword,
  revokeApiToken,
  roleFormOptions,
  setUserActive,
  updateUser,
} from "../../../services/users.ts";
import { SelectInput, TextInput } from "../../components/fields.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/user";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.user.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const user = await orResponse(getUser(ctx, params.userId));
  const url = new URL(request.url);
  return {
    user,
    options: await orResponse(roleFormOptions(ctx)),
    isSelf: user.id === ctx.actor.user.id,
    done: url.searchParams.get("done"),
  };
}

type ActionData =
  | { intent: string; result: SubmissionResult<string[]> }
  | { intent: string; secret: string }
  | { intent: string; message: string };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const userId = params.userId;
  const done = (what: string) => redirect(`/admin/users/${userId}?done=${what}`);
  const wrap = (intentName: string, result: SubmissionResult<string[]> | Response): ActionData | Response =>
    result instanceof Response ? result : { intent: intentName, result };
  try {
    switch (intent) {
      case "details":
        return wrap(intent, await formAction(formData, userInputSchema, async (v) => (await updateUser(ctx, userId, v), done("saved"))));
      case "addRole":
        return wrap(intent, await formAction(formData, roleAssignmentInputSchema, async (v) => (await addRoleAssignment(ctx, userId, v), done("roleAdded"))));
      case "createToken": {
        const result = await formAction(formData, apiTokenInputSchema, async (v) => createApiTokenFor(ctx, userId, v));
        return "token" in result ? { intent, secret: result.token } : { intent, result };
      }
      case "resetPassword":
        return { intent, secret: (await resetPassword(ctx, userId)).temporaryPassword };
      case "deactivate":
      case "reactivate":
        await setUserActive(ctx, userId, intent === "reactivate");
        return done(intent);
      case "delete":
        await deleteUser(ctx, userId);
        return redirect("/admin/users");
      default:
        if (intent.startsWith("endRole:")) {
          await endRoleAssignment(ctx, userId, intent.slice("endRole:".length));
          return done("roleEnded");
        }
        if (intent.startsWith("revokeToken:")) {
          await revokeApiToken(ctx, userId, intent.slice("revokeToken:".length));
          return done("tokenRevoked");
        }
        return { intent, message: "errors.invalid" };
    }
  } catch (error) {
    if (error instanceof ValidationError) return { intent, message: error.formErrors[0] ?? "errors.invalid" };
    rethrowAsResponse(error);
  }
}

function resultFor(data: ActionData | undefined, intent: string) {
  return data && data.intent === intent && "result" in data ? data.result : null;
}

export default function UserPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { user, options, isSelf, done } = loaderData;
  const data = actionData as ActionData | undefined;
  const secret = data && "secret" in data ? data : null;
  const message = data && "message" in data ? data.message : null;
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to="/admin/users">{t("admin.users")}</BackLink>
        <HStack gap="space-16" align="center">
          <Heading level="1" size="large">
            {user.displayName}
          </Heading>
          <Tag size="small" variant={user.active ? "success" : "neutral"}>
            {user.active ? t("admin.user.active") : t("admin.user.deactivated")}
          </Tag>
        </HStack>
        <BodyShort>{user.homeFederation ? t("admin.user.homeFederation", { name: user.homeFederation.name }) : t("admin.user.noHomeFederation")}</BodyShort>
      </div>
      {done ? <Alert variant="success">{t(`admin.user.done.${done}`)}</Alert> : null}
      {message ? (
        <Alert variant="error" role="alert">
          {t(message)}
        </Alert>
      ) : null}
      {secret ? (
        <Alert variant="warning">
          <VStack gap="space-8">
            <BodyShort>{secret.intent === "createToken" ? t("admin.token.createdHelp") : t("admin.user.resetHelp", { email: user.email })}</BodyShort>
            <BodyShort className="secret">{secret.secret}</BodyShort>
          </VStack>
        </Alert>
      ) : null}

      <DetailsForm user={user} lastResult={resultFor(data, "details")} />

      <section aria-labelledby="user-roles">
        <Heading level="2" size="medium" id="user-roles" spacing>
          {t("admin.user.roles")}
        </Heading>
        {user.assignments.length === 0 ? (
          <BodyShort spacing>{t("admin.user.noRoles")}</BodyShort>
        ) : (
          <div className="table-scroll">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("admin.role.role")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.role.scope")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.role.since")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    <span className="visually-hidden">{t("admin.role.actions")}</span>
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {user.assignments.map((a) => (
                  <Table.Row key={a.id}>
                    <Table.DataCell>{t(`role.${a.role}`)}</Table.DataCell>
                    <Table.DataCell>{a.scopeLabel || t("admin.role.everywhere")}</Table.DataCell>
                    <Table.DataCell>{t.date(new Date(a.createdAt))}</Table.DataCell>
                    <Table.DataCell>
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="intent" value={`endRole:${a.id}`} />
                        <Button type="submit" size="small" variant="secondary">
                          {t("admin.role.end")}
                          <span className="visually-hidden">: {t(`role.${a.role}`)} {a.scopeLabel}</span>
                        </Button>
                      </Form>
                    </Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        <AddRoleForm options={options} lastResult={resultFor(data, "addRole")} />
      </section>

      <section aria-labelledby="user-security" className="form-narrow">
        <Heading level="2" size="medium" id="user-security" spacing>
          {t("admin.user.security")}
        </Heading>
        <VStack gap="space-16">
          <BodyShort>{t.plural("admin.user.sessions", user.activeSessions)}</BodyShort>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="resetPassword" />
            <VStack gap="space-8">
              <BodyShort>{t("admin.user.resetExplain")}</BodyShort>
              <div>
                <Button type="submit" variant="secondary">
                  {t("admin.user.reset")}
                </Button>
              </div>
            </VStack>
          </Form>
          {!isSelf ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
              <VStack gap="space-8">
                <BodyShort>{user.active ? t("admin.user.deactivateExplain") : t("admin.user.reactivateExplain")}</BodyShort>
                <div>
                  <Button type="submit" variant={user.active ? "danger" : "secondary"}>
                    {user.active ? t("admin.user.deactivate") : t("admin.user.reactivate")}
                  </Button>
                </div>
              </VStack>
            </Form>
          ) : null}
          {!isSelf && !user.hasTraces ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="delete" />
              <VStack gap="space-8">
                <BodyShort>{t("admin.user.deleteExplain")}</BodyShort>
                <div>
                  <Button type="submit" variant="danger">
                    {t("admin.user.delete")}
                  </Button>
                </div>
              </VStack>
            </Form>
          ) : null}
        </VStack>
      </section>

      <TokensSection user={user} lastResult={resultFor(data, "createToken")} />
    </VStack>
  );
}

function DetailsForm({ user, lastResult }: { user: Route.ComponentProps["loaderData"]["user"]; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  return (
    <section aria-labelledby="user-details" className="form-narrow">
      <Heading level="2" size="medium" id="user-details" spacing>
        {t("admin.user.details")}
      </Heading>
      <UserForm lastResult={lastResult} defaultValue={{ displayName: user.displayName, email: user.email, locale: user.locale }} submitLabel={t("form.save")} intent="details" />
    </section>
  );
}

function AddRoleForm({ options, lastResult }: { options: Route.ComponentProps["loaderData"]["options"]; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(roleAssignmentInputSchema, lastResult);
  return (
    <div className="form-narrow section-gap">
      <Heading level="3" size="small" spacing>
        {t("admin.role.add")}
      </Heading>
      <BodyShort spacing>{t("admin.role.addHelp")}</BodyShort>
      <FormErrorSummary
        form={form}
        fields={{ role: fields.role, programId: fields.programId, authorityId: fields.authorityId, unitId: fields.unitId, federationId: fields.federationId, personReference: fields.personReference }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="addRole" />
        <VStack gap="space-16">
          <SelectInput field={fields.role} label={t("admin.role.role")}>
            <option value="">{t("form.choose")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </SelectInput>
          <SelectInput field={fields.programId} label={t("admin.role.program")} description={t("admin.role.programHelp")}>
            <option value="">{t("form.none")}</option>
            {options.programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectInput>
          <SelectInput field={fields.authorityId} label={t("admin.role.authority")} description={t("admin.role.authorityHelp")}>
            <option value="">{t("form.none")}</option>
            {options.authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectInput>
          <SelectInput field={fields.unitId} label={t("admin.role.unit")} description={t("admin.role.unitHelp")}>
            <option value="">{t("form.none")}</option>
            {options.authorities
              .filter((a) => a.units.length)
              .map((a) => (
                <optgroup key={a.id} label={a.name}>
                  {a.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </optgroup>
              ))}
          </SelectInput>
          <SelectInput field={fields.federationId} label={t("admin.role.federation")} description={t("admin.role.federationHelp")}>
            <option value="">{t("form.none")}</option>
            {options.federations.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </SelectInput>
          <TextInput field={fields.personReference} label={t("admin.role.person")} description={t("admin.role.personHelp")} htmlSize={12} autoComplete="off" />
          <div>
            <Button type="submit" variant="secondary">
              {t("admin.role.addSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

function TokensSection({ user, lastResult }: { user: Route.ComponentProps["loaderData"]["user"]; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(apiTokenInputSchema, lastResult);
  return (
    <section aria-labelledby="user-tokens">
      <Heading level="2" size="medium" id="user-tokens" spacing>
        {t("admin.token.title")}
      </Heading>
      <BodyShort spacing>{t("admin.token.help")}</BodyShort>
      {user.tokens.length > 0 ? (
        <div className="table-scroll">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("admin.token.name")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("admin.token.prefix")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("admin.token.created")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("admin.token.lastUsed")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">
                  <span className="visually-hidden">{t("admin.role.actions")}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {user.tokens.map((tok) => (
                <Table.Row key={tok.id}>
                  <Table.DataCell>{tok.name}</Table.DataCell>
                  <Table.DataCell>
                    <code>{tok.prefix}…</code>
                  </Table.DataCell>
                  <Table.DataCell>{t.dateTime(new Date(tok.createdAt))}</Table.DataCell>
                  <Table.DataCell>{tok.lastUsedAt ? t.dateTime(new Date(tok.lastUsedAt)) : "–"}</Table.DataCell>
                  <Table.DataCell>
                    {tok.revokedAt ? (
                      <Tag size="small" variant="neutral">
                        {t("admin.token.revoked")}
                      </Tag>
                    ) : (
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="intent" value={`revokeToken:${tok.id}`} />
                        <Button type="submit" size="small" variant="secondary">
                          {t("admin.token.revoke")}
                          <span className="visually-hidden">: {tok.name}</span>
                        </Button>
                      </Form>
                    )}
                  </Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
      <div className="form-narrow">
        <FormErrorSummary form={form} fields={{ name: fields.name }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="createToken" />
          <HStack gap="space-8" align="end">
            <TextInput field={fields.name} label={t("admin.token.newName")} autoComplete="off" />
            <Button type="submit" variant="secondary">
              {t("admin.token.create")}
            </Button>
          </HStack>
        </Form>
      </div>
    </section>
  );
}
