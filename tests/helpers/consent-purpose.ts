/** The consent purpose every test database has (tests/helpers/setup.ts puts it in). */
export const TEST_CONSENT_PURPOSE = { id: "c0de0000-0000-4000-8000-000000000001", nameDe: "Beratung und Begleitung", nameEn: "Advice and support", textVersion: "2019-01" } as const;
