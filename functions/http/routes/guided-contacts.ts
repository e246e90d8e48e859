import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { StaffIdentity } from "../../../shared/identity/index.js";
import * as Scripts from "../../../shared/scripts/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, errors, json, signedIn } from "../schemas.js";

const tags = ["agent"];
const ContactParams = z.object({ contactId: z.string().min(1).max(60) });
const One = json(Scripts.GuidedContactInfo);
const View = z.object({
  contact: Scripts.GuidedContactInfo.optional(),
  tree: Scripts.ScriptTree.optional(),
  version: z.number().optional(),
  tipos: z.array(z.string()).optional(),
  prefill: z
    .object({ tipo: z.string(), motivo: z.string().optional(), by: z.enum(["ivr", "chatbot"]) })
    .optional(),
});

/**
 * The agent's guided contact (seed 001) on a call, chat or query: the reason, the contract's
 * validation, the procedure's steps with back and forward, the exit tag. Each step names where
 * the agent was, so a retry or a second click does not move the contact twice. Agents,
 * supervisors and admins; mounted at `/api/agent/guided`.
 */
export function guidedContactRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime));
  /** Registers one move of the contact (start, validation, escenario, step, back, close): the contact in the path, the agent's input in the body. */
  const move = <T extends z.ZodType>(
    path: string,
    summary: string,
    input: T,
    act: (
      ports: Runtime["ports"],
      staff: StaffIdentity,
      contactId: string,
      body: z.input<T>,
    ) => Promise<Scripts.GuidedContactInfo>,
    description?: string,
  ) =>
    app.openapi(
      createRoute({
        method: "post",
        path: `/{contactId}${path}`,
        tags,
        ...signedIn,
        summary,
        ...(description && { description }),
        request: { params: ContactParams, ...body(input) },
        responses: { 200: One, ...errors(400, 401, 403, 404, 409) },
      }),
      // A route generic in its body loses hono's inferred inputs: read them as validated, by name.
      async (c) => {
        const valid = c.req.valid.bind(c.req) as (target: "param" | "json") => unknown;
        const { contactId } = valid("param") as z.infer<typeof ContactParams>;
        return c.json(await act(ports, c.get("staff"), contactId, valid("json") as z.input<T>), 200);
      },
    );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{contactId}",
      tags,
      ...signedIn,
      summary: "The contact's guided procedure, or what starting one would offer",
      description:
        "Once started: the contact and the tree version it follows. Before: the published tree, the tipos the agent attends (absent for all) and the reason the IVR or chatbot already knows. Empty when no tree is published.",
      request: { params: ContactParams },
      responses: { 200: json(View), ...errors(401, 403, 404) },
    }),
    async (c) =>
      c.json(await Scripts.guidedContactView(ports, c.get("staff"), c.req.valid("param").contactId), 200),
  );

  move(
    "",
    "Start following the contact under its reason (tipo and motivo)",
    Scripts.StartGuidedInput,
    Scripts.startGuidedContact,
    "`409 no_published_tree` with no tree; `400 unknown_reason`; `403 outside_profile` for a tipo the agent's Kardex profile does not list; `409 contact_taken` when another agent follows it.",
  );
  move(
    "/validation",
    "Check the contract data the customer gave against his record",
    Scripts.ValidateContractInput,
    Scripts.validateContract,
    "A mismatch is stored and the contact stays in validation (`validation.checks` says which field); `400 missing_field` when a field the motivo validates is absent.",
  );
  move(
    "/escenario",
    "Name the escenario found: its procedure starts",
    Scripts.ChooseEscenarioInput,
    Scripts.chooseEscenario,
  );
  move(
    "/steps",
    "Answer the step the contact is on and move to the next",
    Scripts.AnswerStepInput,
    Scripts.answerStep,
    "`400 unknown_option` for an answer that is not among the question's options; `400 value_required` / `invalid_value` for a field; `409 step_moved` when the contact is on another step. An action step takes its action (a technical complaint generates a service).",
  );
  move("/back", "Go back to the step before", Scripts.StepBackInput, Scripts.stepBack);
  move(
    "/close",
    "Close the contact with its exit tag",
    Scripts.CloseGuidedInput,
    Scripts.closeGuidedContact,
    "`400 exit_tag_required` without one; `409 exit_tag_mismatch` when the procedure ended at another tag. A call's or query's record closes too.",
  );
  return app;
}
