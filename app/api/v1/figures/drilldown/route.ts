import { figuresDrilldownRoute } from "@/lib/api/routes";

export const dynamic = "force-dynamic";
export const { GET } = figuresDrilldownRoute;
