/** `npm run docs:kinds`: writes docs/record-kinds.md from the record kinds, the client schema and the roles. */
import { mkdirSync, writeFileSync } from "node:fs";
import { recordKindsMarkdown } from "@/lib/records/kinds-doc";

mkdirSync("docs", { recursive: true });
writeFileSync("docs/record-kinds.md", recordKindsMarkdown());
console.info("docs/record-kinds.md written");
