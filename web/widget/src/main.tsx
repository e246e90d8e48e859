import { render } from "solid-js/web";
import { readPageConfig, withoutFragment } from "../../customer/src/data/page-config.js";
import { pickLanguage } from "../../customer/src/i18n.js";
import { App } from "./app.js";
import { savedLanguage } from "./providers/i18n-provider.js";
import "./styles.css";

const config = readPageConfig(new URL(location.href));
// The host's signed identity has been read; it should not linger in the address bar or history.
if (config.identity) history.replaceState(history.state, "", withoutFragment(new URL(location.href)));
const lang = pickLanguage(config.lang, savedLanguage(), navigator.languages);

render(() => <App config={config} lang={lang} />, document.getElementById("root")!);
