// Insights messages as the core's flush writes them (core/insights/insights_message.hpp):
// one line of compact JSON each.
const hourMs = 3_600_000;
const hour = Math.floor(1767225600000 / hourMs) * hourMs;

export function insightsMessage(id, project = "queue-test") {
  return JSON.stringify({
    v: 1,
    id,
    projects: [{ project, hours: [{ hour, counts: [["banner", "on", "STATIC", 3], ["banner", null, "ERROR", 1]] }], last: [["banner", hour + 1234]] }],
  });
}

// Not an insights message, each for another reason: the consumer retries it until it is a
// dead letter.
export const malformedMessages = [
  "not json",
  JSON.stringify({ v: 2, id: "future-1", projects: [] }),
  JSON.stringify({ v: 1, id: "off-hour-1", projects: [{ project: "p", hours: [{ hour: hour + 1, counts: [] }], last: [] }] }),
];
