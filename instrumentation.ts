export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareAppOrExit } = await import("./lib/startup");
  await prepareAppOrExit();
}
