import { clientRoute } from "@/app/api/_http/routes";

export const dynamic = "force-dynamic";
export const { GET, PUT, PATCH } = clientRoute;
