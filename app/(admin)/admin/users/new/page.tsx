import { serverI18n } from "@/lib/i18n/server";
import { assignmentOptions } from "../options";
import { CreateUserForm } from "../UserForms";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("users.new") };
}

export default async function NewUserPage() {
  const { regions, units } = await assignmentOptions();
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("users.new")}</h1>
      <CreateUserForm regions={regions} units={units} />
    </section>
  );
}
