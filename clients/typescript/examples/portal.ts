// How the creator portal uses the client: log in, load the overview, and answer the
// soonest upcoming event. Type-checked by `npm run typecheck`, so a change to any of these
// endpoints or schemas in the document breaks the check.
import { createExclusiveTalentClient, type Schema } from "../src/client";

type Answer = { accept: true; notes?: string } | { accept: false; reason?: string };

export async function answerNextEvent(
  baseUrl: string,
  email: string,
  password: string,
  answer: Answer,
): Promise<Schema<"creator.EventView"> | undefined> {
  // POST /api/auth/login needs no token.
  const anonymous = createExclusiveTalentClient(baseUrl);
  const login = await anonymous.POST("/api/auth/login", { body: { email, password } });
  if (login.error) {
    throw new Error(`login failed: ${login.response.status} ${login.error.title}: ${login.error.detail}`);
  }
  const { token, user } = login.data;

  // Every other call carries the bearer token.
  const api = createExclusiveTalentClient(baseUrl, token);
  const overview = await api.GET("/api/creator/overview");
  if (overview.error) {
    throw new Error(`overview failed: ${overview.error.title}: ${overview.error.detail}`);
  }
  if (overview.response.status === 304 || !overview.data) {
    return undefined; // only with If-None-Match, which this example does not send
  }
  if (overview.data.degraded.length > 0) {
    console.warn(`overview sections unavailable: ${overview.data.degraded.join(", ")}`);
  }
  const event = overview.data.events.upcoming[0];
  if (!event) {
    console.log(`${user.name} has no upcoming events`);
    return undefined;
  }
  console.log(`${event.eventName} (${event.eventType}) at ${event.startAt}: ${event.status}`);

  // Bodies are annotated with their schema: openapi-fetch infers its options generically, so an
  // inline object literal would escape TypeScript's excess-property check on a renamed field.
  const params = { path: { id: event.id } };
  let answered;
  if (answer.accept) {
    const body: Schema<"AcceptBody"> = { notes: answer.notes ?? null };
    answered = await api.POST("/api/creator/events/{id}/accept", { params, body });
  } else {
    const body: Schema<"DeclineBody"> = { reason: answer.reason ?? null };
    answered = await api.POST("/api/creator/events/{id}/decline", { params, body });
  }
  if (answered.error) {
    throw new Error(`answering ${event.id} failed: ${answered.error.title}: ${answered.error.detail}`);
  }
  return answered.data;
}
