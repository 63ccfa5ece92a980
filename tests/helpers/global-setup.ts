import { resetPostgres } from "./reset";

export default async function setup() {
  if (process.env.TEST_DATABASE_URL) await resetPostgres(process.env.TEST_DATABASE_URL);
}
