export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareApp } = await import("./lib/startup");
  try {
    await prepareApp();
  } catch (error) {
    // If register() merely threw, Next would still print "Ready" and answer 500 to everything.
    console.error(`[lotse] start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
