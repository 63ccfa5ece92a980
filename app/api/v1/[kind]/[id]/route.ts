import { recordRoute } from "@/app/api/_http/routes";

export const dynamic = "force-dynamic";
export const { GET, PUT, PATCH, DELETE } = recordRoute;
