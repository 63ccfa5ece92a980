// Prepares the database that two app instances share in two-instances.spec.ts: emptied,
// migrated, a small org tree, one user per role and a client. Prints what the test needs as JSON.
import { configureDatabase, closeDb } from "../../../db/client";
import { migrateDatabase } from "../../../db/migrate";
import { resetPostgres } from "../../helpers/reset";

const url = process.argv[2];
if (!url) throw new Error("usage: prepare.mts <postgres url>");
await resetPostgres(url);
configureDatabase({ kind: "postgres", url, poolSize: 2 });
await migrateDatabase();
const { makeOrg, makeUser, makeActor, makeClient, TEST_PASSWORD } = await import("../../helpers/factories");
const org = await makeOrg();
const contactPointId = org.contactPoints[0].id;
const adviser = await makeActor("adviser", { unitIds: [contactPointId] });
const client = await makeClient(adviser);
const [adviserEmail, coordinator, admin, victim] = [
  (await makeUser("adviser", { unitIds: [contactPointId] })).email,
  await makeUser("network_coordinator"),
  await makeUser("admin"),
  await makeUser("adviser", { unitIds: [contactPointId] }),
];
const { getDb } = await import("../../../db/client");
const { users } = await import("../../../db/schema");
const { eq } = await import("drizzle-orm");
const [adviserUser] = await (await getDb()).select({ email: users.email }).from(users).where(eq(users.id, adviser.userId));
await closeDb();
process.stdout.write(
  JSON.stringify({
    password: TEST_PASSWORD,
    adviser: adviserUser.email,
    secondAdviser: adviserEmail,
    coordinator: coordinator.email,
    admin: admin.email,
    victim: { id: victim.id, email: victim.email },
    clientId: client.id,
    contactPointId,
  }) + "\n",
);
