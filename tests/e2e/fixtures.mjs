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

// The compact text of a flag set of `count` flags with targeting, each about `valueBytes`
// long in its variant; members unsorted, so that a round trip must keep their order.
export function largeFlagSetText(count, valueBytes = 700) {
  const filler = "x".repeat(valueBytes);
  const flags = [];
  for (let i = 0; i < count; i++) {
    flags.push(`"flag-${i}":{"state":"ENABLED","variants":{"on":"${filler}","off":"${i}"},"defaultVariant":"off",` +
      `"targeting":{"if":[{"==":[{"var":"tier"},"gold"]},"on","off"]},"metadata":{"z":${i},"a":"b"}}`);
  }
  return `{"flags":{${flags.join(",")}},"metadata":{"zeta":1,"alpha":2}}`;
}
