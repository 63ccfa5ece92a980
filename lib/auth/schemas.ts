import { z } from "zod";

/** Only the shape is checked here; the password rules apply when a password is set, not at login. */
export const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

/** Rules for a new password (stricter rules and a common-password list belong here too). */
export const passwordSchema = z.string().min(12).max(128);
