// Flag sets the suites publish.
export const flagSet = (defaultVariant = "off") => ({
  $schema: "https://flagd.dev/schema/v0/flags.json",
  metadata: { team: "checkout" },
  flags: {
    "new-checkout": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant,
      targeting: { if: [{ "==": [{ var: "tier" }, "gold"] }, "on", null] },
      metadata: { owner: "team-a" },
    },
    banner: { state: "DISABLED", variants: { blue: "#00f", red: "#f00" }, defaultVariant: "blue" },
    "unicode-\u00e9t\u00e9": { state: "ENABLED", variants: { x: { nested: [1, 2.5, "\u2603"] } }, defaultVariant: "x" },
  },
});

// A flag set just under the documented 256 KiB limit, serialized compactly.
export function largeFlagSet(maxBytes = 256 * 1024) {
  const doc = { flags: {} };
  const filler = "x".repeat(900);
  for (let i = 0; ; i++) {
    const key = `flag-${String(i).padStart(4, "0")}`;
    doc.flags[key] = { state: "ENABLED", variants: { v: filler }, defaultVariant: "v" };
    if (JSON.stringify(doc).length > maxBytes - 200) {
      delete doc.flags[key];
      return doc;
    }
  }
}
