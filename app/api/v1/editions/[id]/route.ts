import { editionRoute } from "@/lib/api/routes";

export const dynamic = "force-dynamic";
export const { GET } = editionRoute;
