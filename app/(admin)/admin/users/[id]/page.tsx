import { serverI18n } from "@/lib/i18n/server";
import { getUser } from "@/lib/users/queries";
import { load } from "@/lib/server";
import { assignmentOptions } from "../options";
import { ActiveToggle, EditUserForm, SetPasswordForm } from "../UserForms";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await load(getUser, { id: (await params).id })).name };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await load(getUser, { id: (await params).id });
  const { regions, units } = await assignmentOptions();
  const { t } = await serverI18n();
  const editable = { ...user, unitIds: user.units.map((u) => u.id) };
  return (
    <section>
      <h1>{user.name}</h1>
      <p>
        {user.email} · {t(`roles.${user.role}`)} · {user.active ? t("users.active") : t("users.inactive")}
      </p>
      <ActiveToggle key={`${user.id}:${user.version}`} user={editable} />
      <div className="grid-2">
        <EditUserForm key={user.id} user={editable} regions={regions} units={units} />
        <SetPasswordForm key={user.id} id={user.id} />
      </div>
    </section>
  );
}
