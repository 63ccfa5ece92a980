import { editionsRoute } from "@/lib/api/routes";

export const dynamic = "force-dynamic";
export const { GET, POST } = editionsRoute;
