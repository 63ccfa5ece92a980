/** `npm run docs:figures`: writes docs/figures.md from the figures registry. */
import { writeFileSync } from "node:fs";
import { figuresMarkdown } from "@/lib/figures/definitions-doc";

writeFileSync("docs/figures.md", figuresMarkdown());
console.info("docs/figures.md written");
