import type { MetadataRoute } from "next";

/** Makes the app installable (README, "Offline use"): it opens on the advice-session form, which works offline. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Lotse",
    short_name: "Lotse",
    description: "Fallbegleitung und Netzwerkzahlen für Beratungsstellen",
    lang: "de",
    start_url: "/cases/records/advice-sessions/new",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0b5c8e",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  };
}
