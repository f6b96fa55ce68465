import { z } from "zod";
import { requiredText } from "./common.ts";

// Places in the groups: ending a place before enrolment needs a reason (the person declined, moved away...).
export const endPlacementSchema = z.object({ reason: requiredText(500) }, { error: "errors.invalid" });
