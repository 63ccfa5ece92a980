import { z } from "zod";
import { id } from "@/lib/validation";

export const createTokenSchema = z.object({ userId: id, name: z.string().trim().min(1).max(100) }).strict();
