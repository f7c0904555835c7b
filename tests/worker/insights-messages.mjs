// Insights messages as the core's flush writes them (core/insights/insights_message.hpp):
// one line of compact JSON each. `seq` numbers a producer's messages about one project, as the
// flush does (a reader that predates it ignores the member).
const hourMs = 3_600_000;
const hour = Math.floor(1767225600000 / hourMs) * hourMs;

// The producer's `seq`-th message, id "<producer>-<seq>".
export function insightsMessage(producer, seq, project = "queue-test") {
  return JSON.stringify({
    v: 1,
    id: `${producer}-${seq}`,
    projects: [{ project, seq, hours: [{ hour, counts: [["banner", "on", "STATIC", 3], ["banner", null, "ERROR", 1]] }], last: [["banner", hour + 1234]] }],
  });
}

// Not an insights message, each for another reason: the consumer retries it until it is a
// dead letter.
export const malformedMessages = [
  "not json",
  JSON.stringify({ v: 2, id: "future-1", projects: [] }),
  JSON.stringify({ v: 1, id: "off-hour-1", projects: [{ project: "p", seq: 1, hours: [{ hour: hour + 1, counts: [] }], last: [] }] }),
];
