import { redirect } from "next/navigation";
import { OPENAPI_PATH, openApiDocument, type ApiOperation, type Method } from "@/lib/api/openapi";
import { currentActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { serverI18n } from "@/lib/i18n/server";
import { Endpoint } from "./Endpoint";
import { exampleBody } from "./schema-view";
import styles from "./api-docs.module.css";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("api.docs.title") };
}

const METHODS: Method[] = ["get", "post", "put", "patch", "delete"];
const STATUSES = ["200", "201", "401", "403", "404", "409", "413", "422", "503"];

export default async function ApiDocsPage() {
  if (!(await currentActor())) redirect("/login?callbackUrl=/api-docs");
  const { t, locale } = await serverI18n();
  const doc = openApiDocument(locale);

  const endpoints = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as ApiOperation })),
  );
  const groups = doc.tags.map((tag) => ({ tag, endpoints: endpoints.filter((e) => e.op.tags.includes(tag.name)) }));
  const sections = [
    ["auth", t("api.docs.authTitle")],
    ["idempotency", t("api.docs.idempotencyTitle")],
    ["versions", t("api.docs.versionsTitle")],
    ["errors", t("api.docs.errorsTitle")],
    ["paging", t("api.docs.pagingTitle")],
    ["example", t("api.docs.exampleTitle")],
    ["endpoints", t("api.docs.endpointsTitle")],
  ];

  // The example is the first record kind's create, with the values its schema asks for.
  const example = endpoints.find((e) => e.method === "post" && e.path !== "/api/v1/clients") ?? endpoints[0];
  const exampleSchema = example.op.requestBody?.content["application/json"].schema;
  const body = exampleSchema ? JSON.stringify(exampleBody(doc, exampleSchema), null, 2) : "{}";
  const origin = env().publicUrl;
  const curl = [
    `curl -X POST ${origin}${example.path} \\`,
    `  -H "Authorization: Bearer lotse_…" \\`,
    `  -H "Idempotency-Key: 6f0e2b8c-3d1a-4c55-9e0b-7a1f2d3c4b5a" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Accept-Language: ${locale}" \\`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join("\n");
  const errorExample = JSON.stringify({ error: { kind: "validation", fieldErrors: { occurredOn: [t("errors.date")] } } }, null, 2);

  return (
    <article>
      <h1>{t("api.docs.title")}</h1>
      <p>{t("api.docs.intro")}</p>
      <p>
        <a href={OPENAPI_PATH}>{t("api.docs.download")}</a> (<code>{OPENAPI_PATH}</code>)
      </p>

      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">{t("api.docs.contents")}</h2>
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
              {id === "endpoints" && (
                <ul>
                  {groups.map(({ tag }) => (
                    <li key={tag["x-lotse-resource"]}>
                      <a href={`#resource-${tag["x-lotse-resource"]}`}>{tag.name}</a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </nav>

      <h2 id="auth">{t("api.docs.authTitle")}</h2>
      <p>{t("api.docs.authToken")}</p>
      <p>{t("api.docs.authHeader")}</p>
      <pre className={styles.code} tabIndex={0}>
        <code>Authorization: Bearer lotse_…</code>
      </pre>
      <p>{t("api.docs.authSession")}</p>

      <h2 id="idempotency">{t("api.docs.idempotencyTitle")}</h2>
      <p>{t("api.docs.idempotencyText")}</p>

      <h2 id="versions">{t("api.docs.versionsTitle")}</h2>
      <p>{t("api.docs.versionsText")}</p>

      <h2 id="errors">{t("api.docs.errorsTitle")}</h2>
      <p>{t("api.docs.errorsText")}</p>
      <pre className={styles.code} tabIndex={0}>
        <code>{errorExample}</code>
      </pre>
      <TableScroll>
        <table>
          <caption>{t("api.docs.statusTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("api.docs.columns.status")}</th>
              <th scope="col">{t("api.docs.columns.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {STATUSES.map((status) => (
              <tr key={status}>
                <th scope="row">
                  <code>{status}</code>
                </th>
                <td>{t(`api.responses.${status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2 id="paging">{t("api.docs.pagingTitle")}</h2>
      <p>{t("api.docs.pagingText")}</p>

      <h2 id="example">{t("api.docs.exampleTitle")}</h2>
      <p>{example.op.summary}</p>
      <pre className={styles.code} tabIndex={0}>
        <code>{curl}</code>
      </pre>

      <h2 id="endpoints">{t("api.docs.endpointsTitle")}</h2>
      {groups.map(({ tag, endpoints: items }) => (
        <section key={tag["x-lotse-resource"]} aria-labelledby={`resource-${tag["x-lotse-resource"]}`}>
          <h3 id={`resource-${tag["x-lotse-resource"]}`}>{tag.name}</h3>
          {items.map((e) => (
            <Endpoint key={`${e.method} ${e.path}`} t={t} doc={doc} path={e.path} method={e.method} op={e.op} />
          ))}
        </section>
      ))}
    </article>
  );
}
