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

// One flag of every kind an application meets, for the agreement of the web SDK (bulk) and
// the server SDK (single flags): resolved, default, code default, disabled, failing.
// `type` is the getter the application would call and `fallback` its code default.
export const everyKind = {
  metadata: { team: "agreement", "2": "listed first by JSON.parse" },
  flags: {
    static: { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" },
    "targeting-match": {
      state: "ENABLED",
      variants: { pro: "Thanks for being pro", free: "Go pro" },
      defaultVariant: "free",
      targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "pro", null] },
      metadata: { owner: "growth", zeta: 1, alpha: 2 },
    },
    "targeting-default": {
      state: "ENABLED",
      variants: { few: 10, many: 50 },
      defaultVariant: "few",
      targeting: { if: [{ "==": [{ var: "plan" }, "enterprise"] }, "many", null] },
    },
    "code-default": { state: "ENABLED", variants: { a: 0.25, b: 0.5 }, defaultVariant: null },
    "code-default-targeted": {
      state: "ENABLED",
      variants: { a: "x", b: "y" },
      defaultVariant: null,
      targeting: { if: [{ "==": [{ var: "plan" }, "enterprise"] }, "a", null] },
    },
    disabled: { state: "DISABLED", variants: { on: true, off: false }, defaultVariant: "on" },
    "disabled-code-default": { state: "DISABLED", variants: { a: "x" }, defaultVariant: null },
    "targeting-error": {
      state: "ENABLED",
      variants: { a: true, b: false },
      defaultVariant: "a",
      targeting: { if: [{ throw: "out of cheese" }, "a", "b"] },
    },
    "unknown-variant": {
      state: "ENABLED",
      variants: { a: "x" },
      defaultVariant: "a",
      targeting: { if: [true, "no-such-variant", "a"] },
    },
    "object-value": {
      state: "ENABLED",
      variants: { layout: { zeta: 1, alpha: { y: 2, b: 3 }, 10: "ten", 2: "two" } },
      defaultVariant: "layout",
    },
    rollout: {
      state: "ENABLED",
      variants: { control: "one-page", treatment: "wizard" },
      defaultVariant: "control",
      targeting: { fractional: [["control", 50], ["treatment", 50]] },
    },
  },
};
export const everyKindTypes = {
  static: ["boolean", false],
  "targeting-match": ["string", "?"],
  "targeting-default": ["number", -1],
  "code-default": ["number", -1],
  "code-default-targeted": ["string", "?"],
  disabled: ["boolean", false],
  "disabled-code-default": ["string", "?"],
  "targeting-error": ["boolean", false],
  "unknown-variant": ["string", "?"],
  "object-value": ["object", {}],
  rollout: ["string", "?"],
};
