import { mountStaffApi } from "../apis/staff-api.js";
import { lambdaApp } from "../lambda-app.js";

export const handler = await lambdaApp(mountStaffApi);
