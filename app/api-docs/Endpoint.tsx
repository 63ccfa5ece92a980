import type { ApiOperation, ApiResponse, Method, OpenApiDocument } from "@/lib/api/openapi";
import type { Translate } from "@/lib/i18n/translate";
import { bodyRows, parameterRows, type Constraint, type FieldRow } from "./schema-view";
import styles from "./api-docs.module.css";

function constraintText(t: Translate, c: Constraint): string {
  const { key, ...values } = c;
  return t(`api.docs.constraints.${key}`, values);
}

function Notes({ t, row }: { t: Translate; row: FieldRow }) {
  const parts = [row.description, ...row.constraints.map((c) => constraintText(t, c))].filter(Boolean);
  return <>{parts.join(" · ")}</>;
}

function Values({ values }: { values: string[] }) {
  if (!values.length) return null;
  return (
    <ul className={styles.values}>
      {values.map((v) => (
        <li key={v}>
          <code>{v}</code>
        </li>
      ))}
    </ul>
  );
}

function FieldTable({ t, caption, rows, withPlace }: { t: Translate; caption: string; rows: (FieldRow & { in?: string })[]; withPlace?: boolean }) {
  return (
    <div className={styles.scroll} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("api.docs.columns.name")}</th>
            {withPlace && <th scope="col">{t("api.docs.columns.in")}</th>}
            <th scope="col">{t("api.docs.columns.type")}</th>
            <th scope="col">{t("api.docs.columns.required")}</th>
            <th scope="col">{t("api.docs.columns.values")}</th>
            <th scope="col">{t("api.docs.columns.notes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.in ?? "body"}:${row.name}`}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              {withPlace && <td>{t(`api.docs.in.${row.in}`)}</td>}
              <td>
                <code>{row.type}</code>
              </td>
              <td>{row.required ? t("api.docs.yes") : t("api.docs.no")}</td>
              <td>
                <Values values={row.values} />
              </td>
              <td>
                <Notes t={t} row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function responseText(doc: OpenApiDocument, response: ApiResponse): string {
  if ("$ref" in response) {
    const target = doc.components.responses[response.$ref.replace("#/components/responses/", "")];
    return target && "description" in target ? target.description : "";
  }
  return response.description;
}

/** One endpoint: method, path, what it does, and its parameters, body fields and answers, all read from the document. */
export function Endpoint({ t, doc, path, method, op }: { t: Translate; doc: OpenApiDocument; path: string; method: Method; op: ApiOperation }) {
  const body = op.requestBody?.content["application/json"].schema;
  return (
    <section className={styles.endpoint} aria-labelledby={op.operationId}>
      <h4 id={op.operationId}>
        <span className={`${styles.method} ${styles[method]}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h4>
      <p>
        <strong>{op.summary}.</strong> {op.description}
      </p>
      {op.security?.length === 0 && <p className="muted">{t("api.docs.noAuth")}</p>}
      {op.parameters && op.parameters.length > 0 && <FieldTable t={t} caption={t("api.docs.parameters")} rows={parameterRows(op.parameters)} withPlace />}
      {body && <FieldTable t={t} caption={t("api.docs.body")} rows={bodyRows(doc, body)} />}
      <h5>{t("api.docs.responses")}</h5>
      <dl className={styles.responses}>
        {Object.entries(op.responses).map(([status, response]) => (
          <div key={status}>
            <dt>
              <code>{status}</code>
            </dt>
            <dd>{responseText(doc, response)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
