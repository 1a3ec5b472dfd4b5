import { z } from "zod";

/** What composition accepts as an `@override` label: a name, or `percent(N)`. */
const LABEL = /^(?:[a-zA-Z][a-zA-Z0-9_\-:./]*|percent\((?:\d{1,2}(?:\.\d{1,8})?|100)\))$/;

/**
 * `label` or `label=on` turns the label on for every request, `label=off` off, comma-separated: the
 * operator's switch for a field moved with a labelled `@override` (docs/migration.md). A name label is
 * off unless listed; listing a `percent(N)` label ends its draw, to finish a move early or to roll it
 * back without a new supergraph.
 */
const pinnedLabels = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const pinned = new Map<string, boolean>();
    for (const entry of text.split(",").map((e) => e.trim()).filter((e) => e !== "")) {
      const [label = "", state = "on", ...rest] = entry.split("=").map((part) => part.trim());
      if (!LABEL.test(label) || rest.length > 0 || (state !== "on" && state !== "off")) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not label, label=on or label=off (a label is a name such as modern-billing or percent(N))` });
        return z.NEVER;
      }
      if (pinned.has(label)) {
        ctx.addIssue({ code: "custom", message: `${label} is listed twice` });
        return z.NEVER;
      }
      pinned.set(label, state === "on");
    }
    return pinned as ReadonlyMap<string, boolean>;
  });

export const overrideEnvSchema = z.object({
  /** Override labels pinned on or off for every request; the others: percent(N) drawn per request, names off. */
  GATEWAY_OVERRIDE_LABELS: pinnedLabels,
});
