import { render } from "solid-js/web";
import { readPageConfig, withoutFragment } from "../../widget/src/data/page-config.js";
import { App } from "./app.js";
import { pickLanguage } from "./i18n.js";
import { savedLanguage } from "./providers/i18n-provider.js";
import "./styles.css";

// The host site links here as it embeds the widget: `/portal?tenant=…#customerId=…&signature=…`.
const config = readPageConfig(new URL(location.href));
// The host's signed identity has been read; it should not linger in the address bar or history.
if (config.identity) history.replaceState(history.state, "", withoutFragment(new URL(location.href)));
const lang = pickLanguage(config.lang, savedLanguage(), navigator.languages);

render(() => <App config={config} lang={lang} />, document.getElementById("root")!);
