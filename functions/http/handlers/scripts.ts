import { mountScriptsApi } from "../apis/scripts-api.js";
import { lambdaApp } from "../lambda-app.js";

export const handler = await lambdaApp(mountScriptsApi);
