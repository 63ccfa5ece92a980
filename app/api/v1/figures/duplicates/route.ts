import { duplicateCountsRoute } from "@/app/api/_http/routes";

export const dynamic = "force-dynamic";
export const { GET } = duplicateCountsRoute;
