// The flag set the OpenFeature SDK scenarios publish, and the reference answer for it:
// @openfeature/flagd-core in interpreter mode, the evaluator Flagport follows.
import { FlagdCore } from "@openfeature/flagd-core";

export const sdkFlags = {
  metadata: { team: "storefront" },
  flags: {
    "dark-mode": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: { if: [{ ends_with: [{ var: "email" }, "@example.com"] }, "on", null] },
      metadata: { owner: "ui" },
    },
    greeting: { state: "ENABLED", variants: { casual: "Hey", formal: "Good day" }, defaultVariant: "casual" },
    "page-size": { state: "ENABLED", variants: { few: 10, many: 50 }, defaultVariant: "few" },
    "discount-rate": { state: "ENABLED", variants: { none: 0, some: 0.125 }, defaultVariant: "some" },
    layout: {
      state: "ENABLED",
      variants: { grid: { columns: 3, dense: false, sections: ["hero", "deals"] }, list: { columns: 1 } },
      defaultVariant: "grid",
    },
    "plan-banner": {
      state: "ENABLED",
      variants: { upsell: "Go pro", thanks: "Thanks for being pro" },
      defaultVariant: "upsell",
      targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "thanks", null] },
    },
    "checkout-flow": {
      state: "ENABLED",
      variants: { control: "one-page", "treatment-a": "two-step", "treatment-b": "wizard" },
      defaultVariant: "control",
      targeting: { fractional: [["control", 34], ["treatment-a", 33], ["treatment-b", 33]] },
    },
    "legacy-search": { state: "DISABLED", variants: { on: true, off: false }, defaultVariant: "on" },
  },
};

// The same set after a publish that changes one flag's answer: greeting turns formal.
export const sdkFlagsRepublished = {
  ...sdkFlags,
  flags: { ...sdkFlags.flags, greeting: { ...sdkFlags.flags.greeting, defaultVariant: "formal" } },
};

const silent = { error() {}, warn() {}, info() {}, debug() {} };
const reference = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: true });
reference.setConfigurations(JSON.stringify(sdkFlags));

// flagd-core's value and variant for a string flag in a context.
export function referenceString(flagKey, context) {
  const { value, variant, reason } = reference.resolveStringEvaluation(flagKey, "", context, silent);
  return { value, variant, reason };
}
