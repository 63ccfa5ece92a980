import { createSerwistRoute } from "@serwist/turbopack";

// The service worker and its source map, bundled from app/sw.ts with esbuild at `next build`.
// The precache list is the build's static files; public/ holds nothing worth keeping offline.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  useNativeEsbuild: true,
  globPatterns: [".next/static/**/*.{js,css,woff2}"],
});
