import { openApiDocument } from "@/lib/api/openapi";

// Public: the document describes the API and holds no data. English unless ?lang=de asks for German.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const locale = new URL(request.url).searchParams.get("lang") === "de" ? "de" : "en";
  return Response.json(openApiDocument(locale), { headers: { "Cache-Control": "public, max-age=300" } });
}
