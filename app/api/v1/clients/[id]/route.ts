import { clientRoute } from "@/lib/api/routes";

export const dynamic = "force-dynamic";
export const { GET, PUT } = clientRoute;
